/** Competence centre (002 §135-152): a bridging agent with members, large projects and links. */
import { describe, expect, it } from 'vitest';
import { competenceCentre, CompetenceCentreParams } from '../../../src/engine/levers/competenceCentre.js';
import { Kind } from '../../../src/engine/population.js';
import { organisational } from '../../../src/engine/proximity.js';
import { Simulation } from '../../../src/engine/simulate.js';
import { NO_EXIT, applyDirect, expectIssue, freshState, pair, rowsWhere, scenario, sharedLeverChecks, total } from './helpers.js';

const params = { region: 'north', linkRegions: ['south'] };
const entry = { lever: 'competenceCentre', params };

describe('competenceCentre', () => {
  it('runs large projects: more project and tie learning, links the regions institutionally', () => {
    let flowOn = 0, flowOff = 0;
    for (const seed of [1, 2, 3]) {
      const { on, off } = pair([{ ...entry, budget: 60 }], { ...NO_EXIT, steps: 24 }, seed);
      flowOn += total(on, 'flow.project') + total(on, 'flow.tie');
      flowOff += total(off, 'flow.project') + total(off, 'flow.tie');
      expect(total(on, 'projects.active')).toBeGreaterThan(total(off, 'projects.active') * 2);
      expect(on.state.institutional[1]).toBeGreaterThan(off.state.institutional[1] + 0.1);
    }
    expect(flowOn).toBeGreaterThan(flowOff * 1.4);
  });
  it('creates one centre in its region, enrols members of that region (organisational proximity), launches a funded project', () => {
    const s = freshState([{ ...entry, budget: 1 }]);
    const p = CompetenceCentreParams.parse({ ...params, membersPerStep: 8 });
    const spent = applyDirect(competenceCentre, s, p, { budget: 1e6, name: 'competenceCentre' });
    const centres = rowsWhere(s, (i) => s.pop.kind[i] === Kind.competenceCentre);
    expect(centres.length).toBe(1);
    const c = centres[0];
    expect(s.pop.region[c]).toBe(0);
    const members = rowsWhere(s, (i) => s.pop.centre[i] === s.pop.id[c] && i !== c);
    expect(members.length).toBe(8);
    for (const i of members) expect(s.pop.region[i]).toBe(0);
    expect(organisational(s.pop, members[0], members[1])).toBeGreaterThanOrEqual(0.7);
    // A project coordinated by the centre, with a partner from the linked region, funded by the lever.
    const slot = s.pop.project[c];
    expect(slot).toBeGreaterThanOrEqual(0);
    expect(s.projects.coordinator[slot]).toBe(c);
    expect(s.projects.fundedBy[slot]).toBe(0);
    const team = Array.from(s.projects.members.subarray(slot * s.projects.maxMembers, slot * s.projects.maxMembers + s.projects.size[slot]));
    expect(team.some((i) => s.pop.region[i] === 1)).toBe(true);
    expect(spent).toBeCloseTo(p.setupCost + p.runningCost + 8 * p.costPerMember + p.projectFunding, 9);
    // The next step: no second centre, members keep coming.
    s.t = 1;
    applyDirect(competenceCentre, s, p, { budget: 1e6, name: 'competenceCentre' });
    expect(rowsWhere(s, (i) => s.pop.kind[i] === Kind.competenceCentre).length).toBe(1);
    expect(rowsWhere(s, (i) => s.pop.centre[i] === s.pop.id[c] && i !== c).length).toBe(16);
  });
  it('leaves the centre and its members in place after it ends', () => {
    // "An institution, once built, stays": what carries the systemic package's lasting effect in
    // the cohort it reached (docs/validation.md §3, linear vs systemic past the horizon).
    const sim = new Simulation(scenario([{ ...entry, budget: 60, start: 1, end: 3 }], NO_EXIT));
    const members = () => rowsWhere(sim.state, (i) => sim.state.pop.centre[i] >= 0 && sim.state.pop.kind[i] !== Kind.competenceCentre).length;
    while (sim.done < 4) sim.step();
    const atEnd = members();
    expect(atEnd).toBeGreaterThan(0);
    sim.run();
    expect(rowsWhere(sim.state, (i) => sim.state.pop.kind[i] === Kind.competenceCentre).length).toBe(1);
    expect(members()).toBe(atEnd);
  });
  it('does not create the centre when the budget cannot pay for it', () => {
    const s = freshState();
    const p = CompetenceCentreParams.parse(params);
    expect(applyDirect(competenceCentre, s, p, { budget: p.setupCost })).toBe(0); // setup + running needed
    expect(rowsWhere(s, (i) => s.pop.kind[i] === Kind.competenceCentre).length).toBe(0);
  });
  sharedLeverChecks(entry, { budget: 60, over: NO_EXIT });
  it('rejects unknown regions and sectors, naming the field', () => {
    expectIssue([{ ...entry, params: { region: 'nowhere' } }], 'policies.0.params.region', /unknown region 'nowhere'/);
    expectIssue([{ ...entry, params: { ...params, linkRegions: ['west'] } }], 'policies.0.params.linkRegions.0', /unknown region 'west'/);
    expectIssue([{ ...entry, params: { ...params, linkRegions: ['north'] } }], 'policies.0.params.linkRegions', /own region/);
    expectIssue([{ ...entry, params: { ...params, sector: 'textiles' } }], 'policies.0.params.sector', /unknown sector 'textiles'/);
    expectIssue([{ lever: 'competenceCentre', budget: 5, params: {} }], 'policies.0.params.region', /missing/);
  });
});
