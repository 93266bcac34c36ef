/**
 * `clustersim validate FILE...`: check scenario and experiment files without running them.
 * Every file is checked, whatever the earlier ones gave, and a summary line ends the output.
 * An experiment file (one with a top-level `scenario:` and no `populations:`) is checked
 * with its base scenario and every design point, as `sweep` would before its first run.
 */
import type { CommandModule } from 'yargs';
import { UserError, formatIssues, msg } from '../../messages.js';
import type { LimitOptions } from '../../scenario/limits.js';
import { maxAgentsArg, maxAgentsOption } from '../limit-options.js';

export interface ValidateArgs {
  files: string[];
  'max-agents'?: number;
}

/** Checks one file; returns the message to print and whether it is valid. */
async function check(file: string, limits: LimitOptions): Promise<{ ok: boolean; text: string; warnings?: string }> {
  const [{ loadScenarioWithIssues }, { isExperimentFile }] = await Promise.all([import('../../io/scenario-file.js'), import('../../sweep/load.js')]);
  try {
    if (isExperimentFile(file)) {
      const { loadExperimentFile } = await import('../../sweep/load.js');
      const { plan } = await loadExperimentFile(file, limits);
      return { ok: true, text: `${msg.validOk(file)} (experiment: ${plan.points.length} design point(s) x ${plan.replicates} replicate(s) = ${plan.runCount} runs)` };
    }
    const { scenario, issues, warnings } = await loadScenarioWithIssues(file, limits);
    const warned = warnings.length > 0 ? msg.warnings(file, formatIssues(warnings)) : undefined;
    if (scenario) return { ok: true, text: msg.validOk(file), warnings: warned };
    return { ok: false, text: `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${formatIssues(issues)}`, warnings: warned };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, text: e.message };
    throw e;
  }
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Check scenario and experiment files: fields, types, ranges, references, expressions, limits; warn when an extends drops list entries',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Scenario or experiment files (.yaml, .yml, .json)' })
      .option('max-agents', maxAgentsOption)
      .example('$0 validate scenarios/*.yaml', 'check every shipped scenario')
      .example('$0 validate experiments/*.yaml', 'check experiments: their scenario and every design point'),
  handler: async (args) => {
    const files = args.files.map(String);
    const limits = { maxAgents: maxAgentsArg(args['max-agents']) };
    let bad = 0;
    for (const f of files) {
      const { ok, text, warnings } = await check(f, limits);
      if (warnings) console.error(warnings);
      if (ok) console.log(text);
      else {
        bad++;
        console.error(text);
      }
    }
    if (files.length > 1) (bad ? console.error : console.log)(msg.validateSummary(files.length, bad));
    if (bad) process.exitCode = 1;
  },
};
