/** ICT training through assistance centres (000 §5.2): capacity-limited, low-ICT SMEs only. */
import { describe, expect, it } from 'vitest';
import { ictTraining, IctTrainingParams } from '../../../src/engine/levers/ictTraining.js';
import { Kind } from '../../../src/engine/population.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, meanOf, pair, sharedLeverChecks, value } from './helpers.js';

const entry = { lever: 'ictTraining' };
const WITH_CENTRE = {
  ...NO_EXIT,
  populations: [
    { kind: 'sme', region: 'north', sector: 'wood', count: 60 },
    { kind: 'sme', region: 'south', sector: 'metal', count: 40 },
    { kind: 'leading', region: 'north', sector: 'wood', count: 2 },
    { kind: 'assistanceCentre', region: 'north', sector: 'wood', count: 1 },
  ],
};

describe('ictTraining', () => {
  it('raises the ICT adoption of SMEs and narrows the gap to large firms', () => {
    const { on, off } = pair([{ ...entry, budget: 20 }], WITH_CENTRE);
    const sme = (s: typeof on.state) => (i: number) => s.pop.kind[i] === Kind.sme;
    expect(meanOf(on.state, on.state.pop.ict, sme(on.state))).toBeGreaterThan(meanOf(off.state, off.state.pop.ict, sme(off.state)) + 0.03);
    expect(value(on, 'ict.gap')).toBeLessThan(value(off, 'ict.gap'));
  });
  it('trains at most firmsPerCentre per centre and firmsWithoutCentre elsewhere, low-ICT SMEs only', () => {
    const s = freshState([], WITH_CENTRE);
    const before = Float64Array.from(s.pop.ict);
    const p = IctTrainingParams.parse({ firmsPerCentre: 7, firmsWithoutCentre: 3, maxIct: 0.3 });
    const spent = applyDirect(ictTraining, s, p, { budget: 1e6 });
    const trained = [0, 0];
    for (let i = 0; i < s.pop.n; i++) {
      if (s.pop.ict[i] === before[i]) continue;
      expect(s.pop.kind[i]).toBe(Kind.sme);
      expect(before[i]).toBeLessThan(0.3);
      expect(s.pop.ict[i]).toBeCloseTo(before[i] + p.gain * (1 - before[i]), 12);
      trained[s.pop.region[i]]++;
    }
    expect(trained).toEqual([7, 3]);
    expect(spent).toBeCloseTo(10 * p.costPerFirm, 9);
  });
  sharedLeverChecks(entry, { budget: 2, over: WITH_CENTRE });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { maxIct: 2 } }], 'policies.0.params.maxIct', /<=1/);
    expectIssue([{ ...entry, params: { firmsPerCentre: 2.5 } }], 'policies.0.params.firmsPerCentre', /int/i);
  });
});
