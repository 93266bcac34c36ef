/**
 * Market and selection (002 §76, §120; docs/model/market.md): product lines shared by CES
 * choice with decreasing returns, sales, accounts, institutions' budgets. Hand-built sectors.
 */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { enterMarket, leaveMarket, market, MarketParams, markets, unitPrice, varietyWeight, weightOf } from '../../../src/engine/mechanisms/market.js';
import { stream } from '../../../src/engine/rng.js';
import { addAgent, beginStep } from '../../../src/engine/state.js';
import { Kind, isFirmKind } from '../../../src/engine/population.js';
import type { State } from '../../../src/engine/contract.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { smallScenario } from '../../fixtures/scenarios.js';

// The unit tests below run a few firms for a fixed number of steps and were written at the
// earlier default turnover 0.2 (the default is 0.13 since commit 4b0db5f): they keep it, so
// that lines move as fast as the steps they allow assume. Tests of the default read
// MarketParams.parse({}).
const P = MarketParams.parse({ lineTurnover: 0.2 });

/** n SMEs of `employees` (default 10), knowledge `level` (quality too), ICT 0.3, R&D 0.05, capital 100. */
function firms(n: number, o: { levels?: number[]; employees?: number[]; demand?: number; growth?: number; extra?: ScenarioInput['populations']; params?: MarketParams } = {}): State {
  const sc = smallScenario({
    sectors: [{ id: 's1', demand: o.demand ?? 1, growth: o.growth ?? 0 }],
    populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: n, initialTies: 0 }, ...(o.extra ?? [])],
  });
  const s = buildState(sc, 1);
  const p = s.pop, D = p.D;
  for (let i = 0; i < n; i++) {
    const level = o.levels?.[i] ?? 0.4;
    for (let k = 0; k < D; k++) { p.tacit[i * D + k] = 0.8 * level; p.codified[i * D + k] = 0.2 * level; }
    p.frontier.fill(1);
    p.quality[i] = level;
    p.employees[i] = o.employees?.[i] ?? 10;
    p.ict[i] = 0.3;
    p.rdEffort[i] = 0.05;
    p.capital[i] = 100;
  }
  p.refreshDerived(); // the relative knowledge column, as at the end of a step
  markets(s, o.params ?? P); // the markets are set up from the firms as they are now (step 0)
  return s;
}

function run(s: State, params: MarketParams = P, steps = 1, seed = 1): void {
  const rng = stream(seed, 'test');
  for (let t = 0; t < steps; t++) {
    beginStep(s, t + 1);
    // R&D paid as the innovation mechanism pays it when capital suffices (effort x employees x rdCostPerEmployee 1).
    for (let i = 0; i < s.pop.n; i++) s.acc.rdPaid[i] = s.pop.rdEffort[i] * s.pop.employees[i];
    market.step({ state: s, params, rng });
  }
}

const held = (s: State, n: number) => { let l = 0; for (let i = 0; i < n; i++) l += s.pop.lines[i]; return l; };

describe('market: product lines', () => {
  it('gives firms lines by their size at step 0 and the outside its share of the demand', () => {
    const s = firms(3, { employees: [8, 40, 200] });
    const l = Array.from(s.pop.lines.subarray(0, 3));
    expect(l[0]).toBeGreaterThanOrEqual(1);
    expect(l[1]).toBeGreaterThan(l[0]);
    expect(l[2]).toBeGreaterThan(l[1]);
    const m = markets(s);
    expect(m.outside[0] / (m.outside[0] + held(s, 3))).toBeCloseTo(P.outsideShare, 1);
  });

  it('keeps the lines of a market at its demand: lapsed lines are contested again, none are lost', () => {
    const s = firms(20);
    const total = held(s, 20) + markets(s).outside[0];
    run(s, P, 15);
    expect(held(s, 20) + markets(s).outside[0]).toBe(total);
  });

  it('moves lines and sales toward the better firm (quality), and toward the cheaper one (ICT)', () => {
    const q = firms(2, { levels: [0.3, 0.6], employees: [80, 80] });
    run(q, P, 40);
    expect(q.pop.lines[1]).toBeGreaterThan(q.pop.lines[0]);
    expect(q.pop.revenue[1]).toBeGreaterThan(q.pop.revenue[0]);
    expect(q.pop.employees[1]).toBeGreaterThan(q.pop.employees[0]);
    const c = firms(2, { employees: [80, 80] });
    c.pop.ict[1] = 0.9;
    run(c, P, 40);
    expect(c.pop.revenue[1]).toBeGreaterThan(c.pop.revenue[0]);
  });

  it('bounds firm size by decreasing returns: an oversized firm shrinks back, and much less so at nearly constant returns', () => {
    // Averaged over seeds: lines are won and lost at random, and a firm's path is noisy.
    const kept = (theta: number) => {
      let sum = 0;
      for (const seed of [1, 2, 3, 4]) {
        const params = { ...P, returnsToScale: theta };
        const s = firms(10, { employees: [3000, 300, 300, 300, 300, 300, 300, 300, 300, 300], params });
        const l0 = s.pop.lines[0];
        run(s, params, 60, seed);
        sum += s.pop.lines[0] / l0;
      }
      return sum / 4;
    };
    const bounded = kept(0.85), flat = kept(0.98);
    expect(bounded).toBeLessThan(0.6); // it produces dearer than the others, so it loses lines
    expect(flat).toBeGreaterThan(bounded + 0.2);
    // The price it charges rises with size (beyond the few employees over which the fixed cost is spread).
    expect(unitPrice(800, 0.3, 0.05, 1, P)).toBeGreaterThan(unitPrice(80, 0.3, 0.05, 1, P));
    expect(unitPrice(80, 0.3, 0.05, 1, P)).toBeGreaterThan(unitPrice(8, 0.3, 0.05, 1, P));
  });

  it('keeps lines fixed when none lapse (lineTurnover 0)', () => {
    const s = firms(4, { levels: [0.2, 0.4, 0.6, 0.8] });
    const before = Array.from(s.pop.lines.subarray(0, 4));
    run(s, { ...P, lineTurnover: 0 }, 10);
    expect(Array.from(s.pop.lines.subarray(0, 4))).toEqual(before);
  });

  it('grows the market with the sector\'s demand growth: more lines and more sales', () => {
    const s = firms(5, { growth: 0.05 });
    const lines0 = held(s, 5) + markets(s).outside[0];
    run(s, P, 1);
    const sales1 = s.pop.revenue[0] + s.pop.revenue[1] + s.pop.revenue[2] + s.pop.revenue[3] + s.pop.revenue[4];
    run(s, P, 4);
    expect(s.sectors[0].demand).toBeCloseTo(1.05 ** 5, 12);
    expect(held(s, 5) + markets(s).outside[0]).toBe(Math.round(markets(s).base[0] * 1.05 ** 5));
    expect(held(s, 5) + markets(s).outside[0]).toBeGreaterThan(lines0);
    let sales5 = 0;
    for (let i = 0; i < 5; i++) sales5 += s.pop.revenue[i];
    expect(sales5).toBeGreaterThan(sales1);
  });

  it('holds demand during a warm-up (negative steps)', () => {
    const s = firms(2, { growth: 0.05 });
    beginStep(s, -3);
    market.step({ state: s, params: P, rng: stream(1, 'test') });
    expect(s.sectors[0].demand).toBe(1);
  });

  it('gives an entrant its first line from the unmet demand, or from its parent', () => {
    const s = firms(2);
    const out0 = markets(s).outside[0];
    const e = addAgent(s, Kind.sme, 0, 0, true);
    enterMarket(s, e, stream(2, 'test'));
    expect(s.pop.lines[e]).toBe(1);
    expect(markets(s).outside[0]).toBe(out0 - 1);
    const f = addAgent(s, Kind.sme, 0, 0, true);
    s.pop.lines[1] = 3;
    const parentLines = s.pop.lines[1];
    enterMarket(s, f, stream(2, 'test'), 1);
    expect(s.pop.lines[f]).toBe(1);
    expect(s.pop.lines[1]).toBe(parentLines - 1);
  });

  it('entrantLine anyLine: an entrant takes a line drawn from all the market\'s lines, displacing incumbents in proportion and taking a last line too (Klette & Kortum 2004)', () => {
    const draws = (rule: 'importsFirst' | 'anyLine') => {
      const s = firms(4);
      run(s); // groups the market's rows, as a step does before demography
      s.scenario.parameters.mechanisms.market.entrantLine = rule;
      const m = markets(s), e = addAgent(s, Kind.sme, 0, 0, true), rng = stream(3, 'test');
      const setup = [60, 20, 9, 1], taken = [0, 0, 0, 0, 0]; // the four firms, then the outside holder
      for (let d = 0; d < 2000; d++) {
        // Each draw in a step of its own: lines set from outside the model are read afresh.
        beginStep(s, d + 1);
        setup.forEach((l, j) => { s.pop.lines[j] = l; });
        m.outside[0] = 10;
        enterMarket(s, e, rng);
        expect(s.pop.lines[e]).toBe(1);
        setup.forEach((l, j) => { if (s.pop.lines[j] === l - 1) taken[j]!++; });
        if (m.outside[0] === 9) taken[4]!++;
      }
      return taken.map((c) => c / 2000);
    };
    expect(draws('importsFirst')).toEqual([0, 0, 0, 0, 1]);
    const any = draws('anyLine');
    [0.6, 0.2, 0.09, 0.01, 0.1].forEach((share, j) => expect(Math.abs(any[j]! - share)).toBeLessThan(0.035));
    expect(any[3]).toBeGreaterThan(0); // a one-line firm loses its last line (it exits in demography)
    expect(any.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('market: the line tree of entrantLine anyLine', () => {
  it('takes the very line a scan of the market would, through exits, spin-offs and other entrants of the same step', () => {
    const s = firms(300);
    run(s); // groups the market's rows, as a step does before demography
    s.scenario.parameters.mechanisms.market.entrantLine = 'anyLine';
    const p = s.pop, m = markets(s), pick = stream(4, 'ops');
    for (let i = 0; i < 300; i++) p.lines[i] = pick.int(4) === 0 ? 1 : 1 + pick.int(40);
    m.outside[0] = 500;
    const rng = stream(9, 'draw'), twin = stream(9, 'draw');
    let draws = 0;
    for (let op = 0; op < 3000; op++) {
      const r = pick.next();
      if (r < 0.1) { leaveMarket(s, pick.int(300)); continue; } // an exit (its lines go outside)
      if (r < 0.2) { // a spin-off, from a parent of two lines or more (else it would draw as an entrant does)
        const parent = pick.int(300);
        if (p.lines[parent]! > 1) enterMarket(s, addAgent(s, Kind.sme, 0, 0, true), rng, parent);
        continue;
      }
      const e = addAgent(s, Kind.sme, 0, 0, true);
      // The reference: a scan of the market's firms (rows 0-299) in grouped order.
      const lines = Array.from(p.lines.subarray(0, 300)), outside = m.outside[0];
      const total = outside + lines.reduce((a, b) => a + b, 0);
      let u = twin.next() * total - outside, expected = -1;
      if (u >= 0) for (let j = 0; j < 300; j++) { u -= lines[j]!; if (u < 0) { expected = j; break; } }
      enterMarket(s, e, rng);
      draws++;
      if (expected < 0) expect(m.outside[0]).toBe(outside - 1);
      else {
        expect(p.lines[expected]).toBe(lines[expected]! - 1);
        expect(m.outside[0]).toBe(outside);
      }
    }
    expect(draws).toBeGreaterThan(2000);
  });
});

describe('market: sales and accounts', () => {
  it('shares the market\'s value by CES weights; profit = sales - wages - fixed cost - R&D; the payout leaves capital', () => {
    const s = firms(2);
    const m = markets(s);
    beginStep(s, 1);
    // What the innovation mechanism paid for R&D this step: less than effort 0.05 x 10 employees
    // asks, as for a firm short of capital. The market books what was paid.
    s.acc.rdPaid[0] = 0.2;
    market.step({ state: s, params: { ...P, lineTurnover: 0 }, rng: stream(1, 'test') });
    const p = s.pop;
    const w = [0, 1].map((i) => p.lines[i] * varietyWeight(p.quality[i], unitPrice(10, 0.3, 0.05, 1, P), P));
    const W = w[0] + w[1] + m.outside[0] * m.outsideComp[0];
    const R = (m.value[0] * w[0]) / W;
    expect(p.revenue[0]).toBeCloseTo(R, 10);
    const profit = R - 10 * P.wage - P.fixedCost - 0.2;
    expect(p.profit[0]).toBeCloseTo(profit, 10);
    const payout = profit > 0 ? P.payoutShare * profit : 0;
    expect(p.capital[0]).toBeCloseTo(100 + R - 10 * P.wage - P.fixedCost - payout, 10);
  });

  it('pays out a share of a positive profit (payoutShare), so capital does not keep every profit', () => {
    const a = firms(2, { demand: 2 }), b = firms(2, { demand: 2 });
    run(a, { ...P, payoutShare: 0 }, 5);
    run(b, P, 5);
    expect(b.pop.profit[0]).toBeGreaterThan(0);
    expect(b.pop.capital[0]).toBeLessThan(a.pop.capital[0]);
  });

  it('makes losses when demand is short, and adjusts employment to sales', () => {
    const lo = firms(2, { demand: 0.5 }), hi = firms(2, { demand: 2 });
    run(lo, P, 3); run(hi, P, 3);
    expect(lo.pop.profit[0]).toBeLessThan(0);
    expect(lo.pop.employees[0]).toBeLessThan(10);
    expect(hi.pop.employees[0]).toBeGreaterThan(10);
  });

  it('raises R&D effort with profit and cuts it while losing, within the factors of the technology intensity', () => {
    const lo = firms(2, { demand: 0.5 }), hi = firms(2, { demand: 2 });
    run(lo, P, 3); run(hi, P, 20);
    expect(lo.pop.rdEffort[0]).toBeLessThan(0.05);
    expect(hi.pop.rdEffort[0]).toBeGreaterThan(0.05);
    const f = P.rdIntensity[lo.sectors[0].techIntensity];
    expect(lo.pop.rdEffort[0]).toBeGreaterThanOrEqual(f * P.rdMin - 1e-12);
    expect(hi.pop.rdEffort[0]).toBeLessThanOrEqual(f * P.rdMax);
    // One step: effort moves rdAdjust of the way to f (rdMin + (rdMax - rdMin) x the firm's
    // profit rate over profitRef, clamped), f the factor of the sector's technology intensity.
    for (const [tech, f] of [['medium', 1], ['high', 2], ['low', 0.5]] as const) {
      const one = firms(2);
      one.sectors[0].techIntensity = tech;
      run(one, P, 1);
      for (const i of [0, 1]) {
        const rate = Math.min(1, Math.max(0, one.pop.profit[i] / ((one.pop.revenue[i] - one.pop.profit[i]) * P.profitRef)));
        expect(one.pop.rdEffort[i]).toBeCloseTo(0.05 + P.rdAdjust * (f * (P.rdMin + (P.rdMax - P.rdMin) * rate) - 0.05), 12);
      }
    }
  });
});

describe('market: firms\' own efficiency (an option, docs/model/market.md "Efficiency")', () => {
  const withInstitutes = (sd: number) => buildState(smallScenario({
    populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 3000, initialTies: 0 }, { kind: 'research', region: 'r1', sector: 's1', count: 5, initialTies: 0 }],
    parameters: { mechanisms: { market: { efficiencySd: sd } } },
  }), 1);
  const lnStats = (s: State, from: number, to: number) => {
    let m = 0, v = 0;
    for (let i = from; i < to; i++) m += Math.log(s.pop.efficiency[i]);
    m /= to - from;
    for (let i = from; i < to; i++) v += (Math.log(s.pop.efficiency[i]) - m) ** 2;
    return { mean: m, sd: Math.sqrt(v / (to - from)) };
  };

  it('draws none by default: every agent has efficiency 1', () => {
    const s = withInstitutes(P.efficiencySd);
    expect(P.efficiencySd).toBe(0);
    for (let i = 0; i < s.pop.n; i++) expect(s.pop.efficiency[i]).toBe(1);
  });

  it('draws a lognormal of mean 1 and sd efficiencySd in logs for each firm at build; institutions keep 1', () => {
    const s = withInstitutes(0.25);
    const { mean, sd } = lnStats(s, 0, 3000);
    // 3,000 draws: the sd of the sample sd is 0.25 / sqrt(6000) = 0.003, of the mean 0.005.
    expect(sd).toBeCloseTo(0.25, 1);
    expect(Math.abs(sd - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(mean + 0.5 * 0.25 ** 2)).toBeLessThan(0.02);
    for (let i = 3000; i < 3005; i++) expect(s.pop.efficiency[i]).toBe(1);
  });

  it('moves ln efficiency as an AR(1): after a year it keeps efficiencyPersistence of its deviation, and its spread', () => {
    const s = withInstitutes(0.25);
    markets(s);
    const before = Array.from(s.pop.efficiency.subarray(0, 3000), Math.log);
    const params = { ...P, efficiencySd: 0.25 };
    run(s, params, 4); // a year of quarterly steps
    const after = Array.from(s.pop.efficiency.subarray(0, 3000), Math.log);
    const mb = before.reduce((a, b) => a + b) / 3000, ma = after.reduce((a, b) => a + b) / 3000;
    let cov = 0, vb = 0, va = 0;
    for (let i = 0; i < 3000; i++) { cov += (before[i] - mb) * (after[i] - ma); vb += (before[i] - mb) ** 2; va += (after[i] - ma) ** 2; }
    // Correlation 0.93 (its sampling sd at n = 3,000 is about 0.002); the spread stays 0.25.
    expect(Math.abs(cov / Math.sqrt(vb * va) - params.efficiencyPersistence)).toBeLessThan(0.015);
    expect(Math.abs(Math.sqrt(va / 3000) - 0.25)).toBeLessThan(0.015);
    for (let i = 3000; i < 3005; i++) expect(s.pop.efficiency[i]).toBe(1);
  });

  it('makes a more efficient firm cheaper: it wins lines from equal rivals', () => {
    expect(weightOf(0.5, 40, 0.3, 0.05, 1, P, 1.2) / weightOf(0.5, 40, 0.3, 0.05, 1, P)).toBeCloseTo(1.2 ** (P.elasticity - 1), 10);
    expect(unitPrice(40, 0.3, 0.05, 1, P, 1.2)).toBeCloseTo(unitPrice(40, 0.3, 0.05, 1, P) / 1.2, 10);
    // One firm of ten made 1.3 times as efficient, against the same run without: over four
    // seeds its lines relative to the others' mean grow several-fold (toward 1.3^(1 / (1 -
    // returnsToScale)) = 5.7, where decreasing returns offset its advantage).
    const edge = (eff: number) => {
      let sum = 0;
      for (const seed of [1, 2, 3, 4]) {
        const s = firms(10, { employees: Array(10).fill(80) });
        s.pop.efficiency[0] = eff;
        run(s, P, 60, seed);
        sum += s.pop.lines[0] / ((held(s, 10) - s.pop.lines[0]) / 9);
      }
      return sum / 4;
    };
    const same = edge(1), better = edge(1.3);
    expect(same).toBeLessThan(1.6);
    expect(better).toBeGreaterThan(2 * same);
  });
});

describe('market: losing lines by competitiveness (lineLoss, an option, docs/model/market.md)', () => {
  // 20 firms at quality 0.3 and 20 at 0.6, two lines each: per line the better firms weigh
  // 2^(elasticity - 1) = 8 times as much. The lines the worse half holds after one step
  // (lapse, then capture), summed over 20 seeds, under each rule.
  const worseHalf = (lineLoss: 'uniform' | 'relative', turnover = 0.5) => {
    let sum = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const params = { ...P, lineTurnover: turnover, lineLoss };
      const s = firms(40, { levels: [...Array(20).fill(0.3), ...Array(20).fill(0.6)], employees: Array(40).fill(16), params });
      run(s, params, 1, seed);
      sum += held(s, 20);
    }
    return sum;
  };

  it('is off by default: every line lapses at lineTurnover whoever holds it', () => {
    expect(P.lineLoss).toBe('uniform');
  });

  it('relative: a worse firm loses more lines than under the uniform lapse', () => {
    // The worse firms lose a line with chance 2 l cAvg / (c + cAvg) = 1.64 l instead of l
    // (cAvg = 4.5 c): at l = 0.5 a year (0.159 a quarterly step) about 209 of their 800
    // lines over the 20 seeds against 127, some 80 more, less the few they win back; the
    // difference has a standard deviation of about 16 lines (measured: 599 against 688).
    const uniform = worseHalf('uniform'), relative = worseHalf('relative');
    expect(relative).toBeLessThan(uniform - 40);
  });

  it('relative: firms of equal competitiveness lose lines as under the uniform lapse', () => {
    // Then every line's chance is 2 l c / (c + c) = l: the two rules keep the same lines in distribution.
    const equal = (lineLoss: 'uniform' | 'relative') => {
      let lost = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const params = { ...P, lineTurnover: 0.5, lineLoss, outsideShare: 0 };
        const s = firms(40, { employees: Array(40).fill(16), params });
        const before = Array.from(s.pop.lines.subarray(0, 40));
        run(s, params, 1, seed);
        for (let i = 0; i < 40; i++) lost += Math.abs(s.pop.lines[i] - before[i]);
      }
      return lost;
    };
    const u = equal('uniform'), r = equal('relative');
    expect(u).toBeGreaterThan(100);
    expect(Math.abs(r - u) / u).toBeLessThan(0.15);
  });
});

describe('market: institutions', () => {
  it('leaves institutions out of the market and funds them from the region\'s public budget, up to a year\'s worth', () => {
    const s = firms(2, { extra: [{ kind: 'research', region: 'r1', sector: 's1', count: 1, initialTies: 0 }] });
    const p = s.pop, E = p.employees[2], b = s.regions[0].institutionFunding * E;
    p.capital[2] = 0;
    run(s, P, 1);
    expect(p.lines[2]).toBe(0);
    expect(p.capital[2]).toBeCloseTo(b, 12);
    expect(p.revenue[2]).toBeCloseTo(b, 12);
    run(s, P, 10);
    expect(p.capital[2]).toBeCloseTo(4 * b, 12); // quarters: one year's budget at most
    expect(p.revenue[2]).toBeCloseTo(0, 12); // the rest returned
    p.capital[2] = 100 * b; // an endowment beyond that is not taken away
    run(s, P, 1);
    expect(p.capital[2]).toBeCloseTo(100 * b, 12);
  });

  it('funds nothing when the region\'s institutionFunding is 0', () => {
    const s = firms(2, { extra: [{ kind: 'research', region: 'r1', sector: 's1', count: 1, initialTies: 0 }] });
    s.regions[0].institutionFunding = 0;
    const cap = s.pop.capital[2];
    run(s, P, 3);
    expect(s.pop.capital[2]).toBe(cap);
  });
});

describe('market: the weight of a variety', () => {
  it('computes (quality / unit price)^(elasticity - 1) by logarithms as by powers', () => {
    for (const [q, E, ict, rd] of [[0.4, 10, 0.3, 0.05], [0.9, 800, 0.9, 0.2], [0.1, 1, 0, 0], [1e-12, 0.5, 0.5, 0.1]]) {
      const direct = varietyWeight(q, unitPrice(E, ict, rd, 1, P), P);
      expect(weightOf(q, E, ict, rd, 1, P)).toBeCloseTo(direct, 12 - Math.max(0, Math.ceil(Math.log10(Math.abs(direct) + 1e-300))));
      expect(Math.abs(weightOf(q, E, ict, rd, 1, P) / direct - 1)).toBeLessThan(1e-12);
    }
  });
});

describe('market: the outside supplier (outsideSupplier; docs/model/market.md "The outside supplier")', () => {
  type Shock = (state: State) => void;
  /** The share of a market's lines held by the outside holder (the metric market.importShare's rule). */
  function importShareOf(state: State): number {
    const p = state.pop, out = markets(state).outside[0];
    let held = 0;
    for (let i = 0; i < p.n; i++) if (p.alive[i] && isFirmKind(p.kind[i])) held += p.lines[i];
    return out / (held + out);
  }
  // default.yaml, seed 3, with a warm-up of `warmup` steps: the mean and largest share of the
  // lines the outside holder keeps over recorded steps from..to; `shock` runs before each
  // recorded step.
  async function importShare(supplier: 'held' | 'persistent', o: { warmup?: number; from?: number; to?: number; shock?: Shock; seed?: number; entrantLine?: 'importsFirst' | 'anyLine' } = {}): Promise<{ mean: number; max: number }> {
    const { loadScenarioFile } = await import('../../../src/io/scenario-file.js');
    const { Simulation } = await import('../../../src/engine/simulate.js');
    const sc = await loadScenarioFile('scenarios/default.yaml');
    sc.parameters.mechanisms.market.outsideSupplier = supplier;
    if (o.entrantLine) sc.parameters.mechanisms.market.entrantLine = o.entrantLine;
    const from = o.from ?? 40, to = o.to ?? 100;
    const sim = new Simulation({ ...sc, warmup: o.warmup ?? 0 }, { seed: o.seed ?? 3, steps: to });
    let sum = 0, count = 0, max = 0;
    while (sim.done < to) {
      o.shock?.(sim.state);
      sim.step();
      if (sim.done < from) continue;
      const u = importShareOf(sim.state);
      sum += u; count++; max = Math.max(max, u);
    }
    return { mean: sum / count, max };
  }

  it('held (the model before December 2026): the outside holder loses its lines early (the defect, measured)', async () => {
    // The model of then: entrants took their first line from imports first.
    const { mean } = await importShare('held', { entrantLine: 'importsFirst' });
    expect(mean).toBeLessThan(0.02);
  });

  it('persistent (the default): imports keep a share of the market, below outsideShare as entrants take lines from it', async () => {
    expect(MarketParams.parse({}).outsideSupplier).toBe('persistent');
    // After a warm-up: the world keeps the steady state's level (without one it keeps the
    // scenario's initial level, below the steady state's, and imports shrink as the cluster
    // climbs; docs/model/market.md).
    const { mean, max } = await importShare('persistent', { warmup: 100, from: 0, to: 60 });
    expect(mean).toBeGreaterThan(0.05);
    expect(max).toBeLessThan(P.outsideShare + 0.1);
  });

  it('persistent: the outside holder follows the average line through the warm-up and keeps that level from step 0', async () => {
    const { loadScenarioFile } = await import('../../../src/io/scenario-file.js');
    const { Simulation } = await import('../../../src/engine/simulate.js');
    const sc = await loadScenarioFile('scenarios/default.yaml');
    const sim = new Simulation({ ...sc, warmup: 100 }, { seed: 3, steps: 20 });
    const seen: number[] = [];
    // The warm-up runs in the constructor's first step call; watch the level after each step.
    while (sim.done < 20) { sim.step(); seen.push(markets(sim.state).outsideComp[0]); }
    // Recorded steps: one level throughout.
    expect(new Set(seen).size).toBe(1);
    // It is not the level of the warm-up's first step: the cluster's lines became more
    // competitive than the scenario's initial values during the warm-up.
    const first = new Simulation({ ...sc, warmup: 0 }, { seed: 3, steps: 1 });
    first.step();
    expect(seen[0] / markets(first.state).outsideComp[0]).toBeGreaterThan(1.5);
  });

  it('persistent: a cluster made more competitive after the warm-up wins lines from imports (the world keeps its level)', async () => {
    // Full ICT adoption for every firm from step 0: cheaper output, so a higher
    // competitiveness per line than the level the outside holder keeps.
    const ict: Shock = (state) => { const p = state.pop; for (let i = 0; i < p.n; i++) if (p.alive[i] && isFirmKind(p.kind[i])) p.ict[i] = 1; };
    // Seeds 1-10 pooled. Measured (December 2026 at commit 6a32c29, spin-offs with an
    // entrant's capital; docs/model/market.md): the shock cuts the import share of steps
    // 20-60 by 5.5-27 % seed by seed, 13.5 % pooled (seeds 1-3 alone 9.7 %; 18 % before that
    // commit), and by 0 when the level follows the firms after step 0. A cut of 7 % of the
    // pooled mean, half-way, separates the two: one seed's cut varies by about 0.07, so ten
    // seeds put each hypothesis about three standard errors from the line.
    let base = 0, shocked = 0;
    for (let seed = 1; seed <= 10; seed++) {
      base += (await importShare('persistent', { warmup: 100, from: 20, to: 60, seed })).mean;
      shocked += (await importShare('persistent', { warmup: 100, from: 20, to: 60, shock: ict, seed })).mean;
    }
    expect(shocked).toBeLessThan(0.93 * base);
  });
});
