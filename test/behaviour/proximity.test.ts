/**
 * docs/model.md, Behaviour and validation: knowledge flows and innovation fall when geographical proximity is removed
 * and no organisational or institutional proximity compensates (002 §51, §62, §74).
 * Runs the shipped experiment scenarios/experiments/{proximity-near,no-proximity,far-compensated}.yaml.
 *
 * Power (helpers.ts; pilot of 30 paired seeds on the current model, δ = mean paired
 * difference, σ = its sd, n = seeds needed for power 0.8): the asserted effects need 3-7
 * seeds; 16 run by default, 64 with CLUSTERSIM_LONG=1. Two claims are not reproduced at
 * adequate power and say so below.
 */
import { describe, expect, it } from 'vitest';
import { experiment, expectMostlyPositive, expectPositiveMean, paired, runs, seedCount, series, total } from './helpers.js';

const SEEDS = seedCount(16), STEPS = 24;
const tacitFlow = (rows: Parameters<typeof series>[0]) => total(series(rows, 'flow.spillover')) + total(series(rows, 'flow.tie'));
const innovations = (rows: Parameters<typeof series>[0]) => total(series(rows, 'innovations.incremental')) + total(series(rows, 'innovations.radical'));
/** Knowledge at the end of the run (the near and spread-out clusters start with the same knowledge). */
const finalKnowledge = (rows: Parameters<typeof series>[0]) => { const k = series(rows, 'knowledge.mean'); return k[k.length - 1]; };
const codified = (rows: Parameters<typeof series>[0]) => total(series(rows, 'flow.codified'));
const tie = (rows: Parameters<typeof series>[0]) => total(series(rows, 'flow.tie'));

describe('behaviour: removing geographical proximity', async () => {
  const near = runs(await experiment('proximity-near'), SEEDS, STEPS);
  const far = runs(await experiment('no-proximity'), SEEDS, STEPS);
  const comp = runs(await experiment('far-compensated'), SEEDS, STEPS);

  it('cuts tacit knowledge flows (spillovers and tie learning) to almost nothing', () => {
    // Pilot: 0.05 near - far δ = 0.83, σ = 0.075 (δ/σ = 11; far is at most 1.1 % of near),
    // n needed 3: seed by seed.
    const a = near.map(tacitFlow), b = far.map(tacitFlow);
    for (let s = 0; s < SEEDS; s++) expect(b[s]).toBeLessThan(0.05 * a[s]);
  });

  it('leaves less knowledge and fewer innovations', () => {
    // Knowledge is anchored by what firms absorb from outside (capabilities.ts), so local
    // learning adds a few hundredths to it. Pilot: final knowledge near - far δ = 0.029,
    // σ = 0.0088 (δ/σ = 3.3; positive in 30 of 30 seeds, but under a normal law in all 64
    // seeds of the long run with probability 0.97 only: sign test), and - 0.01 δ = 0.019
    // (δ/σ = 2.2), n needed 4 (5 with σ at its 90 % upper confidence bound). Innovations far
    // are 0.78 of near on average (fewer in 30 of 30 seeds): 0.92 near - far δ = 127,
    // σ = 54 (δ/σ = 2.3), n needed 4 (5); near - far δ = 197, σ = 59 (sign test).
    const ka = near.map(finalKnowledge), kb = far.map(finalKnowledge);
    const ia = near.map(innovations), ib = far.map(innovations);
    expectMostlyPositive(paired(ka, kb), 'final knowledge near - far');
    expectPositiveMean(paired(ka, kb).map((d) => d - 0.01), 'final knowledge near - far - 0.01');
    expectPositiveMean(ia.map((v, s) => 0.92 * v - ib[s]), '0.92 innovations near - far');
    expectMostlyPositive(paired(ia, ib), 'innovations near - far');
  });

  // Not reproduced at the stated threshold: ICT carries codified knowledge over distance
  // (002 §42), but the spread-out cluster's codified flow is 0.45 of the near one (ratio of the
  // means; 0.19-1.29 by seed, above half in 13 of 30 seeds); far - 0.5 near δ = -0.024, σ = 0.086,
  // 95 % CI -0.056 to 0.008. The claim "more than half" is kept as an expected failure; the
  // 4-seed version passed by chance (0.58 over seeds 1-4).
  it.fails('keeps codified flows going, at more than half the near cluster\'s: ICT carries codified knowledge over distance (002 §42)', () => {
    expectPositiveMean(paired(far.map(codified), near.map(codified), 0.5), 'codified far - 0.5 near');
  });

  it('restores tie learning across the distance when institutional and organisational proximity compensate', () => {
    // Organisational and institutional proximity work at a distance at remoteEnable of what
    // they do nearby (Boschma). Pilot: compensated - uncompensated tie flow δ = 0.59,
    // σ = 0.12 (δ/σ = 4.8): seed by seed. Ten times or more holds in 27 of 30 seeds only
    // (6.2 to 2800 times, median 64): compensated - 10 uncompensated δ = 0.43, σ = 0.27
    // (δ/σ = 1.6), n needed 6 (7 with σ at its 90 % upper confidence bound): asserted as a mean.
    const b = far.map(tie), c = comp.map(tie);
    for (let s = 0; s < SEEDS; s++) expect(c[s]).toBeGreaterThan(b[s]);
    expectPositiveMean(paired(c, b, 10), 'tie flow compensated - 10 uncompensated');
    // The restored tie flow does not show in knowledge at step 24: over 30 paired seeds, final
    // knowledge with compensation minus without is δ = 0.0014, σ = 0.0096 (positive in 18 of
    // 30), measured; detecting it at power 0.8 would take about 360 seeds. Relative knowledge
    // is anchored by what firms absorb from outside (capabilities.ts) and tie flows are a few
    // hundredths of it, so this part of the claim is not reproduced by the current model, and
    // is not asserted (docs/validation.md).
  });
});
