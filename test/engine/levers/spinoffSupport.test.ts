/** Spin-off support (002 §126 b1, §144 b3): more spin-offs and easier start-up survival. */
import { describe, expect, it } from 'vitest';
import { spinoffSupport, SpinoffSupportParams } from '../../../src/engine/levers/spinoffSupport.js';
import { Kind } from '../../../src/engine/population.js';
import { applyDirect, expectIssue, freshState, pair, sharedLeverChecks, total } from './helpers.js';

const entry = { lever: 'spinoffSupport', params: { boost: 10 } };

describe('spinoffSupport', () => {
  it('raises the number of spin-offs', () => {
    const { on, off } = pair([{ ...entry, budget: 100 }], { steps: 20 });
    expect(total(on, 'births')).toBeGreaterThan(total(off, 'births') + 5);
  });
  it('sets spinoffBoost on firms and research institutions, not on other institutions', () => {
    const s = freshState([], { populations: [...baseWithCentre()] });
    applyDirect(spinoffSupport, s, SpinoffSupportParams.parse({ boost: 2 }), { budget: 1000, intensity: 0.5 });
    for (let i = 0; i < s.pop.n; i++) {
      const expected = s.pop.kind[i] === Kind.assistanceCentre ? 0 : 1;
      expect(s.policy.spinoffBoost[i]).toBeCloseTo(expected, 12);
    }
  });
  sharedLeverChecks(entry, { budget: 5 });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { boost: -0.5 } }], 'policies.0.params.boost', />=0/);
  });
});

function baseWithCentre() {
  return [
    { kind: 'sme', region: 'north', sector: 'wood', count: 10 },
    { kind: 'research', region: 'north', sector: 'wood', count: 1 },
    { kind: 'assistanceCentre', region: 'north', sector: 'wood', count: 1 },
  ];
}
