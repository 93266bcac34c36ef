/** `clustersim compare A B`: do two scenarios differ? Replicates of each, and a test per metric. */
import type { CommandModule } from 'yargs';
import { UserError, msgSweep } from '../../messages.js';
import { chartsOption, drawCharts } from '../charts-option.js';

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
  workers?: number;
  out?: string;
  quiet: boolean;
  charts: boolean;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <a> <b>',
  describe: "Tell whether two scenarios differ on chosen metrics (Welch's t + Cohen's d, or Mann-Whitney)",
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
      .option('workers', { type: 'number', describe: 'Worker threads (default: all cores)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/compare-<a>-vs-<b>)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .option('charts', chartsOption)
      .example('$0 compare scenarios/default.yaml scenarios/ict-push.yaml --metrics ict.mean,knowledge.mean', 'does the ICT push change ICT adoption and knowledge?'),
  handler: async (args) => {
    if (args.every !== undefined && (!Number.isInteger(args.every) || args.every < 1)) throw new UserError(msgSweep.compareEvery(args.every));
    const { compareScenarios, formatCompare } = await import('../../sweep/compare.js');
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
      workers: args.workers,
      out: args.out,
      quiet: args.quiet,
    });
    console.log(formatCompare(outcome, args.alpha));
    if (!args.quiet) console.error(`tables in ${outcome.outDir}${outcome.failed > 0 ? ` (${outcome.failed} runs failed)` : ''}`);
    await drawCharts(outcome.outDir, args.charts, args.quiet);
  },
};
