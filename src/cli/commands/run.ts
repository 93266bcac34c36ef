/**
 * `clustersim run SCENARIO`: one simulation, written to a run folder. Phases: load and
 * validate (limits included), check --out, claim the folder (lock; an earlier run moved
 * aside), simulate, write the data files, the charts and report, and the manifest last.
 */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { progress } from '../../io/progress.js';
import { UserError, invalidFile, msg } from '../../messages.js';
import { maxAgentsArg, maxAgentsOption } from '../limit-options.js';
import { checkOutDir, claimOutDir } from '../../io/out-dir.js';
import { chartsOption, drawCharts } from '../charts-option.js';
import { overridesOf, setOption } from '../set-option.js';
import { runId } from '../../io/format.js';

export interface RunArgs {
  scenario: string;
  seed?: number;
  steps?: number;
  out?: string;
  set?: string | string[];
  quiet: boolean;
  charts: boolean;
  'max-agents'?: number;
  force?: boolean;
}

/** Yield to the event loop every this many milliseconds, so Ctrl-C is handled promptly. */
const YIELD_MS = 100;

export async function runCommandImpl(args: RunArgs): Promise<string> {
  // The engine (and its expression parser) is imported only once the scenario is valid, so
  // a bad or oversized scenario is refused at once.
  const [{ loadScenarioFile }, { limitIssues }, { runSettings }] = await Promise.all([
    import('../../io/scenario-file.js'),
    import('../../scenario/validate.js'),
    import('../../experiments/overrides.js'),
  ]);
  if (args.seed !== undefined && (!Number.isInteger(args.seed) || args.seed < 0)) throw new UserError(msg.badSeed(String(args.seed)));
  if (args.steps !== undefined && (!Number.isInteger(args.steps) || args.steps < 1)) throw new UserError(msg.badSteps(String(args.steps)));
  const maxAgents = maxAgentsArg(args['max-agents']);
  const overrides = overridesOf(args.set);
  // seed= and steps= act as --seed and --steps (the flags win when both are given).
  const settings = runSettings(overrides);
  // Snapshots may be asked up to the last step of the run, a longer one included.
  const asked = args.steps ?? settings.steps;
  const scenario = await loadScenarioFile(args.scenario, settings.rest, { maxAgents, lastStep: asked });
  const seed = args.seed ?? settings.seed ?? scenario.seed;
  const steps = asked ?? scenario.steps;
  if (steps !== scenario.steps) {
    // The limits again, with the steps asked for.
    const issues = limitIssues(scenario, () => ({ file: args.scenario }), { maxAgents, steps });
    if (issues.length) throw invalidFile(`${args.scenario} (with ${steps} steps)`, issues);
  }
  const dir = args.out ?? path.join('out', scenario.name);
  checkOutDir(dir, 'run'); // before any work: a bad --out is refused now, not after the run
  const [{ writeRunFolder }, { Simulation }] = await Promise.all([import('../../io/run-output.js'), import('../../engine/simulate.js')]);
  // An earlier run in the folder is moved aside (or, with --force, deleted) first, so the
  // folder never mixes two runs.
  const note = (line: string) => process.stderr.write(`${line}\n`);
  const out = claimOutDir(dir, 'run', args.force ? 'replace' : 'move-aside', note);
  try {
    const startedAt = new Date();
    const sim = new Simulation(scenario, { seed, steps });
    await stepToEnd(sim, steps, progress(scenario.name, steps, { quiet: args.quiet }));
    const run = {
      runId: runId(scenario.name, seed),
      scenarioFile: args.scenario,
      scenario,
      seed,
      steps,
      startedAt,
      endedAt: new Date(),
      rows: sim.rows,
      snapshots: sim.snapshots,
      overrides: overrides.map((o) => o.text),
    };
    await writeRunFolder(dir, run, (manifest) => drawCharts(dir, args.charts, args.quiet, manifest));
  } finally {
    out.release();
  }
  return dir;
}

/** Steps `sim` to `steps`, yielding now and then so that Ctrl-C or SIGTERM stops it. */
async function stepToEnd(sim: { done: number; step(): void }, steps: number, bar: ReturnType<typeof progress>): Promise<void> {
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let last = Date.now();
    while (sim.done < steps) {
      sim.step();
      bar.update(sim.done);
      if (Date.now() - last > YIELD_MS) {
        await new Promise((r) => setImmediate(r));
        last = Date.now();
      }
      if (interrupted) throw new UserError(msg.interrupted());
    }
  } finally {
    bar.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'Run one simulation and write metrics, manifest and snapshots',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file (.yaml or .json)' })
      .option('seed', { type: 'number', describe: "Random seed (default: the scenario's seed)" })
      .option('steps', { type: 'number', describe: "Number of steps (default: the scenario's steps)" })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<scenario name>); an earlier run there is moved aside to <folder>.previous-<time>' })
      .option('force', { type: 'boolean', default: false, describe: 'Delete an earlier run in the output folder instead of moving it aside (only a run folder)' })
      .option('set', setOption)
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .option('max-agents', maxAgentsOption)
      .option('charts', chartsOption)
      .example('$0 run scenarios/default.yaml', 'run the default scenario into out/default/')
      .example('$0 run scenarios/brianza.yaml --seed 7 --steps 40 --out out/b7', 'another seed, fewer steps')
      .example('$0 run scenarios/default.yaml --set policies.0.budget=20 --out out/budget20', 'the default with a larger ICT-training budget'),
  handler: async (args) => {
    const t0 = Date.now();
    const dir = await runCommandImpl(args);
    if (!args.quiet) console.error(msg.runDone(dir, (Date.now() - t0) / 1000));
  },
};
