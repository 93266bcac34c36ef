/**
 * The leading role over a long run, with and without its succession (docs/model/demography.md,
 * "Succession of the leading role"): the firms that hold the role, their share of the sales,
 * the firms of the leading kind still alive, and the joint projects launched a year, by all
 * coordinators and by role holders.
 *
 *   npx tsx experiments/validation/leading-role.ts [scenario] [seeds] [steps] [window]
 *   (defaults: scenarios/default.yaml, seeds 1-10, 1500 steps, windows of 300 steps)
 *
 * The runs start from the scenario's initial state (its warm-up is set to 0, so the first
 * 300 steps are the shipped warm-up). Each figure is the mean over a window's steps (after
 * each step), then the mean across seeds with its 95 % t interval.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulate.js';
import { Kind, isFirmKind } from '../../src/engine/population.js';
import { stepsPerYear } from '../../src/engine/frontier.js';
import { ciHalfWidth, mean, sd } from '../../src/experiments/stats/describe.js';

const FIGURES = ['role holders', 'their share of sales', 'leading-kind firms alive', 'projects launched a year', 'by role holders a year'] as const;

async function windows(file: string, seed: number, steps: number, window: number, succession: boolean): Promise<number[][]> {
  const scenario = await loadScenarioFile(file);
  scenario.warmup = 0;
  scenario.parameters.mechanisms.demography.leadingSuccession = succession;
  const sim = new Simulation(scenario, { seed, steps });
  const perYear = stepsPerYear(sim.state);
  const out: number[][] = [];
  let sum = new Array<number>(FIGURES.length).fill(0);
  while (sim.done < steps) {
    sim.step();
    const s = sim.state, pop = s.pop, pr = s.projects;
    let holders = 0, kind = 0, all = 0, held = 0, byHolders = 0;
    for (let i = 0; i < pop.n; i++) {
      if (!pop.alive[i] || !isFirmKind(pop.kind[i]!)) continue;
      all += pop.revenue[i]!;
      if (pop.leading[i]) { holders++; held += pop.revenue[i]!; }
      if (pop.kind[i] === Kind.leading) kind++;
    }
    for (let q = 0; q < pr.used; q++) if (pr.active[q] && pr.start[q] === s.t && pop.leading[pr.coordinator[q]!]) byHolders++;
    const row = [holders, all > 0 ? held / all : 0, kind, s.acc.projectsStarted * perYear, byHolders * perYear];
    sum = sum.map((v, c) => v + row[c]!);
    if (sim.done % window === 0) { out.push(sum.map((v) => v / window)); sum.fill(0); }
  }
  return out;
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const seeds = Number(process.argv[3] ?? 10), steps = Number(process.argv[4] ?? 1500), window = Number(process.argv[5] ?? 300);
  if (!Number.isInteger(seeds) || seeds < 2 || !Number.isInteger(steps) || !Number.isInteger(window) || window < 1 || steps % window !== 0) {
    throw new Error('usage: leading-role.ts [scenario] [seeds >= 2] [steps, a multiple of window] [window >= 1]');
  }
  const fmt = (v: number[]): string => {
    const m = mean(v), h = ciHalfWidth(sd(v), v.length);
    return `${m.toFixed(2)} [${(m - h).toFixed(2)}, ${(m + h).toFixed(2)}]`;
  };
  console.log(`${file}, seeds 1-${seeds}, ${steps} steps from the initial state (no warm-up), means over windows of ${window} steps; across seeds mean [95 % interval]`);
  for (const succession of [true, false]) {
    const runs: number[][][] = [];
    for (let seed = 1; seed <= seeds; seed++) runs.push(await windows(file, seed, steps, window, succession));
    console.log(`\nleadingSuccession: ${succession}`);
    console.log(['steps'.padEnd(11), ...FIGURES.map((f) => f.padEnd(26))].join(''));
    for (let w = 0; w < steps / window; w++) {
      const cells = FIGURES.map((_f, c) => fmt(runs.map((r) => r[w]![c]!)).padEnd(26));
      console.log([`${w * window}-${(w + 1) * window}`.padEnd(11), ...cells].join(''));
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
