/**
 * docs/model.md, Behaviour and validation: higher absorptive capacity raises what a firm gains from the same
 * neighbourhood (Cohen & Levinthal; 002 §61, §87, §123). Runs the shipped experiment
 * scenarios/experiments/absorptive-{low,high}.yaml: the same cluster, places, ties and seeds,
 * only the 40 target SMEs' absorptive capacity differs (0.1 against 0.7).
 */
import { describe, expect, it } from 'vitest';
import { experiment, runs, series, total } from './helpers.js';

const SEEDS = 4, STEPS = 12;
const received = (rows: Parameters<typeof series>[0]) =>
  ['flow.spillover', 'flow.tie', 'flow.codified'].map((m) => total(series(rows, m, 'sector:targets'))).reduce((a, b) => a + b);
const gain = (rows: Parameters<typeof series>[0]) => {
  const k = series(rows, 'knowledge.mean', 'sector:targets');
  return k[k.length - 1] - k[0];
};

describe('behaviour: absorptive capacity', async () => {
  const low = runs(await experiment('absorptive-low'), SEEDS, STEPS);
  const high = runs(await experiment('absorptive-high'), SEEDS, STEPS);

  it('lets high-capacity firms receive more knowledge from the same neighbours, seed by seed', () => {
    const a = low.map(received), b = high.map(received);
    for (let s = 0; s < SEEDS; s++) {
      expect(a[s]).toBeGreaterThan(0);
      expect(b[s]).toBeGreaterThan(1.5 * a[s]);
    }
  });

  it('makes them catch up faster', () => {
    const a = low.map(gain), b = high.map(gain);
    for (let s = 0; s < SEEDS; s++) expect(b[s]).toBeGreaterThan(2 * a[s]);
  });
});
