/**
 * docs/model.md, Behaviour and validation: learning from a partner peaks at intermediate cognitive distance (Nooteboom;
 * 002 §44-45 too close, §56 and §63 too far). First on the shipped experiment
 * scenarios/experiments/cognitive-{near,distance,far}.yaml, then on one learner-partner pair.
 */
import { describe, expect, it } from 'vitest';
import { experiment, perSeed, series, total } from './helpers.js';
import { buildState } from '../../src/engine/build.js';
import { tieLearning, TieLearningParams } from '../../src/engine/mechanisms/tieLearning.js';
import { cognitiveDistance } from '../../src/engine/proximity.js';
import { stream } from '../../src/engine/rng.js';
import { beginStep } from '../../src/engine/state.js';
import { TieType } from '../../src/engine/ties.js';
import { smallScenario } from '../fixtures/scenarios.js';

const SEEDS = 4, STEPS = 8;
const learnt = (rows: Parameters<typeof series>[0]) =>
  total(series(rows, 'flow.tie', 'sector:learners')) + total(series(rows, 'flow.spillover', 'sector:learners'));

describe('behaviour: optimal cognitive distance in a cluster', async () => {
  const near = await experiment('cognitive-near');
  const mid = await experiment('cognitive-distance');
  const far = await experiment('cognitive-far');

  it('learners learn most from partners at intermediate distance, seed by seed', () => {
    const a = perSeed(near, SEEDS, STEPS, learnt), b = perSeed(mid, SEEDS, STEPS, learnt), c = perSeed(far, SEEDS, STEPS, learnt);
    for (let s = 0; s < SEEDS; s++) {
      expect(b[s]).toBeGreaterThan(2 * a[s]);
      expect(b[s]).toBeGreaterThan(1.3 * c[s]);
    }
  });
});

describe('behaviour: optimal cognitive distance for one pair', () => {
  /**
   * The learner's relative levels are 0.3 + 0.075 u and its partner's 0.6 + 0.3 (cos(th) u +
   * sin(th) w), with u = (1, 1, -1, -1) / 2 and w = (1, -1, 1, -1) / 2 centred and orthonormal:
   * the correlation of their profiles is cos(th), so their cognitive distance is
   * (1 - cos(th)) / 2, while the partner is ahead in every domain by a gap that sums to the
   * same 1.2 at every th. The learner does something in every domain alike (affinity 1), so
   * what it learns follows the learning value of the distance alone. Returns [distance, learnt].
   */
  function learnAt(th: number, ac: number): [number, number] {
    const s = buildState(smallScenario({ populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 2, initialTies: 0 }] }), 1);
    const p = s.pop, D = p.D;
    const u = [0.5, 0.5, -0.5, -0.5], w = [0.5, -0.5, 0.5, -0.5];
    p.frontier.fill(1);
    for (let k = 0; k < D; k++) {
      p.tacit[k] = 0.3 + 0.075 * u[k]; p.codified[k] = 0;
      p.tacit[D + k] = 0.6 + 0.3 * (Math.cos(th) * u[k] + Math.sin(th) * w[k]); p.codified[D + k] = 0;
      p.niche[k] = 1 / D;
    }
    p.x[0] = p.y[0] = p.x[1] = p.y[1] = 0;
    p.absorptive[0] = ac; p.openness[0] = p.openness[1] = 1;
    s.ties.add(0, 1, TieType.horizontal, 1, 1, 0);
    beginStep(s, 1);
    const d = cognitiveDistance(p, 0, 1);
    tieLearning.step({ state: s, params: TieLearningParams.parse({}), rng: stream(1, 'pair') });
    return [d, s.acc.flowByRow[0 * 4 + 1]];
  }
  const curve = (ac: number) => Array.from({ length: 61 }, (_, q) => learnAt((q / 60) * Math.PI, ac));
  const peak = (c: [number, number][]) => c.reduce((b, x) => (x[1] > b[1] ? x : b));

  it('rises from zero at distance 0, peaks inside the range and falls toward distance 1', () => {
    const c = curve(0.3);
    const [dPeak, gPeak] = peak(c);
    expect(c[0][1]).toBe(0);
    expect(dPeak).toBeGreaterThan(0.1);
    expect(dPeak).toBeLessThan(0.8);
    expect(c[c.length - 1][1]).toBeLessThan(0.75 * gPeak);
    // The distance spans the whole range: the curve has a falling side to measure.
    expect(c[0][0]).toBeCloseTo(0, 12);
    expect(c[c.length - 1][0]).toBeCloseTo(1, 12);
  });

  it('peaks further out for a learner with more absorptive capacity (exploration)', () => {
    const lo = peak(curve(0.1))[0], hi = peak(curve(0.9))[0];
    expect(hi).toBeGreaterThan(lo + 0.15);
    // At the optimal distance of each learner (proximity.ts optimalDistance), to the grid's step.
    expect(lo).toBeCloseTo(0.15 + 0.3 * 0.1, 1);
    expect(hi).toBeCloseTo(0.15 + 0.3 * 0.9, 1);
  });
});
