/** ICT adoption, absorptive capacity and knowledge obsolescence (MODEL §5.8): hand-built firms. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { capabilities, CapabilitiesParams, cofundCost, plannedIctSpend } from '../../../src/engine/mechanisms/capabilities.js';
import { stream } from '../../../src/engine/rng.js';
import { beginStep } from '../../../src/engine/state.js';
import type { State } from '../../../src/engine/contract.js';
import { smallScenario } from '../../fixtures/scenarios.js';

const P = CapabilitiesParams.parse({});
/** No ICT spending, imitation, effort, decay or obsolescence: each test switches on what it checks. */
const QUIET = { ...P, ictBase: 0, ictProfitShare: 0, imitation: 0, ictDepreciation: 0, trainingShare: 0, qualifiedWeight: 0, acGrowth: 0, acDecay: 0, obsolescence: 0 };

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

describe('capabilities: knowledge obsolescence', () => {
  it('depreciates tacit and codified knowledge, faster in domains the sector does not use', () => {
    const s = firms(1);
    run(s, { ...QUIET, obsolescence: 0.01, forgetting: 3 });
    const D = s.pop.D;
    // Domains 0, 1 are the sector's (weight 1/2 each), 2, 3 are unused.
    expect(s.pop.tacit[0]).toBeCloseTo(0.4 * 0.99, 12);
    expect(s.pop.codified[1]).toBeCloseTo(0.1 * 0.99, 12);
    expect(s.pop.tacit[2]).toBeCloseTo(0.4 * 0.96, 12);
    expect(s.pop.codified[D - 1]).toBeCloseTo(0.1 * 0.96, 12);
  });

  it('keeps knowledge with obsolescence 0', () => {
    const s = firms(1);
    run(s, QUIET, 3);
    expect(s.pop.knowledgeOf(0)).toBeCloseTo(0.5, 12);
  });
});
