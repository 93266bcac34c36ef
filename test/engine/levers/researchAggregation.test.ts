/** Firm-research aggregations through tenders (000 §5.8): funded consortia as joint projects. */
import { describe, expect, it } from 'vitest';
import { researchAggregation, ResearchAggregationParams } from '../../../src/engine/levers/researchAggregation.js';
import { memberCost } from '../../../src/engine/mechanisms/projects.js';
import { Kind } from '../../../src/engine/population.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, pair, rowsWhere, sharedLeverChecks, total } from './helpers.js';

const entry = { lever: 'researchAggregation', params: { foreignPartners: 1 } };

describe('researchAggregation', () => {
  it('funds more joint projects and more project learning (over seeds: a consortium is a few projects, each succeeds or not)', () => {
    // The learning effect is weaker than the projects' and noisy per run: funded members are
    // busy for other projects, and a consortium with a research institution and a foreign
    // partner spans more distance. Measured over seeds 1-16 (December 2026): at 20 steps the
    // lever added 15 % to project flow, but in only 12-15 of 23 seeds (t about 1.4-2.1);
    // at 40 steps in 12-14 of 15 (t 2.7-4.1). Hence 12 seeds of 40 steps, summed.
    let activeOn = 0, activeOff = 0, flowOn = 0, flowOff = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { on, off } = pair([{ ...entry, budget: 30, params: { ...entry.params, everySteps: 2, projectsPerCall: 2 } }], { ...NO_EXIT, steps: 40 }, seed);
      activeOn += total(on, 'projects.active'); activeOff += total(off, 'projects.active');
      flowOn += total(on, 'flow.project'); flowOff += total(off, 'flow.project');
    }
    expect(activeOn).toBeGreaterThan(activeOff * 1.3);
    expect(flowOn).toBeGreaterThan(flowOff);
  });
  it('forms consortia with a research institution and a foreign partner, funded with the members\' commitments', () => {
    const s = freshState([{ ...entry, budget: 1 }]);
    const p = ResearchAggregationParams.parse({ foreignPartners: 1, players: 5, projectsPerCall: 2 });
    const spent = applyDirect(researchAggregation, s, p, { budget: 1e6, name: 'researchAggregation', targets: rowsWhere(s, (i) => s.pop.region[i] === 0) });
    const slots = [];
    for (let k = 0; k < s.projects.used; k++) if (s.projects.active[k]) slots.push(k);
    expect(slots.length).toBe(2);
    let funding = 0;
    for (const k of slots) {
      const team = Array.from(s.projects.members.subarray(k * s.projects.maxMembers, k * s.projects.maxMembers + s.projects.size[k]));
      expect(team.length).toBe(5);
      expect(team.some((i) => s.pop.kind[i] === Kind.research)).toBe(true);
      expect(team.some((i) => s.regions[s.pop.region[i]].country !== 'IT')).toBe(true);
      expect(s.projects.fundedBy[k]).toBe(0);
      expect(s.projects.funding[k]).toBeGreaterThan(0);
      expect(s.projects.funding[k]).toBeLessThanOrEqual(p.maxFunding);
      funding += s.projects.funding[k];
    }
    expect(spent).toBeCloseTo(funding, 9);
    expect(s.acc.projectsStarted).toBe(2);
    void memberCost;
  });
  it('funds nothing when a required foreign partner cannot be found', () => {
    const oneCountry = { regions: [{ id: 'north', country: 'IT', center: [0, 0], radiusKm: 10 }, { id: 'south', country: 'IT', center: [150, 0], radiusKm: 10 }] };
    const s = freshState([], oneCountry);
    expect(applyDirect(researchAggregation, s, ResearchAggregationParams.parse({ foreignPartners: 1 }), { budget: 1e6 })).toBe(0);
    expect(s.acc.projectsStarted).toBe(0);
  });
  sharedLeverChecks(entry, { budget: 20, over: NO_EXIT });
  it('rejects bad parameters, naming the field', () => {
    expectIssue([{ ...entry, params: { players: 1 } }], 'policies.0.params.players', />=2/);
    expectIssue([{ ...entry, params: { fundingShare: 2 } }], 'policies.0.params.fundingShare', /<=1/);
  });
});
