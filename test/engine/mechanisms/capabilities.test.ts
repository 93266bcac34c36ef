/** ICT adoption, absorptive capacity, outside knowledge and obsolescence (docs/model/capabilities.md): hand-built firms. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { capabilities, CapabilitiesParams, cofundCost, plannedIctSpend } from '../../../src/engine/mechanisms/capabilities.js';
import { stream } from '../../../src/engine/rng.js';
import { beginStep } from '../../../src/engine/state.js';
import type { State } from '../../../src/engine/contract.js';
import { smallScenario } from '../../fixtures/scenarios.js';

const P = CapabilitiesParams.parse({});
/** No ICT spending, imitation, effort, decay, frontier drift or forgetting: each test switches on what it checks. */
const QUIET = {
  ...P, ictBase: 0, ictProfitShare: 0, imitation: 0, ictDepreciation: 0, trainingShare: 0, qualifiedWeight: 0, acGrowth: 0, acDecay: 0,
  frontierDrift: { low: 0, medium: 0, high: 0 }, forgetting: 0,
};

/** n SMEs of `employees` each, ICT 0.2, absorptive 0.5, capital 100, profit 0, no ties, no effort. */
function firms(n: number, o: { employees?: number; infra?: number; qualified?: number } = {}): State {
  const sc = smallScenario({
    regions: [{ id: 'r1', country: 'IT', center: [0, 0], radiusKm: 10, ictInfrastructure: o.infra ?? 0.6, qualifiedWorkers: o.qualified ?? 0.3 }],
    sectors: [{ id: 's1', domainWeights: { design: 1, materials: 1, machining: 0, ict: 0 } }],
    populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: n, initialTies: 0 }],
  });
  const s = buildState(sc, 1);
  const p = s.pop;
  for (let i = 0; i < n; i++) {
    p.employees[i] = o.employees ?? 10;
    p.ict[i] = 0.2;
    p.absorptive[i] = 0.5;
    p.capital[i] = 100;
    p.profit[i] = 0;
    p.rdEffort[i] = 0;
    for (let k = 0; k < p.D; k++) { p.tacit[i * p.D + k] = 0.4; p.codified[i * p.D + k] = 0.1; }
  }
  beginStep(s, 1);
  return s;
}

function run(s: State, params: CapabilitiesParams, steps = 1, setup: (s: State) => void = () => {}): void {
  for (let t = 0; t < steps; t++) {
    beginStep(s, t + 1);
    setup(s);
    capabilities.step({ state: s, params, rng: stream(1, 'test') });
  }
}

describe('capabilities: ICT', () => {
  it('depreciates ICT without investment', () => {
    const s = firms(1);
    run(s, { ...QUIET, ictDepreciation: 0.05 }, 4);
    expect(s.pop.ict[0]).toBeCloseTo(0.2 * 0.95 ** 4, 12);
  });

  it('raises ICT with investment, paid from capital', () => {
    const s = firms(1);
    run(s, { ...QUIET, ictBase: 0.05 }, 1);
    expect(s.pop.ict[0]).toBeGreaterThan(0.2);
    expect(s.pop.capital[0]).toBeCloseTo(100 - 0.05 * 10, 12);
  });

  it('invests part of last step\'s profit in ICT', () => {
    const a = firms(1), b = firms(1);
    b.pop.profit[0] = 20;
    const params = { ...QUIET, ictBase: 0.01, ictProfitShare: 0.1 };
    expect(plannedIctSpend(b, 0, params)).toBeCloseTo(0.1 + 0.1 * 20, 12);
    run(a, params); run(b, params);
    expect(b.pop.ict[0]).toBeGreaterThan(a.pop.ict[0]);
    expect(b.pop.capital[0]).toBeCloseTo(100 - 2.1, 12);
  });

  it('rises more with co-funding, which the firm does not pay', () => {
    const a = firms(1), b = firms(1);
    const params = { ...QUIET, ictBase: 0.02 };
    run(a, params);
    run(b, params, 1, (s) => { s.policy.ictCofund[0] = 0.5; });
    expect(b.pop.ict[0] - 0.2).toBeCloseTo(2 * (a.pop.ict[0] - 0.2), 10); // half co-funded: twice the investment
    expect(b.pop.capital[0]).toBeCloseTo(a.pop.capital[0], 12);
    expect(cofundCost(0.2, 0.5)).toBeCloseTo(0.2, 12);
  });

  it('adopts more slowly in small firms (digital divide)', () => {
    const small = firms(1, { employees: 5 }), large = firms(1, { employees: 500 });
    const params = { ...QUIET, ictBase: 0.02 }; // the same spending per employee
    run(small, params); run(large, params);
    expect(large.pop.ict[0] - 0.2).toBeGreaterThan(3 * (small.pop.ict[0] - 0.2));
  });

  it('stops at the cap the region\'s infrastructure sets', () => {
    const s = firms(1, { infra: 0.2, employees: 500 }); // cap = 1.5 * 0.2 = 0.3
    run(s, { ...QUIET, ictBase: 1 }, 10);
    expect(s.pop.ict[0]).toBeCloseTo(0.3, 12);
    const poor = firms(1, { infra: 0.1 }); // cap 0.15, below its ICT: no gain, no push down
    run(poor, { ...QUIET, ictBase: 1 }, 3);
    expect(poor.pop.ict[0]).toBeCloseTo(0.2, 12);
  });

  it('imitates tie partners with more ICT, never those with less', () => {
    const s = firms(3);
    s.pop.ict[1] = 0.8; s.pop.ict[2] = 0.05;
    s.ties.add(0, 1, 1, 0.5, 0.5, 0);
    run(s, { ...QUIET, imitation: 0.1 });
    expect(s.pop.ict[0]).toBeGreaterThan(0.2);
    expect(s.pop.ict[1]).toBeCloseTo(0.8, 12);
    const t = firms(2);
    t.pop.ict[1] = 0.05;
    t.ties.add(0, 1, 1, 0.5, 0.5, 0);
    run(t, { ...QUIET, imitation: 0.1 });
    expect(t.pop.ict[0]).toBeCloseTo(0.2, 12);
  });
});

describe('capabilities: absorptive capacity', () => {
  it('decays without effort and without use', () => {
    const s = firms(1);
    run(s, { ...QUIET, acDecay: 0.02 }, 5);
    expect(s.pop.absorptive[0]).toBeCloseTo(0.5 * 0.98 ** 5, 12);
  });

  it('does not decay while knowledge is absorbed (use)', () => {
    const s = firms(1);
    run(s, { ...QUIET, acDecay: 0.02 }, 5, (st) => { st.acc.flowByRow[1] = 1; });
    expect(s.pop.absorptive[0]).toBeGreaterThan(0.5 * 0.995);
  });

  it('grows with own learning effort, concave: twice the effort gives less than twice the gain', () => {
    const gain = (effort: number) => {
      const s = firms(1);
      s.pop.rdEffort[0] = effort;
      run(s, { ...QUIET, acGrowth: 0.05 });
      return s.pop.absorptive[0] - 0.5;
    };
    expect(gain(0)).toBe(0);
    expect(gain(0.05)).toBeGreaterThan(0);
    expect(gain(0.1)).toBeGreaterThan(gain(0.05));
    expect(gain(0.1)).toBeLessThan(2 * gain(0.05));
  });

  it('grows with the region\'s qualified workers and with lifelong learning (acBoost)', () => {
    const lo = firms(1, { qualified: 0.1 }), hi = firms(1, { qualified: 0.8 });
    const params = { ...QUIET, acGrowth: 0.05, qualifiedWeight: 0.3 };
    run(lo, params); run(hi, params);
    expect(hi.pop.absorptive[0]).toBeGreaterThan(lo.pop.absorptive[0]);
    const boosted = firms(1);
    run(boosted, QUIET, 1, (s) => { s.policy.acBoost[0] = 0.1; });
    expect(boosted.pop.absorptive[0]).toBeCloseTo(0.5 + 0.1 * 0.5, 12);
  });

  it('trains with part of the profit, paid from capital', () => {
    const a = firms(1), b = firms(1);
    b.pop.profit[0] = 10;
    const params = { ...QUIET, acGrowth: 0.05, trainingShare: 0.2 };
    run(a, params); run(b, params);
    expect(b.pop.absorptive[0]).toBeGreaterThan(a.pop.absorptive[0]);
    expect(b.pop.capital[0]).toBeCloseTo(100 - 2, 12);
  });
});

describe('capabilities: the frontier, outside knowledge and forgetting', () => {
  const DRIFT = { low: 0.1, medium: 0.15, high: 0.25 };
  const niche = (s: State, w: number[]) => { for (let k = 0; k < s.pop.D; k++) s.pop.niche[k] = w[k]; };

  it('moves the frontier by the drift of the sector\'s technology intensity, so unrenewed knowledge loses relative value', () => {
    const s = firms(1);
    s.pop.absorptive[0] = 0; // absorbs nothing from outside
    const K0 = s.pop.knowledgeOf(0), F0 = s.pop.frontier[0];
    run(s, { ...QUIET, frontierDrift: DRIFT }, 4); // a year of quarters; the sector is medium
    expect(s.pop.frontier[0]).toBeCloseTo(F0 * 1.15, 12);
    expect(s.pop.knowledgeOf(0)).toBeCloseTo(K0 / 1.15, 12);
    s.sectors[0].techIntensity = 'high';
    run(s, { ...QUIET, frontierDrift: DRIFT }, 4);
    expect(s.pop.frontier[0]).toBeCloseTo(F0 * 1.15 * 1.25, 12);
  });

  it('lets an agent absorb the frontier\'s advance by its absorptive capacity and affinity: it keeps up in its own fields (Cohen & Levinthal)', () => {
    const s = firms(2);
    niche(s, [0.5, 0.25, 0.25, 0]);
    s.pop.absorptive[0] = 0.6;
    s.pop.absorptive[1] = 0; // locked out
    run(s, { ...QUIET, frontierDrift: DRIFT }, 200);
    const D = s.pop.D;
    expect(s.pop.levelOf(0, 0)).toBeCloseTo(0.6, 2); // its main domain settles at A
    expect(s.pop.levelOf(0, 1)).toBeCloseTo(0.3, 2); // A x affinity 1/2
    expect(s.pop.levelOf(0, 3)).toBeLessThan(0.01); // nothing where it does nothing
    expect(s.pop.knowledgeOf(1)).toBeLessThan(0.01);
    // The absorbed knowledge keeps the domain's tacit / codified mix.
    expect(s.pop.tacit[0] / (s.pop.tacit[0] + s.pop.codified[0])).toBeCloseTo(0.8, 10);
    expect(D).toBe(4);
  });

  it('forgets knowledge in domains the agent does not use, none in those it does', () => {
    const s = firms(1);
    niche(s, [0.5, 0.5, 0, 0]);
    run(s, { ...QUIET, forgetting: 0.2 }, 4);
    const D = s.pop.D;
    expect(s.pop.tacit[0]).toBeCloseTo(0.4, 12);
    expect(s.pop.codified[1]).toBeCloseTo(0.1, 12);
    expect(s.pop.tacit[2]).toBeCloseTo(0.4 * 0.8, 12); // a year at 20 %
    expect(s.pop.codified[D - 1]).toBeCloseTo(0.1 * 0.8, 12);
  });

  it('keeps knowledge with no drift and no forgetting', () => {
    const s = firms(1);
    run(s, QUIET, 3);
    expect(s.pop.knowledgeOf(0)).toBeCloseTo(0.5, 12);
  });
});

describe('capabilities: lever gains in disposition', () => {
  // dispositionFade (an assumption; docs/model/capabilities.md): a lever's gain in openness and
  // international orientation fades back toward the levels the firm was born with.
  const raised = () => {
    const s = firms(2);
    for (let i = 0; i < 2; i++) { s.pop.openness[i] = 0.5; s.pop.international[i] = 0.3; }
    s.pop.opennessBase.set([0.5, 0.5]);
    s.pop.internationalBase.set([0.3, 0.3]);
    s.pop.openness[0] = 0.9; // animated: raised above its birth level
    s.pop.international[0] = 0.7;
    return s;
  };

  it('keeps the gain for life by default', () => {
    const s = raised();
    run(s, QUIET, 40);
    expect(s.pop.openness[0]).toBe(0.9);
    expect(s.pop.international[0]).toBe(0.7);
  });

  it('loses the share dispositionFade of the gain a year, and leaves a firm at its birth level alone', () => {
    const s = raised();
    run(s, { ...QUIET, dispositionFade: 0.5 }, 4); // one year (4 steps)
    expect(s.pop.openness[0]).toBeCloseTo(0.5 + 0.4 * 0.5, 12);
    expect(s.pop.international[0]).toBeCloseTo(0.3 + 0.4 * 0.5, 12);
    expect(s.pop.openness[1]).toBe(0.5);
    expect(s.pop.international[1]).toBe(0.3);
  });

  it('records the levels an agent is born with', () => {
    const s = firms(3);
    for (let i = 0; i < 3; i++) {
      expect(s.pop.opennessBase[i]).toBe(s.pop.openness[i]);
      expect(s.pop.internationalBase[i]).toBe(s.pop.international[i]);
    }
  });
});
