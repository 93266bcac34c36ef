/**
 * docs/model.md, Behaviour and validation: a cluster locked into one domain with no outside links loses diversity over
 * time (lock-in, 002 §44, §64, §126 b3). Runs the shipped experiment
 * scenarios/experiments/lock-in.yaml (closed machining district) and lock-in-open.yaml (the
 * same district with a research institute and a differently specialised neighbour region).
 *
 * Power (helpers.ts; pilot of 30 paired seeds on the current model, δ = mean paired
 * difference, σ = its sd, n = seeds needed for power 0.8): the losses need 4-5 seeds, the
 * equivalence of open and closed 8 (two one-sided tests: power 0.73 at 6 seeds, 0.86 at 8,
 * 0.99 at 16); 16 run by default, 64 with CLUSTERSIM_LONG=1.
 */
import { describe, expect, it } from 'vitest';
import { experiment, expectEquivalent, expectMostlyPositive, expectPositiveMean, mean, paired, runs, seedCount, series } from './helpers.js';

const SEEDS = seedCount(16), STEPS = 40;

/** The district's knowledge diversity (entropy over domains) at each recorded step, per seed. */
async function diversity(name: string): Promise<number[][]> {
  return runs(await experiment(name), SEEDS, STEPS).map((rows) => series(rows, 'knowledge.entropy', 'region:district'));
}

describe('behaviour: lock-in of a closed single-domain cluster', async () => {
  const closed = await diversity('lock-in');
  const open = await diversity('lock-in-open');
  const drop = (h: number[]) => h[0] - h[h.length - 1];

  it('loses knowledge diversity, in most seeds and on average, and keeps it lower', () => {
    // Diversity falls over the first years and then settles where forgetting and the niches
    // hold it (the model reaches a steady state): lower at the middle and at the end of the
    // run than at the start, not always still falling at the end. Pilot: the drop by the
    // middle - 0.005 δ = 0.034, σ = 0.014 (δ/σ = 2.4), by the end - 0.005 δ = 0.046, σ = 0.020
    // (δ/σ = 2.3; drops 0.021-0.105), n needed 4 (5 with σ at its 90 % upper confidence
    // bound). Positive in 30 of 30 seeds, but under a normal law they would hold in all 16 seeds
    // with probability 0.83-0.87 only, so they are asserted as means (95 % CI above 0) and in
    // most seeds (sign test), not seed by seed.
    const byMiddle = closed.map((h) => h[0] - h[Math.floor(h.length / 2)] - 0.005);
    const byEnd = closed.map((h) => drop(h) - 0.005);
    expectPositiveMean(byMiddle, 'diversity lost by the middle - 0.005');
    expectMostlyPositive(byMiddle, 'diversity lost by the middle - 0.005');
    expectPositiveMean(byEnd, 'diversity lost by the end - 0.005');
    expectMostlyPositive(byEnd, 'diversity lost by the end - 0.005');
  });

  it('keeps losing diversity with links to knowledge its firms do not work in (they cannot absorb it: prior related knowledge)', () => {
    // Since absorption follows each firm's affinity for a domain (Cohen & Levinthal 1990;
    // proximity.ts affinityInto), a neighbour region and an institute that know other fields
    // do not stop the machining district's loss of diversity. Pilot: the open district's drop
    // - 0.005 δ = 0.039, σ = 0.019 (δ/σ = 2.1), n needed 5; its drop is 0.044 against the
    // closed district's 0.051, open - closed δ = -0.0063, σ = 0.0082 (95 % CI -0.0093 to
    // -0.0032: the outside links do slow the loss a little, by about an eighth), within the
    // bound of a tenth of the closed drop + 0.01 (±0.015): equivalence by two one-sided
    // tests (simulated power 0.86 at 8 seeds).
    const o = open.map(drop), c = closed.map(drop);
    expectPositiveMean(o.map((x) => x - 0.005), 'the open district\'s diversity lost - 0.005');
    expectEquivalent(paired(o, c), 0.1 * mean(c) + 0.01, 'open - closed diversity lost');
  });
});
