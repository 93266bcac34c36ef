/** Integrated service network (000 §5.4): KIBS where too few, cheaper cooperation for served firms. */
import { describe, expect, it } from 'vitest';
import { serviceNetwork, ServiceNetworkParams } from '../../../src/engine/levers/serviceNetwork.js';
import { Kind } from '../../../src/engine/population.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, pair, rowsWhere, sharedLeverChecks, total } from './helpers.js';

const entry = { lever: 'serviceNetwork' };
const kibsIn = (s: ReturnType<typeof freshState>, r: number) => rowsWhere(s, (i) => s.pop.kind[i] === Kind.kibs && s.pop.region[i] === r).length;

describe('serviceNetwork', () => {
  it('raises knowledge exchanged on ties', () => {
    const { on, off } = pair([{ ...entry, budget: 10 }], NO_EXIT);
    expect(total(on, 'flow.tie')).toBeGreaterThan(total(off, 'flow.tie') * 1.2);
  });
  it('creates the missing KIBS through addAgent (births), only in targeted regions', () => {
    const s = freshState();
    const p = ServiceNetworkParams.parse({ kibsPer100Firms: 5 });
    const n0 = s.pop.n;
    const spent = applyDirect(serviceNetwork, s, p, { budget: 1e6, targets: rowsWhere(s, (i) => s.pop.region[i] === 0) });
    expect(kibsIn(s, 0)).toBe(Math.ceil((62 * 5) / 100)); // 60 SMEs + 2 leading firms in the north
    expect(kibsIn(s, 1)).toBe(0);
    expect(s.pop.n - n0).toBe(4);
    expect(s.acc.births).toBe(4);
    expect(spent).toBeGreaterThanOrEqual(4 * p.setupCostPerKibs);
  });
  it('cuts the cost of cooperation of served firms, ramping up and within the KIBS capacity', () => {
    const s = freshState();
    const p = ServiceNetworkParams.parse({ rampSteps: 4, firmsPerKibs: 10, cut: 0.4 });
    applyDirect(serviceNetwork, s, p, { budget: 1e6, name: 'sn' });
    const served = rowsWhere(s, (i) => s.policy.coopCostCut[i] > 0);
    // 62 firms in the north need 2 KIBS, 40 in the south 1: capacity 30.
    expect(served.length).toBe(30);
    for (const i of served) expect(s.policy.coopCostCut[i]).toBeCloseTo(0.4 * (1 / 4), 12);
    s.t = 3;
    s.policy.coopCostCut.fill(0);
    applyDirect(serviceNetwork, s, p, { budget: 1e6, name: 'sn' });
    for (const i of rowsWhere(s, (j) => s.policy.coopCostCut[j] > 0)) expect(s.policy.coopCostCut[i]).toBeCloseTo(0.4, 12);
  });
  it('creates nothing without budget for it', () => {
    const s = freshState();
    const p = ServiceNetworkParams.parse({});
    const spent = applyDirect(serviceNetwork, s, p, { budget: p.setupCostPerKibs / 2 });
    expect(kibsIn(s, 0) + kibsIn(s, 1)).toBe(0);
    expect(spent).toBe(0); // no KIBS, no service
  });
  sharedLeverChecks(entry, { budget: 12, over: NO_EXIT });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { cut: 1.2 } }], 'policies.0.params.cut', /<=1/);
  });
});
