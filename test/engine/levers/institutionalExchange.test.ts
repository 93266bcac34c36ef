/** Exchange of experiences among institutions (000 §5.5): institutional proximity of the named regions. */
import { describe, expect, it } from 'vitest';
import { NO_EXIT, applyDirect, expectIssue, freshState, pair, rowsWhere, sharedLeverChecks, total } from './helpers.js';
import { institutionalExchange, InstitutionalExchangeParams } from '../../../src/engine/levers/institutionalExchange.js';
import { tieWeights } from '../../../src/engine/mechanisms/tieLearning.js';
import { TieType } from '../../../src/engine/ties.js';

const THREE = {
  ...NO_EXIT,
  regions: [
    { id: 'north', country: 'IT', center: [0, 0], radiusKm: 10 },
    { id: 'south', country: 'SI', center: [150, 0], radiusKm: 10 },
    { id: 'east', country: 'HR', center: [0, 150], radiusKm: 10 },
  ],
};
const entry = { lever: 'institutionalExchange', params: { regions: ['north', 'south'], gain: 0.02 } };

describe('institutionalExchange', () => {
  it('raises institutional proximity between the named regions only, by gain a step', () => {
    const { on, off } = pair([{ ...entry, budget: 10 }], THREE);
    const m = on.state.institutional, base = off.state.institutional;
    expect(m[0 * 3 + 1]).toBeCloseTo(base[1] + 12 * 0.02, 12);
    expect(m[1 * 3 + 0]).toBe(m[1]);
    expect(m[0 * 3 + 2]).toBe(base[2]);
    expect(m[1 * 3 + 2]).toBe(base[5]);
  });
  it('lets more tacit knowledge travel on the ties between the named regions', () => {
    const s = freshState([], THREE);
    const north = rowsWhere(s, (i) => s.pop.region[i] === 0)[0], south = rowsWhere(s, (i) => s.pop.region[i] === 1)[0];
    s.ties.add(north, south, TieType.interRegional, 0.5, 0.6, 0);
    const tl = s.scenario.parameters.mechanisms.tieLearning;
    const before = tieWeights(s, tl, north, south, s.ties.find(north, south)).tacit;
    applyDirect(institutionalExchange, s, InstitutionalExchangeParams.parse({ regions: ['north', 'south'], gain: 0.3 }), { budget: 10 });
    const after = tieWeights(s, tl, north, south, s.ties.find(north, south)).tacit;
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(1.5 * before);
  });
  it('stops at maxProximity and spends nothing on pairs already there', () => {
    const { on } = pair([{ ...entry, name: 'x', budget: 10, params: { regions: ['north', 'south'], gain: 0.3, maxProximity: 0.6 } }], THREE);
    expect(on.state.institutional[1]).toBeCloseTo(0.6, 12);
    expect(total(on, 'policy.spend.x')).toBeCloseTo(2 * 2, 9); // 0.15 -> 0.45 -> 0.6: two paid steps
  });
  sharedLeverChecks(entry, { budget: 3, over: THREE });
  it('rejects unknown or repeated regions and fewer than two, naming the field', () => {
    expectIssue([{ ...entry, params: { regions: ['north', 'nowhere'] } }], 'policies.0.params.regions.1', /unknown region 'nowhere'/, THREE);
    expectIssue([{ ...entry, params: { regions: ['north', 'north'] } }], 'policies.0.params.regions.1', /listed twice/, THREE);
    expectIssue([{ ...entry, params: { regions: ['north'] } }], 'policies.0.params.regions', /2/, THREE);
    expectIssue([{ lever: 'institutionalExchange', budget: 1 }], 'policies.0.params', /required|missing/, THREE);
  });
});
