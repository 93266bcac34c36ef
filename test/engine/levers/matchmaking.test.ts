/** Business match-making events (000 §5.6): periodic meetings that create ties, across regions too. */
import { describe, expect, it } from 'vitest';
import { matchmaking, MatchmakingParams } from '../../../src/engine/levers/matchmaking.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, pair, rowsWhere, sharedLeverChecks, value } from './helpers.js';
import { TieType } from '../../../src/engine/ties.js';

const entry = { lever: 'matchmaking' };

describe('matchmaking', () => {
  it('creates ties, and inter-regional ones when events invite foreign firms', () => {
    const { on, off } = pair([{ ...entry, budget: 10 }], NO_EXIT);
    expect(value(on, 'network.ties')).toBeGreaterThan(value(off, 'network.ties') + 50);
    expect(value(off, 'network.interRegionalShare')).toBe(0);
    expect(value(on, 'network.interRegionalShare')).toBeGreaterThan(0.1);
  });
  it('holds events only every k steps from the start', () => {
    const s = freshState();
    const p = MatchmakingParams.parse({ everySteps: 3 });
    s.t = 5; // start 3: 5 - 3 is not a multiple of 3
    expect(applyDirect(matchmaking, s, p, { budget: 100, start: 3 })).toBe(0);
    expect(s.acc.tiesFormed).toBe(0);
    s.t = 6;
    expect(applyDirect(matchmaking, s, p, { budget: 100, start: 3 })).toBeGreaterThan(0);
    expect(s.acc.tiesFormed).toBeGreaterThan(0);
  });
  it('pays per event and participant; without foreign seats no inter-regional tie forms', () => {
    const s = freshState();
    const p = MatchmakingParams.parse({ foreignShare: 0, firmsPerEvent: 10, tieChance: 1 });
    const spent = applyDirect(matchmaking, s, p, { budget: 100, targets: rowsWhere(s, (i) => s.pop.kind[i] === 0) });
    expect(spent).toBeCloseTo(2 * (p.costPerEvent + 10 * p.costPerFirm), 9); // one event per region
    for (let i = 0; i < s.pop.n; i++)
      for (let k = 0; k < s.ties.deg[i]; k++) expect(s.ties.type[i * s.ties.K + k]).not.toBe(TieType.interRegional);
  });
  it('holds smaller events, or none, when the budget is short', () => {
    const s = freshState();
    const p = MatchmakingParams.parse({ perRegion: false });
    expect(applyDirect(matchmaking, s, p, { budget: p.costPerEvent + 1.5 * p.costPerFirm })).toBe(0); // room for one firm: no event
    const spent = applyDirect(matchmaking, s, p, { budget: p.costPerEvent + 5 * p.costPerFirm });
    expect(spent).toBeCloseTo(p.costPerEvent + 5 * p.costPerFirm, 9);
  });
  sharedLeverChecks(entry, { budget: 2.5, over: NO_EXIT });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { everySteps: 0 } }], 'policies.0.params.everySteps', />=1/);
    expectIssue([{ ...entry, params: { firmsPerEvent: 1 } }], 'policies.0.params.firmsPerEvent', />=2/);
  });
});
