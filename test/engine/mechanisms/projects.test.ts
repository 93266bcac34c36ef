/** Strategic joint projects (002 §83; 000 §5.7-5.8): launch, recruitment, outcome, levers' entry point. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import {
  governanceOf, launchProject, memberCost, projects, ProjectsParams, successChance, teamDiversity,
} from '../../../src/engine/mechanisms/projects.js';
import { stream, type Rng } from '../../../src/engine/rng.js';
import { beginStep } from '../../../src/engine/state.js';
import { TieType } from '../../../src/engine/ties.js';
import { Kind } from '../../../src/engine/population.js';
import type { State } from '../../../src/engine/contract.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { smallScenario } from '../../fixtures/scenarios.js';
import { optimalDistance } from '../../../src/engine/proximity.js';

const P = ProjectsParams.parse({});

/**
 * Row 0 is a coordinator (leading firm by default), rows 1..n SMEs, all open (openness 1),
 * rich and in one region; no ties unless added. SMEs are placed 100 km away (out of the
 * recruiting radius) unless `near`.
 */
function cluster(n: number, o: { coordinator?: 'leading' | 'competenceCentre' | 'research'; near?: number; institutions?: number; otherSector?: boolean } = {}): State {
  // otherSector: row 1 is an SME of a second sector s2 (the rest as before).
  const pops: ScenarioInput['populations'] = [
    { kind: o.coordinator ?? 'leading', region: 'r1', sector: 's1', count: 1, initialTies: 0 },
    ...(o.otherSector ? [{ kind: 'sme' as const, region: 'r1', sector: 's2', count: 1, initialTies: 0 }] : []),
    { kind: 'sme', region: 'r1', sector: 's1', count: o.otherSector ? n - 1 : n, initialTies: 0 },
  ];
  const s = buildState(smallScenario({
    regions: [{ id: 'r1', country: 'IT', center: [0, 0], radiusKm: 10, institutionalQuality: o.institutions ?? 0.5 }],
    sectors: o.otherSector ? [{ id: 's1' }, { id: 's2' }] : [{ id: 's1' }],
    populations: pops,
  }), 1);
  const p = s.pop;
  for (let i = 0; i < p.n; i++) {
    p.openness[i] = 1;
    p.capital[i] = 1000;
    p.employees[i] = 10;
    p.absorptive[i] = 0.5;
    p.x[i] = i === 0 || i <= (o.near ?? 0) ? 0 : 100;
    p.y[i] = i;
  }
  s.grid.rebuild(p.x, p.y, p.n, () => true);
  beginStep(s, 0);
  return s;
}

const ONLY_LEADING = { ...P, launchLeading: 1, launchCentre: 0, launchResearch: 0 };

function step(s: State, params: ProjectsParams, t: number, rng: Rng): void {
  beginStep(s, t);
  projects.step({ state: s, params, rng });
}

const membersOf = (s: State, slot: number) =>
  Array.from(s.projects.members.subarray(slot * s.projects.maxMembers, slot * s.projects.maxMembers + s.projects.size[slot])).sort((a, b) => a - b);

describe('projects: launch and recruitment', () => {
  it('lets a leading firm launch a project with its partners, charging their commitment', () => {
    const s = cluster(6);
    for (const j of [1, 2, 3]) s.ties.add(0, j, TieType.vertical, 0.5, 0.5, 0);
    step(s, ONLY_LEADING, 0, stream(1, 't'));
    expect(s.acc.projectsStarted).toBe(1);
    expect(membersOf(s, 0)).toEqual([0, 1, 2, 3]);
    for (const i of [0, 1, 2, 3]) {
      expect(s.pop.project[i]).toBe(0);
      expect(s.pop.capital[i]).toBeCloseTo(1000 - P.memberCost * 10, 12);
    }
    expect(s.pop.project[4]).toBe(-1);
    expect(s.pop.capital[4]).toBe(1000);
  });

  it('recruits tie partners first, then partners of partners, then neighbours, up to maxPartners', () => {
    const s = cluster(12, { near: 12 });
    s.ties.add(0, 1, TieType.vertical, 0.5, 0.5, 0);
    s.ties.add(0, 2, TieType.vertical, 0.5, 0.5, 0);
    s.ties.add(1, 5, TieType.vertical, 0.5, 0.5, 0);
    s.ties.add(2, 6, TieType.vertical, 0.5, 0.5, 0);
    step(s, { ...ONLY_LEADING, maxPartners: 3 }, 0, stream(1, 't'));
    expect(membersOf(s, 0)).toEqual([0, 1, 2, 5]);
    const t = cluster(12, { near: 12 });
    t.ties.add(0, 1, TieType.vertical, 0.5, 0.5, 0);
    t.ties.add(1, 5, TieType.vertical, 0.5, 0.5, 0);
    step(t, { ...ONLY_LEADING, maxPartners: 5 }, 0, stream(1, 't'));
    const m = membersOf(t, 0);
    expect(m.length).toBe(6);
    expect(m).toContain(1);
    expect(m).toContain(5);
  });

  it('asks neighbours nearest first, whichever side of the coordinator they are on (no directional bias, issue 14)', () => {
    // No ties: the team comes from the neighbours, fewer than the query's 64, so the list is
    // not truncated. Rows 1-10 sit 1.5-6 km north of the coordinator, rows 11-20 8-13 km
    // south. In the grid's cell order (south-west first) the southern ones came first.
    for (const north of [true, false]) {
      const s = cluster(20, { near: 20 });
      const p = s.pop;
      for (let j = 1; j <= 20; j++) {
        const d = j <= 10 ? 1 + 0.5 * j : 2.5 + 0.5 * j;
        p.x[j] = 0.1 * (j % 3);
        p.y[j] = (j <= 10) === north ? d : -d;
      }
      s.grid.rebuild(p.x, p.y, p.n, () => true);
      step(s, { ...ONLY_LEADING, maxPartners: 5 }, 0, stream(1, 't'));
      expect(membersOf(s, 0)).toEqual([0, 1, 2, 3, 4, 5]);
    }
  });

  it('lets coordinators launch in a random order, not in row order (no order artefact)', () => {
    // Rows 0 and 1 are leading firms, 100 km apart, both tied to the one SME (row 2), who can
    // join one team only. Whoever launches first takes it; the other finds nobody. In row order
    // row 0 would win every time.
    const wins = [0, 0];
    for (let seed = 1; seed <= 40; seed++) {
      const s = cluster(2);
      const p = s.pop;
      p.kind[1] = Kind.leading;
      p.leading[1] = 1;
      p.x[1] = 100; p.y[1] = 0;
      p.x[2] = 50; p.y[2] = 0;
      s.grid.rebuild(p.x, p.y, p.n, () => true);
      s.ties.add(0, 2, TieType.vertical, 0.5, 0.5, 0);
      s.ties.add(1, 2, TieType.vertical, 0.5, 0.5, 0);
      step(s, { ...ONLY_LEADING, maxPartners: 1 }, 0, stream(seed, 't'));
      expect(s.acc.projectsStarted).toBe(1);
      wins[s.projects.coordinator[0]]++;
    }
    expect(wins[0]).toBeGreaterThanOrEqual(10);
    expect(wins[1]).toBeGreaterThanOrEqual(10);
  });

  it('bounds the team by network.maxProjectMembers', () => {
    const s = cluster(30, { near: 30 });
    step(s, { ...ONLY_LEADING, maxPartners: 63 }, 0, stream(1, 't'));
    expect(s.projects.size[0]).toBe(s.projects.maxMembers);
  });

  it('does not recruit a candidate who cannot pay its commitment, nor one already on a project', () => {
    const s = cluster(4);
    for (const j of [1, 2, 3]) s.ties.add(0, j, TieType.vertical, 0.5, 0.5, 0);
    s.pop.capital[1] = 0;
    s.pop.project[2] = 99;
    step(s, ONLY_LEADING, 0, stream(1, 't'));
    expect(membersOf(s, 0)).toEqual([0, 3]);
  });

  it('launches nothing without a coordinator; the projectBoost modifier (leading-firm focus) makes one', () => {
    const s = cluster(6, { near: 6 });
    s.pop.leading[0] = 0;
    s.pop.kind[0] = Kind.sme;
    step(s, P, 0, stream(1, 't'));
    expect(s.acc.projectsStarted).toBe(0);
    beginStep(s, 1);
    s.policy.projectBoost[0] = 1;
    projects.step({ state: s, params: P, rng: stream(1, 't') });
    expect(s.acc.projectsStarted).toBe(1);
  });

  it('launches more often with a higher launch rate', () => {
    const count = (rate: number) => {
      const s = cluster(8, { near: 8 });
      const rng = stream(3, 't');
      let started = 0;
      for (let t = 0; t < 60; t++) {
        step(s, { ...P, launchLeading: rate, duration: 1 }, t, rng);
        started += s.acc.projectsStarted;
      }
      return started;
    };
    expect(count(0.5)).toBeGreaterThan(1.5 * count(0.1));
  });

  it('cuts the commitment with the coopCostCut modifier (service network)', () => {
    const s = cluster(2);
    s.policy.coopCostCut[1] = 0.5;
    expect(memberCost(s, 1, P)).toBeCloseTo(0.5 * memberCost(s, 2, P), 12);
  });
});

describe('projects: outcome', () => {
  /** A launched project of the coordinator and rows 1..m, resolved at step `duration`. */
  function resolved(params: ProjectsParams, m = 3, seed = 1, otherFrontier = 0) {
    const s = cluster(m, { otherSector: otherFrontier > 0 });
    const D = s.pop.D;
    // Complementary members: each strong in another domain. With otherFrontier, row 1 is of
    // sector s2, whose frontier is otherFrontier times s1's, its levels scaled alike.
    for (let i = 0; i <= m; i++) for (let k = 0; k < D; k++) {
      const f = otherFrontier > 0 && i === 1 ? otherFrontier : 1;
      s.pop.tacit[i * D + k] = f * (k === i % D ? 0.8 : 0.2);
      s.pop.codified[i * D + k] = f * 0.05;
    }
    if (otherFrontier > 0) for (let k = 0; k < D; k++) s.pop.frontier[D + k] = otherFrontier * s.pop.frontier[k];
    const members = Array.from({ length: m + 1 }, (_, i) => i);
    s.ties.add(0, 1, TieType.vertical, 0.5, 0.5, 0);
    const slot = launchProject(s, 0, members);
    expect(slot).toBe(0);
    const before = { tacit: Float64Array.from(s.pop.tacit), codified: Float64Array.from(s.pop.codified) };
    const rng = stream(seed, 't');
    step(s, { ...params, launchLeading: 0 }, 1, rng); // not yet due
    expect(s.projects.active[0]).toBe(1);
    step(s, { ...params, launchLeading: 0 }, params.duration, rng);
    return { s, before, members };
  }

  it('on success: learning (project channel), codification, innovations, project ties and trust', () => {
    const { s, before, members } = resolved({ ...P, baseSuccess: 1, maxSuccess: 1 });
    const D = s.pop.D;
    expect(s.acc.projectsSucceeded).toBe(1);
    expect(s.projects.active[0]).toBe(0);
    for (const i of members) {
      expect(s.pop.project[i]).toBe(-1);
      expect(s.acc.flowByRow[i * 4 + 2]).toBeGreaterThan(0);
      // One innovation for the project, shared among its four members.
      expect(s.acc.innovIncremental[i] + s.acc.innovRadical[i]).toBeCloseTo(1 / members.length, 12);
      let t0 = 0, c0 = 0, t1 = 0, c1 = 0;
      for (let k = 0; k < D; k++) { t0 += before.tacit[i * D + k]; c0 += before.codified[i * D + k]; t1 += s.pop.tacit[i * D + k]; c1 += s.pop.codified[i * D + k]; }
      expect(c1 / (t1 + c1)).toBeGreaterThan(c0 / (t0 + c0)); // tacit -> codified
      expect(t1 + c1 - t0 - c0).toBeCloseTo(s.acc.flowByRow[i * 4 + 2], 12);
    }
    expect(s.acc.flow.project).toBeGreaterThan(0);
    // Every pair of members is tied; the new ties are project ties.
    for (const a of members) for (const b of members) if (a < b) expect(s.ties.has(a, b)).toBe(true);
    expect(s.ties.type[1 * s.ties.K + s.ties.find(1, 2)]).toBe(TieType.project);
    expect(s.acc.tiesFormed).toBe(5);
    // The old tie was strengthened and gained trust.
    const q = s.ties.find(0, 1);
    expect(s.ties.strength[q]).toBeCloseTo(0.5 + P.tieStrength * 0.5, 12);
    expect(s.ties.trust[q]).toBeCloseTo(0.5 + P.trustGain * 0.5, 12);
  });

  it('across sectors, each member learns toward the team\'s best in its own units', () => {
    const params = { ...P, baseSuccess: 1, maxSuccess: 1 };
    const same = resolved(params).s, other = resolved(params, 3, 1, 1000).s;
    // Row 1's sector is 1,000 times further on: everyone learns what it would in one sector
    // (row 1 in its units), not a thousand times more from row 1.
    for (const i of [0, 2, 3]) expect(other.acc.flowByRow[i * 4 + 2] / same.acc.flowByRow[i * 4 + 2]).toBeCloseTo(1, 9);
    expect(other.acc.flowByRow[1 * 4 + 2] / (1000 * same.acc.flowByRow[1 * 4 + 2])).toBeCloseTo(1, 9);
    for (let k = 0; k < other.pop.D; k++) expect(other.pop.levelOf(0, k)).toBeLessThan(0.95);
  });

  it('across sectors, what a member learns does not depend on the order of the team (the best is taken before anyone learns)', () => {
    // A research coordinator and a strong research link (researchLinks 4): members learn more
    // than their gap, so a member that read the others' levels after they learned would
    // learn toward an overshoot. Row 1 is of a sector 1,000 times further on.
    const learned = (order: number[]) => {
      const s = cluster(3, { coordinator: 'research', otherSector: true });
      s.scenario.parameters.knowledgeBases.synthetic.researchLinks = 4;
      const D = s.pop.D;
      for (let i = 0; i <= 3; i++) for (let k = 0; k < D; k++) {
        const f = i === 1 ? 1000 : 1;
        s.pop.tacit[i * D + k] = f * (k === i % D ? 0.8 : 0.2);
        s.pop.codified[i * D + k] = f * 0.05;
      }
      for (let k = 0; k < D; k++) s.pop.frontier[D + k] = 1000 * s.pop.frontier[k];
      s.pop.absorptive.fill(1);
      launchProject(s, order[0], order);
      step(s, { ...P, learnRate: 1, baseSuccess: 1, maxSuccess: 1, launchResearch: 0 }, P.duration, stream(1, 't'));
      expect(s.acc.projectsSucceeded).toBe(1);
      return [1, 2, 3].map((i) => s.acc.flowByRow[i * 4 + 2]);
    };
    const forward = learned([0, 1, 2, 3]), backward = learned([0, 3, 2, 1]);
    for (let a = 0; a < 3; a++) expect(backward[a] / forward[a]).toBeCloseTo(1, 12);
  });

  it('makes innovations radical when the team\'s mean cognitive distance reaches radicalDistance, else incremental', () => {
    const diverse = resolved({ ...P, baseSuccess: 1, maxSuccess: 1 });
    expect(diverse.s.acc.innovRadical[1]).toBeCloseTo(1 / 4, 12);
    const same = resolved({ ...P, baseSuccess: 1, maxSuccess: 1, radicalDistance: 0.99 });
    expect(same.s.acc.innovIncremental[1]).toBeCloseTo(1 / 4, 12);
  });

  it('on failure: no knowledge, no innovation, and the members\' ties lose trust', () => {
    const { s, members } = resolved({ ...P, baseSuccess: 0, diversityWeight: 0, governanceWeight: 0, fundedBonus: 0 });
    expect(s.acc.projectsFailed).toBe(1);
    expect(s.acc.flow.project).toBe(0);
    for (const i of members) expect(s.acc.innovIncremental[i] + s.acc.innovRadical[i]).toBe(0);
    expect(s.ties.has(1, 2)).toBe(false);
    expect(s.ties.trust[s.ties.find(0, 1)]).toBeCloseTo(0.5 * (1 - P.trustLoss), 12);
  });

  it('succeeds more often the more diverse the team\'s knowledge (002 §44-46)', () => {
    const s = cluster(6);
    const D = s.pop.D;
    const teamOf = (diverse: boolean) => {
      for (let i = 0; i <= 6; i++) for (let k = 0; k < D; k++) {
        s.pop.tacit[i * D + k] = diverse ? (k === i % D ? 0.8 : 0.1) : (k === 0 ? 0.8 : 0.1);
        s.pop.codified[i * D + k] = 0;
      }
    };
    const slot = launchProject(s, 0, [0, 1, 2, 3, 4, 5, 6]);
    teamOf(false);
    const homo = teamDiversity(s, slot);
    const pHomo = successChance(s, slot, homo.entropy, homo.distance, P);
    teamOf(true);
    const div = teamDiversity(s, slot);
    const pDiv = successChance(s, slot, div.entropy, div.distance, P);
    expect(div.entropy).toBeGreaterThan(homo.entropy);
    expect(div.distance).toBeGreaterThan(homo.distance);
    expect(pDiv).toBeGreaterThan(pHomo + 0.1);
  });

  it('succeeds most at an intermediate cognitive distance: diverse teams create more but coordinate worse (Nooteboom et al. 2007)', () => {
    const s = cluster(3);
    const slot = launchProject(s, 0, [0, 1, 2, 3]);
    const ds = optimalDistance(0.5, s.scenario.parameters.proximity); // the members' absorptive capacity is 0.5
    const at = (d: number) => successChance(s, slot, 0.5, d, P);
    expect(at(ds)).toBeGreaterThan(at(0) + 0.1);
    expect(at(ds)).toBeGreaterThan(at(1) + 0.05);
  });

  it('teaches a member that understands the others more than one far from them', () => {
    const learned = (far: boolean) => {
      const s = cluster(3);
      const D = s.pop.D;
      // Rows 0-2 share a specialisation; row 3's is related to it (distance about its optimum), or opposite to it.
      const base = [0.7, 0.5, 0.3, 0.1], related = [0.7, 0.1, 0.5, 0.3], opposite = [0.1, 0.3, 0.5, 0.7];
      for (let i = 0; i <= 3; i++) for (let k = 0; k < D; k++) {
        const v = i < 3 ? base[k] : far ? opposite[k] : related[k];
        s.pop.tacit[i * D + k] = v;
        s.pop.codified[i * D + k] = 0;
        s.pop.niche[i * D + k] = 1 / D;
      }
      s.pop.tacit[1 * D + 0] = s.pop.tacit[1 * D + 1] = 1; // something to learn from row 1
      const slot = launchProject(s, 0, [0, 1, 2, 3]);
      const rng = stream(1, 't');
      step(s, { ...P, baseSuccess: 1, maxSuccess: 1, launchLeading: 0 }, P.duration, rng);
      expect(s.acc.projectsSucceeded).toBe(1);
      expect(slot).toBe(0);
      return s.acc.flowByRow[3 * 4 + 2];
    };
    expect(learned(false)).toBeGreaterThan(learned(true));
  });

  it('succeeds more often with better governance: competence centres and strong institutions', () => {
    const byKind = (kind: 'leading' | 'competenceCentre', inst: number) => governanceOf(cluster(1, { coordinator: kind, institutions: inst }), 0, P);
    expect(byKind('competenceCentre', 0.5)).toBeGreaterThan(byKind('leading', 0.5));
    expect(byKind('leading', 0.9)).toBeGreaterThan(byKind('leading', 0.2));
    const s = cluster(3);
    const lo = launchProject(s, 0, [0, 1], { governance: 0.1 });
    const hi = launchProject(s, 2, [2, 3], { governance: 0.9 });
    const d = teamDiversity(s, lo);
    expect(successChance(s, hi, d.entropy, d.distance, P)).toBeGreaterThan(successChance(s, lo, d.entropy, d.distance, P) + 0.2);
  });

  it('lets a research institution coordinate', () => {
    const s = cluster(4, { coordinator: 'research', near: 4 });
    step(s, { ...P, launchResearch: 1 }, 0, stream(1, 't'));
    expect(s.acc.projectsStarted).toBe(1);
    expect(s.projects.coordinator[0]).toBe(0);
  });
});

describe('launchProject (for levers)', () => {
  it('pays the members\' commitments from the funding and adds the funded success bonus', () => {
    const s = cluster(3);
    const unfunded = launchProject(s, 0, [0, 1]);
    const funded = launchProject(s, 2, [2, 3], { funding: 1000, fundedBy: 0 });
    expect(s.pop.capital[0]).toBeLessThan(1000);
    expect(s.pop.capital[2]).toBe(1000);
    expect(s.pop.capital[3]).toBe(1000);
    expect(s.projects.fundedBy[funded]).toBe(0);
    s.projects.governance[funded] = s.projects.governance[unfunded];
    expect(successChance(s, funded, 0.5, 0.1, P) - successChance(s, unfunded, 0.5, 0.1, P)).toBeCloseTo(P.fundedBonus, 12);
    expect(s.acc.projectsStarted).toBe(2);
  });

  it('launches nothing when the projects mechanism is switched off (nothing would end it)', () => {
    const s = cluster(2);
    (s.scenario.parameters.mechanisms.projects as { enabled: boolean }).enabled = false;
    expect(launchProject(s, 0, [0, 1])).toBe(-1);
    expect(s.pop.project[0]).toBe(-1);
  });

  it('refuses a team of fewer than two free members', () => {
    const s = cluster(2);
    s.pop.project[1] = 5;
    expect(launchProject(s, 0, [0, 1])).toBe(-1);
    expect(s.acc.projectsStarted).toBe(0);
  });
});
