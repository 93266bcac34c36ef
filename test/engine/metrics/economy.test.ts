/**
 * The metrics of the economy and of learning (docs/model/indicators.md): SMEs' market share,
 * firm sizes and ages, entry and exit rates, the frontier, institutions' budgets, policy
 * spending by region, cognitive distance on ties and learning past the optimum.
 */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { REPORTERS, scopeRows } from '../../../src/engine/metrics/index.js';
import { networkStats } from '../../../src/engine/metrics/network.js';
import { Kind } from '../../../src/engine/population.js';
import { markets } from '../../../src/engine/mechanisms/market.js';
import { Simulation } from '../../../src/engine/simulate.js';
import { beginStep } from '../../../src/engine/state.js';
import type { State } from '../../../src/engine/contract.js';
import { smallScenario } from '../../fixtures/scenarios.js';

const metric = (name: string) => REPORTERS.find((r) => r.name === name)!;
function value(s: State, name: string, kind: 'system' | 'region' | 'sector' = 'system', index = 0): number {
  const scoped = scopeRows(s, [kind]).filter((x) => x.scope.index === index);
  const { scope, rows } = scoped[0];
  return metric(name).compute(s, { rows, net: networkStats(s, rows) }, scope);
}

/** Ten SMEs and a leading firm in r1, two SMEs in r2, a research institute in r1. */
function economy(): State {
  const s = buildState(smallScenario({
    regions: [{ id: 'r1', country: 'IT', center: [0, 0], radiusKm: 10 }, { id: 'r2', country: 'IT', center: [50, 0], radiusKm: 10 }],
    populations: [
      { kind: 'sme', region: 'r1', sector: 's1', count: 10, initialTies: 0 },
      { kind: 'leading', region: 'r1', sector: 's1', count: 1, initialTies: 0 },
      { kind: 'sme', region: 'r2', sector: 's1', count: 2, initialTies: 0 },
      { kind: 'research', region: 'r1', sector: 's1', count: 1, initialTies: 0 },
    ],
  }), 1);
  beginStep(s, 1);
  const p = s.pop;
  for (let i = 0; i < 13; i++) { p.employees[i] = i + 1; p.revenue[i] = 10; p.age[i] = 4 * (i + 1); }
  p.employees[10] = 500; p.revenue[10] = 90; // the leading firm
  p.revenue[13] = 7; // the institute's budget kept this step
  return s;
}

describe('economy metrics', () => {
  it('market.smeShare: the sales share of firms under 250 employees; market.smeKindShare: of the SME kind', () => {
    const s = economy();
    expect(value(s, 'market.smeShare')).toBeCloseTo(120 / 210, 12);
    expect(value(s, 'market.smeShare', 'region', 0)).toBeCloseTo(100 / 190, 12);
    expect(value(s, 'market.smeShare', 'region', 1)).toBe(1);
    expect(value(s, 'market.smeKindShare')).toBeCloseTo(120 / 210, 12);
    // An SME grown to 250 employees is no longer an SME (European Commission 2003/361/EC),
    // though still of the SME kind; a leading firm shrunk below 250 is one.
    const p = s.pop;
    p.employees[0] = 250; p.revenue[0] = 40;
    expect(value(s, 'market.smeShare')).toBeCloseTo(110 / 240, 12);
    expect(value(s, 'market.smeKindShare')).toBeCloseTo(150 / 240, 12);
    p.employees[0] = 249;
    expect(value(s, 'market.smeShare')).toBeCloseTo(150 / 240, 12);
    p.employees[10] = 200;
    expect(value(s, 'market.smeShare')).toBe(1);
    expect(value(s, 'market.smeKindShare')).toBeCloseTo(150 / 240, 12);
    // Institutions' budgets are no sales.
    p.employees[13] = 10;
    expect(value(s, 'market.smeShare', 'region', 0)).toBe(1);
  });

  it('market.importShare: the share of the scope\'s markets\' lines held outside the cluster', () => {
    const s = economy();
    expect(value(s, 'market.importShare')).toBe(0); // before the market's first step
    const m = markets(s); // one market per region (one sector): r1 = 0, r2 = 1
    const p = s.pop;
    for (let i = 0; i < 13; i++) p.lines[i] = 1;
    p.lines[10] = 9; // the leading firm: r1's firms hold 10 + 9 lines, r2's 2
    m.outside[0] = 6; m.outside[1] = 2;
    expect(value(s, 'market.importShare')).toBeCloseTo(8 / 29, 12);
    expect(value(s, 'market.importShare', 'region', 0)).toBeCloseTo(6 / 25, 12);
    expect(value(s, 'market.importShare', 'region', 1)).toBeCloseTo(2 / 4, 12);
    expect(value(s, 'market.importShare', 'sector', 0)).toBeCloseTo(8 / 29, 12);
  });

  it('firms.size.p50 / p90 / p99: quantiles of the firms\' employees (institutions left out)', () => {
    const s = economy();
    const sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 500, 12, 13].sort((a, b) => a - b);
    const q = (f: number) => { const h = (sizes.length - 1) * f, lo = Math.floor(h); return sizes[lo] + (h - lo) * (sizes[Math.min(lo + 1, sizes.length - 1)] - sizes[lo]); };
    expect(value(s, 'firms.size.p50')).toBeCloseTo(q(0.5), 12);
    expect(value(s, 'firms.size.p90')).toBeCloseTo(q(0.9), 12);
    expect(value(s, 'firms.size.p99')).toBeCloseTo(q(0.99), 12);
    expect(value(s, 'firms.size.p99')).toBeGreaterThan(100);
  });

  it('firms.age.mean in years; births.rate and deaths.rate per firm and year', () => {
    const s = economy();
    expect(value(s, 'firms.age.mean')).toBeCloseTo((4 * 91) / 13 / 4, 12); // ages 4..52 quarters
    s.acc.births = 2; s.acc.deaths = 1;
    expect(value(s, 'births.rate')).toBeCloseTo((2 / 13) * 4, 12);
    expect(value(s, 'deaths.rate')).toBeCloseTo((1 / 13) * 4, 12);
  });

  it('institutions.funding: the public budget institutions kept; frontier.mean: the frontier as an index', () => {
    const s = economy();
    expect(value(s, 'institutions.funding')).toBe(7);
    expect(value(s, 'frontier.mean')).toBeCloseTo(1, 12);
    s.pop.frontier.fill(2);
    s.pop.frontierLog2 = 3;
    expect(value(s, 'frontier.mean')).toBeCloseTo(16, 12);
  });

  it('knowledge.mean is relative to the frontier: it does not grow with it', () => {
    const s = economy();
    const k = value(s, 'knowledge.mean');
    for (let q = 0; q < s.pop.n * s.pop.D; q++) { s.pop.tacit[q] *= 3; s.pop.codified[q] *= 3; }
    s.pop.frontier.forEach((f, q) => { s.pop.frontier[q] = 3 * f; });
    s.pop.refreshDerived();
    expect(value(s, 'knowledge.mean')).toBeCloseTo(k, 12);
  });
});

describe('learning metrics', () => {
  it('network.cognitiveDistance.p50: the median distance between tie partners; learning.pastOptimumShare from the exchange counts', () => {
    const s = economy();
    const D = s.pop.D;
    // Rows 0-1 the same specialisation (distance 0), 2-3 opposite (distance 1), 4-5 unrelated (1/2).
    const set = (i: number, v: number[]) => { for (let k = 0; k < D; k++) { s.pop.tacit[i * D + k] = v[k]; s.pop.codified[i * D + k] = 0; } };
    set(0, [1, 2, 3, 4]); set(1, [2, 4, 6, 8]); set(2, [1, 2, 3, 4]); set(3, [4, 3, 2, 1]); set(4, [2, 0, 2, 0]); set(5, [2, 2, 0, 0]);
    s.ties.add(0, 1, 1, 0.5, 0.5, 0); s.ties.add(2, 3, 1, 0.5, 0.5, 0); s.ties.add(4, 5, 1, 0.5, 0.5, 0);
    expect(value(s, 'network.cognitiveDistance.p50')).toBeCloseTo(0.5, 12);
    s.acc.exchanges[0] = 4; s.acc.pastOptimum[0] = 1; s.acc.exchanges[3] = 4; s.acc.pastOptimum[3] = 3;
    expect(value(s, 'learning.pastOptimumShare')).toBeCloseTo(0.5, 12);
    expect(value(s, 'learning.pastOptimumShare', 'region', 1)).toBe(0);
  });
});

describe('policy spending by region', () => {
  it('records policy.spend in region scopes: the region of the agents it was spent on', () => {
    const sc = smallScenario({
      regions: [{ id: 'r1', country: 'IT', center: [0, 0], radiusKm: 10 }, { id: 'r2', country: 'IT', center: [50, 0], radiusKm: 10 }],
      populations: [
        { kind: 'sme', region: 'r1', sector: 's1', count: 20, initialTies: 0, ict: [0.1, 0.2] },
        { kind: 'sme', region: 'r2', sector: 's1', count: 20, initialTies: 0, ict: [0.1, 0.2] },
        { kind: 'assistanceCentre', region: 'r1', sector: 's1', count: 1, initialTies: 0 },
      ],
      policies: [{ lever: 'ictTraining', budget: 2, target: { kinds: ['sme'], regions: ['r1'] } }],
    });
    const sim = new Simulation(sc, { steps: 3 });
    sim.run();
    const at = (scope: string) => sim.rows.filter((r) => r.step === 3 && r.scope === scope && r.metric === 'policy.spend')[0]?.value;
    expect(at('system')).toBeGreaterThan(0);
    expect(at('region:r1')).toBeCloseTo(at('system'), 12);
    expect(at('region:r2')).toBe(0);
  });
});

describe('warm-up', () => {
  const sc = (warmup: number) => smallScenario({ warmup, steps: 5, sectors: [{ id: 's1', growth: 0.02 }], record: { snapshots: [0] } } as never, 80);

  it('runs the warm-up steps unrecorded before step 0, with demand held and no lever', () => {
    const cold = new Simulation(sc(0)), warm = new Simulation(sc(30));
    // Step 0 of the warmed run is the state after 30 steps: agents have aged, some came and went.
    const ages = (sim: Simulation) => Array.from(sim.state.pop.age.subarray(0, sim.state.pop.n));
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(ages(cold))).toBe(0);
    // The built agents that stayed are 30 steps old; the entrants of the warm-up are younger.
    expect(Math.max(...ages(warm))).toBe(30);
    expect(Math.min(...ages(warm))).toBeLessThan(30);
    expect(mean(ages(warm))).toBeGreaterThan(10);
    expect(warm.rows.filter((r) => r.step < 0)).toEqual([]);
    expect(warm.rows.some((r) => r.step === 0 && r.metric === 'firms.count')).toBe(true);
    expect(warm.state.sectors[0].demand).toBe(1); // growth starts at step 0
    warm.run();
    expect(warm.state.sectors[0].demand).toBeCloseTo(1.02 ** 5, 12);
    expect(warm.snapshots[0].step).toBe(0);
    expect(warm.snapshots[0].agents.age.some((a) => a > 20)).toBe(true);
  });

  it('is deterministic: the same scenario, seed and warm-up give the same rows', () => {
    const a = new Simulation(sc(12)).run().rows, b = new Simulation(sc(12)).run().rows;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('snapshots', () => {
  it('hold each agent\'s parent, age, lines, revenue, capital and relative knowledge in each domain', () => {
    const s = economy();
    s.pop.parent[1] = s.pop.id[0];
    const sim = new Simulation(smallScenario({ record: { snapshots: [2] } }, 30), { steps: 2 });
    sim.run();
    const a = sim.snapshots[0].agents;
    expect(sim.snapshots[0].domains).toEqual(['design', 'materials', 'machining', 'ict']);
    expect(a.profile[0].length).toBe(4);
    expect(a.age.every((x) => x >= 0)).toBe(true);
    expect(a.parent.every((x) => x === null || typeof x === 'number')).toBe(true);
    expect(a.lines.filter((x, k) => a.kind[k] === 'sme').every((x) => x >= 1)).toBe(true);
    // The mean of the profile is the knowledge level.
    const k = a.profile[0].reduce((x, y) => x + y, 0) / 4;
    expect(k).toBeCloseTo(a.knowledge[0], 12);
    expect(Kind.sme).toBe(0);
  });
});
