/** Lifelong learning (002 §123, §126 b4): faster growth of absorptive capacity in trained agents. */
import { describe, expect, it } from 'vitest';
import { lifelongLearning, LifelongLearningParams } from '../../../src/engine/levers/lifelongLearning.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, meanOf, pair, sharedLeverChecks } from './helpers.js';

const entry = { lever: 'lifelongLearning', target: { regions: ['north'] } };

describe('lifelongLearning', () => {
  it('raises absorptive capacity of the trained region far more than elsewhere', () => {
    const { on, off } = pair([{ ...entry, budget: 100 }], NO_EXIT);
    const gain = (r: number) =>
      meanOf(on.state, on.state.pop.absorptive, (i) => on.state.pop.region[i] === r) -
      meanOf(off.state, off.state.pop.absorptive, (i) => off.state.pop.region[i] === r);
    expect(gain(0)).toBeGreaterThan(0.05);
    expect(Math.abs(gain(1))).toBeLessThan(gain(0) / 3);
  });
  it('sets acBoost = intensity * boost, paid per employee, as far as the budget goes', () => {
    const s = freshState();
    const params = LifelongLearningParams.parse({ boost: 0.04, costPerEmployee: 0.1 });
    const spent = applyDirect(lifelongLearning, s, params, { budget: 30, intensity: 0.5 });
    let paid = 0, trained = 0;
    for (let i = 0; i < s.pop.n; i++) {
      const b = s.policy.acBoost[i];
      expect(b === 0 || Math.abs(b - 0.02) < 1e-12).toBe(true);
      if (b > 0) { paid += 0.1 * s.pop.employees[i]; trained++; }
    }
    expect(trained).toBeGreaterThan(0);
    expect(spent).toBeCloseTo(paid, 9);
  });
  sharedLeverChecks(entry, { budget: 20, over: NO_EXIT });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { boost: 2 } }], 'policies.0.params.boost', /<=1/);
    expectIssue([{ ...entry, params: { cost: 1 } }], 'policies.0.params.cost', /unknown field/);
  });
});
