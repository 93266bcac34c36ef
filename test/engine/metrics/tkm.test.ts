/** The six TKM factors (002 §100) on hand-built states; and network.type (002 §84). */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { TKM_FACTORS, TKM_REPORTERS, accessibility, creativity, governance, identity, receptivity, stimulus } from '../../../src/engine/metrics/tkm.js';
import { REPORTERS, scopeRows, updateFlowWindow } from '../../../src/engine/metrics/index.js';
import { networkStats } from '../../../src/engine/metrics/network.js';
import { Kind } from '../../../src/engine/population.js';
import { runScenario } from '../../../src/engine/simulate.js';
import { beginStep } from '../../../src/engine/state.js';
import type { State } from '../../../src/engine/contract.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { smallScenario } from '../../fixtures/scenarios.js';

type Region = NonNullable<ScenarioInput['regions']>[0];
const region = (id: string, x: number, o: Partial<Region> = {}): Region => ({ id, country: 'IT', center: [x, 0], radiusKm: 5, ...o });

/** Two regions a and b of n SMEs each (no ties), with the given region settings. */
function twoRegions(a: Partial<Region>, b: Partial<Region>, n = 20, extra: ScenarioInput['populations'] = []): State {
  const s = buildState(smallScenario({
    regions: [region('a', 0, a), region('b', 100, b)],
    populations: [
      { kind: 'sme', region: 'a', sector: 's1', count: n, initialTies: 0 },
      { kind: 'sme', region: 'b', sector: 's1', count: n, initialTies: 0 },
      ...extra,
    ],
  }), 1);
  beginStep(s, 1);
  return s;
}
const rowsOf = (s: State, r: number) => Int32Array.from({ length: s.pop.n }, (_, i) => i).filter((i) => s.pop.region[i] === r);
const all = (s: State) => Int32Array.from({ length: s.pop.n }, (_, i) => i);

describe('TKM factors', () => {
  it('are declared as reporters tkm.<factor>, in the order of 002 §100', () => {
    expect(TKM_REPORTERS.map((r) => r.name)).toEqual(TKM_FACTORS.map((f) => `tkm.${f}`));
    for (const r of TKM_REPORTERS) expect(REPORTERS).toContain(r);
  });

  it('governance: higher with strong institutions and a competence centre that coordinates', () => {
    const s = twoRegions({ institutionalQuality: 0.8 }, { institutionalQuality: 0.2 }, 20,
      [{ kind: 'competenceCentre', region: 'a', sector: 's1', count: 1, initialTies: 0 }]);
    const a = rowsOf(s, 0), b = rowsOf(s, 1);
    const institutionsOnly = governance(s, a);
    expect(institutionsOnly).toBeGreaterThan(governance(s, b));
    const cc = s.pop.n - 1;
    expect(s.pop.kind[cc]).toBe(Kind.competenceCentre);
    for (let q = 0; q < 10; q++) s.pop.centre[a[q]] = s.pop.id[cc]; // members
    for (let q = 10; q < 14; q++) s.ties.add(a[q], cc, 1, 0.5, 0.5, 0); // tied to the bridge
    expect(governance(s, a)).toBeGreaterThan(institutionsOnly + 0.25);
    expect(governance(s, a)).toBeLessThanOrEqual(1);
  });

  it('receptivity: higher with absorptive capacity and qualified workers', () => {
    const s = twoRegions({ qualifiedWorkers: 0.7 }, { qualifiedWorkers: 0.2 });
    for (let i = 0; i < s.pop.n; i++) s.pop.absorptive[i] = 0.5;
    const a = rowsOf(s, 0), b = rowsOf(s, 1);
    expect(receptivity(s, a)).toBeCloseTo(Math.sqrt(0.5 * 0.7), 12);
    expect(receptivity(s, a)).toBeGreaterThan(receptivity(s, b));
    for (const i of a) s.pop.absorptive[i] = 0.9;
    expect(receptivity(s, a)).toBeCloseTo(Math.sqrt(0.9 * 0.7), 12);
  });

  it('accessibility: rises with local ties and, separately, with inter-regional ties', () => {
    const s = twoRegions({}, {});
    const a = rowsOf(s, 0), b = rowsOf(s, 1);
    expect(accessibility(s, a)).toBe(0);
    for (let q = 0; q + 1 < a.length; q++) s.ties.add(a[q], a[q + 1], 1, 0.5, 0.5, 0);
    const local = accessibility(s, a);
    expect(local).toBeGreaterThan(0);
    expect(local).toBeLessThanOrEqual(0.5);
    for (let q = 0; q < 10; q++) s.ties.add(a[q], b[q], 3, 0.5, 0.5, 0);
    expect(accessibility(s, a)).toBeGreaterThan(local + 0.2);
  });

  it('identity: trusted local ties closed in triangles score high; a fragmented region scores 0', () => {
    const s = twoRegions({}, {});
    const a = rowsOf(s, 0), b = rowsOf(s, 1);
    for (let q = 0; q + 2 < a.length; q += 3) {
      s.ties.add(a[q], a[q + 1], 1, 0.5, 0.9, 0); s.ties.add(a[q + 1], a[q + 2], 1, 0.5, 0.9, 0); s.ties.add(a[q], a[q + 2], 1, 0.5, 0.9, 0);
    }
    const ia = identity(s, a, networkStats(s, a).clustering);
    expect(ia).toBeGreaterThan(0.8);
    expect(identity(s, b, networkStats(s, b).clustering)).toBe(0);
    // Lower trust, same structure: lower identity.
    for (let i = 0; i < s.pop.n; i++) for (let k = 0; k < s.ties.deg[i]; k++) s.ties.trust[i * s.ties.K + k] = 0.2;
    expect(identity(s, a, networkStats(s, a).clustering)).toBeLessThan(ia - 0.2);
  });

  it('creativity: higher with diverse knowledge and with radical innovation', () => {
    const s = twoRegions({}, {});
    const p = s.pop, D = p.D;
    const a = rowsOf(s, 0), b = rowsOf(s, 1);
    for (const i of a) for (let k = 0; k < D; k++) { p.tacit[i * D + k] = 0.5; p.codified[i * D + k] = 0; } // even: entropy 1
    for (const i of b) for (let k = 0; k < D; k++) { p.tacit[i * D + k] = k === 0 ? 1 : 0.01; p.codified[i * D + k] = 0; } // one domain
    for (let i = 0; i < p.n; i++) p.rdEffort[i] = 0.05;
    const ca = creativity(s, a);
    expect(ca).toBeGreaterThan(creativity(s, b));
    for (let q = 0; q < 4; q++) s.acc.innovRadical[a[q]] = 1;
    expect(creativity(s, a)).toBeGreaterThan(ca);
  });

  it('stimulus: higher with growing demand and with competitive pressure (differing quality)', () => {
    const mk = (growth: number) => {
      const s = buildState(smallScenario({ sectors: [{ id: 's1', growth }] }), 1);
      for (let i = 0; i < s.pop.n; i++) s.pop.quality[i] = 0.4;
      return s;
    };
    const flat = mk(0), up = mk(0.01), down = mk(-0.01);
    expect(stimulus(flat, all(flat))).toBeCloseTo(0.25, 12); // no growth: 1/2 x 1/2; no pressure: 0
    expect(stimulus(up, all(up))).toBeGreaterThan(stimulus(flat, all(flat)));
    expect(stimulus(down, all(down))).toBeLessThan(stimulus(flat, all(flat)));
    for (let i = 0; i < flat.pop.n; i++) flat.pop.quality[i] = i % 2 ? 0.2 : 0.6;
    expect(stimulus(flat, all(flat))).toBeGreaterThan(0.25 + 0.2);
  });

  it('stay within [0, 1] for every scope of a run', () => {
    const sc = smallScenario({
      steps: 4,
      regions: [region('a', 0, { radiusKm: 10 }), region('b', 50, { radiusKm: 10 })],
      sectors: [{ id: 's1' }, { id: 's2', growth: 0.02 }],
      populations: [
        { kind: 'sme', region: 'a', sector: 's1', count: 30 },
        { kind: 'sme', region: 'b', sector: 's2', count: 30 },
        { kind: 'leading', region: 'a', sector: 's1', count: 1 },
        { kind: 'competenceCentre', region: 'b', sector: 's2', count: 1 },
      ],
    });
    const { rows } = runScenario(sc);
    const tkm = rows.filter((r) => r.metric.startsWith('tkm.'));
    expect(tkm.length).toBe(6 * 5 * 5); // 6 factors x 5 scopes x steps 0..4
    for (const r of tkm) {
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThanOrEqual(1);
    }
    expect(tkm.some((r) => r.value > 0.1 && r.metric === 'tkm.identity')).toBe(true);
  });
});

describe('network.type', () => {
  const type = REPORTERS.find((r) => r.name === 'network.type')!;
  it('classifies by the dominant channel over a moving window: 0 ecological (spillovers), 1 identity (tie learning, tacit and codified), 2 strategy (projects)', () => {
    const s = buildState(smallScenario({}, 6), 1);
    const [{ scope, rows }] = scopeRows(s, ['system']);
    const data = { rows, net: networkStats(s, rows) };
    const set = (flows: number[], steps = 1) => {
      for (let t = 0; t < steps; t++) {
        beginStep(s, 1);
        for (let i = 0; i < s.pop.n; i++) for (let c = 0; c < 4; c++) s.acc.flowByRow[i * 4 + c] = flows[c];
        updateFlowWindow(s);
      }
    };
    set([0.3, 0.1, 0, 0]);
    expect(type.compute(s, data, scope)).toBe(0);
    // One step of strong tie learning does not flip the type: the window is two years.
    set([0.3, 0.6, 0, 0]);
    expect(type.compute(s, data, scope)).toBe(0);
    set([0.3, 0.6, 0, 0], 20);
    expect(type.compute(s, data, scope)).toBe(1);
    // Codified flows on ties count with the identity channel.
    set([0.5, 0.1, 0, 0.5], 40);
    expect(type.compute(s, data, scope)).toBe(1);
    set([0.1, 0.1, 0.9, 0], 40);
    expect(type.compute(s, data, scope)).toBe(2);
  });
});
