/** `clustersim precision DIR`: replicates each outcome needs for a confidence interval of ±rel of its mean. */
import type { CommandModule } from 'yargs';
import { UserError } from '../../messages.js';

export interface PrecisionArgs {
  dir: string;
  metrics?: string;
  rel: number;
  out?: string;
}

export const precisionCommand: CommandModule<object, PrecisionArgs> = {
  command: 'precision <dir>',
  describe: "Replicates each metric of a sweep needs, per design point at its last kept step, for a 95 % confidence interval of ±rel of the mean: n = (1.96 s / (rel mean))^2",
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: "Folder of a finished 'clustersim sweep' (the pilot)" })
      .option('metrics', { alias: 'm', type: 'string', describe: 'Comma-separated metrics (default: every kept metric)' })
      .option('rel', { type: 'number', default: 0.05, describe: 'Half-width of the interval as a share of the mean' })
      .option('out', { type: 'string', describe: 'Output folder (default: DIR/precision)' })
      .example('$0 precision out/validation/replicates-default', 'replicates for ±5 % of each outcome'),
  handler: async (a) => {
    if (!(a.rel > 0 && a.rel < 1)) throw new UserError(`--rel: expected a number between 0 and 1, found '${a.rel}'.`);
    const { precisionCheck, formatPrecision } = await import('../../sweep/validation.js');
    const r = precisionCheck({ dir: a.dir, metrics: a.metrics?.split(',').filter(Boolean), rel: a.rel, out: a.out });
    console.log(formatPrecision(r));
    console.log(`Table in ${r.outDir}/precision.csv.`);
  },
};
