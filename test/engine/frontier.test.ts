/** The technological frontier (src/engine/frontier.ts): rates by the step, initial best practice, exact rescaling. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../src/engine/build.js';
import { capAtFrontierAndRefresh, driftFrontier, frontierAdvance, frontierIndex, frontierRatios, growthPerStep, levelInUnitsOf, lossPerStep } from '../../src/engine/frontier.js';
import { endStep } from '../../src/engine/state.js';
import { smallScenario } from '../fixtures/scenarios.js';
import type { State } from '../../src/engine/contract.js';

/** The cap as a pass of its own, before the engine fused it with the refresh of the levels: the reference the fused pass must equal. */
function capTwoPasses(state: State): void {
  const pop = state.pop, D = pop.D, F = pop.frontier, tacit = pop.tacit, codified = pop.codified;
  for (let i = 0; i < pop.n; i++) {
    if (!pop.alive[i]) continue;
    const f = pop.sector[i] * D;
    for (let k = 0, q = i * D; k < D; k++, q++) {
      const v = tacit[q] + codified[q], cap = F[f + k];
      if (v > cap) { const r = cap / v; tacit[q] *= r; codified[q] *= r; }
    }
  }
}

describe('frontier', () => {
  it('converts annual rates to the step: growth compounds, losses compound', () => {
    expect((1 + growthPerStep(0.21, 2)) ** 2).toBeCloseTo(1.21, 12);
    expect((1 - lossPerStep(0.19, 4)) ** 4).toBeCloseTo(0.81, 12);
    expect(lossPerStep(1, 4)).toBe(1);
  });

  it('starts at best practice: 1, or the best level an agent of the sector starts with', () => {
    const s = buildState(smallScenario({ populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 20, initialTies: 0, knowledge: [0.5, 3] }] }), 1);
    const p = s.pop, D = p.D;
    for (let k = 0; k < D; k++) {
      let best = 1;
      for (let i = 0; i < p.n; i++) best = Math.max(best, p.tacit[i * D + k] + p.codified[i * D + k]);
      expect(p.frontier[k]).toBe(best);
    }
    for (let i = 0; i < p.n; i++) for (let k = 0; k < D; k++) expect(p.levelOf(i, k)).toBeLessThanOrEqual(1);
  });

  it('reports how far it advanced since it was last asked', () => {
    const s = buildState(smallScenario({}, 5), 1);
    const out = new Float64Array(s.pop.frontier.length);
    driftFrontier(s, [0.1]);
    frontierAdvance(s, out);
    expect(out[0]).toBeCloseTo(0.1 * (s.pop.frontier[0] / 1.1), 12);
    frontierAdvance(s, out);
    expect(out[0]).toBe(0);
  });

  it('rescales every level by a power of two when the frontier gets large: relative levels are exactly unchanged', () => {
    const s = buildState(smallScenario({}, 5), 1);
    const p = s.pop, D = p.D;
    const big = 2 ** 511.5;
    for (let q = 0; q < p.frontier.length; q++) p.frontier[q] *= big;
    for (let q = 0; q < p.n * D; q++) { p.tacit[q] *= big; p.codified[q] *= big; }
    const before = Array.from({ length: p.n }, (_, i) => p.knowledgeOf(i));
    driftFrontier(s, [0.5]);
    expect(p.frontierLog2).toBe(512);
    expect(p.frontier[0]).toBeLessThan(2);
    for (let i = 0; i < p.n; i++) expect(p.knowledgeOf(i) / (before[i] / 1.5)).toBeCloseTo(1, 14); // the drift, to rounding; the rescale is exact
    expect(frontierIndex(s, 0, 0)).toBeCloseTo(big * 1.5, -300);
  });
  it('holds every agent at its sector\'s frontier: a level learned beyond it (from a sector whose frontier is further on) is scaled back, its tacit share kept', () => {
    const s = buildState(smallScenario({ populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 3, initialTies: 0 }] }), 1);
    const p = s.pop, D = p.D, F = p.frontier;
    // Row 0, domain 0: three times best practice, 3/4 tacit. Row 1 stays below.
    p.tacit[0] = 3 * F[0] * 0.75; p.codified[0] = 3 * F[0] * 0.25;
    const below = [p.tacit[D], p.codified[D]];
    capAtFrontierAndRefresh(s);
    expect(p.tacit[0] + p.codified[0]).toBeCloseTo(F[0], 12);
    expect(p.tacit[0] / (p.tacit[0] + p.codified[0])).toBeCloseTo(0.75, 12);
    expect([p.tacit[D], p.codified[D]]).toEqual(below);
    // Every step ends with it: the knowledge column the next step reads is at most 1.
    p.tacit[1] = 5 * F[1];
    endStep(s);
    for (let i = 0; i < p.n; i++) for (let k = 0; k < D; k++) expect(p.levelOf(i, k)).toBeLessThanOrEqual(1 + 1e-12);
    expect(p.knowledge[0]).toBeLessThanOrEqual(1 + 1e-12);
  });
  it('caps and refreshes the knowledge levels in one pass exactly as the two passes do', () => {
    const s = buildState(smallScenario({ populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 30, initialTies: 0, knowledge: [0.2, 3] }] }), 4);
    const p = s.pop, D = p.D, F = p.frontier;
    // Some cells past best practice, one row flagged dead (not capped), as within endStep.
    for (let i = 0; i < p.n; i += 3) { p.tacit[i * D + (i % D)] = 2.5 * F[i % D]; p.codified[i * D + ((i + 1) % D)] += 1.7 * F[(i + 1) % D]; }
    p.alive[6] = 0;
    const t0 = p.tacit.slice(), c0 = p.codified.slice();
    capTwoPasses(s);
    p.refreshDerived();
    const t1 = p.tacit.slice(), c1 = p.codified.slice(), k1 = p.knowledge.slice(0, p.n);
    p.tacit.set(t0);
    p.codified.set(c0);
    p.knowledge.fill(0);
    capAtFrontierAndRefresh(s);
    expect(p.tacit).toEqual(t1);
    expect(p.codified).toEqual(c1);
    expect(p.knowledge.slice(0, p.n)).toEqual(k1);
    expect(p.tacit[6 * D + (6 % D)]).toBe(t0[6 * D + (6 % D)]); // the dead row is not capped
  });
  it('puts a level of another sector into the learner\'s units by the ratio of their frontiers (1 within a sector)', () => {
    const s = buildState(smallScenario({
      sectors: [{ id: 's1' }, { id: 's2' }],
      populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 2, initialTies: 0 }, { kind: 'sme', region: 'r1', sector: 's2', count: 1, initialTies: 0 }],
    }), 1);
    const p = s.pop, D = p.D, F = p.frontier;
    for (let k = 0; k < D; k++) F[D + k] = 40 * F[k];
    p.tacit[2 * D] = 0.6 * F[D]; p.codified[2 * D] = 0.1 * F[D]; // row 2 (s2) at 70 % of its frontier in domain 0
    expect(levelInUnitsOf(s, 0, 2, 0)).toBeCloseTo(0.7 * F[0], 12); // 70 % of row 0's frontier
    expect(levelInUnitsOf(s, 2, 0, 1)).toBeCloseTo(40 * (p.tacit[1] + p.codified[1]), 12);
    expect(levelInUnitsOf(s, 0, 1, 1)).toBe(p.tacit[D + 1] + p.codified[D + 1]); // same sector: the level itself
    const r = frontierRatios(s, new Float64Array(0));
    expect(r).toHaveLength(2 * 2 * D);
    expect(r[(0 * 2 + 1) * D + 3]).toBeCloseTo(1 / 40, 14);
    expect(r[(1 * 2 + 0) * D + 3]).toBeCloseTo(40, 12);
    expect(r[(1 * 2 + 1) * D + 3]).toBe(1);
  });
});
