/** `clustersim report DIR`: one self-contained HTML page from a run, sweep or compare folder. */
import type { CommandModule } from 'yargs';
import { UserError } from '../../messages.js';
import { reportMsg } from '../../report/messages.js';

export interface ReportArgs {
  dir: string;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <dir>',
  describe: 'Write DIR/report.html: charts (interactive), scenario description, manifest and final metrics; opens from disk with no network',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: "Output folder of 'run', 'sweep' or 'compare'" })
      .example('$0 report out/default', 'report of a run')
      .example('$0 report out/sweeps/spillover', 'report of a sweep: heatmaps, parameter lines, sensitivity')
      .example('$0 report out/compare/policies', 'report of a comparison: scenarios side by side'),
  handler: async ({ dir }) => {
    const { writeReport } = await import('../../report/index.js');
    try {
      console.log(reportMsg.reportWritten(await writeReport(dir)));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      console.error(e.message);
      process.exitCode = 1;
    }
  },
};
