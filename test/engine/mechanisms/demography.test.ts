/** Demography (001 VC2 ¶1; 002 §26, §113, §144): exit, spin-offs, entry. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { demography, DemographyParams } from '../../../src/engine/mechanisms/demography.js';
import { stream } from '../../../src/engine/rng.js';
import { beginStep, endStep } from '../../../src/engine/state.js';
import { Kind } from '../../../src/engine/population.js';
import type { State } from '../../../src/engine/contract.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { smallScenario } from '../../fixtures/scenarios.js';

const P = DemographyParams.parse({});
/** No spin-offs, no entry: only exit. */
const EXIT_ONLY = { ...P, spinoffRate: 0, spinoffResearch: 0, entryRate: 0 };

function cluster(pops: ScenarioInput['populations'], regions?: ScenarioInput['regions']): State {
  const s = buildState(smallScenario({ populations: pops, ...(regions ? { regions } : {}) }), 1);
  for (let i = 0; i < s.pop.n; i++) { s.pop.capital[i] = 50; s.pop.profit[i] = 0; s.pop.lossStreak[i] = 0; }
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
  it('removes a firm with sustained losses, and only that one', () => {
    const s = cluster([smes(3)]);
    s.pop.lossStreak[0] = P.exitLosses;
    s.pop.lossStreak[1] = P.exitLosses - 1;
    step(s, EXIT_ONLY);
    expect(Array.from(s.pop.alive.subarray(0, 3))).toEqual([0, 1, 1]);
    expect(s.acc.deaths).toBe(1);
    expect(s.acc.deathsByRegion[0]).toBe(1);
  });

  it('removes a firm whose capital is below zero, unless it is a start-up in its grace period', () => {
    const s = cluster([smes(2)]);
    s.pop.capital[0] = -1;
    s.pop.capital[1] = -1;
    s.pop.lossStreak[1] = -2;
    step(s, EXIT_ONLY);
    expect(s.pop.alive[0]).toBe(0);
    expect(s.pop.alive[1]).toBe(1);
  });

  it('never removes institutions', () => {
    const s = cluster([{ kind: 'research', region: 'r1', sector: 's1', count: 1, initialTies: 0 }]);
    s.pop.lossStreak[0] = 100;
    s.pop.capital[0] = -5;
    step(s, EXIT_ONLY);
    expect(s.pop.alive[0]).toBe(1);
  });

  it('lets supported firms (spinoffBoost) bear longer loss streaks', () => {
    const s = cluster([smes(2)]);
    s.pop.lossStreak[0] = s.pop.lossStreak[1] = P.exitLosses;
    step(s, EXIT_ONLY, 1, 1, (st) => { st.policy.spinoffBoost[1] = 1; });
    expect(s.pop.alive[0]).toBe(0);
    expect(s.pop.alive[1]).toBe(1);
  });

  it('frees the ties of an exiting firm and removes its row at the end of the step', () => {
    const s = cluster([smes(3)]);
    s.ties.add(0, 1, 1, 0.5, 0.5, 0);
    s.pop.lossStreak[0] = P.exitLosses;
    const id1 = s.pop.id[1];
    step(s, EXIT_ONLY);
    expect(s.ties.deg[1]).toBe(0);
    endStep(s);
    expect(s.pop.n).toBe(2);
    expect(s.pop.id[0]).toBe(id1);
  });
});

describe('demography: spin-offs', () => {
  const SPIN = { ...P, entryRate: 0, spinoffRate: 1, spinoffResearch: 0 };

  it('spins off a new firm near its successful parent, with part of its knowledge and a tie to it', () => {
    const s = cluster([smes(2)]);
    const p = s.pop, D = p.D;
    p.profit[0] = 10 * p.employees[0]; // very successful
    p.profit[1] = -1;
    p.employees[0] = 40;
    const parentTacit = Array.from(p.tacit.subarray(0, D)), parentCodified = Array.from(p.codified.subarray(0, D));
    step(s, SPIN);
    const q = s.pop;
    expect(q.n).toBe(3);
    const c = 2;
    expect(q.kind[c]).toBe(Kind.sme);
    expect(q.parent[c]).toBe(q.id[0]);
    expect(Math.hypot(q.x[c] - q.x[0], q.y[c] - q.y[0])).toBeLessThanOrEqual(P.spinoffRadiusKm);
    for (let k = 0; k < D; k++) {
      expect(q.tacit[c * D + k]).toBeCloseTo(P.inheritShare * parentTacit[k], 12);
      expect(q.codified[c * D + k]).toBeCloseTo(P.inheritShare * parentCodified[k], 12);
    }
    expect(q.tacit[0]).toBe(parentTacit[0]); // the parent keeps what it knows
    expect(s.ties.has(c, 0)).toBe(true);
    expect(q.employees[c]).toBeGreaterThanOrEqual(P.startEmployees[0]);
    expect(q.employees[c]).toBeLessThanOrEqual(P.startEmployees[1]);
    expect(q.employees[0]).toBe(40 - q.employees[c]); // its people leave the parent
    expect(q.lossStreak[c]).toBe(-P.startupGrace);
    expect(s.acc.births).toBe(1);
    expect(s.acc.birthsByRegion[0]).toBe(1);
  });

  it('does not spin off from loss-making firms', () => {
    const s = cluster([smes(20)]);
    for (let i = 0; i < 20; i++) s.pop.profit[i] = -1;
    step(s, SPIN);
    expect(s.acc.births).toBe(0);
  });

  it('spins off from research institutions (science-driven spin-offs)', () => {
    const s = cluster([{ kind: 'research', region: 'r1', sector: 's1', count: 5, initialTies: 0 }]);
    step(s, { ...SPIN, spinoffResearch: 1 });
    expect(s.acc.births).toBe(5);
    for (let c = 5; c < 10; c++) expect(s.pop.kind[c]).toBe(Kind.sme);
  });

  it('spins off more with spin-off support, with more seed money and a longer grace period', () => {
    const count = (boost: number) => {
      let births = 0;
      for (let seed = 1; seed <= 5; seed++) {
        const s = cluster([smes(200)]);
        for (let i = 0; i < 200; i++) s.pop.profit[i] = 0.05 * s.pop.employees[i]; // half successful
        step(s, { ...SPIN, spinoffRate: 0.05 }, 1, seed, (st) => st.policy.spinoffBoost.fill(boost, 0, st.pop.n));
        births += s.acc.births;
        if (boost > 0 && s.acc.births > 0) {
          const c = 200;
          expect(s.pop.lossStreak[c]).toBe(-Math.round(P.startupGrace * (1 + boost)));
          expect(s.pop.capital[c]).toBeCloseTo(s.pop.employees[c] * P.startCapital * (1 + boost), 10);
        }
      }
      return births;
    };
    expect(count(1)).toBeGreaterThan(1.5 * count(0));
  });
});

describe('demography: entry', () => {
  const ENTRY = { ...P, spinoffRate: 0, spinoffResearch: 0, entryRate: 0.2 };
  const regions: ScenarioInput['regions'] = [
    { id: 'r1', country: 'IT', center: [0, 0], radiusKm: 10 },
    { id: 'r2', country: 'IT', center: [100, 0], radiusKm: 10 },
  ];

  it('draws entrants to the region whose firms are profitable, placed in it and small', () => {
    const s = cluster([smes(50, 'r1'), smes(50, 'r2')], regions);
    for (let i = 0; i < 50; i++) s.pop.profit[i] = 5; // r1 succeeds
    for (let i = 50; i < 100; i++) s.pop.profit[i] = -5; // r2 does not
    step(s, ENTRY);
    expect(s.acc.birthsByRegion[0]).toBeGreaterThan(0);
    expect(s.acc.birthsByRegion[1]).toBe(0);
    for (let c = 100; c < s.pop.n; c++) {
      expect(s.pop.region[c]).toBe(0);
      expect(Math.hypot(s.pop.x[c], s.pop.y[c])).toBeLessThanOrEqual(10 + 1e-9);
      expect(s.pop.employees[c]).toBeLessThanOrEqual(P.startEmployees[1]);
      expect(s.pop.parent[c]).toBe(-1);
      expect(s.pop.knowledge[c]).toBeGreaterThan(0);
    }
  });

  it('draws more entrants to a growing region', () => {
    const s = cluster([smes(50, 'r1'), smes(50, 'r2')], regions);
    demography.init!(s, ENTRY, stream(1, 'init')); // remembers employment
    for (let i = 0; i < 50; i++) s.pop.employees[i] *= 1.05; // r1 grows 5 % in a step
    step(s, ENTRY);
    expect(s.acc.birthsByRegion[0]).toBeGreaterThan(0);
    expect(s.acc.birthsByRegion[1]).toBe(0);
  });
});
