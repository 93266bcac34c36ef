/**
 * MODEL.md §9: knowledge flows and innovation fall when geographical proximity is removed
 * and no organisational or institutional proximity compensates (002 §51, §62, §74).
 * Runs the shipped experiment scenarios/experiments/{proximity-near,no-proximity,far-compensated}.yaml.
 */
import { describe, expect, it } from 'vitest';
import { experiment, perSeed, series, total, mean } from './helpers.js';

const SEEDS = 4, STEPS = 24;
const tacitFlow = (rows: Parameters<typeof series>[0]) => total(series(rows, 'flow.spillover')) + total(series(rows, 'flow.tie'));
const innovations = (rows: Parameters<typeof series>[0]) => total(series(rows, 'innovations.incremental')) + total(series(rows, 'innovations.radical'));
const growth = (rows: Parameters<typeof series>[0]) => { const k = series(rows, 'knowledge.mean'); return k[k.length - 1] - k[0]; };

describe('behaviour: removing geographical proximity', async () => {
  const near = await experiment('proximity-near');
  const far = await experiment('no-proximity');
  const comp = await experiment('far-compensated');

  it('cuts tacit knowledge flows (spillovers and tie learning) to almost nothing', () => {
    const a = perSeed(near, SEEDS, STEPS, tacitFlow), b = perSeed(far, SEEDS, STEPS, tacitFlow);
    for (let s = 0; s < SEEDS; s++) expect(b[s]).toBeLessThan(0.05 * a[s]);
  });

  it('slows knowledge growth and lowers innovation, seed by seed', () => {
    const ga = perSeed(near, SEEDS, STEPS, growth), gb = perSeed(far, SEEDS, STEPS, growth);
    const ia = perSeed(near, SEEDS, STEPS, innovations), ib = perSeed(far, SEEDS, STEPS, innovations);
    for (let s = 0; s < SEEDS; s++) expect(gb[s]).toBeLessThan(0.8 * ga[s]);
    expect(mean(ib)).toBeLessThan(0.92 * mean(ia));
    expect(ib.filter((v, s) => v < ia[s]).length).toBeGreaterThanOrEqual(SEEDS - 1);
  });

  it('keeps codified flows going: ICT carries codified knowledge over distance (002 §42)', () => {
    const cod = (rows: Parameters<typeof series>[0]) => total(series(rows, 'flow.codified'));
    expect(mean(perSeed(far, SEEDS, STEPS, cod))).toBeGreaterThan(0.5 * mean(perSeed(near, SEEDS, STEPS, cod)));
  });

  it('restores tie learning across the distance when institutional and organisational proximity compensate', () => {
    const tie = (rows: Parameters<typeof series>[0]) => total(series(rows, 'flow.tie'));
    const b = perSeed(far, SEEDS, STEPS, tie), c = perSeed(comp, SEEDS, STEPS, tie);
    for (let s = 0; s < SEEDS; s++) expect(c[s]).toBeGreaterThan(20 * Math.max(b[s], 1e-6));
    expect(mean(perSeed(comp, SEEDS, STEPS, growth))).toBeGreaterThan(mean(perSeed(far, SEEDS, STEPS, growth)));
  });
});
