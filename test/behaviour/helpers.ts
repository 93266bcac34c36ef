/** Helpers for the behaviour tests (docs/model.md, Behaviour and validation): run shipped experiment scenarios over seeds. */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { runScenario, type MetricRow } from '../../src/engine/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';

export const experiment = (name: string): Promise<Scenario> => loadScenarioFile(`scenarios/experiments/${name}.yaml`);

/** A system metric's values over the recorded steps of a run. */
export function series(rows: MetricRow[], metric: string, scope = 'system'): number[] {
  return rows.filter((r) => r.metric === metric && r.scope === scope).map((r) => r.value);
}

export const total = (v: number[]) => v.reduce((a, b) => a + b, 0);

/**
 * Run `sc` once per seed (1..seeds) for `steps` steps; returns each run's metric rows.
 * Different scenarios run with the same seeds share their random streams, so per-seed
 * differences are paired comparisons (common random numbers).
 */
export function runs(sc: Scenario, seeds: number, steps: number): MetricRow[][] {
  const out: MetricRow[][] = [];
  for (let s = 1; s <= seeds; s++) out.push(runScenario(sc, { seed: s, steps }).rows);
  return out;
}

/** Run `sc` once per seed and reduce each run with `f`. */
export function perSeed(sc: Scenario, seeds: number, steps: number, f: (rows: MetricRow[]) => number): number[] {
  return runs(sc, seeds, steps).map(f);
}

export const mean = (v: number[]) => total(v) / v.length;
