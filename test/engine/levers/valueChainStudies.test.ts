/** Value-chain studies (000 §5.3): more, better-matched partner candidates (searchBoost). */
import { describe, expect, it } from 'vitest';
import { valueChainStudies, ValueChainStudiesParams } from '../../../src/engine/levers/valueChainStudies.js';
import { isFirmKind } from '../../../src/engine/population.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, pair, sharedLeverChecks, total } from './helpers.js';

const entry = { lever: 'valueChainStudies', params: { boost: 1 } };

describe('valueChainStudies', () => {
  it('sets searchBoost on covered firms only, at costPerFirm each', () => {
    const s = freshState();
    const spent = applyDirect(valueChainStudies, s, ValueChainStudiesParams.parse({ boost: 0.6 }), { budget: 1, intensity: 0.5 });
    let covered = 0;
    for (let i = 0; i < s.pop.n; i++) {
      const b = s.policy.searchBoost[i];
      if (b > 0) { covered++; expect(isFirmKind(s.pop.kind[i])).toBe(true); expect(b).toBeCloseTo(0.3, 12); }
    }
    expect(covered).toBe(20); // 1 / 0.05
    expect(spent).toBeCloseTo(1, 9);
  });
  it('lets the network mechanism form more ties', () => {
    const { on, off } = pair([{ ...entry, budget: 100 }], NO_EXIT);
    expect(total(on, 'network.ties')).toBeGreaterThan(total(off, 'network.ties') * 1.1);
  });
  sharedLeverChecks(entry, { budget: 2, over: NO_EXIT });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { boost: -1 } }], 'policies.0.params.boost', />=0/);
  });
});
