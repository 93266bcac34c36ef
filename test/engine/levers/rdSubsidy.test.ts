/** R&D subsidy, the linear approach (002 Table 2, §154): more own R&D, more innovation. */
import { describe, expect, it } from 'vitest';
import { rdSubsidy, RdSubsidyParams } from '../../../src/engine/levers/rdSubsidy.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, pair, sharedLeverChecks, total } from './helpers.js';

const entry = { lever: 'rdSubsidy' };
const innovations = (sim: ReturnType<typeof pair>['on']) => total(sim, 'innovations.incremental') + total(sim, 'innovations.radical');

describe('rdSubsidy', () => {
  it('raises the number of innovations', () => {
    const { on, off } = pair([{ ...entry, budget: 200 }], NO_EXIT);
    expect(innovations(on)).toBeGreaterThan(innovations(off) * 1.2);
  });
  it('pays share * employees * rdCostPerEmployee for eligible firms only (formal R&D >= minRdEffort)', () => {
    const s = freshState();
    const params = RdSubsidyParams.parse({ share: 0.1, minRdEffort: 0.05 });
    const spent = applyDirect(rdSubsidy, s, params, { budget: 1e6 });
    let expected = 0;
    for (let i = 0; i < s.pop.n; i++) {
      const eligible = s.pop.kind[i] <= 2 && s.pop.rdEffort[i] >= 0.05;
      expect(s.policy.rdSubsidy[i]).toBeCloseTo(eligible ? 0.1 : 0, 12);
      if (eligible) expected += 0.1 * s.pop.employees[i] * s.scenario.parameters.mechanisms.innovation.rdCostPerEmployee;
    }
    expect(expected).toBeGreaterThan(0);
    expect(spent).toBeCloseTo(expected, 9);
  });
  sharedLeverChecks(entry, { budget: 10, over: NO_EXIT });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { share: 1.5 } }], 'policies.0.params.share', /<=1/);
    expectIssue([{ ...entry, params: { minRdEffort: 'high' } }], 'policies.0.params.minRdEffort', /expected number/);
  });
});
