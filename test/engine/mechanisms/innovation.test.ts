/** Own innovation (docs/model/innovation.md): R&D effort, knowledge, absorptive capacity, size, capital, quality, the frontier. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { innovation, InnovationParams, profileEntropy } from '../../../src/engine/mechanisms/innovation.js';
import { stream } from '../../../src/engine/rng.js';
import { beginStep } from '../../../src/engine/state.js';
import type { State } from '../../../src/engine/contract.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { smallScenario } from '../../fixtures/scenarios.js';

const P = InnovationParams.parse({});
const PROFILE = [0.5, 0.3, 0.1, 0.05];

/** n SMEs with the same profile, absorptive capacity, R&D effort and ample capital. */
function firms(n: number, o: { ac?: number; effort?: number; level?: number; capital?: number; kind?: 'sme' | 'competenceCentre' } = {}): State {
  const pops: ScenarioInput['populations'] = [{ kind: o.kind ?? 'sme', region: 'r1', sector: 's1', count: n, initialTies: 0 }];
  const s = buildState(smallScenario({ populations: pops }), 1);
  const p = s.pop, D = p.D;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < D; k++) { p.tacit[i * D + k] = PROFILE[k] * (o.level ?? 1) * 0.8; p.codified[i * D + k] = PROFILE[k] * (o.level ?? 1) * 0.2; }
    p.absorptive[i] = o.ac ?? 0.5;
    p.rdEffort[i] = o.effort ?? 0.1;
    p.employees[i] = 10;
    p.capital[i] = o.capital ?? 100;
    p.quality[i] = 0.1;
  }
  p.refreshDerived(); // the knowledge column the mechanisms read at the start of a step
  beginStep(s, 1);
  return s;
}

function run(s: State, params: InnovationParams = P, steps = 1, seed = 1): { inc: number; rad: number } {
  const rng = stream(seed, 'test');
  let inc = 0, rad = 0;
  for (let t = 0; t < steps; t++) {
    beginStep(s, t + 1);
    innovation.step({ state: s, params, rng });
    for (let i = 0; i < s.pop.n; i++) { inc += s.acc.innovIncremental[i]; rad += s.acc.innovRadical[i]; }
  }
  return { inc, rad };
}

/** Parameters under which a firm of absorptive capacity 1 innovates incrementally every step. */
const ALWAYS_INC = { ...P, effortHalf: 1e-9, knowledgeHalf: 1e-9, radicalRate: 0, learningBoost: 0 };

describe('innovation', () => {
  it('needs R&D effort: none without, more with more', () => {
    expect(run(firms(100, { effort: 0 }), P, 5)).toEqual({ inc: 0, rad: 0 });
    const lo = run(firms(100, { effort: 0.02 }), P, 5), hi = run(firms(100, { effort: 0.3 }), P, 5);
    expect(lo.inc + lo.rad).toBeGreaterThan(0);
    expect(hi.inc).toBeGreaterThan(1.5 * lo.inc);
    expect(hi.rad).toBeGreaterThan(lo.rad);
  });

  it('counts the R&D subsidy as effort, paid by the policy rather than the firm', () => {
    const s = firms(100, { effort: 0 });
    const rng = stream(1, 'test');
    let n = 0;
    for (let t = 0; t < 5; t++) {
      beginStep(s, t + 1);
      for (let i = 0; i < s.pop.n; i++) s.policy.rdSubsidy[i] = 0.2;
      innovation.step({ state: s, params: P, rng });
      for (let i = 0; i < s.pop.n; i++) n += s.acc.innovIncremental[i] + s.acc.innovRadical[i];
    }
    expect(n).toBeGreaterThan(20);
    expect(s.pop.capital[0]).toBe(100);
  });

  it('costs capital, and a firm without capital does no own R&D', () => {
    const s = firms(10, { effort: 0.1 });
    run(s, P, 1);
    expect(s.pop.capital[0]).toBeCloseTo(100 - 0.1 * 10 * P.rdCostPerEmployee, 12);
    expect(run(firms(100, { capital: 0 }), P, 5)).toEqual({ inc: 0, rad: 0 });
  });

  it('innovates more incrementally with more knowledge', () => {
    const lo = run(firms(200, { level: 0.3 }), P, 5), hi = run(firms(200, { level: 2 }), P, 5);
    expect(hi.inc).toBeGreaterThan(1.3 * lo.inc);
  });

  it('innovates radically only with absorptive capacity, more with more', () => {
    expect(run(firms(200, { ac: 0 }), P, 5).rad).toBe(0);
    const lo = run(firms(200, { ac: 0.2 }), P, 5), hi = run(firms(200, { ac: 0.9 }), P, 5);
    expect(hi.rad).toBeGreaterThan(2 * lo.rad);
    expect(hi.inc).toBeGreaterThan(lo.inc);
  });

  it('incremental innovation closes part of the gap to the frontier in the strongest domains only, narrowing the profile', () => {
    const s = firms(1, { ac: 1 });
    s.pop.employees[0] = 100; // several innovations a step, each improving one of its Z units
    const Z = 10 ** P.sizeElasticity;
    const D = s.pop.D;
    const h0 = profileEntropy(s, 0);
    run(s, ALWAYS_INC, 1, 3);
    const c = s.acc.innovIncremental[0];
    expect(c).toBeGreaterThan(0);
    const F = s.pop.frontier[0];
    for (let k = 0; k < D; k++) {
      const level = k < P.focusDomains ? F - (F - PROFILE[k]) * (1 - P.deepenGain / Z) ** c : PROFILE[k];
      expect(s.pop.tacit[k] + s.pop.codified[k]).toBeCloseTo(level, 12);
      // The tacit/codified mix of the domain is kept.
      expect(s.pop.tacit[k] / (s.pop.tacit[k] + s.pop.codified[k])).toBeCloseTo(0.8, 12);
    }
    expect(profileEntropy(s, 0)).toBeLessThan(h0);
    // Gains shrink near the frontier: nobody goes past it by incremental innovation.
    s.pop.capital[0] = 1e9;
    run(s, ALWAYS_INC, 300, 3);
    expect(s.pop.levelOf(0, 0)).toBeLessThanOrEqual(1);
    expect(s.pop.levelOf(0, 0)).toBeGreaterThan(0.99);
  });

  const RADICAL = { ...P, effortHalf: 1e-9, incrementalRate: 0, radicalRate: 0.3, learningBoost: 0 };

  it('radical innovation without partners enters a weak domain by own exploration, widening the profile and moving the niche', () => {
    const s = firms(200, { ac: 1 });
    const D = s.pop.D;
    const mean = PROFILE.reduce((a, b) => a + b) / D;
    const h0 = profileEntropy(s, 0);
    const niche0 = Array.from(s.pop.niche.subarray(0, 200 * D));
    run(s, RADICAL, 1);
    let seen = 0;
    for (let i = 0; i < s.pop.n; i++) {
      if (s.acc.innovRadical[i] !== 1) continue;
      seen++;
      const lv = (k: number) => s.pop.tacit[i * D + k] + s.pop.codified[i * D + k];
      // One of the two domains below the mean closed radicalJump of its gap to the mean.
      const jumped = [2, 3].filter((k) => Math.abs(lv(k) - (PROFILE[k] + P.radicalJump * (mean - PROFILE[k]))) < 1e-12);
      expect(jumped.length).toBe(1);
      expect(lv(1)).toBeCloseTo(PROFILE[1], 12);
      // The strongest domain gains radicalStep x breadth of the frontier.
      expect(lv(0)).toBeCloseTo(PROFILE[0] + P.radicalStep * profileEntropyOf(PROFILE), 12);
      expect(profileEntropy(s, i)).toBeGreaterThan(h0);
      // The niche moved toward the domain entered.
      const w = jumped[0];
      expect(s.pop.niche[i * D + w]).toBeCloseTo((1 - P.radicalJump) * niche0[i * D + w] + P.radicalJump, 12);
    }
    expect(seen).toBeGreaterThan(20);
  });

  it('radical innovation borrows from the partner furthest ahead in a weak domain (002 §44)', () => {
    // Rows 0-39 are learners, each tied to its own partner (rows 40-79) strong in domain 3.
    const s = firms(80, { ac: 1 });
    const BORROW = { ...RADICAL, radicalRate: 0.8 };
    const D = s.pop.D;
    for (let i = 0; i < 40; i++) {
      const j = 40 + i;
      s.pop.tacit[j * D + 3] = 0.9; s.pop.codified[j * D + 3] = 0;
      s.ties.add(i, j, 1, 0.5, 0.5, 0);
    }
    run(s, BORROW, 1);
    let seen = 0;
    for (let i = 0; i < 40; i++) {
      if (s.acc.innovRadical[i] !== 1) continue;
      seen++;
      expect(s.pop.tacit[i * D + 3] + s.pop.codified[i * D + 3]).toBeCloseTo(PROFILE[3] + P.radicalJump * (0.9 - PROFILE[3]), 12);
      expect(s.pop.tacit[i * D + 2] + s.pop.codified[i * D + 2]).toBeCloseTo(PROFILE[2], 12);
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('radical innovation borrows from a partner of another sector at its level in the borrower\'s units', () => {
    // As above, but the partners (rows 40-79) are of sector s2, whose frontier is 100 times
    // s1's, and know 100 times as much in every domain: relatively, the same partners.
    const pops: ScenarioInput['populations'] = [
      { kind: 'sme', region: 'r1', sector: 's1', count: 40, initialTies: 0 },
      { kind: 'sme', region: 'r1', sector: 's2', count: 40, initialTies: 0 },
    ];
    const s = buildState(smallScenario({ sectors: [{ id: 's1' }, { id: 's2' }], populations: pops }), 1);
    const p = s.pop, D = p.D;
    for (let k = 0; k < D; k++) p.frontier[D + k] = 100 * p.frontier[k];
    for (let i = 0; i < 80; i++) {
      const f = i < 40 ? 1 : 100;
      for (let k = 0; k < D; k++) { p.tacit[i * D + k] = f * PROFILE[k] * 0.8; p.codified[i * D + k] = f * PROFILE[k] * 0.2; }
      p.absorptive[i] = 1; p.rdEffort[i] = 0.1; p.employees[i] = 10; p.capital[i] = 100; p.quality[i] = 0.1;
    }
    for (let i = 0; i < 40; i++) {
      const j = 40 + i;
      p.tacit[j * D + 3] = 100 * 0.9; p.codified[j * D + 3] = 0;
      s.ties.add(i, j, 1, 0.5, 0.5, 0);
    }
    p.refreshDerived();
    run(s, { ...RADICAL, radicalRate: 0.8 }, 1);
    let seen = 0;
    for (let i = 0; i < 40; i++) {
      if (s.acc.innovRadical[i] !== 1) continue;
      seen++;
      expect(p.tacit[i * D + 3] + p.codified[i * D + 3]).toBeCloseTo(PROFILE[3] + P.radicalJump * (0.9 - PROFILE[3]), 12);
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('moves the sector\'s frontier with its radical innovations, and only with them', () => {
    const push = (radicalRate: number) => {
      const s = firms(100, { ac: 1 });
      const F0 = Array.from(s.pop.frontier);
      run(s, { ...RADICAL, radicalRate }, 3);
      return Math.max(...Array.from(s.pop.frontier).map((f, q) => f / F0[q]));
    };
    expect(push(0)).toBe(1);
    expect(push(0.3)).toBeGreaterThan(1);
    expect(push(0.3)).toBeLessThan(1 + 3 * 0.3 * P.radicalStep + 1e-9); // an intensity: at most radicalStep per unit of R&D scale and innovation rate
  });

  it('makes larger firms innovate more often, in proportion to size^sizeElasticity, without a larger knowledge gain per step', () => {
    const measure = (employees: number) => {
      const s = firms(300, { ac: 0.5 });
      for (let i = 0; i < 300; i++) s.pop.employees[i] = employees;
      const K0 = Array.from({ length: 300 }, (_, i) => s.pop.knowledgeOf(i));
      const n = run(s, { ...P, capital: undefined } as unknown as typeof P, 4, 9);
      let gain = 0;
      for (let i = 0; i < 300; i++) gain += s.pop.knowledgeOf(i) - K0[i];
      return { count: n.inc + n.rad, gain };
    };
    const small = measure(10), large = measure(100);
    const ratio = large.count / small.count, expected = 10 ** P.sizeElasticity;
    expect(ratio).toBeGreaterThan(0.75 * expected);
    expect(ratio).toBeLessThan(1.25 * expected);
    expect(large.gain / small.gain).toBeGreaterThan(0.7);
    expect(large.gain / small.gain).toBeLessThan(1.3);
  });

  it('innovates more, and more radically, in a science-based (analytical) sector than in an engineering-based one', () => {
    const count = (kb: 'analytical' | 'synthetic') => {
      const s = firms(300);
      s.sectors[0].knowledgeBase = kb;
      return run(s, P, 4);
    };
    const a = count('analytical'), syn = count('synthetic');
    expect(a.rad).toBeGreaterThan(2 * syn.rad);
    expect(a.inc).toBeGreaterThan(1.2 * syn.inc);
  });

  it('innovates more after absorbing knowledge from others this step (interactive learning, 002 §37, §47)', () => {
    const count = (received: number) => {
      const s = firms(400);
      beginStep(s, 1);
      // What the earlier phases (spillover, ties, projects) recorded as absorbed by each row.
      for (let i = 0; i < s.pop.n; i++) s.acc.flowByRow[i * 4 + 1] = received;
      innovation.step({ state: s, params: P, rng: stream(4, 'test') });
      let c = 0;
      for (let i = 0; i < s.pop.n; i++) c += s.acc.innovIncremental[i] + s.acc.innovRadical[i];
      return c;
    };
    const isolated = count(0), learning = count(0.05);
    expect(learning).toBeGreaterThan(1.4 * isolated);
    expect(count(0)).toBe(isolated);
  });

  it('turns knowledge into product quality: a premium over knowledge that does not stack', () => {
    const s = firms(1, { ac: 1 });
    s.pop.employees[0] = 100;
    const K = s.pop.knowledgeOf(0);
    run(s, ALWAYS_INC, 1, 3);
    expect(s.acc.innovIncremental[0]).toBeGreaterThan(0);
    // Quality was 0.1, below knowledge: the share c / Z of its products renewed moves it that
    // share of the way to the new knowledge level plus one innovation's premium.
    const c = s.acc.innovIncremental[0], Z = 10 ** P.sizeElasticity, target = s.pop.knowledgeOf(0) * (1 + P.qualityIncremental);
    expect(s.pop.quality[0]).toBeCloseTo(0.1 + Math.min(1, c / Z) * (target - 0.1), 12);
    expect(K).toBeGreaterThan(0.1);
    for (let t = 0; t < 30; t++) run(s, ALWAYS_INC, 1, 10 + t);
    expect(s.pop.quality[0]).toBeLessThanOrEqual(s.pop.knowledgeOf(0) * (1 + P.qualityIncremental) + 1e-12);
  });

  it('leaves bridging institutions out (they do not sell products)', () => {
    expect(run(firms(50, { kind: 'competenceCentre' }), P, 5)).toEqual({ inc: 0, rad: 0 });
  });
});

/** Normalised entropy of a profile (as profileEntropy, for a row at a frontier of 1). */
function profileEntropyOf(v: number[]): number {
  const all = v.reduce((a, b) => a + b);
  return -v.reduce((h, x) => h + (x > 0 ? (x / all) * Math.log(x / all) : 0), 0) / Math.log(v.length);
}
