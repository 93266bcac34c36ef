/** Interactive learning on ties (002 §82): hand-built pairs of partners. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { tieLearning, tieWeights, TieLearningParams } from '../../../src/engine/mechanisms/tieLearning.js';
import { stream } from '../../../src/engine/rng.js';
import { beginStep } from '../../../src/engine/state.js';
import { TieType } from '../../../src/engine/ties.js';
import type { State } from '../../../src/engine/contract.js';
import { smallScenario } from '../../fixtures/scenarios.js';
import { affinityInto, cognitiveDistance, optimalDistance } from '../../../src/engine/proximity.js';

const P = TieLearningParams.parse({});
const T = 3; // the step the tests run at

interface PairOpts { dist?: number; tie?: boolean; trust?: number; acA?: number; acB?: number; ict?: number; otherCountry?: boolean; otherSector?: number }

/**
 * Two SMEs `dist` km apart, in two regions of one country (or two countries), with a tie: A (row 0) knows more in domains 0-1, B (row 1) in
 * domains 2-3, both tacitly and codified, so each has something to learn from the other.
 */
function pair(o: PairOpts = {}): State {
  const sc = smallScenario({
    regions: [
      { id: 'r1', country: 'IT', center: [0, 0], radiusKm: 10 },
      { id: 'r2', country: o.otherCountry ? 'DE' : 'IT', center: [o.dist ?? 1, 0], radiusKm: 10 },
    ],
    // With otherSector, B is of a second sector (same knowledge base) whose frontier is
    // otherSector times A's: its levels are scaled alike, so its relative knowledge is the same.
    sectors: o.otherSector ? [{ id: 's1' }, { id: 's2' }] : [{ id: 's1' }],
    populations: [
      { kind: 'sme', region: 'r1', sector: 's1', count: 1, initialTies: 0 },
      { kind: 'sme', region: 'r2', sector: o.otherSector ? 's2' : 's1', count: 1, initialTies: 0 },
    ],
  });
  const s = buildState(sc, 1);
  const p = s.pop, D = p.D;
  p.x[0] = 0; p.y[0] = 0; p.x[1] = o.dist ?? 1; p.y[1] = 0;
  const a = [0.6, 0.5, 0.2, 0.1], b = [0.2, 0.1, 0.6, 0.5], f = o.otherSector ?? 1;
  for (let k = 0; k < D; k++) {
    p.tacit[k] = a[k]; p.codified[k] = a[k] / 2;
    p.tacit[D + k] = f * b[k]; p.codified[D + k] = (f * b[k]) / 2;
    if (o.otherSector) p.frontier[D + k] = f * p.frontier[k];
  }
  p.absorptive[0] = o.acA ?? 0.5; p.absorptive[1] = o.acB ?? 0.5;
  p.openness[0] = p.openness[1] = 1;
  p.ict[0] = p.ict[1] = o.ict ?? 0.6;
  if (o.tie ?? true) s.ties.add(0, 1, TieType.horizontal, 0.5, o.trust ?? 0.8, 0);
  s.grid.rebuild(p.x, p.y, p.n, () => true);
  beginStep(s, T);
  return s;
}

const run = (s: State, params: TieLearningParams = P, seed = 1) => tieLearning.step({ state: s, params, rng: stream(seed, 'test') });
const sumRow = (a: Float64Array, i: number, D: number) => { let v = 0; for (let k = 0; k < D; k++) v += a[i * D + k]; return v; };

describe('tieLearning', () => {
  it('lets both partners learn, tacit into tacit and codified into codified, and records both channels', () => {
    const s = pair();
    const D = s.pop.D;
    const t0 = [sumRow(s.pop.tacit, 0, D), sumRow(s.pop.tacit, 1, D)];
    const c0 = [sumRow(s.pop.codified, 0, D), sumRow(s.pop.codified, 1, D)];
    run(s);
    const dt = [sumRow(s.pop.tacit, 0, D) - t0[0], sumRow(s.pop.tacit, 1, D) - t0[1]];
    const dc = [sumRow(s.pop.codified, 0, D) - c0[0], sumRow(s.pop.codified, 1, D) - c0[1]];
    for (const g of [...dt, ...dc]) expect(g).toBeGreaterThan(0);
    expect(s.acc.flow.tie).toBeCloseTo(dt[0] + dt[1], 12);
    expect(s.acc.flow.codified).toBeCloseTo(dc[0] + dc[1], 12);
    expect(s.acc.flowByRow[0 * 4 + 1]).toBeCloseTo(dt[0], 12);
    expect(s.acc.flowByRow[1 * 4 + 3]).toBeCloseTo(dc[1], 12);
    expect(s.acc.flow.spillover).toBe(0);
  });

  it('across sectors, each side learns in its own units: a partner of a sector whose frontier is 1,000 times further on teaches what it would at the same relative level', () => {
    const same = pair(), other = pair({ otherSector: 1000 });
    const D = same.pop.D;
    run(same);
    run(other);
    for (let k = 0; k < D; k++) {
      // A (row 0) gains as from a same-sector partner, not a thousand times more (which the
      // frontier cap would then cut back to A's best practice); B gains 1,000 times A's units.
      expect(other.pop.tacit[k] / same.pop.tacit[k]).toBeCloseTo(1, 9);
      expect(other.pop.codified[k] / same.pop.codified[k]).toBeCloseTo(1, 9);
      expect(other.pop.tacit[D + k] / (1000 * same.pop.tacit[D + k])).toBeCloseTo(1, 9);
    }
    for (let k = 0; k < D; k++) expect(other.pop.levelOf(0, k)).toBeLessThan(0.9);
    expect(other.acc.flowByRow[1]).toBeCloseTo(same.acc.flowByRow[1], 9);
  });

  it('updates synchronously: each side learns from the partner as it was at the start of the phase', () => {
    const s = pair();
    const D = s.pop.D;
    const before = Float64Array.from(s.pop.tacit.subarray(0, 2 * D));
    const wB = tieWeights(s, P, 1, 0, s.ties.find(1, 0)).tacit;
    const aff = new Float64Array(D);
    affinityInto(s.pop, 1, aff, 0);
    run(s);
    for (let k = 0; k < D; k++) {
      const gap = before[k] - before[D + k];
      const expected = before[D + k] + (gap > 0 ? wB * aff[k] * gap : 0);
      expect(s.pop.tacit[D + k]).toBeCloseTo(expected, 12);
    }
  });

  it('needs a tie: strangers learn nothing here', () => {
    const s = pair({ tie: false });
    run(s);
    expect(s.acc.flow.tie + s.acc.flow.codified).toBe(0);
  });

  it('gives nothing to a partner with zero absorptive capacity, and more to more capacity', () => {
    const s = pair({ acA: 0 });
    run(s);
    expect(s.acc.flowByRow[0 * 4 + 1] + s.acc.flowByRow[0 * 4 + 3]).toBe(0);
    expect(s.acc.flowByRow[1 * 4 + 1]).toBeGreaterThan(0);
    const lo = pair({ acA: 0.2 }), hi = pair({ acA: 0.8 });
    run(lo); run(hi);
    expect(hi.acc.flowByRow[1]).toBeGreaterThan(lo.acc.flowByRow[1]);
  });

  it('moves no tacit knowledge without trust, but still codified knowledge', () => {
    const s = pair({ trust: 0 });
    run(s);
    expect(s.acc.flow.tie).toBe(0);
    expect(s.acc.flow.codified).toBeGreaterThan(0);
  });

  it('moves no codified knowledge without ICT', () => {
    const s = pair({ ict: 0 });
    run(s);
    expect(s.acc.flow.codified).toBe(0);
    expect(s.acc.flow.tie).toBeGreaterThan(0);
  });

  it('stops tacit learning over a large distance unless organisational proximity compensates', () => {
    const near = pair({ dist: 1, otherCountry: true });
    const far = pair({ dist: 800, otherCountry: true });
    run(near); run(far);
    expect(far.acc.flow.tie).toBeLessThan(0.2 * near.acc.flow.tie);
    // Codified knowledge still travels: distance matters little.
    expect(far.acc.flow.codified).toBeGreaterThan(0.5 * near.acc.flow.codified);
    // Same joint project: organisational proximity carries tacit knowledge across the distance,
    // at remoteEnable of what it adds nearby (Boschma: geography strengthens the other proximities).
    const joint = pair({ dist: 800, otherCountry: true });
    joint.pop.project[0] = joint.pop.project[1] = 0;
    run(joint);
    expect(joint.acc.flow.tie).toBeGreaterThan(0.3 * near.acc.flow.tie);
    expect(joint.acc.flow.tie).toBeGreaterThan(10 * far.acc.flow.tie);
  });

  it('lets institutional proximity compensate partly: same country beats another country far away', () => {
    const same = pair({ dist: 800 });
    const other = pair({ dist: 800, otherCountry: true });
    run(same); run(other);
    expect(same.acc.flow.tie).toBeGreaterThan(2 * other.acc.flow.tie);
  });

  it('marks a tie that paid off as used and strengthens it; trust grows, more slowly at a distance', () => {
    const s = pair();
    const k = s.ties.find(0, 1);
    const st0 = s.ties.strength[k], tr0 = s.ties.trust[k];
    run(s);
    const prox = s.scenario.parameters.proximity;
    const e = prox.remoteEnable + (1 - prox.remoteEnable) * Math.exp(-1 / prox.geoScaleKm); // 1 km apart
    for (const [i, j] of [[0, 1], [1, 0]]) {
      const q = i * s.ties.K + s.ties.find(i, j);
      expect(s.ties.lastUsed[q]).toBe(T);
      expect(s.ties.strength[q]).toBeCloseTo(st0 + P.strengthGain * (1 - st0), 12);
      expect(s.ties.trust[q]).toBeCloseTo(tr0 + e * P.trustGain * (1 - tr0), 12);
    }
    const far = pair({ dist: 30 });
    run(far);
    expect(far.ties.trust[far.ties.find(0, 1)] - tr0).toBeLessThan(s.ties.trust[k] - tr0);
  });

  it('lets a tie that pays less than expected lose trust and go unmarked, so that it decays (outcomes against expectations)', () => {
    // Rows 0-1 as in pair(); rows 2-3 two partners who know the same: nothing to learn.
    const sc = smallScenario({ populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 4, initialTies: 0, openness: [1, 1] }] });
    const s = buildState(sc, 1);
    const p = s.pop, D = p.D;
    const a = [0.6, 0.5, 0.2, 0.1], b = [0.2, 0.1, 0.6, 0.5];
    for (let k = 0; k < D; k++) {
      p.tacit[k] = a[k]; p.tacit[D + k] = b[k]; p.tacit[2 * D + k] = a[k]; p.tacit[3 * D + k] = a[k];
      p.codified[k] = p.codified[D + k] = p.codified[2 * D + k] = p.codified[3 * D + k] = 0;
    }
    for (let i = 0; i < 4; i++) { p.absorptive[i] = 0.5; p.x[i] = i; p.y[i] = 0; }
    s.ties.add(0, 1, TieType.horizontal, 0.5, 0.8, 0);
    s.ties.add(2, 3, TieType.horizontal, 0.5, 0.8, 0);
    beginStep(s, T);
    run(s);
    const q01 = s.ties.find(0, 1), q23 = 2 * s.ties.K + s.ties.find(2, 3);
    expect(s.ties.lastUsed[q01]).toBe(T);
    expect(s.ties.trust[q01]).toBeGreaterThan(0.8);
    expect(s.ties.lastUsed[q23]).toBe(0);
    expect(s.ties.trust[q23]).toBeCloseTo(0.8 * (1 - P.trustLoss), 12);
    expect(s.ties.strength[q23]).toBe(0.5);
  });

  it('two agents: the learner gains most from a partner at an interior cognitive distance, further out with more absorptive capacity', () => {
    // Learner (row 0): 1 + e u in each domain; partner (row 1): 2 + e (cos t u + sin t v),
    // u and v orthonormal and centred, so the two profiles' correlation is cos t and their
    // cognitive distance (1 - cos t) / 2 spans [0, 1], while the gap summed over domains stays
    // D (the partner knows more everywhere): what changes along the grid is the distance.
    const u = [0.5, -0.5, 0.5, -0.5], v = [0.5, 0.5, -0.5, -0.5], e = 0.05;
    const gainAt = (d: number, ac: number): { gain: number; cd: number } => {
      const s = pair({ acA: ac, acB: 0.5 });
      const p = s.pop, D = p.D, t = Math.acos(1 - 2 * d);
      for (let k = 0; k < D; k++) {
        const a = 1 + e * u[k], b = 2 + e * (Math.cos(t) * u[k] + Math.sin(t) * v[k]);
        p.tacit[k] = a * 0.8; p.codified[k] = a * 0.2; p.tacit[D + k] = b * 0.8; p.codified[D + k] = b * 0.2;
      }
      p.refreshDerived();
      beginStep(s, T);
      const before = sumRow(p.tacit, 0, D) + sumRow(p.codified, 0, D);
      const cd = cognitiveDistance(p, 0, 1);
      run(s, { ...P, contactRate: 1 }, 4);
      return { gain: sumRow(p.tacit, 0, D) + sumRow(p.codified, 0, D) - before, cd };
    };
    const peak = (ac: number) => {
      let best = -1, arg = -1;
      for (let d = 0; d <= 1.0001; d += 0.025) {
        const { gain } = gainAt(Math.min(1, d), ac);
        if (gain > best) { best = gain; arg = d; }
      }
      return { arg, best };
    };
    expect(gainAt(0.5, 0.5).cd).toBeCloseTo(0.5, 6); // the construction gives the distance asked
    const lo = peak(0.2), hi = peak(0.8);
    expect(lo.best).toBeGreaterThan(0);
    // Interior: neither the identical partner (nothing new) nor the opposite one (not understood).
    for (const pk of [lo, hi]) { expect(pk.arg).toBeGreaterThan(0.05); expect(pk.arg).toBeLessThan(0.95); }
    expect(gainAt(0, 0.2).gain).toBeLessThan(0.5 * lo.best);
    expect(gainAt(1, 0.2).gain).toBeLessThan(0.5 * lo.best);
    // More absorptive capacity moves the peak to more distant partners (Nooteboom 2000; Cohen & Levinthal 1990).
    expect(hi.arg).toBeGreaterThan(lo.arg);
  });

  it('counts the exchanges whose distance lies beyond the learner\'s optimum (learning.pastOptimumShare)', () => {
    const s = pair({ acA: 0.1, acB: 0.9 });
    const D = s.pop.D, b = [0.6, 0.1, 0.5, 0.2]; // related to row 0's profile, not the same
    for (let k = 0; k < D; k++) { s.pop.tacit[D + k] = b[k]; s.pop.codified[D + k] = b[k] / 2; }
    run(s);
    // The two profiles are far apart: beyond the optimum of the low-capacity learner, not of the other.
    const prox = s.scenario.parameters.proximity;
    const cd = cognitiveDistance(s.pop, 0, 1);
    expect(cd).toBeGreaterThan(optimalDistance(0.1, prox));
    expect(cd).toBeLessThan(optimalDistance(0.9, prox));
    expect(Array.from(s.acc.exchanges.subarray(0, 2))).toEqual([1, 1]);
    expect(Array.from(s.acc.pastOptimum.subarray(0, 2))).toEqual([1, 0]);
  });

  it('learns in proportion to the learner\'s affinity for each domain (prior related knowledge)', () => {
    const s = pair();
    const D = s.pop.D;
    // Row 1 does nothing in domain 0: what its partner knows there passes it by.
    for (let k = 0; k < D; k++) s.pop.niche[D + k] = k === 0 ? 0 : 1 / (D - 1);
    const before = s.pop.tacit[D];
    run(s);
    expect(s.pop.tacit[D]).toBe(before);
    expect(s.pop.tacit[D + 1]).toBeGreaterThan(0.1);
  });

  it('cuts learning when every proximity is high (lock-in), not otherwise', () => {
    const locked = pair({ trust: 1 });
    locked.pop.project[0] = locked.pop.project[1] = 0;
    const w = tieWeights(locked, P, 0, 1, 0).tacit;
    const noLock = { ...locked.scenario.parameters.proximity, lockIn: 0 };
    (locked.scenario.parameters as { proximity: typeof noLock }).proximity = noLock;
    expect(tieWeights(locked, P, 0, 1, 0).tacit).toBeGreaterThan(w);
  });

  it('takes its rates from the knowledge base: engineering firms learn more by interacting, science-based ones more from research', () => {
    const rate = (kb: 'analytical' | 'synthetic' | 'symbolic', research: boolean) => {
      const s = pair();
      s.sectors[0].knowledgeBase = kb;
      if (research) s.pop.kind[1] = 3; // Kind.research
      return tieWeights(s, P, 0, 1, 0).tacit;
    };
    expect(rate('symbolic', false)).toBeGreaterThan(rate('synthetic', false));
    expect(rate('synthetic', false)).toBeGreaterThan(rate('analytical', false));
    expect(rate('analytical', true) / rate('analytical', false)).toBeGreaterThan(rate('synthetic', true) / rate('synthetic', false));
  });

  it('uses no tie when the contact rate is 0', () => {
    const s = pair();
    run(s, { ...P, contactRate: 0 });
    expect(s.acc.flow.tie).toBe(0);
    expect(s.ties.lastUsed[s.ties.find(0, 1)]).toBe(0);
  });

  it('uses ties more often when openness is higher or cooperation costs are cut (service network, 000 §5.4)', () => {
    const used = (openness: number, cut: number) => {
      const sc = smallScenario({ populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 120, initialTies: 8, openness: [1, 1] }] });
      const s = buildState(sc, 2);
      for (let i = 0; i < s.pop.n; i++) { s.pop.openness[i] = openness; }
      beginStep(s, T);
      for (let i = 0; i < s.pop.n; i++) s.policy.coopCostCut[i] = cut;
      run(s);
      let c = 0;
      for (let i = 0; i < s.pop.n; i++) c += s.acc.exchanges[i];
      return c;
    };
    const base = used(0.3, 0);
    expect(base).toBeGreaterThan(0);
    expect(used(0.6, 0)).toBeGreaterThan(1.5 * base);
    expect(used(0.3, 1)).toBeGreaterThan(1.5 * base);
  });
});
