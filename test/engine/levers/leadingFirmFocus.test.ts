/** Focus on leading firms (000 §5.7): more projects coordinated, partners recruited. */
import { describe, expect, it } from 'vitest';
import { leadingFirmFocus, LeadingFirmFocusParams } from '../../../src/engine/levers/leadingFirmFocus.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, pair, sharedLeverChecks, total } from './helpers.js';

const entry = { lever: 'leadingFirmFocus' };

describe('leadingFirmFocus', () => {
  it('leads to more joint projects and more partners of leading firms', () => {
    const { on, off } = pair([{ ...entry, budget: 10 }], NO_EXIT);
    expect(total(on, 'projects.active')).toBeGreaterThan(total(off, 'projects.active') * 1.3);
    const degree = (s: typeof on.state) => { let d = 0; for (let i = 0; i < s.pop.n; i++) if (s.pop.leading[i]) d += s.ties.deg[i]; return d; };
    expect(degree(on.state)).toBeGreaterThan(degree(off.state));
  });
  it('sets projectBoost on leading firms only and recruits complementary partners', () => {
    const s = freshState();
    const deg0 = Uint8Array.from(s.ties.deg);
    const p = LeadingFirmFocusParams.parse({ recruits: 2, recruitChance: 1 });
    const spent = applyDirect(leadingFirmFocus, s, p, { budget: 1e6, intensity: 0.8 });
    let leading = 0;
    for (let i = 0; i < s.pop.n; i++) {
      expect(s.policy.projectBoost[i]).toBeCloseTo(s.pop.leading[i] ? 0.8 * p.boost : 0, 12);
      // Its two recruits, and perhaps another leading firm that recruited it.
      if (s.pop.leading[i]) { leading++; expect(s.ties.deg[i]).toBeGreaterThanOrEqual(deg0[i] + 2); }
    }
    expect(spent).toBeCloseTo(leading * p.costPerFirm, 9);
    expect(s.acc.tiesFormed).toBe(2 * leading);
  });
  sharedLeverChecks(entry, { budget: 1.5, over: NO_EXIT });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { radiusKm: 0 } }], 'policies.0.params.radiusKm', />0/);
  });
});
