/**
 * The runs of the validation scripts that read a scenario's state at one step, and the
 * summaries they share.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulate.js';

/**
 * The seeds: the scenario's own seed, then 1, 2, ... without it, `runs` in all (a scenario
 * whose seed is 1, such as brianza.yaml, would otherwise run seed 1 twice). The CLI's compare,
 * sweeps and facts derive their seeds by hash instead.
 */
export function runSeeds(scenarioSeed: number, runs: number): number[] {
  const seeds = [scenarioSeed];
  for (let s = 1; seeds.length < runs; s++) if (s !== scenarioSeed) seeds.push(s);
  return seeds;
}

/** The scenario in `file` run with `seed` to `step` (after `warmup` steps, or its own warm-up). */
export async function runTo(file: string, seed: number, step: number, warmup?: number): Promise<Simulation> {
  const scenario = await loadScenarioFile(file);
  if (warmup !== undefined) scenario.warmup = warmup;
  const sim = new Simulation(scenario, { seed, steps: step });
  while (sim.done < step) sim.step();
  return sim;
}

/** The mean of a list (NaN for an empty one). */
export const mean = (a: readonly number[]): number => (a.length === 0 ? Number.NaN : a.reduce((s, v) => s + v, 0) / a.length);

/** Pearson's correlation of two lists of the same length. */
export function correlation(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs), my = mean(ys);
  let sxy = 0, sxx = 0, syy = 0;
  xs.forEach((x, k) => {
    sxy += (x - mx) * (ys[k]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[k]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}
