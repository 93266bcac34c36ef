/** Network dynamics (002 §75, §78, §94): tie upkeep, partner search, switching costs. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { network, NetworkParams, matchValue } from '../../../src/engine/mechanisms/network.js';
import { stream } from '../../../src/engine/rng.js';
import { beginStep } from '../../../src/engine/state.js';
import { TieType } from '../../../src/engine/ties.js';
import { cognitiveDistance, learningValue } from '../../../src/engine/proximity.js';
import type { State } from '../../../src/engine/contract.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { smallScenario } from '../../fixtures/scenarios.js';

const P = NetworkParams.parse({});
/** No search: only upkeep. */
const UPKEEP = { ...P, searchRate: 0 };

function cluster(n: number, over: Partial<ScenarioInput> = {}, maxDegree = 16): State {
  const sc = smallScenario({
    populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: n, initialTies: 0, openness: [1, 1] }],
    parameters: { network: { maxDegree } },
    ...over,
  });
  const s = buildState(sc, 1);
  for (let i = 0; i < s.pop.n; i++) s.pop.capital[i] = 100;
  return s;
}

function run(s: State, params: NetworkParams, steps: number, from = 10, setup: (s: State) => void = () => {}, seed = 1): void {
  const rng = stream(seed, 'test');
  for (let t = 0; t < steps; t++) {
    beginStep(s, from + t);
    setup(s);
    network.step({ state: s, params, rng });
  }
}

describe('network: upkeep', () => {
  it('decays ties unused for longer than the grace period, and drops them below the threshold', () => {
    const s = cluster(3);
    s.ties.add(0, 1, TieType.horizontal, 0.5, 0.6, 0); // unused since step 0
    s.ties.add(0, 2, TieType.horizontal, 0.5, 0.6, 9); // used last step
    run(s, UPKEEP, 1, 10);
    const q = s.ties.find(0, 1), r = s.ties.find(0, 2);
    expect(s.ties.strength[q]).toBeCloseTo(0.5 * (1 - P.decay), 12);
    expect(s.ties.trust[q]).toBeCloseTo(0.6 * (1 - P.trustDecay), 12);
    expect(s.ties.strength[s.ties.K + s.ties.find(1, 0)]).toBeCloseTo(0.5 * (1 - P.decay), 12); // both halves
    expect(s.ties.lastUsed[q]).toBe(0); // decay does not count as use
    expect(s.ties.strength[r]).toBe(0.5);
    run(s, UPKEEP, 40, 11);
    expect(s.ties.has(0, 1)).toBe(false);
    expect(s.ties.has(1, 0)).toBe(false);
    expect(s.ties.has(0, 2)).toBe(false); // unused after step 9 too: it decayed later
  });

  it('keeps ties that are used (tie learning marks them)', () => {
    const s = cluster(2);
    s.ties.add(0, 1, TieType.horizontal, 0.3, 0.5, 0);
    run(s, UPKEEP, 30, 1, (st) => st.ties.update(0, 0, st.ties.strength[0], st.ties.trust[0], st.t));
    expect(s.ties.has(0, 1)).toBe(true);
    expect(s.ties.strength[0]).toBe(0.3);
  });

  it('counts dropped ties', () => {
    const s = cluster(2);
    s.ties.add(0, 1, TieType.horizontal, 0.055, 0.5, 0);
    beginStep(s, 20);
    network.step({ state: s, params: UPKEEP, rng: stream(1, 'test') });
    expect(s.acc.tiesDropped).toBe(1);
  });

  it('decays more slowly where a service network cuts the cost of cooperation', () => {
    const a = cluster(2), b = cluster(2);
    a.ties.add(0, 1, TieType.horizontal, 0.5, 0.5, 0);
    b.ties.add(0, 1, TieType.horizontal, 0.5, 0.5, 0);
    run(a, UPKEEP, 3, 10);
    run(b, UPKEEP, 3, 10, (st) => { st.policy.coopCostCut[0] = 0.8; st.policy.coopCostCut[1] = 0.8; });
    expect(b.ties.strength[0]).toBeGreaterThan(a.ties.strength[0]);
  });
});

describe('network: partner search', () => {
  const SEARCH = { ...P, searchRate: 1, decay: 0 };

  it('forms ties among open agents, counted and paid for', () => {
    const s = cluster(40);
    run(s, SEARCH, 3);
    const ties = s.ties.count(s.pop.n);
    expect(ties).toBeGreaterThan(20);
    let formed = 0;
    for (let i = 0; i < s.pop.n; i++) if (s.pop.capital[i] < 100) formed++;
    expect(formed).toBeGreaterThan(0);
    for (let i = 0; i < s.pop.n; i++) for (let k = 0; k < s.ties.deg[i]; k++) {
      const q = i * s.ties.K + k;
      expect(s.ties.type[q]).toBe(TieType.horizontal);
      expect(s.ties.strength[q]).toBe(P.newStrength);
    }
  });

  it('forms no ties among closed agents (openness gates willingness)', () => {
    const s = cluster(40);
    for (let i = 0; i < s.pop.n; i++) s.pop.openness[i] = 0;
    run(s, SEARCH, 5);
    expect(s.ties.count(s.pop.n)).toBe(0);
  });

  it('forms more ties with a search boost (value-chain studies)', () => {
    const base = { ...SEARCH, searchRate: 0.2 };
    const a = cluster(60), b = cluster(60);
    run(a, base, 5);
    run(b, base, 5, 10, (st) => st.policy.searchBoost.fill(1, 0, st.pop.n));
    expect(b.ties.count(b.pop.n)).toBeGreaterThan(1.3 * a.ties.count(a.pop.n));
  });

  it('finds better-matched (more complementary) partners with a search boost', () => {
    // Knowledge profiles spread so that complementarity varies between pairs.
    const fit = (boost: number) => {
      let sum = 0, m = 0;
      for (let seed = 1; seed <= 4; seed++) {
        const s = cluster(80);
        const p = s.pop, D = p.D;
        const r = stream(seed, 'profiles');
        for (let i = 0; i < p.n; i++) for (let k = 0; k < D; k++) { p.tacit[i * D + k] = r.next() ** 3; p.codified[i * D + k] = 0; }
        run(s, { ...SEARCH, progressiveShare: 1, candidates: 3 }, 2, 10, (st) => st.policy.searchBoost.fill(boost, 0, st.pop.n), seed);
        const prox = s.scenario.parameters.proximity;
        for (let i = 0; i < p.n; i++) for (let k = 0; k < s.ties.deg[i]; k++) {
          const j = s.ties.partner[i * s.ties.K + k];
          sum += learningValue(cognitiveDistance(p, i, j), p.absorptive[i], prox);
          m++;
        }
      }
      return sum / m;
    };
    expect(fit(1)).toBeGreaterThan(fit(0) + 0.02);
  });

  it('looks for complementary partners in a progressive search and similar ones in a conservative search', () => {
    const s = cluster(3);
    const p = s.pop, D = p.D;
    const set = (i: number, v: number[]) => v.forEach((x, k) => { p.tacit[i * D + k] = x; p.codified[i * D + k] = 0; });
    set(0, [1, 1, 0.1, 0.1]); set(1, [1, 1, 0.1, 0.1]); set(2, [1, 0.6, 0.6, 0.1]);
    for (let i = 0; i < 3; i++) { p.x[i] = 0; p.y[i] = 0; }
    expect(matchValue(s, 0, 1, false)).toBeGreaterThan(matchValue(s, 0, 2, false));
    expect(matchValue(s, 0, 2, true)).toBeGreaterThan(matchValue(s, 0, 1, true));
  });

  it('reaches other regions through ICT-enabled remote search (inter-regional ties)', () => {
    const over = {
      regions: [
        { id: 'r1', country: 'IT', center: [0, 0] as [number, number], radiusKm: 5 },
        { id: 'r2', country: 'DE', center: [800, 0] as [number, number], radiusKm: 5 },
      ],
      populations: [
        { kind: 'sme' as const, region: 'r1', sector: 's1', count: 40, initialTies: 0, openness: [1, 1] as [number, number] },
        { kind: 'sme' as const, region: 'r2', sector: 's1', count: 40, initialTies: 0, openness: [1, 1] as [number, number] },
      ],
    };
    const inter = (ict: number) => {
      const s = cluster(0, over);
      for (let i = 0; i < s.pop.n; i++) { s.pop.ict[i] = ict; s.pop.international[i] = ict; }
      run(s, SEARCH, 4);
      let c = 0;
      for (let i = 0; i < s.pop.n; i++) for (let k = 0; k < s.ties.deg[i]; k++) if (s.ties.type[i * s.ties.K + k] === TieType.interRegional) {
        expect(s.pop.region[s.ties.partner[i * s.ties.K + k]]).not.toBe(s.pop.region[i]);
        c++;
      }
      return c / 2;
    };
    expect(inter(0)).toBe(0);
    expect(inter(1)).toBeGreaterThan(3);
  });

  it('replaces the weakest tie of a full agent only for a clearly better candidate (switching costs)', () => {
    const s = cluster(30, {}, 2);
    const p = s.pop;
    for (let i = 0; i < p.n; i++) { p.x[i] = (i % 6) * 0.5; p.y[i] = Math.floor(i / 6) * 0.5; }
    s.grid.rebuild(p.x, p.y, p.n, () => true);
    // Every agent full with two strong, recently used ties.
    for (let i = 0; i < p.n; i += 3) { s.ties.add(i, i + 1, 1, 0.9, 0.9, 10); s.ties.add(i + 1, i + 2, 1, 0.9, 0.9, 10); s.ties.add(i, i + 2, 1, 0.9, 0.9, 10); }
    const before = s.ties.count(p.n);
    run(s, { ...SEARCH, graceSteps: 100 }, 3, 10);
    expect(s.acc.tiesDropped).toBe(0);
    expect(s.ties.count(p.n)).toBe(before);
    // Weak ties are given up for new partners when switching is free.
    for (let i = 0; i < p.n; i++) for (let k = 0; k < s.ties.deg[i]; k++) s.ties.strength[i * s.ties.K + k] = 0.06;
    beginStep(s, 13);
    network.step({ state: s, params: { ...SEARCH, graceSteps: 100, switchingCost: 0 }, rng: stream(2, 'test') });
    const dropped = s.acc.tiesDropped;
    let fresh = 0;
    for (let i = 0; i < p.n; i++) for (let k = 0; k < s.ties.deg[i]; k++) if (s.ties.strength[i * s.ties.K + k] === P.newStrength) fresh++;
    expect(fresh).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
  });

  it('switches partners less the higher the switching cost', () => {
    const switches = (switchingCost: number) => {
      const s = cluster(30, {}, 2);
      const p = s.pop;
      for (let i = 0; i < p.n; i += 3) { s.ties.add(i, i + 1, 1, 0.15, 0.5, 10); s.ties.add(i + 1, i + 2, 1, 0.15, 0.5, 10); s.ties.add(i, i + 2, 1, 0.15, 0.5, 10); }
      let dropped = 0;
      run(s, { ...SEARCH, graceSteps: 100, switchingCost }, 3, 10, () => {}, 3);
      for (let i = 0; i < p.n; i++) for (let k = 0; k < s.ties.deg[i]; k++) if (s.ties.strength[i * s.ties.K + k] === P.newStrength) dropped++;
      return dropped;
    };
    expect(switches(0)).toBeGreaterThan(switches(1) + 4);
  });
});
