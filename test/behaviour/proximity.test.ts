/**
 * docs/model.md, Behaviour and validation: knowledge flows and innovation fall when geographical proximity is removed
 * and no organisational or institutional proximity compensates (002 §51, §62, §74).
 * Runs the shipped experiment scenarios/experiments/{proximity-near,no-proximity,far-compensated}.yaml.
 */
import { describe, expect, it } from 'vitest';
import { experiment, runs, series, total, mean } from './helpers.js';

const SEEDS = 4, STEPS = 24;
const tacitFlow = (rows: Parameters<typeof series>[0]) => total(series(rows, 'flow.spillover')) + total(series(rows, 'flow.tie'));
const innovations = (rows: Parameters<typeof series>[0]) => total(series(rows, 'innovations.incremental')) + total(series(rows, 'innovations.radical'));
/** Knowledge at the end of the run (the near and spread-out clusters start with the same knowledge). */
const finalKnowledge = (rows: Parameters<typeof series>[0]) => { const k = series(rows, 'knowledge.mean'); return k[k.length - 1]; };

describe('behaviour: removing geographical proximity', async () => {
  const near = runs(await experiment('proximity-near'), SEEDS, STEPS);
  const far = runs(await experiment('no-proximity'), SEEDS, STEPS);
  const comp = runs(await experiment('far-compensated'), SEEDS, STEPS);

  it('cuts tacit knowledge flows (spillovers and tie learning) to almost nothing', () => {
    const a = near.map(tacitFlow), b = far.map(tacitFlow);
    for (let s = 0; s < SEEDS; s++) expect(b[s]).toBeLessThan(0.05 * a[s]);
  });

  it('leaves less knowledge and fewer innovations', () => {
    // Knowledge is anchored by what firms absorb from outside (capabilities.ts), so local
    // learning adds a few hundredths to it: less in every seed, 0.024 on average (measured).
    const ka = near.map(finalKnowledge), kb = far.map(finalKnowledge);
    const ia = near.map(innovations), ib = far.map(innovations);
    for (let s = 0; s < SEEDS; s++) expect(kb[s]).toBeLessThan(ka[s]);
    expect(mean(ka) - mean(kb)).toBeGreaterThan(0.01);
    expect(mean(ib)).toBeLessThan(0.92 * mean(ia));
    expect(ib.filter((v, s) => v < ia[s]).length).toBeGreaterThanOrEqual(SEEDS - 1);
  });

  it('keeps codified flows going: ICT carries codified knowledge over distance (002 §42)', () => {
    const cod = (rows: Parameters<typeof series>[0]) => total(series(rows, 'flow.codified'));
    expect(mean(far.map(cod))).toBeGreaterThan(0.5 * mean(near.map(cod)));
  });

  it('restores tie learning across the distance when institutional and organisational proximity compensate', () => {
    const tie = (rows: Parameters<typeof series>[0]) => total(series(rows, 'flow.tie'));
    const b = far.map(tie), c = comp.map(tie);
    // Ten times or more: organisational and institutional proximity work at a distance at
    // remoteEnable of what they do nearby (Boschma), 15-60 times the uncompensated flow (measured).
    for (let s = 0; s < SEEDS; s++) expect(c[s]).toBeGreaterThan(10 * Math.max(b[s], 1e-6));
    // The restored tie flow does not show in knowledge at step 24: over 24 paired seeds, final
    // knowledge with compensation minus without is -0.0015 (standard error 0.0019; 13 of 24
    // positive), measured. Relative knowledge is anchored by what firms absorb from outside
    // (capabilities.ts) and tie flows are a few hundredths of it, so this part of the claim is
    // not reproduced by the current model, and is not asserted (docs/validation.md).
  });
});
