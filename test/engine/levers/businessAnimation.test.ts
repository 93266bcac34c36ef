/** Business animation (000 §5.1): openness, international orientation and ICT awareness. */
import { describe, expect, it } from 'vitest';
import { businessAnimation, BusinessAnimationParams } from '../../../src/engine/levers/businessAnimation.js';
import { isFirmKind } from '../../../src/engine/population.js';
import { Simulation } from '../../../src/engine/simulate.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, meanOf, pair, rowsWhere, scenario, sharedLeverChecks, total } from './helpers.js';

const entry = { lever: 'businessAnimation', target: { kinds: ['sme'] } };

describe('businessAnimation', () => {
  it('raises the openness of animated firms, and with it the use of ties', () => {
    const { on, off } = pair([{ ...entry, budget: 100 }], NO_EXIT);
    expect(meanOf(on.state, on.state.pop.openness)).toBeGreaterThan(meanOf(off.state, off.state.pop.openness) + 0.2);
    expect(total(on, 'network.ties')).toBeGreaterThan(total(off, 'network.ties'));
  });
  it('closes the documented share of each gap in one animation', () => {
    const s = freshState();
    const before = { o: Float64Array.from(s.pop.openness), n: Float64Array.from(s.pop.international), c: Float64Array.from(s.pop.ict) };
    const p = BusinessAnimationParams.parse({});
    const targets = rowsWhere(s, (i) => s.pop.region[i] === 0);
    applyDirect(businessAnimation, s, p, { budget: 1e6, targets, intensity: 0.5 });
    for (let i = 0; i < s.pop.n; i++) {
      const a = s.pop.region[i] === 0 && isFirmKind(s.pop.kind[i]) ? 0.5 : 0;
      expect(s.pop.openness[i]).toBeCloseTo(before.o[i] + a * p.opennessGain * (1 - before.o[i]), 12);
      expect(s.pop.international[i]).toBeCloseTo(before.n[i] + a * p.internationalGain * (1 - before.n[i]), 12);
      expect(s.pop.ict[i]).toBeCloseTo(before.c[i] + a * p.ictGain * (1 - before.c[i]), 12);
    }
  });
  it('leaves the animated firms their openness and international orientation after it ends', () => {
    // An assumption (docs/levers.md: what a lever builds stays after it ends), and the one that
    // keeps the cooperation package's knowledge effect 85 years after its funding stops
    // (docs/validation.md §3, "Who carries the lasting effect"). A decay of these gains would
    // make this test fail; the docs would then have to say what it rests on.
    const sim = new Simulation(scenario([{ ...entry, budget: 100, start: 1, end: 2 }], NO_EXIT));
    while (sim.done < 3) sim.step();
    const raised = { o: meanOf(sim.state, sim.state.pop.openness), n: meanOf(sim.state, sim.state.pop.international) };
    const { off } = pair([], NO_EXIT);
    expect(raised.o).toBeGreaterThan(meanOf(off.state, off.state.pop.openness) + 0.1);
    sim.run();
    expect(meanOf(sim.state, sim.state.pop.openness)).toBeCloseTo(raised.o, 12);
    expect(meanOf(sim.state, sim.state.pop.international)).toBeCloseTo(raised.n, 12);
  });
  sharedLeverChecks(entry, { budget: 3, over: NO_EXIT });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { opennessGain: 3 } }], 'policies.0.params.opennessGain', /<=1/);
  });
});
