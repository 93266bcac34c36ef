/** `clustersim validate FILE...`: check scenario files without running them. */
import type { CommandModule } from 'yargs';
import { formatIssues, msg } from '../../messages.js';

export const validateCommand: CommandModule<object, { files: string[] }> = {
  command: 'validate <files..>',
  describe: 'Check scenario files: fields, types, ranges, references, expressions',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Scenario files (.yaml, .yml, .json)' })
      .example('$0 validate scenarios/*.yaml', 'check every shipped scenario'),
  handler: async ({ files }) => {
    const { loadScenarioWithIssues } = await import('../../io/scenario-file.js');
    let bad = 0;
    for (const f of files) {
      const { scenario, issues } = await loadScenarioWithIssues(f);
      if (scenario) console.log(msg.validOk(f));
      else {
        bad++;
        console.error(`${f}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${formatIssues(issues)}`);
      }
    }
    if (bad) process.exitCode = 1;
  },
};
