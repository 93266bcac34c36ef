/** `clustersim compare A B`: do two scenarios differ? Replicates of each, and a test per metric. */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError, msgSweep } from '../../messages.js';
import { chartsOption, drawCharts } from '../charts-option.js';
import { overridesOf, setOption } from '../set-option.js';
import { maxAgentsArg, maxAgentsOption, oversubscribeOption, resolveWorkers } from '../limit-options.js';

export interface CompareArgs {
  a: string;
  b: string;
  metrics?: string;
  replicates: number;
  steps?: number;
  seed?: number;
  every?: number;
  test: string;
  alpha: number;
  adjust: string;
  set?: string | string[];
  workers?: number;
  out?: string;
  quiet: boolean;
  charts: boolean;
  'max-agents'?: number;
  oversubscribe: boolean;
  force?: boolean;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <a> <b>',
  describe: "Tell whether two scenarios differ (Welch's t + Cohen's d, or Mann-Whitney), by how much, and the marginal cost of B's extra spending",
  builder: (y) =>
    y
      .positional('a', { type: 'string', demandOption: true, describe: 'First scenario file' })
      .positional('b', { type: 'string', demandOption: true, describe: 'Second scenario file' })
      .option('metrics', { type: 'string', describe: 'Comma-separated metrics (name or name@scope); default: all system metrics' })
      .option('replicates', { type: 'number', default: 20, describe: 'Runs of each scenario' })
      .option('steps', { type: 'number', describe: "Steps per run (default: each scenario's steps)" })
      .option('seed', { type: 'number', describe: "Master seed (default: the first scenario's seed)" })
      .option('every', { type: 'number', describe: 'Also compare every k-th step (default: the final step only)' })
      .option('test', { choices: ['welch', 'mann-whitney'], default: 'welch', describe: "welch: Welch's t-test with Cohen's d; mann-whitney: rank test with rank-biserial r" })
      .option('alpha', { type: 'number', default: 0.05, describe: 'Significance level for the verdict (on Holm-adjusted p-values)' })
      .option('adjust', { choices: ['step', 'all'], default: 'step', describe: 'Holm families: step: the metrics compared at the same step; all: every test made (every step x metric)' })
      .option('set', { ...setOption, describe: `${setOption.describe}; applies to both scenarios` })
      .option('workers', { type: 'number', describe: 'Worker threads (default: all cores; more than the cores only with --oversubscribe)' })
      .option('oversubscribe', oversubscribeOption)
      .option('max-agents', maxAgentsOption)
      .option('out', { type: 'string', describe: 'Output folder (default: out/compare-<a>-vs-<b>); an earlier comparison there is moved aside to <folder>.previous-<time>' })
      .option('force', { type: 'boolean', default: false, describe: 'Delete an earlier comparison in the output folder instead of moving it aside (only a compare folder)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .option('charts', chartsOption)
      .example('$0 compare scenarios/default.yaml scenarios/default-policy.yaml --metrics ict.mean,knowledge.mean', 'does the cooperation package change ICT adoption and knowledge?')
      .example('$0 compare scenarios/default.yaml scenarios/default-policy.yaml --set steps=12 --replicates 5', 'a quick look: both scenarios over 12 steps'),
  handler: async (args) => {
    if (args.every !== undefined && (!Number.isInteger(args.every) || args.every < 1)) throw new UserError(msgSweep.compareEvery(args.every));
    const overrides = overridesOf(args.set);
    const workers = resolveWorkers(args.workers, args.oversubscribe, (line) => process.stderr.write(`${line}\n`));
    const maxAgents = maxAgentsArg(args['max-agents']);
    const [{ compareScenarios }, { formatCompare }] = await Promise.all([import('../../sweep/compare.js'), import('../../sweep/compare-format.js')]);
    const outcome = await compareScenarios({
      a: args.a,
      b: args.b,
      metrics: args.metrics?.split(',').map((m) => m.trim()).filter((m) => m !== ''),
      replicates: args.replicates,
      steps: args.steps,
      seed: args.seed,
      keepSteps: args.every !== undefined ? { every: args.every } : 'final',
      test: args.test as 'welch' | 'mann-whitney',
      alpha: args.alpha,
      adjust: args.adjust as 'step' | 'all',
      overrides,
      workers,
      maxAgents,
      force: args.force,
      out: args.out,
      quiet: args.quiet,
    });
    console.log(formatCompare(outcome, args.alpha));
    if (!args.quiet) console.error(`tables in ${outcome.outDir}${outcome.failed > 0 ? ` (${outcome.failed} runs failed)` : ''}`);
    await drawCharts(outcome.outDir, args.charts, args.quiet);
    // Each scenario's own report (its replicates over time, its scenario and provenance).
    for (const folder of outcome.arms) await drawCharts(path.join(outcome.outDir, folder), args.charts, true);
  },
};
