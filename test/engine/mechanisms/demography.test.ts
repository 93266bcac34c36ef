/** Demography (001 VC2 ¶1; 002 §26, §113, §144; docs/model/demography.md): exit, spin-offs, entry. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { demography, DemographyParams } from '../../../src/engine/mechanisms/demography.js';
import { markets } from '../../../src/engine/mechanisms/market.js';
import { stream } from '../../../src/engine/rng.js';
import { beginStep, endStep } from '../../../src/engine/state.js';
import { Kind } from '../../../src/engine/population.js';
import type { State } from '../../../src/engine/contract.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { smallScenario } from '../../fixtures/scenarios.js';

const P = DemographyParams.parse({});
/** No spin-offs, no entry: only exit. */
const EXIT_ONLY = { ...P, spinoffRate: 0, spinoffResearch: 0, entryRate: 0 };

/** A built cluster whose firms have capital 50, no profit, their lines; the markets set up. */
function cluster(pops: ScenarioInput['populations'], regions?: ScenarioInput['regions']): State {
  const s = buildState(smallScenario({ populations: pops, ...(regions ? { regions } : {}) }), 1);
  markets(s);
  for (let i = 0; i < s.pop.n; i++) { s.pop.capital[i] = 50; s.pop.profit[i] = 0; s.pop.revenue[i] = 10; }
  beginStep(s, 1);
  return s;
}
const smes = (count: number, region = 'r1'): ScenarioInput['populations'][0] => ({ kind: 'sme', region, sector: 's1', count, initialTies: 0 });

function step(s: State, params: DemographyParams, t = 1, seed = 1, setup: (s: State) => void = () => {}): void {
  beginStep(s, t);
  setup(s);
  demography.step({ state: s, params, rng: stream(seed, 'test') });
}

describe('demography: exit', () => {
  it('removes a firm that has lost its last product line, and gives the outside nothing it did not have', () => {
    const s = cluster([smes(3)]);
    s.pop.lines[0] = 0;
    const out = markets(s).outside[0];
    step(s, EXIT_ONLY);
    expect(Array.from(s.pop.alive.subarray(0, 3))).toEqual([0, 1, 1]);
    expect(s.acc.deaths).toBe(1);
    expect(s.acc.deathsByRegion[0]).toBe(1);
    expect(markets(s).outside[0]).toBe(out);
  });

  it('removes a firm whose capital is below zero: it cannot cover its losses; its lines go to the outside', () => {
    const s = cluster([smes(2)]);
    s.pop.capital[0] = -1;
    const lines = s.pop.lines[0], out = markets(s).outside[0];
    step(s, EXIT_ONLY);
    expect(s.pop.alive[0]).toBe(0);
    expect(s.pop.alive[1]).toBe(1);
    expect(markets(s).outside[0]).toBe(out + lines);
  });

  it('closes loss-making firms at a hazard that a capital buffer lowers: closureHazard x loss / (loss + capital)', () => {
    const closed = (capital: number) => {
      const s = cluster([smes(400)]);
      for (let i = 0; i < 400; i++) { s.pop.profit[i] = -1; s.pop.capital[i] = capital; }
      step(s, EXIT_ONLY);
      return s.acc.deaths;
    };
    const h = 1 - (1 - P.closureHazard) ** (1 / 4); // per quarter
    const bare = closed(0), buffered = closed(9);
    expect(bare).toBeGreaterThan(0.6 * 400 * h);
    expect(bare).toBeLessThan(1.4 * 400 * h);
    expect(buffered).toBeLessThan(bare / 4); // 1 / (1 + 9) of the hazard, in expectation
    // Profitable firms do not close.
    const s = cluster([smes(200)]);
    for (let i = 0; i < 200; i++) s.pop.profit[i] = 1;
    step(s, EXIT_ONLY);
    expect(s.acc.deaths).toBe(0);
  });

  it('never removes institutions', () => {
    const s = cluster([{ kind: 'research', region: 'r1', sector: 's1', count: 1, initialTies: 0 }]);
    s.pop.capital[0] = -5;
    s.pop.profit[0] = -100;
    step(s, EXIT_ONLY);
    expect(s.pop.alive[0]).toBe(1);
  });

  it('does not bail supported firms out: spin-off support leaves their exit as it is', () => {
    const s = cluster([smes(2)]);
    s.pop.capital[0] = s.pop.capital[1] = -1;
    step(s, EXIT_ONLY, 1, 1, (st) => { st.policy.spinoffBoost[1] = 5; });
    expect(s.pop.alive[0]).toBe(0);
    expect(s.pop.alive[1]).toBe(0);
  });

  it('frees the ties of an exiting firm and removes its row at the end of the step', () => {
    const s = cluster([smes(3)]);
    s.ties.add(0, 1, 1, 0.5, 0.5, 0);
    s.pop.capital[0] = -1;
    const id1 = s.pop.id[1];
    step(s, EXIT_ONLY);
    expect(s.ties.deg[1]).toBe(0);
    endStep(s);
    expect(s.pop.n).toBe(2);
    expect(s.pop.id[0]).toBe(id1);
  });
});

describe('demography: succession of the leading role (000 §5.7)', () => {
  const regions: ScenarioInput['regions'] = [
    { id: 'r1', country: 'IT', center: [0, 0], radiusKm: 10 },
    { id: 'r2', country: 'IT', center: [50, 0], radiusKm: 10 },
  ];
  /** Rows 0-3 in r1, 4-5 in r2; row 0 holds the leading role and has lost its last line. */
  const run = (leadingSuccession: boolean) => {
    const s = cluster([smes(4, 'r1'), smes(2, 'r2')], regions);
    s.pop.leading.fill(0, 0, 6);
    s.pop.leading[0] = 1;
    step(s, { ...EXIT_ONLY, leadingSuccession }, 1, 1, (st) => {
      st.pop.lines[0] = 0;
      st.pop.revenue.set([40, 10, 25, 12, 90, 5], 0);
    });
    return s;
  };

  it('passes a leaving firm\'s role to the firm of its market with the most sales', () => {
    const s = run(true);
    expect(s.pop.alive[0]).toBe(0);
    // Row 2 outsells rows 1 and 3 in r1; row 4 sells more but in another market.
    expect(Array.from(s.pop.leading.subarray(1, 6))).toEqual([0, 1, 0, 0, 0]);
  });

  it('lets the role leave with its holder when succession is off', () => {
    const s = run(false);
    expect(s.pop.alive[0]).toBe(0);
    expect(Array.from(s.pop.leading.subarray(1, 6))).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('demography: spin-offs', () => {
  const SPIN = { ...P, entryRate: 0, spinoffRate: 1, spinoffResearch: 0 };

  it('spins off a new firm near its successful parent, with part of its knowledge and niche, one of its lines and a tie to it', () => {
    const s = cluster([smes(2)]);
    const p = s.pop, D = p.D;
    p.profit[0] = 10 * p.employees[0]; // very successful
    p.profit[1] = -1;
    p.employees[0] = 40;
    p.lines[0] = 5;
    const parentTacit = Array.from(p.tacit.subarray(0, D)), parentCodified = Array.from(p.codified.subarray(0, D));
    const parentNiche = Array.from(p.niche.subarray(0, D));
    step(s, SPIN);
    const q = s.pop;
    expect(q.n).toBe(3);
    const c = 2;
    expect(q.kind[c]).toBe(Kind.sme);
    expect(q.parent[c]).toBe(q.id[0]);
    expect(Math.hypot(q.x[c] - q.x[0], q.y[c] - q.y[0])).toBeLessThanOrEqual(P.spinoffRadiusKm);
    // Its parent's profile at u times its level, u ~ U(entrantSkill), as an entrant's against its role model.
    const u = q.tacit[c * D] / parentTacit[0];
    expect(u).toBeGreaterThanOrEqual(P.entrantSkill[0]);
    expect(u).toBeLessThanOrEqual(P.entrantSkill[1]);
    expect(q.knowledge[c]).toBeCloseTo(u * q.knowledgeOf(0), 12);
    let own = 0, sum = 0;
    for (let k = 0; k < D; k++) {
      expect(q.tacit[c * D + k]).toBeCloseTo(u * parentTacit[k], 12);
      expect(q.codified[c * D + k]).toBeCloseTo(u * parentCodified[k], 12);
      own += Math.abs(q.niche[c * D + k] - parentNiche[k]);
      sum += q.niche[c * D + k];
    }
    expect(sum).toBeCloseTo(1, 12);
    expect(own).toBeGreaterThan(0); // half its own: not a copy
    expect(q.tacit[0]).toBe(parentTacit[0]); // the parent keeps what it knows
    expect(s.ties.has(c, 0)).toBe(true);
    expect(q.employees[c]).toBeGreaterThanOrEqual(P.startEmployees[0]);
    expect(q.employees[c]).toBeLessThanOrEqual(P.startEmployees[1]);
    expect(q.employees[0]).toBe(40 - q.employees[c]); // its people leave the parent
    expect(q.lines[c]).toBe(1);
    expect(q.lines[0]).toBe(4); // and a product line
    // An entrant's capital: a draw from the SME kind's default range, 5-15 per employee.
    expect(q.capital[c] / q.employees[c]).toBeGreaterThanOrEqual(5);
    expect(q.capital[c] / q.employees[c]).toBeLessThanOrEqual(15);
    expect(s.acc.births).toBe(1);
    expect(s.acc.birthsByRegion[0]).toBe(1);
  });

  it('starts a spin-off with the capital per employee an entrant of its region draws, or startCapital when the scenario sets it', () => {
    const spinOffCapital = (params: typeof SPIN) => {
      const s = cluster([{ ...smes(2), capital: [20, 20] }]);
      s.pop.profit[0] = 10 * s.pop.employees[0];
      s.pop.profit[1] = -1;
      s.pop.employees[0] = 40;
      step(s, params);
      expect(s.pop.n).toBe(3);
      return s.pop.capital[2] / s.pop.employees[2];
    };
    expect(spinOffCapital(SPIN)).toBeCloseTo(20, 10); // the spec's 20, as an entrant there
    expect(spinOffCapital({ ...SPIN, startCapital: 5 })).toBeCloseTo(5, 10);
    // An entrant of the same spec starts with the same capital per employee.
    const e = cluster([{ ...smes(5), capital: [20, 20] }]);
    for (let i = 0; i < 5; i++) e.pop.profit[i] = 0.1 * e.pop.employees[i];
    step(e, { ...P, entryRate: 5, spinoffRate: 0, spinoffResearch: 0 });
    expect(e.pop.n).toBeGreaterThan(5);
    for (let i = 5; i < e.pop.n; i++) if (e.pop.alive[i]) expect(e.pop.capital[i] / e.pop.employees[i]).toBeCloseTo(20, 10);
  });

  it('gives a spin-off the geometric mean of its parent\'s efficiency and its own draw, when firms have one (market efficiencySd)', () => {
    const s = buildState(smallScenario({ populations: [smes(2)], parameters: { mechanisms: { market: { efficiencySd: 0.25 } } } }), 1);
    markets(s);
    const p = s.pop;
    p.capital.fill(50, 0, 2); p.revenue.fill(10, 0, 2);
    p.profit[0] = 10 * p.employees[0];
    p.profit[1] = -1;
    p.efficiency[0] = Math.exp(4); // far beyond any draw of sd 0.25
    step(s, SPIN);
    expect(s.pop.n).toBe(3);
    // ln efficiency = (4 + own draw) / 2, own ~ N(-0.03, 0.25): within 2 +- 0.6; a fresh draw would be within 0 +- 1.2.
    expect(Math.log(s.pop.efficiency[2])).toBeGreaterThan(1.4);
    expect(Math.log(s.pop.efficiency[2])).toBeLessThan(2.6);
  });

  it('spins off from successful firms only, more from more successful ones (Klepper)', () => {
    const births = (profitPerEmployee: number) => {
      const s = cluster([smes(300)]);
      for (let i = 0; i < 300; i++) s.pop.profit[i] = profitPerEmployee * s.pop.employees[i];
      step(s, { ...SPIN, spinoffRate: 0.2 });
      return s.acc.births;
    };
    expect(births(-0.1)).toBe(0);
    expect(births(0.1 * P.successProfit)).toBeLessThan(births(P.successProfit) / 2);
  });

  it('spins off from larger firms in proportion to their employees with spinoffSizeElasticity 1, alike with 0', () => {
    // 150 firms of 40 employees and 150 of 10, equally successful: mean size 25.
    const births = (b: number) => {
      let large = 0, small = 0;
      for (let seed = 1; seed <= 5; seed++) {
        const s = cluster([smes(300)]);
        for (let i = 0; i < 300; i++) {
          s.pop.employees[i] = i < 150 ? 40 : 10;
          s.pop.profit[i] = P.successProfit * s.pop.employees[i];
        }
        step(s, { ...SPIN, spinoffRate: 0.1, spinoffSizeElasticity: b }, 1, seed);
        const rowOf = new Map<number, number>();
        for (let i = 0; i < 300; i++) rowOf.set(s.pop.id[i], i);
        for (let c = 300; c < s.pop.n; c++) {
          if (rowOf.get(s.pop.parent[c])! < 150) large++; else small++;
        }
      }
      return { large, small };
    };
    // Expected per step: 150 x 0.1 x 40 / 25 = 24 from the large, 6 from the small (5 seeds: 120 and 30).
    const on = births(1);
    expect(on.large).toBeGreaterThan(2.5 * on.small);
    expect(on.large + on.small).toBeGreaterThan(110);
    expect(on.large + on.small).toBeLessThan(190);
    // Off: 15 a step from each group.
    const off = births(0);
    expect(off.large).toBeLessThan(1.6 * off.small);
    expect(off.small).toBeLessThan(1.6 * off.large);
  });

  it('spins off from research institutions (science-driven spin-offs)', () => {
    const s = cluster([{ kind: 'research', region: 'r1', sector: 's1', count: 5, initialTies: 0 }, smes(5)]);
    step(s, { ...SPIN, spinoffRate: 0, spinoffResearch: 1 });
    expect(s.acc.births).toBe(5);
    for (let c = 10; c < 15; c++) { expect(s.pop.kind[c]).toBe(Kind.sme); expect(s.pop.lines[c]).toBe(1); }
  });

  it('spins off more with spin-off support, and with more seed money', () => {
    const count = (boost: number) => {
      let births = 0;
      for (let seed = 1; seed <= 5; seed++) {
        const s = cluster([{ ...smes(200), capital: [20, 20] }]);
        for (let i = 0; i < 200; i++) s.pop.profit[i] = 0.05 * s.pop.employees[i]; // half successful
        step(s, { ...SPIN, spinoffRate: 0.05 }, 1, seed, (st) => st.policy.spinoffBoost.fill(boost, 0, st.pop.n));
        births += s.acc.births;
        if (boost > 0 && s.acc.births > 0) {
          const c = 200;
          expect(s.pop.capital[c]).toBeCloseTo(s.pop.employees[c] * 20 * (1 + boost), 10);
        }
      }
      return births;
    };
    expect(count(1)).toBeGreaterThan(1.5 * count(0));
  });
});

describe('demography: entry', () => {
  const ENTRY = { ...P, spinoffRate: 0, spinoffResearch: 0, entryRate: 1 };
  const regions: ScenarioInput['regions'] = [
    { id: 'r1', country: 'IT', center: [0, 0], radiusKm: 10 },
    { id: 'r2', country: 'IT', center: [100, 0], radiusKm: 10 },
  ];
  const marginOf = (s: State) => s.scenario.parameters.mechanisms.market.normalMargin;

  it('draws entrants to a market whose firms are profitable, placed in it, small, imitating a profitable firm', () => {
    const s = cluster([smes(50, 'r1'), smes(50, 'r2')], regions);
    const m = marginOf(s);
    for (let i = 0; i < 50; i++) { s.pop.profit[i] = m * 10; s.pop.revenue[i] = (1 + m) * 10; } // r1 earns the normal margin
    for (let i = 50; i < 100; i++) { s.pop.profit[i] = -5; s.pop.revenue[i] = 5; } // r2 loses
    step(s, ENTRY);
    expect(s.acc.birthsByRegion[0]).toBeGreaterThan(0);
    expect(s.acc.birthsByRegion[1]).toBe(0);
    let lo = Infinity, hi = 0;
    for (let i = 0; i < 50; i++) { lo = Math.min(lo, s.pop.knowledgeOf(i)); hi = Math.max(hi, s.pop.knowledgeOf(i)); }
    for (let c = 100; c < s.pop.n; c++) {
      expect(s.pop.region[c]).toBe(0);
      expect(Math.hypot(s.pop.x[c], s.pop.y[c])).toBeLessThanOrEqual(10 + 1e-9);
      expect(s.pop.employees[c]).toBeLessThanOrEqual(P.startEmployees[1]);
      expect(s.pop.parent[c]).toBe(-1);
      expect(s.pop.lines[c]).toBe(1);
      expect(s.pop.knowledge[c]).toBeGreaterThanOrEqual(P.entrantSkill[0] * lo - 1e-12);
      expect(s.pop.knowledge[c]).toBeLessThanOrEqual(P.entrantSkill[1] * hi + 1e-12);
    }
  });

  it('has a base rate that does not depend on how many firms are left: a market emptied by exits draws as many', () => {
    const entrants = (survivors: number) => {
      let births = 0;
      for (let seed = 1; seed <= 8; seed++) {
        const s = cluster([smes(100)]);
        const m = marginOf(s);
        for (let i = 0; i < 100; i++) { s.pop.profit[i] = m * 10; s.pop.revenue[i] = (1 + m) * 10; }
        for (let i = survivors; i < 100; i++) s.pop.alive[i] = 0; // gone before this step
        step(s, ENTRY, 1, seed);
        births += s.acc.births;
      }
      return births;
    };
    const full = entrants(100), few = entrants(20);
    expect(full).toBeGreaterThan(20);
    expect(few).toBeGreaterThan(0.7 * full); // proportional to survivors, it would be a fifth
  });

  it('draws more entrants when more of the demand goes unmet, and more to a region with trust and institutions', () => {
    const entrants = (outsideFactor: number, social: number) => {
      let births = 0;
      for (let seed = 1; seed <= 8; seed++) {
        const s = cluster([smes(100)], [{ id: 'r1', country: 'IT', center: [0, 0], radiusKm: 10, socialCapital: social, institutionalQuality: social }]);
        const m = marginOf(s);
        for (let i = 0; i < 100; i++) { s.pop.profit[i] = m * 10; s.pop.revenue[i] = (1 + m) * 10; }
        markets(s).outside[0] = Math.round(markets(s).outside[0] * outsideFactor);
        step(s, ENTRY, 1, seed);
        births += s.acc.births;
      }
      return births;
    };
    expect(entrants(6, 0.5)).toBeGreaterThan(1.15 * entrants(0, 0.5));
    expect(entrants(1, 0.9)).toBeGreaterThan(1.4 * entrants(1, 0.3));
  });

  it('renews business services with entrantKinds scenarioMix: KIBS enter at their share of the firms the scenario builds there', () => {
    // r1 builds 60 SMEs and 40 KIBS (a KIBS share of 0.4), r2 60 SMEs and no KIBS.
    const kinds = (entrantKinds: 'sme' | 'scenarioMix') => {
      const count = { r1: { kibs: 0, all: 0 }, r2: { kibs: 0, all: 0 } };
      for (let seed = 1; seed <= 8; seed++) {
        const s = cluster([smes(60, 'r1'), { kind: 'kibs', region: 'r1', sector: 's1', count: 40, initialTies: 0 }, smes(60, 'r2')], regions);
        const m = marginOf(s), n0 = s.pop.n;
        for (let i = 0; i < n0; i++) { s.pop.profit[i] = m * 10; s.pop.revenue[i] = (1 + m) * 10; }
        step(s, { ...ENTRY, entrantKinds }, 1, seed);
        for (let c = n0; c < s.pop.n; c++) {
          const r = s.pop.region[c] === 0 ? count.r1 : count.r2;
          r.all++;
          if (s.pop.kind[c] === Kind.kibs) r.kibs++;
        }
      }
      return count;
    };
    const mix = kinds('scenarioMix'), sme = kinds('sme');
    expect(mix.r1.all).toBeGreaterThan(40);
    expect(mix.r1.kibs / mix.r1.all).toBeGreaterThan(0.25);
    expect(mix.r1.kibs / mix.r1.all).toBeLessThan(0.55);
    expect(mix.r2.all).toBeGreaterThan(20);
    expect(mix.r2.kibs).toBe(0); // no KIBS built there, none enter
    expect(sme.r1.kibs + sme.r2.kibs).toBe(0); // the alternative: every entrant an SME
    expect(sme.r1.all).toBeGreaterThan(40);
  });

  it('initialises a new KIBS from the scenario\'s KIBS spec of its region and sector, as a new SME from the SME spec', () => {
    // The scenario's KIBS adopt ICT at 0.95-1 and are open at 0.95-1; the kind defaults
    // are 0.5-0.9 for both, so an entrant drawn from the defaults would fall below 0.95.
    const kibsSpec = { kind: 'kibs' as const, region: 'r1', sector: 's1', count: 40, initialTies: 0, ict: [0.95, 1] as [number, number], openness: [0.95, 1] as [number, number] };
    let entrants = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const s = cluster([smes(60, 'r1'), kibsSpec], regions);
      const m = marginOf(s), n0 = s.pop.n;
      for (let i = 0; i < n0; i++) { s.pop.profit[i] = m * 10; s.pop.revenue[i] = (1 + m) * 10; }
      step(s, { ...ENTRY, entrantKinds: 'scenarioMix' }, 1, seed);
      for (let c = n0; c < s.pop.n; c++) {
        if (s.pop.kind[c] !== Kind.kibs) continue;
        entrants++;
        expect(s.pop.ict[c]).toBeGreaterThanOrEqual(0.95);
        expect(s.pop.openness[c]).toBeGreaterThanOrEqual(0.95);
      }
    }
    expect(entrants).toBeGreaterThan(5);
  });
});
