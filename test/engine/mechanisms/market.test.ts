/** Market and selection (002 §76, §120): hand-built sectors of a few firms. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { market, MarketParams, marketValue } from '../../../src/engine/mechanisms/market.js';
import { stream } from '../../../src/engine/rng.js';
import { addAgent, beginStep } from '../../../src/engine/state.js';
import { Kind } from '../../../src/engine/population.js';
import type { State } from '../../../src/engine/contract.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { smallScenario } from '../../fixtures/scenarios.js';

const P = MarketParams.parse({});

/** n SMEs of 10 employees, knowledge `level` (quality too), ICT 0.3, equal shares, R&D 0.05. */
function firms(n: number, o: { levels?: number[]; demand?: number; growth?: number; extra?: ScenarioInput['populations'] } = {}): State {
  const sc = smallScenario({
    sectors: [{ id: 's1', demand: o.demand ?? 1, growth: o.growth ?? 0 }],
    populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: n, initialTies: 0 }, ...(o.extra ?? [])],
  });
  const s = buildState(sc, 1);
  const p = s.pop, D = p.D;
  for (let i = 0; i < n; i++) {
    const level = o.levels?.[i] ?? 0.4;
    for (let k = 0; k < D; k++) { p.tacit[i * D + k] = 0.8 * level; p.codified[i * D + k] = 0.2 * level; }
    p.quality[i] = level;
    p.employees[i] = 10;
    p.ict[i] = 0.3;
    p.marketShare[i] = 1 / n;
    p.rdEffort[i] = 0.05;
    p.capital[i] = 100;
  }
  return s;
}

function run(s: State, params: MarketParams = P, steps = 1): void {
  for (let t = 0; t < steps; t++) {
    beginStep(s, t + 1);
    market.step({ state: s, params, rng: stream(1, 'test') });
  }
}

describe('market', () => {
  it('shifts market shares toward the more competitive (higher-quality) firm', () => {
    const s = firms(2, { levels: [0.3, 0.6] });
    run(s, P, 10);
    expect(s.pop.marketShare[1]).toBeGreaterThan(0.55);
    expect(s.pop.marketShare[0] + s.pop.marketShare[1]).toBeCloseTo(1, 12);
    expect(s.pop.profit[1]).toBeGreaterThan(s.pop.profit[0]);
    expect(s.pop.employees[1]).toBeGreaterThan(s.pop.employees[0]);
  });

  it('keeps shares when firms are equally competitive', () => {
    const s = firms(3);
    run(s, P, 5);
    for (let i = 0; i < 3; i++) expect(s.pop.marketShare[i]).toBeCloseTo(1 / 3, 12);
  });

  it('rewards productivity: more ICT, lower unit cost, more share at equal quality', () => {
    const s = firms(2);
    s.pop.ict[1] = 0.9;
    run(s, P, 5);
    expect(s.pop.marketShare[1]).toBeGreaterThan(0.5);
  });

  it('moves quality toward knowledge (an innovation premium fades)', () => {
    const s = firms(1);
    s.pop.quality[0] = 0.8; // knowledge 0.4
    run(s, P, 1);
    expect(s.pop.quality[0]).toBeCloseTo(0.8 + P.qualityAdjust * (0.4 - 0.8), 12);
  });

  it('pays revenue = share x market value; profit = revenue - wages - fixed cost - R&D; capital gets all but R&D', () => {
    const s = firms(2);
    const M = marketValue(s, 0, P);
    expect(M).toBeCloseTo(2 * (1 + P.normalMargin) * (10 * P.wage + P.fixedCost + 0.05 * 10), 10);
    run(s, P, 1);
    const revenue = 0.5 * M;
    expect(s.pop.profit[0]).toBeCloseTo(revenue - 10 * P.wage - P.fixedCost - 0.05 * 10, 10);
    expect(s.pop.capital[0]).toBeCloseTo(100 + revenue - 10 * P.wage - P.fixedCost, 10);
    expect(s.pop.profit[0]).toBeGreaterThan(0); // the normal margin at demand 1
  });

  it('grows the market with the sector\'s demand growth', () => {
    const s = firms(2, { growth: 0.05 });
    const M0 = marketValue(s, 0, P);
    run(s, P, 2);
    expect(s.sectors[0].demand).toBeCloseTo(1.05 ** 2, 12);
    expect(marketValue(s, 0, P)).toBeCloseTo(M0 * 1.05 ** 2, 10);
  });

  it('counts consecutive losses when demand is short, and resets the streak on a profit', () => {
    const s = firms(2, { demand: 0.5 });
    run(s, P, 3);
    expect(s.pop.lossStreak[0]).toBe(3);
    expect(s.pop.profit[0]).toBeLessThan(0);
    s.sectors[0].demand = 3;
    run(s, P, 1);
    expect(s.pop.lossStreak[0]).toBe(0);
  });

  it('keeps a start-up\'s negative grace count through profits', () => {
    const s = firms(2, { demand: 2 });
    s.pop.lossStreak[0] = -4;
    run(s, P, 2);
    expect(s.pop.lossStreak[0]).toBe(-4);
  });

  it('adjusts employment to revenue: shrinks when demand falls, grows when it rises', () => {
    const lo = firms(2, { demand: 0.5 }), hi = firms(2, { demand: 2 });
    run(lo, P, 3); run(hi, P, 3);
    expect(lo.pop.employees[0]).toBeLessThan(10);
    expect(hi.pop.employees[0]).toBeGreaterThan(10);
  });

  it('raises R&D effort with profit and cuts it while losing, within rdMin..rdMax', () => {
    const lo = firms(2, { demand: 0.5 }), hi = firms(2, { demand: 2 });
    run(lo, P, 3); run(hi, P, 20);
    expect(lo.pop.rdEffort[0]).toBeLessThan(0.05);
    expect(hi.pop.rdEffort[0]).toBeGreaterThan(0.05);
    expect(lo.pop.rdEffort[0]).toBeGreaterThanOrEqual(P.rdMin);
    expect(hi.pop.rdEffort[0]).toBeLessThanOrEqual(P.rdMax);
  });

  it('leaves institutions out of the market', () => {
    const s = firms(2, { extra: [{ kind: 'research', region: 'r1', sector: 's1', count: 1, initialTies: 0 }] });
    const cap = s.pop.capital[2];
    run(s, P, 2);
    expect(s.pop.marketShare[2]).toBe(0);
    expect(s.pop.capital[2]).toBe(cap);
  });

  it('gives an entrant a seed share by its employees, taken from the incumbents', () => {
    const s = firms(2);
    run(s, P, 1);
    const e = addAgent(s, Kind.sme, 0, 0, true);
    const p = s.pop, D = p.D;
    for (let k = 0; k < D; k++) { p.tacit[e * D + k] = 0.32; p.codified[e * D + k] = 0.08; }
    p.quality[e] = 0.4; p.employees[e] = 5; p.ict[e] = 0.3; p.rdEffort[e] = 0.05; p.capital[e] = 10;
    p.marketShare[e] = 0.9; p.profit[e] = 99; // stale values from a reused row are ignored
    const before = p.employees[0] + p.employees[1];
    run(s, P, 1);
    expect(p.marketShare[e]).toBeCloseTo(5 / (before + 5), 10);
    expect(p.marketShare[0] + p.marketShare[1] + p.marketShare[e]).toBeCloseTo(1, 12);
  });
});
