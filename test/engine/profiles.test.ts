/** The step's profiles (src/engine/profiles.ts) are what proximity.ts defines, computed once a step. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulate.js';
import { stepProfiles, stepDistance } from '../../src/engine/profiles.js';
import { affinityInto, cognitiveDistance, profileInto } from '../../src/engine/proximity.js';
import { beginStep } from '../../src/engine/state.js';
import { smallScenario } from '../fixtures/scenarios.js';

describe('step profiles', () => {
  it('hold each row\'s profile, affinity and stock as proximity.ts computes them, and are made anew each step', () => {
    const sim = new Simulation(smallScenario({ steps: 6 }), { seed: 3, steps: 6 });
    for (let t = 0; t < 5; t++) sim.step();
    const s = sim.state, pop = s.pop, D = pop.D;
    beginStep(s, sim.done);
    const sp = stepProfiles(s);
    expect(sp.n).toBe(pop.n);
    const p = new Float64Array(D), a = new Float64Array(D);
    for (let i = 0; i < pop.n; i++) {
      profileInto(pop, i, p, 0);
      affinityInto(pop, i, a, 0);
      let st = 0;
      for (let k = 0; k < D; k++) {
        expect(Math.abs(sp.prof[i * D + k] - p[k])).toBeLessThan(1e-12);
        expect(sp.aff[i * D + k]).toBe(a[k]);
        st += pop.tacit[i * D + k] + pop.codified[i * D + k];
      }
      expect(sp.stock[i]).toBe(st);
    }
    for (const [i, j] of [[0, 1], [2, 7], [5, pop.n - 1]]) expect(Math.abs(stepDistance(sp, D, i, j) - cognitiveDistance(pop, i, j))).toBeLessThan(1e-12);
    expect(stepProfiles(s)).toBe(sp); // the same step: not made again
    const before = sp.stock[0];
    pop.tacit[0] += 1;
    expect(stepProfiles(s).stock[0]).toBe(before); // within the step: as it began
    beginStep(s, sim.done + 1);
    expect(stepProfiles(s).stock[0]).toBeCloseTo(before + 1, 9); // a new step sizes up anew
  });
});
