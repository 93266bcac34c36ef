/** `clustersim sweep EXPERIMENT`: run an experiment's design on a pool of worker threads. */
import type { CommandModule } from 'yargs';
import { UserError, msgShardAuto, msgSweep } from '../../messages.js';
import { parseShard, type Shard } from '../../experiments/runs.js';
import { shardFromEnvironment } from '../../sweep/shard-auto.js';
import { STOP_NOW, startPool } from '../../sweep/pool.js';
import { chartsOption, drawCharts } from '../charts-option.js';
import { overridesOf, setOption } from '../set-option.js';
import { maxAgentsArg, maxAgentsOption, oversubscribeOption, resolveWorkers } from '../limit-options.js';

/** Exit code of a sweep that finished with failed runs (1 is a refused input, 130 an interruption). */
export const EXIT_RUNS_FAILED = 3;

export interface SweepArgs {
  experiment: string;
  workers?: number;
  out?: string;
  shard?: string;
  shards?: number;
  parquet: boolean;
  set?: string | string[];
  replicates?: number;
  'retry-failed': boolean;
  force?: boolean;
  quiet: boolean;
  charts: boolean;
  'max-agents'?: number;
  oversubscribe: boolean;
}

/**
 * Ctrl-C once: stop starting runs, let the running ones finish and record them, exit 130.
 * Twice: exit at once. SIGTERM (a scheduler or `kill`): stop at once without waiting for
 * the runs in flight, record what is done, release the folder's lock, exit 143. The
 * journal is consistent at every moment, so nothing is lost but the runs in flight, and
 * running the same command again resumes.
 */
function interruptible(): { signal: AbortSignal; exitCode(): number; dispose(): void } {
  const ctl = new AbortController();
  let code = 130;
  const onInt = () => {
    if (ctl.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping after the runs in flight (Ctrl-C again to quit now)...\n');
    ctl.abort();
  };
  const onTerm = () => {
    code = 143;
    process.stderr.write('\nSIGTERM: stopping now; the runs in flight will run again on resume...\n');
    if (!ctl.signal.aborted) ctl.abort(STOP_NOW);
  };
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: ctl.signal,
    exitCode: () => code,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}

/** The sweep command; `workerFile` replaces the worker module (tests). */
export async function sweepMain(args: SweepArgs, workerFile?: string): Promise<void> {
  const workers = resolveWorkers(args.workers, args.oversubscribe, (line) => process.stderr.write(`${line}\n`));
  const maxAgents = maxAgentsArg(args['max-agents']);
  const overrides = overridesOf(args.set);
  if (args.replicates !== undefined && (!Number.isInteger(args.replicates) || args.replicates < 1)) throw new UserError(msgSweep.badReplicates(String(args.replicates)));
  const shard = resolveShard(args);
  // The workers start first and import the engine while this thread loads the sweep
  // machinery (scenario validation, the expression parser, the tables' writers).
  const pool = startPool({ workers, workerFile });
  const stop = interruptible();
  try {
    const { runSweep } = await import('../../sweep/sweep.js');
    const outcome = await runSweep({
      pool,
      experimentFile: args.experiment,
      overrides,
      replicates: args.replicates,
      out: args.out,
      workers,
      maxAgents,
      shard,
      parquet: args.parquet,
      retryFailed: args['retry-failed'],
      force: args.force,
      quiet: args.quiet,
      signal: stop.signal,
    });
    if (outcome.status === 'incomplete') process.exitCode = stop.signal.aborted ? stop.exitCode() : 130;
    else if (shard === undefined) await drawCharts(outcome.outDir, args.charts, args.quiet);
    if (outcome.failures.length > 0) {
      // Finished, but not every run: say which, and exit non-zero (3) so scripts notice.
      process.stderr.write(`${msgSweep.failedRuns(outcome.failures, outcome.outDir)}\n`);
      if (outcome.status === 'complete') process.exitCode = EXIT_RUNS_FAILED;
    }
  } finally {
    stop.dispose();
    await pool.destroy();
  }
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <experiment>',
  describe: 'Run an experiment (replicates, grids, Latin hypercube, Sobol, Morris) on worker threads; resumable and shardable',
  builder: (y) =>
    y
      .positional('experiment', { type: 'string', demandOption: true, describe: 'Experiment file (.yaml or .json), see docs/experiments.md' })
      .option('workers', { type: 'number', describe: 'Worker threads (default: all cores; more than the cores only with --oversubscribe)' })
      .option('oversubscribe', oversubscribeOption)
      .option('max-agents', maxAgentsOption)
      .option('out', { type: 'string', describe: 'Output folder (default: out/<experiment name>); run again to resume' })
      .option('shard', {
        type: 'string',
        describe: 'Run only share i of N (i/N, i from 1), or `auto`: from a Slurm job array or a Kubernetes Indexed Job; merge the folders with `clustersim merge`',
      })
      .option('shards', { type: 'number', describe: 'With --shard auto: the number of shards (Kubernetes: the completions; Slurm: task ids are the shard numbers 1..N)' })
      .option('set', { ...setOption, describe: `${setOption.describe}; applies to the base scenario` })
      .option('replicates', { type: 'number', describe: "Replicates per design point instead of the experiment's; on a finished folder, more adds only the missing runs" })
      .option('parquet', { type: 'boolean', default: true, describe: 'Also write results.parquet (--no-parquet to skip)' })
      .option('retry-failed', { type: 'boolean', default: false, describe: 'Run again the runs that failed in an earlier session' })
      .option('force', { type: 'boolean', default: false, describe: 'Delete the sweep in the output folder and start over (only a sweep folder; without it, the same experiment resumes)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .option('charts', { ...chartsOption, describe: `${chartsOption.describe} (not for a single --shard: chart the merged folder)` })
      .example('$0 sweep experiments/spillover-grid.yaml', 'all cores, into out/spillover-grid/')
      .example('$0 sweep experiments/sobol.yaml --shard 2/8 --out out/sobol-2', 'share 2 of 8')
      .example('$0 sweep experiments/sobol.yaml --shard auto --out out/sobol-$SLURM_ARRAY_TASK_ID', 'in a Slurm array task: its share of the array')
      .example('$0 sweep experiments/policy-lhs.yaml --replicates 6', 'run (or extend a finished out/policy-lhs to) 6 replicates per point'),
  handler: (args) => sweepMain(args),
};

/** `--shard i/N`, or `--shard auto` read from the scheduler's environment (logged, for job logs). */
function resolveShard(args: SweepArgs): Shard | undefined {
  if (args.shard === undefined) {
    if (args.shards !== undefined) throw new UserError(msgShardAuto.shardsWithoutAuto());
    return undefined;
  }
  if (String(args.shard).trim() === 'auto') {
    const auto = shardFromEnvironment(process.env, args.shards);
    if (!args.quiet) process.stderr.write(`${msgShardAuto.resolved(auto.shard, auto.source)}\n`);
    return auto.shard;
  }
  if (args.shards !== undefined) throw new UserError(msgShardAuto.shardsWithoutAuto());
  const parsed = parseShard(String(args.shard));
  if (typeof parsed === 'string') throw new UserError(parsed);
  return parsed;
}
