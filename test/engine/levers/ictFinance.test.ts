/** Financial support for ICT (000 §5.9): co-funds ICT investment; spending = co-funded amount. */
import { describe, expect, it } from 'vitest';
import { ictFinance, IctFinanceParams } from '../../../src/engine/levers/ictFinance.js';
import { cofundCost, plannedIctSpend } from '../../../src/engine/mechanisms/capabilities.js';
import { isFirmKind } from '../../../src/engine/population.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, meanOf, pair, sharedLeverChecks } from './helpers.js';

const entry = { lever: 'ictFinance', params: { share: 0.8 } };

describe('ictFinance', () => {
  it('raises ICT adoption of the co-funded firms', () => {
    const { on, off } = pair([{ ...entry, budget: 100 }], NO_EXIT);
    expect(meanOf(on.state, on.state.pop.ict)).toBeGreaterThan(meanOf(off.state, off.state.pop.ict) + 0.05);
  });
  it('co-funds networked firms only and spends exactly the co-funded amount', () => {
    const s = freshState();
    const p = IctFinanceParams.parse({ share: 0.5, minTies: 1 });
    const cp = s.scenario.parameters.mechanisms.capabilities;
    let expected = 0;
    for (let i = 0; i < s.pop.n; i++) if (isFirmKind(s.pop.kind[i]) && s.ties.deg[i] >= 1) expected += cofundCost(plannedIctSpend(s, i, cp), 0.4);
    const spent = applyDirect(ictFinance, s, p, { budget: 1e6, intensity: 0.8 });
    for (let i = 0; i < s.pop.n; i++) expect(s.policy.ictCofund[i]).toBeCloseTo(isFirmKind(s.pop.kind[i]) && s.ties.deg[i] >= 1 ? 0.4 : 0, 12);
    expect(expected).toBeGreaterThan(0);
    expect(spent).toBeCloseTo(expected, 9);
  });
  it('pays only for the extra share when another instance already co-funds a firm', () => {
    const s = freshState();
    const p = IctFinanceParams.parse({ share: 0.3, minTies: 0 });
    const first = applyDirect(ictFinance, s, p, { budget: 1e6 });
    const again = applyDirect(ictFinance, s, p, { budget: 1e6 });
    expect(first).toBeGreaterThan(0);
    expect(again).toBe(0);
  });
  sharedLeverChecks(entry, { budget: 5, over: NO_EXIT });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { share: 0.95 } }], 'policies.0.params.share', /<=0.9/);
  });
});
