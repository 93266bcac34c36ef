/**
 * Issue 14's two knowledge-regime checks over many seeds, not only the shipped seed 42 that
 * test/scenarios/knowledge-regimes.test.ts runs (docs/model/knowledge-bases.md,
 * docs/model/tie-learning.md):
 *   - learning.pastOptimumShare averaged over steps 30-60 (the band 0.1-0.9);
 *   - the sector's knowledge base: analytical against synthetic, each of five flows summed
 *     over 40 steps, relative difference (analytical - synthetic) / synthetic, and how many
 *     of the five differ by at least 10 %.
 *
 *   npx tsx experiments/validation/knowledge-regimes.ts [scenario] [seeds]
 *   (defaults: scenarios/default.yaml, seeds 1-20; seed 42 is printed first for reference)
 *
 * Each run is the scenario as shipped (its warm-up), with only the seed (and the sector's
 * knowledge base) changed. Means across seeds with their 95 % t interval.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { runScenario } from '../../src/engine/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { ciHalfWidth, mean, sd } from '../../src/experiments/stats/describe.js';

type Row = { step: number; scope: string; metric: string; value: number };

const FLOWS = ['flow.codified', 'flow.tie', 'flow.spillover', 'innovations.radical', 'knowledge.tacitShare'] as const;

const sum = (rows: readonly Row[], metric: string, from = 1, to = Infinity): number =>
  rows.filter((r) => r.scope === 'system' && r.metric === metric && r.step >= from && r.step <= to).reduce((s, r) => s + r.value, 0);

interface SeedResult { seed: number; pastOptimum: number; diffs: number[] }

function measure(base: Scenario, seed: number): SeedResult {
  const withSeed = (kb?: 'analytical' | 'synthetic'): Scenario => {
    const sc: Scenario = structuredClone(base);
    sc.seed = seed;
    if (kb) sc.sectors[0]!.knowledgeBase = kb;
    return sc;
  };
  const shipped = runScenario(withSeed(), { steps: 60 }).rows;
  const pastOptimum = sum(shipped, 'learning.pastOptimumShare', 30, 60) / 31;
  const a = runScenario(withSeed('analytical'), { steps: 40 }).rows;
  const s = runScenario(withSeed('synthetic'), { steps: 40 }).rows;
  const diffs = FLOWS.map((m) => {
    const x = sum(a, m), y = sum(s, m);
    return y > 0 ? (x - y) / y : NaN;
  });
  return { seed, pastOptimum, diffs };
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const seeds = Number(process.argv[3] ?? 20);
  if (!Number.isInteger(seeds) || seeds < 2) throw new Error('usage: knowledge-regimes.ts [scenario] [seeds >= 2]');
  const base = await loadScenarioFile(file);
  const pct = (v: number): string => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(0)} %`;
  const fmt = (v: number[], f: (x: number) => string): string => {
    const m = mean(v), h = ciHalfWidth(sd(v), v.length);
    return `${f(m)} [${f(m - h)}, ${f(m + h)}]`;
  };
  console.log(`${file}: past-optimum share over steps 30-60; analytical vs synthetic, five flows summed over 40 steps (${FLOWS.join(', ')})`);
  const line = (r: SeedResult): string =>
    `seed ${String(r.seed).padStart(2)}: past-optimum ${r.pastOptimum.toFixed(3)}; ${r.diffs.map(pct).join(', ')}; ${r.diffs.filter((d) => Math.abs(d) >= 0.1).length} of 5 differ by >= 10 %`;
  console.log(line(measure(base, 42)));
  const results: SeedResult[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = measure(base, seed);
    results.push(r);
    console.log(line(r));
  }
  const inBand = results.filter((r) => r.pastOptimum >= 0.1 && r.pastOptimum <= 0.9).length;
  const twoDiffer = results.filter((r) => r.diffs.filter((d) => Math.abs(d) >= 0.1).length >= 2).length;
  console.log(`seeds 1-${seeds}: past-optimum share ${fmt(results.map((r) => r.pastOptimum), (x) => x.toFixed(3))}, in 0.1-0.9 in ${inBand} of ${seeds}`);
  FLOWS.forEach((m, k) => {
    const v = results.map((r) => r.diffs[k]!);
    console.log(`  ${m}: ${fmt(v, pct)}; |difference| >= 10 % in ${v.filter((d) => Math.abs(d) >= 0.1).length} of ${seeds}`);
  });
  console.log(`  at least two of the five differ by >= 10 % in ${twoDiffer} of ${seeds} seeds`);
}

await main();
