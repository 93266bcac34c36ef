/**
 * Helpers for the behaviour tests (docs/model.md, Behaviour and validation): run shipped
 * experiment scenarios over seeds, and test paired per-seed differences.
 *
 * Replicates. Each test's comments give, per claim, figures from a pilot of 30 paired seeds
 * (1-30) on the current model: the mean paired difference δ, its standard deviation σ, and the
 * seeds n needed for a two-sided paired t test at α = 0.05 with power 0.8 (from the noncentral
 * t; also with σ at its 90 % upper confidence bound, for the pilot's own error). The largest n
 * of any asserted claim is 8, so every test runs 16 seeds: twice that, a few seconds per file.
 *
 * A claim about a mean is asserted as a mean: the t-based 95 % confidence interval of the
 * paired difference excludes 0 on the claimed side. A claim "in every seed" is asserted seed
 * by seed only where, with the pilot's δ and σ and a normal law for the paired difference, it
 * holds in all 64 seeds of the long run with probability ≥ 0.99 (Φ(δ/σ)^64 ≥ 0.99, so
 * δ/σ ≥ 3.6); elsewhere it becomes a mean and a sign test ("in most seeds").
 *
 * CLUSTERSIM_LONG=1 runs every behaviour test on four times the seeds (README, Tests).
 */
import { expect } from 'vitest';
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { runScenario, type MetricRow } from '../../src/engine/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { sd } from '../../src/experiments/stats/describe.js';
import { tQuantile } from '../../src/experiments/stats/distributions.js';

export const experiment = (name: string): Promise<Scenario> => loadScenarioFile(`scenarios/experiments/${name}.yaml`);

/** The long versions of the behaviour tests: four times the seeds. */
export const LONG = process.env.CLUSTERSIM_LONG === '1';

/** The seeds a test runs: `n` (its power-sized default), four times as many when LONG. */
export const seedCount = (n: number): number => (LONG ? 4 * n : n);

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

/** Per-seed paired differences a[s] - k b[s] (k = 1: a plain difference). */
export const paired = (a: number[], b: number[], k = 1): number[] => a.map((x, s) => x - k * b[s]);

export interface MeanCI {
  n: number;
  mean: number;
  sd: number;
  low: number;
  high: number;
}

/** Mean of `d` with its two-sided t-based confidence interval. */
export function meanCI(d: number[], level = 0.95): MeanCI {
  const n = d.length, m = mean(d), s = sd(d);
  const h = tQuantile(0.5 + level / 2, n - 1) * (s / Math.sqrt(n));
  return { n, mean: m, sd: s, low: m - h, high: m + h };
}

const show = (c: MeanCI) => `mean ${c.mean.toPrecision(4)}, sd ${c.sd.toPrecision(3)}, CI [${c.low.toPrecision(4)}, ${c.high.toPrecision(4)}] over ${c.n} seeds`;

/** Assert that the mean of the paired differences `d` is positive: its 95 % CI lies above 0. */
export function expectPositiveMean(d: number[], what: string): MeanCI {
  const c = meanCI(d);
  expect(c.low, `${what}: ${show(c)}`).toBeGreaterThan(0);
  return c;
}

/**
 * Assert that the mean of `d` lies within ±bound (equivalence, two one-sided tests at
 * α = 0.05: the 90 % CI lies inside the bounds).
 */
export function expectEquivalent(d: number[], bound: number, what: string): MeanCI {
  const c = meanCI(d, 0.9);
  expect(c.low, `${what}: ${show(c)}, bound ±${bound.toPrecision(3)}`).toBeGreaterThan(-bound);
  expect(c.high, `${what}: ${show(c)}, bound ±${bound.toPrecision(3)}`).toBeLessThan(bound);
  return c;
}

/** Two-sided exact sign test: P-value of the split of the nonzero differences in `d` under p = 1/2. */
export function signTestP(d: number[]): number {
  const nz = d.filter((x) => x !== 0), n = nz.length;
  const k = Math.min(nz.filter((x) => x > 0).length, nz.filter((x) => x < 0).length);
  let c = 1, tail = 0; // c = C(n, i)
  for (let i = 0; i <= k; i++) {
    tail += c;
    c = (c * (n - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** n);
}

/** Assert that most seeds show d > 0: more positive than negative differences, sign test P < 0.05. */
export function expectMostlyPositive(d: number[], what: string): void {
  const pos = d.filter((x) => x > 0).length, neg = d.filter((x) => x < 0).length;
  const msg = `${what}: ${pos} positive, ${neg} negative of ${d.length} seeds`;
  expect(pos, msg).toBeGreaterThan(neg);
  expect(signTestP(d), msg).toBeLessThan(0.05);
}
