/** The five proximities and the transfer channels built on them (002 §51, §56, §61-64; MODEL §4). */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../src/engine/build.js';
import {
  codifiedReach, cognitiveDistance, distanceKm, geographical, institutional, learningValue, optimalDistance,
  lockInFactor, organisational, social, tacitReach, type ProximityParams,
} from '../../src/engine/proximity.js';
import { ProximitySchema } from '../../src/scenario/schema.js';
import { TieType } from '../../src/engine/ties.js';
import { smallScenario } from '../fixtures/scenarios.js';

const P: ProximityParams = ProximitySchema.parse({});

/** Four SMEs: rows 0, 1 in region a (IT), row 2 in region b (IT), row 3 in region c (DE). */
function four() {
  const sc = smallScenario({
    regions: [
      { id: 'a', country: 'IT', center: [0, 0], radiusKm: 5, socialCapital: 0.9 },
      { id: 'b', country: 'IT', center: [300, 0], radiusKm: 5 },
      { id: 'c', country: 'DE', center: [900, 0], radiusKm: 5 },
    ],
    populations: [
      { kind: 'sme', region: 'a', sector: 's1', count: 2, initialTies: 0 },
      { kind: 'sme', region: 'b', sector: 's1', count: 1, initialTies: 0 },
      { kind: 'sme', region: 'c', sector: 's1', count: 1, initialTies: 0 },
    ],
  });
  return buildState(sc, 3);
}

describe('geographical proximity', () => {
  it('is 1 at distance 0, 1/e at the scale, and falls with distance', () => {
    expect(geographical(0, P)).toBe(1);
    expect(geographical(P.geoScaleKm, P)).toBeCloseTo(Math.exp(-1), 12);
    expect(geographical(5, P)).toBeGreaterThan(geographical(50, P));
    expect(geographical(1000, P)).toBeLessThan(1e-9);
  });
  it('measures distance in km between rows', () => {
    const s = four();
    s.pop.x[0] = 0; s.pop.y[0] = 0; s.pop.x[1] = 3; s.pop.y[1] = 4;
    expect(distanceKm(s.pop, 0, 1)).toBe(5);
  });
});

describe('cognitive distance: the correlation of relative profiles', () => {
  it('is 0 for the same specialisation whatever the level, 1/2 for unrelated ones, 1 for opposite ones', () => {
    const s = four();
    const p = s.pop, D = p.D;
    p.tacit.fill(0); p.codified.fill(0);
    for (let k = 0; k < D; k++) { p.tacit[k] = 0.1 * (k + 1); p.tacit[D + k] = 0.3 * (k + 1); }
    expect(cognitiveDistance(p, 0, 1)).toBeCloseTo(0, 12);
    // Opposite specialisations: what one knows best the other knows least.
    for (let k = 0; k < D; k++) { p.tacit[2 * D + k] = 0.1 * (k + 1); p.tacit[3 * D + k] = 0.1 * (D - k); }
    expect(cognitiveDistance(p, 2, 3)).toBeCloseTo(1, 12);
    // Uncorrelated profiles (D = 4: +1 -1 +1 -1 against +1 +1 -1 -1, centred).
    const a = [2, 0, 2, 0], b = [2, 2, 0, 0];
    for (let k = 0; k < D; k++) { p.tacit[2 * D + k] = a[k]; p.tacit[3 * D + k] = b[k]; }
    expect(cognitiveDistance(p, 2, 3)).toBeCloseTo(0.5, 12);
    // Tacit and codified knowledge count together.
    for (let k = 0; k < D; k++) { p.tacit[2 * D + k] = 0.5 * a[k]; p.codified[2 * D + k] = 0.5 * b[k]; p.tacit[3 * D + k] = 0; p.codified[3 * D + k] = 0.5 * (a[k] + b[k]); }
    expect(cognitiveDistance(p, 2, 3)).toBeCloseTo(0, 12);
  });
  it('is 1/2 against an agent that knows the same in every domain (no specialisation to compare)', () => {
    const s = four();
    const D = s.pop.D;
    for (let k = 0; k < D; k++) { s.pop.tacit[k] = 0.4; s.pop.codified[k] = 0; s.pop.tacit[D + k] = k; }
    expect(cognitiveDistance(s.pop, 0, 1)).toBe(0.5);
  });
  it('compares relative levels: a domain in which the frontier moved counts for less', () => {
    const s = four();
    const p = s.pop, D = p.D;
    p.tacit.fill(0); p.codified.fill(0);
    for (let k = 0; k < D; k++) { p.tacit[k] = 1 + k; p.tacit[D + k] = 1 + (D - 1 - k); }
    const before = cognitiveDistance(p, 0, 1);
    for (let k = 0; k < D; k++) p.frontier[p.sector[0] * D + k] = 1 + k; // row 0 is flat relative to this frontier
    expect(before).toBeCloseTo(1, 12);
    expect(cognitiveDistance(p, 0, 1)).toBeCloseTo(0.5, 12);
  });
});

describe('organisational, institutional and social proximity', () => {
  it('organisational: same group or project 1, same competence centre 0.7, else 0', () => {
    const s = four();
    const p = s.pop;
    expect(organisational(p, 0, 3)).toBe(0);
    p.centre[0] = p.centre[3] = 7;
    expect(organisational(p, 0, 3)).toBe(0.7);
    p.project[0] = p.project[3] = 2;
    expect(organisational(p, 0, 3)).toBe(1);
    p.project[3] = -1; p.group[0] = p.group[3] = 4;
    expect(organisational(p, 0, 3)).toBe(1);
  });
  it('institutional: within a region from its institutions, sameCountry between regions of a country, otherCountry across', () => {
    const s = four();
    // Region a has the default institutional quality 0.5: halfway between sameCountry and 1.
    expect(institutional(s, 0, 1)).toBeCloseTo(P.sameCountry + (1 - P.sameCountry) * 0.5, 12);
    expect(institutional(s, 0, 2)).toBe(P.sameCountry);
    expect(institutional(s, 0, 3)).toBe(P.otherCountry);
    expect(institutional(s, 3, 0)).toBe(P.otherCountry);
  });
  it('social: the trust of a tie, else a third of the shared region\'s social capital, else 0', () => {
    const s = four();
    expect(social(s, 0, 1)).toBeCloseTo(0.3, 12);
    expect(social(s, 0, 2)).toBe(0);
    s.ties.add(0, 2, TieType.horizontal, 0.5, 0.75, 0);
    expect(social(s, 0, 2)).toBe(0.75);
    expect(social(s, 2, 0)).toBe(0.75);
  });
});

describe('tacit reach: proximities partly substitute, geography strengthens the others (Boschma 2005)', () => {
  const far = geographical(500, P);
  it('close agents exchange tacit knowledge through geography alone', () => {
    expect(tacitReach(geographical(1, P), 0, 0, P)).toBeCloseTo(geographical(1, P), 12);
  });
  it('distant agents with no organisational or institutional proximity hardly exchange', () => {
    expect(tacitReach(far, 0, 0, P)).toBeLessThan(1e-20);
  });
  it('organisational proximity stands in for distance, up to tacitOrgWeight x remoteEnable', () => {
    expect(tacitReach(far, 1, 0, P)).toBeCloseTo(P.remoteEnable * P.tacitOrgWeight, 12);
    expect(tacitReach(far, 0.7, 0, P)).toBeCloseTo(0.7 * P.remoteEnable * P.tacitOrgWeight, 12);
  });
  it('institutional proximity stands in for distance, up to tacitInstWeight x remoteEnable', () => {
    expect(tacitReach(far, 0, 1, P)).toBeCloseTo(P.remoteEnable * P.tacitInstWeight, 12);
    expect(tacitReach(far, 0, P.sameCountry, P)).toBeGreaterThan(tacitReach(far, 0, P.otherCountry, P));
  });
  it('partial substitutes: two stand-ins add less than their sum, more than either (not a max)', () => {
    const both = tacitReach(far, 1, 1, P), org = tacitReach(far, 1, 0, P), inst = tacitReach(far, 0, 1, P);
    expect(both).toBeGreaterThan(Math.max(org, inst));
    expect(both).toBeLessThan(org + inst);
  });
  it('geography strengthens the others: the same organisational proximity adds more nearby', () => {
    const near = geographical(5, P);
    const e = (geo: number) => (tacitReach(geo, 1, 0, P) - geo) / (1 - geo); // what org adds, per unit left to add
    expect(e(near)).toBeGreaterThan(e(far));
  });
  it('compensation never lowers what closeness gives', () => {
    expect(tacitReach(1, 0.2, 0.2, P)).toBe(1);
  });
  it('with the weights at 0 nothing compensates', () => {
    const off = { ...P, tacitOrgWeight: 0, tacitInstWeight: 0 };
    expect(tacitReach(far, 1, 1, off)).toBeCloseTo(far, 15);
  });
});

describe('lock-in: too much proximity on every dimension (Boschma 2005)', () => {
  it('cuts learning only when all five proximities are high, by lockIn x the smallest', () => {
    expect(lockInFactor(0.9, 0, 1, 1, 0.1, P)).toBe(1); // no organisational proximity: no lock-in
    expect(lockInFactor(0.9, 1, 0.9, 0.8, 0.1, P)).toBeCloseTo(1 - P.lockIn * 0.8, 12);
    expect(lockInFactor(1, 1, 1, 1, 0, P)).toBeCloseTo(1 - P.lockIn, 12);
    expect(lockInFactor(1, 1, 1, 1, 0, { ...P, lockIn: 0 })).toBe(1);
  });
});

describe('codified reach (ICT, distance matters little)', () => {
  it('needs ICT on both sides', () => {
    expect(codifiedReach(0, 1, 0, P)).toBe(0);
    expect(codifiedReach(1, 0, 0, P)).toBe(0);
    expect(codifiedReach(0.8, 0.5, 0, P)).toBeCloseTo(0.4, 12);
  });
  it('falls little over a distance at which tacit knowledge no longer moves', () => {
    const ratio = codifiedReach(0.8, 0.8, 200, P) / codifiedReach(0.8, 0.8, 0, P);
    expect(ratio).toBeGreaterThan(0.9);
    expect(tacitReach(geographical(200, P), 0, 0, P)).toBeLessThan(1e-8);
  });
});

describe('learning value: inverted U of cognitive distance (Nooteboom)', () => {
  const argmax = (ac: number) => {
    let best = 0, arg = 0;
    for (let d = 0; d <= 1.0001; d += 0.005) {
      const v = learningValue(d, ac, P);
      if (v > best) { best = v; arg = d; }
    }
    return { arg, best };
  };
  it('is 0 at distance 0 (nothing new), 1 at the optimum, and falls beyond it (not understood)', () => {
    const ac = 0.5;
    const ds = optimalDistance(ac, P);
    expect(learningValue(0, ac, P)).toBe(0);
    expect(learningValue(ds, ac, P)).toBeCloseTo(1, 12);
    expect(learningValue(ds / 2, ac, P)).toBeLessThan(1);
    expect(learningValue(Math.min(1, ds * 2), ac, P)).toBeLessThan(1);
    expect(learningValue(0.9, ac, P)).toBeLessThan(learningValue(ds, ac, P));
  });
  it('rises then falls along a grid of distances', () => {
    const v = [0, 0.1, 0.3, 0.6, 1].map((d) => learningValue(d, 0.2, P));
    expect(v[1]).toBeGreaterThan(v[0]);
    expect(v[2]).toBeGreaterThan(v[1]);
    expect(v[3]).toBeLessThan(v[2]);
    expect(v[4]).toBeLessThan(v[3]);
  });
  it('peaks further right for a learner with more absorptive capacity', () => {
    const lo = argmax(0.1), mid = argmax(0.5), hi = argmax(0.9);
    expect(lo.arg).toBeCloseTo(optimalDistance(0.1, P), 2);
    expect(mid.arg).toBeGreaterThan(lo.arg);
    expect(hi.arg).toBeGreaterThan(mid.arg);
    expect(hi.arg).toBeCloseTo(optimalDistance(0.9, P), 2);
  });
  it('lets a high-capacity learner value a distant partner more than a low-capacity one', () => {
    expect(learningValue(0.7, 0.9, P)).toBeGreaterThan(learningValue(0.7, 0.1, P));
  });
});
