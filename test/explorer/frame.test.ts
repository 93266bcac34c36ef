/** What the explorer's worker sends: map frames agree with the engine's snapshots; agent details name the partners. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulate.js';
import { takeSnapshot } from '../../src/engine/snapshot.js';
import { agentDetail, frameBuffers, mapFrame } from '../../src/explorer/frame.js';
import { smallScenario } from '../fixtures/scenarios.js';

const twoRegions = () =>
  smallScenario({
    regions: [{ id: 'r1', country: 'IT', center: [0, 0], radiusKm: 10 }, { id: 'r2', country: 'AT', center: [30, 0], radiusKm: 10 }],
    populations: [
      { kind: 'sme', region: 'r1', sector: 's1', count: 60 },
      { kind: 'leading', region: 'r2', sector: 's1', count: 3 },
      { kind: 'sme', region: 'r2', sector: 's1', count: 40 },
    ],
  });

describe('explorer map frames', () => {
  it('carry every living agent and every tie once, as the snapshot does', () => {
    const sim = new Simulation(twoRegions());
    for (let t = 0; t < 6; t++) sim.step();
    const f = mapFrame(sim.state, sim.done);
    const snap = takeSnapshot(sim.state, sim.done);
    expect(f.n).toBe(snap.agents.id.length);
    expect([...f.id]).toEqual(snap.agents.id);
    expect([...f.knowledge].map((v) => Math.fround(v))).toEqual(snap.agents.knowledge.map((v) => Math.fround(v)));
    const pairs = (a: number[], b: number[]) => a.map((x, k) => [Math.min(x, b[k]), Math.max(x, b[k])].join('-')).sort();
    const fromFrame: number[][] = [[], []];
    for (let t = 0; t < f.ties.length; t += 2) { fromFrame[0].push(f.id[f.ties[t]]); fromFrame[1].push(f.id[f.ties[t + 1]]); }
    expect(pairs(fromFrame[0], fromFrame[1])).toEqual(pairs(snap.ties.a, snap.ties.b));
    expect([...f.interRegional].reduce((a, b) => a + b, 0)).toBe(snap.ties.interRegional.reduce((a, b) => a + b, 0));
    expect(frameBuffers(f)).toHaveLength(10);
  });

  it('describe one agent with its partners, and nothing for an id that is not alive', () => {
    const sim = new Simulation(twoRegions());
    sim.step();
    const snap = takeSnapshot(sim.state, 1);
    const k = snap.ties.a.length > 0 ? snap.ties.a[0] : snap.agents.id[0];
    const d = agentDetail(sim.state, k)!;
    expect(d.id).toBe(k);
    const expected = snap.ties.a.flatMap((a, t) => (a === k ? [snap.ties.b[t]] : snap.ties.b[t] === k ? [a] : [])).sort((a, b) => a - b);
    expect(d.partners.map((p) => p.id).sort((a, b) => a - b)).toEqual(expected);
    expect(Object.keys(d.domains)).toEqual(sim.state.domains);
    expect(agentDetail(sim.state, 1e9)).toBeNull();
  });
});
