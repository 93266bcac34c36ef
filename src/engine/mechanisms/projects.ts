/**
 * Strategic joint projects (strategy networks, 002 §83; 000 §5.7-5.8): multi-partner
 * projects with central coordination and a reciprocal commitment of resources, for an
 * uncertain benefit.
 *
 * Launch. A coordinator not already on a project launches one with chance
 *   launchCentre (competence centre, 002 §141-142) | launchResearch (research institution,
 *   000 §5.8) | launchLeading (leading firm, "project manager", 000 §5.7 ¶3) | 0 (others)
 * plus its `projectBoost` policy modifier (leading-firm focus lever). It recruits up to
 * `maxPartners` members among its tie partners, then partners of partners, then agents
 * within `recruitRadiusKm`, nearest first (bounded candidate sets, never all pairs). A candidate joins with
 * chance = its openness (002 §123) if it is free and can pay its commitment
 *   cost_i = memberCost * min(employees_i, teamSize) * (1 - coopCostCut_i)
 * (a member commits a project team, not its whole staff).
 * Levers (firm-research aggregations, competence centres, tenders) launch funded projects
 * through `launchProject`, which pays members' commitments from the funding first.
 *
 * Outcome, after `duration` steps. With the members' pooled knowledge
 *   H = entropy of the summed profile / log D        breadth of the combined knowledge
 *   N = mean pairwise cognitive distance of members
 *   c = f(N, mean absorptive capacity of members)    the inverted U of cognitive distance
 *   diversity = (H + c) / 2                           creativity as recombination, 002 §44-46
 * (diverse teams create more but coordinate worse: the value of an alliance is an inverted U
 * of the partners' cognitive distance, Nooteboom et al. 2007)
 *   G = (institutionalQuality of the coordinator's region + coordination skill) / 2
 *       (skill: governanceCentre for a competence centre, 002 §144 b6, §148; governanceLeading
 *        for leading firms and research institutions; governanceOther otherwise)
 * success has chance clamp(baseSuccess + diversityWeight (diversity - 1/2)
 *   + governanceWeight (G - 1/2) + fundedBonus [funded], 0, maxSuccess).
 * On success each member i learns, in each domain k, learnRate * A_i * f(N_i, A_i) * L_i * a_ik
 * of its gap to the team's best (project channel; the levels as they were before anyone
 * learned, so the order of the team does not matter; the best of a member of another sector
 * put into i's units, as frontier.ts levelInUnitsOf; a_ik its affinity for the domain, its prior
 * related knowledge, Cohen & Levinthal 1990), N_i its mean cognitive distance to the other
 * members (it understands distant partners less) and L_i its knowledge base's researchLinks
 * when a research institution is in the team; then codifies codifyShare (times its knowledge
 * base's codification) of its tacit knowledge (002 §83, §99). The project makes one
 * innovation (radical when N >= radicalDistance, else incremental), credited to the project
 * and shared among its m members in the counts (1/m each); it renews every member's products.
 * Every pair of members gets a project tie or a stronger one, with trust growing (002 §58).
 * On failure the trust of the members' existing ties drops by trustLoss.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { Kind } from '../population.js';
import { TieType } from '../ties.js';
import { mechanismParams, nonneg, positive, prob } from '../../scenario/common.js';
import { affinityInto, cognitiveDistance, learningValue } from '../proximity.js';
import { knowledgeBaseOfRow } from '../knowledgeBase.js';
import type { Rng } from '../rng.js';
import { InnovationParams, recordInnovation } from './innovation.js';
import { log } from '../math.js';

export const ProjectsParams = mechanismParams({
  launchLeading: prob().default(0.1).describe('Chance per step that a free leading firm launches a project (000 §5.7 ¶3: leading firms as "project manager").'),
  launchCentre: prob().default(0.3).describe('Chance per step that a free competence centre launches a project (002 §141-142: "many large and small projects").'),
  launchResearch: prob().default(0.05).describe('Chance per step that a free research institution launches a project (000 §5.8: firm-research aggregations).'),
  maxPartners: z.number().int().min(1).max(63).default(5).describe('Partners a coordinator recruits (also capped by network.maxProjectMembers - 1). Assumption.'),
  recruitRadiusKm: positive().default(20).describe('Radius (km) for recruiting neighbours once ties and partners of partners are exhausted. Assumption.'),
  duration: z.number().int().min(1).max(100).default(4).describe('Steps from launch to outcome. Assumption.'),
  memberCost: nonneg().default(0.5).describe('Money per committed employee each member pays at launch (002 §83: reciprocal commitment of specific resources); cut by coopCostCut, paid first from public funding.'),
  teamSize: positive().default(20).describe('Employees a member commits to a project at most: a project team, not the whole staff of a large firm or institution (assumption).'),
  baseSuccess: prob().default(0.5).describe('Success chance of a project of diversity 1/2 and governance 1/2, unfunded (002 §83: uncertain benefits).'),
  diversityWeight: nonneg().default(0.6).describe('Success gain per unit of team diversity: breadth and the inverted U of the members\' cognitive distance (002 §44-46; Nooteboom et al. 2007).'),
  governanceWeight: nonneg().default(0.4).describe('Success gain per unit of governance (002 §100 governance, §148 "well designed governance").'),
  governanceCentre: prob().default(0.9).describe('Coordination skill of a competence centre (002 §141, §144 b6).'),
  governanceLeading: prob().default(0.6).describe('Coordination skill of a leading firm or research institution (000 §5.7 ¶3).'),
  governanceOther: prob().default(0.4).describe('Coordination skill of any other coordinator. Assumption.'),
  fundedBonus: prob().default(0.1).describe('Extra success chance of a publicly funded project (000 §5.8, 002 §144 b5).'),
  maxSuccess: prob().default(0.95).describe('Upper bound of the success chance: a project is never certain. Assumption.'),
  learnRate: prob().default(0.3).describe('Share of the gap to the team\'s best in each domain a member learns on success, times its absorptive capacity (002 §83 pooled knowledge).'),
  codifyShare: prob().default(0.1).describe('Share of each member\'s tacit knowledge codified on success (002 §83, §99: codification of individual implicit knowledge).'),
  radicalDistance: prob().default(0.4).describe('Mean pairwise cognitive distance of the team at or above which its innovation is radical (002 §45): 0.4 is well past "the same specialisation" (0) toward "unrelated" (0.5) on the correlation distance of proximity.ts.'),
  tieStrength: prob().default(0.3).describe('Strength of a new project tie; existing ties gain this share of the way to 1. Assumption.'),
  trustGain: prob().default(0.1).describe('Share of the way to trust 1 the members\' ties gain on success (002 §58).'),
  trustLoss: prob().default(0.05).describe('Share of trust the members\' ties lose on failure. Assumption.'),
});
export type ProjectsParams = z.infer<typeof ProjectsParams>;

export interface LaunchOptions {
  /** Steps to outcome; default the mechanism's `duration`. */
  duration?: number;
  /** Governance quality in [0,1]; default from the coordinator's kind and region. */
  governance?: number;
  /** Public funding attached (money units); pays members' commitments first. */
  funding?: number;
  /** Index of the funding lever instance, or -1. */
  fundedBy?: number;
}

const paramsOf = (state: State): ProjectsParams => state.scenario.parameters.mechanisms.projects;

/** Coordination skill by kind (see the header). */
function skill(state: State, c: number, p: ProjectsParams): number {
  const pop = state.pop;
  if (pop.kind[c] === Kind.competenceCentre) return p.governanceCentre;
  if (pop.leading[c] || pop.kind[c] === Kind.research) return p.governanceLeading;
  return p.governanceOther;
}

/** Governance of a project coordinated by row c: its region's institutions and its skill. */
export function governanceOf(state: State, c: number, p: ProjectsParams = paramsOf(state)): number {
  return 0.5 * state.regions[state.pop.region[c]].institutionalQuality + 0.5 * skill(state, c, p);
}

/** What joining costs row i (before funding). */
export function memberCost(state: State, i: number, p: ProjectsParams = paramsOf(state)): number {
  return p.memberCost * Math.min(state.pop.employees[i], p.teamSize) * (1 - state.policy.coopCostCut[i]);
}

/**
 * Launch a project coordinated by `coordinator` with `members` (rows; the coordinator should
 * be among them; members already on a project are skipped). Charges the members'
 * commitments (from the funding first, the rest from their capital) and counts the start.
 * Returns the project slot, or -1 when fewer than two members are free or the projects
 * mechanism is switched off (nothing would ever end the project). For levers.
 */
export function launchProject(state: State, coordinator: number, members: ArrayLike<number>, opts: LaunchOptions = {}): number {
  const p = paramsOf(state);
  if (!p.enabled) return -1;
  const pop = state.pop;
  const slot = state.projects.launch(pop, coordinator, members, state.t, opts.duration ?? p.duration,
    opts.governance ?? governanceOf(state, coordinator, p), opts.funding ?? 0, opts.fundedBy ?? -1);
  if (slot < 0) return -1;
  const table = state.projects;
  const size = table.size[slot];
  const share = (opts.funding ?? 0) / size;
  for (let k = 0; k < size; k++) {
    const i = table.members[slot * table.maxMembers + k];
    const due = Math.max(0, memberCost(state, i, p) - share);
    pop.capital[i] -= Math.min(due, Math.max(0, pop.capital[i]));
  }
  state.acc.projectsStarted++;
  return slot;
}

// Per-run buffers (no allocation inside a step).
let team = new Int32Array(64);
let near = new Int32Array(64);
let teamLevels = new Float64Array(0);
let pooled = new Float64Array(0);
let memberDist = new Float64Array(0);
let aff = new Float64Array(0);

let teamSize = 0;
let teamCap = 0;

/** Ask candidate j to join coordinator c's team; returns true once the team is full. */
function tryJoin(state: State, c: number, j: number, p: ProjectsParams, rng: Rng): boolean {
  const pop = state.pop;
  if (j === c || !pop.alive[j] || pop.project[j] >= 0) return false;
  for (let q = 0; q < teamSize; q++) if (team[q] === j) return false;
  if (pop.capital[j] < memberCost(state, j, p)) return false;
  if (!rng.chance(pop.openness[j])) return false;
  team[teamSize++] = j;
  return teamSize >= teamCap;
}

/**
 * Recruit a team around coordinator c into `team` (coordinator first): its tie partners,
 * then partners of partners, then neighbours. Returns the team size.
 */
function recruit(state: State, c: number, p: ProjectsParams, rng: Rng): number {
  const pop = state.pop, ties = state.ties, K = ties.K;
  teamCap = Math.min(p.maxPartners + 1, state.projects.maxMembers, team.length);
  teamSize = 0;
  team[teamSize++] = c;
  for (let s = 0; s < ties.deg[c]; s++) if (tryJoin(state, c, ties.partner[c * K + s], p, rng)) return teamSize;
  for (let s = 0; s < ties.deg[c]; s++) {
    const q = ties.partner[c * K + s];
    for (let r = 0; r < ties.deg[q]; r++) if (tryJoin(state, c, ties.partner[q * K + r], p, rng)) return teamSize;
  }
  // Nearest first (geographical proximity eases coordination, Boschma 2005): in the grid's
  // cell order the first asked would be the ones to the coordinator's south-west (issue 14).
  const found = state.grid.query(pop.x[c], pop.y[c], p.recruitRadiusKm, pop.x, pop.y, c, near, near.length, true);
  for (let q = 0; q < found; q++) if (tryJoin(state, c, near[q], p, rng)) return teamSize;
  return teamSize;
}

/**
 * Pooled-knowledge figures of project `slot`: the entropy of the members' summed relative
 * profile (normalised) and their mean pairwise cognitive distance. Also fills `teamLevels`
 * (each member's absolute level in each domain, taken before anyone learns, so that what a
 * member learns on success does not depend on its place in the team) and `memberDist` (each
 * member's mean distance to the others) for the learning on success.
 */
export function teamDiversity(state: State, slot: number): { entropy: number; distance: number } {
  const pop = state.pop, D = pop.D, table = state.projects;
  if (pooled.length < D) pooled = new Float64Array(D);
  pooled.fill(0, 0, D);
  const base = slot * table.maxMembers, m = table.size[slot];
  if (teamLevels.length < table.maxMembers * D) teamLevels = new Float64Array(table.maxMembers * D);
  if (memberDist.length < m) memberDist = new Float64Array(table.maxMembers);
  memberDist.fill(0, 0, m);
  for (let a = 0; a < m; a++) {
    const i = table.members[base + a];
    for (let k = 0; k < D; k++) {
      teamLevels[a * D + k] = pop.tacit[i * D + k] + pop.codified[i * D + k];
      pooled[k] += pop.levelOf(i, k);
    }
  }
  let all = 0;
  for (let k = 0; k < D; k++) all += pooled[k];
  let h = 0;
  if (all > 0 && D > 1) {
    for (let k = 0; k < D; k++) if (pooled[k] > 0) { const q = pooled[k] / all; h -= q * log(q); }
    h /= log(D);
  }
  let dist = 0, pairs = 0;
  for (let a = 0; a < m; a++)
    for (let b = a + 1; b < m; b++) {
      const d = cognitiveDistance(pop, table.members[base + a], table.members[base + b]);
      dist += d;
      memberDist[a] += d / (m - 1);
      memberDist[b] += d / (m - 1);
      pairs++;
    }
  return { entropy: h, distance: pairs > 0 ? dist / pairs : 0 };
}

let bestOf = new Float64Array(0);

/**
 * The team's best level in each domain (from `teamLevels`, before anyone learned) in row i's
 * units: a member of another sector at its level times the ratio of the two sectors'
 * frontiers (as frontier.ts levelInUnitsOf).
 */
function bestInUnitsOf(state: State, i: number, base: number, m: number): Float64Array {
  const pop = state.pop, D = pop.D, members = state.projects.members, F = pop.frontier, si = pop.sector[i];
  if (bestOf.length < D) bestOf = new Float64Array(D);
  bestOf.fill(0, 0, D);
  for (let a = 0; a < m; a++) {
    const sj = pop.sector[members[base + a]];
    for (let k = 0; k < D; k++) {
      const raw = teamLevels[a * D + k], v = sj === si ? raw : raw * (F[si * D + k] / F[sj * D + k]);
      if (v > bestOf[k]) bestOf[k] = v;
    }
  }
  return bestOf;
}

/** Mean absorptive capacity of the members of project `slot`. */
function meanAbsorptive(state: State, slot: number): number {
  const table = state.projects, base = slot * table.maxMembers, m = table.size[slot];
  let a = 0;
  for (let q = 0; q < m; q++) a += state.pop.absorptive[table.members[base + q]];
  return m > 0 ? a / m : 0;
}

/**
 * Success chance of project `slot` with the given pooled-knowledge figures (see the header):
 * diversity is the mean of the breadth and the inverted U of the members' distance.
 */
export function successChance(state: State, slot: number, entropy: number, distance: number, p: ProjectsParams = paramsOf(state)): number {
  const prox = state.scenario.parameters.proximity;
  const diversity = 0.5 * (entropy + learningValue(distance, meanAbsorptive(state, slot), prox));
  const funded = state.projects.funding[slot] > 0 ? p.fundedBonus : 0;
  const v = p.baseSuccess + p.diversityWeight * (diversity - 0.5) + p.governanceWeight * (state.projects.governance[slot] - 0.5) + funded;
  return Math.min(p.maxSuccess, Math.max(0, v));
}

function succeed(state: State, slot: number, p: ProjectsParams, distance: number): void {
  const pop = state.pop, D = pop.D, table = state.projects, ties = state.ties;
  const base = slot * table.maxMembers, m = table.size[slot];
  const innov: InnovationParams = state.scenario.parameters.mechanisms.innovation;
  const prox = state.scenario.parameters.proximity;
  const trust0 = state.regions[pop.region[table.coordinator[slot] >= 0 ? table.coordinator[slot] : table.members[base]]].socialCapital;
  let withResearch = false;
  for (let a = 0; a < m; a++) if (pop.kind[table.members[base + a]] === Kind.research) withResearch = true;
  let total = 0;
  for (let a = 0; a < m; a++) {
    const i = table.members[base + a];
    const A = pop.absorptive[i];
    const kb = knowledgeBaseOfRow(state, i);
    // What a member takes from the team: its capacity, how well it understands the others
    // (the inverted U at its mean distance to them), and its knowledge base's return to a
    // research partner.
    const rate = p.learnRate * A * learningValue(memberDist[a], A, prox) * (withResearch && pop.kind[i] !== Kind.research ? kb.researchLinks : 1);
    const codify = Math.min(1, p.codifyShare * kb.codification);
    let got = 0;
    if (aff.length < D) aff = new Float64Array(D);
    affinityInto(pop, i, aff, 0);
    // The team's best in each domain, before anyone learned, in this member's units.
    const own = bestInUnitsOf(state, i, base, m);
    for (let k = 0; k < D; k++) {
      const q = i * D + k;
      const gap = own[k] - pop.tacit[q] - pop.codified[q];
      const g = gap > 0 ? rate * aff[k] * gap : 0;
      // Learned by working together: a capability, so tacit (002 §47); then part is codified.
      const t = pop.tacit[q] + g;
      const x = codify * t;
      pop.tacit[q] = t - x;
      pop.codified[q] += x;
      got += g;
    }
    total += got;
    state.acc.flowByRow[i * 4 + 2] += got;
    // One innovation for the project, shared among its members; each renews its products.
    recordInnovation(state, i, distance >= p.radicalDistance, innov, 1 / m, 1);
  }
  state.acc.flow.project += total;
  for (let a = 0; a < m; a++) {
    const i = table.members[base + a];
    for (let b = a + 1; b < m; b++) {
      const j = table.members[base + b];
      let s = ties.find(i, j);
      if (s < 0) {
        if (!ties.add(i, j, TieType.project, p.tieStrength, trust0, state.t)) continue;
        state.acc.tiesFormed++;
        s = ties.find(i, j);
        const q = i * ties.K + s;
        ties.update(i, s, ties.strength[q], ties.trust[q] + p.trustGain * (1 - ties.trust[q]), state.t);
      } else {
        const q = i * ties.K + s;
        ties.update(i, s, ties.strength[q] + p.tieStrength * (1 - ties.strength[q]), ties.trust[q] + p.trustGain * (1 - ties.trust[q]), state.t);
      }
    }
  }
  state.acc.projectsSucceeded++;
}

function fail(state: State, slot: number, p: ProjectsParams): void {
  const table = state.projects, ties = state.ties;
  const base = slot * table.maxMembers, m = table.size[slot];
  for (let a = 0; a < m; a++) {
    const i = table.members[base + a];
    for (let b = a + 1; b < m; b++) {
      const s = ties.find(i, table.members[base + b]);
      if (s < 0) continue;
      const q = i * ties.K + s;
      ties.update(i, s, ties.strength[q], ties.trust[q] * (1 - p.trustLoss), ties.lastUsed[q]);
    }
  }
  state.acc.projectsFailed++;
}

export const projects: Mechanism<ProjectsParams> = {
  id: 'projects',
  doc: 'Coordinated multi-partner projects: pooled knowledge, success from diversity and governance, innovations, codification and project ties (002 §83, §44-46; 000 §5.7-5.8).',
  params: ProjectsParams,
  reads: ['kind', 'leading', 'alive', 'region', 'openness', 'capital', 'employees', 'absorptive', 'tacit', 'codified', 'project', 'ties', 'grid', 'projects', 'policy.projectBoost', 'policy.coopCostCut'],
  writes: ['project', 'capital', 'tacit', 'codified', 'quality', 'ties', 'projects', 'acc.flow.project', 'acc.projectsStarted', 'acc.projectsSucceeded', 'acc.projectsFailed', 'acc.innovIncremental', 'acc.innovRadical', 'acc.tiesFormed'],
  init(state) {
    const D = state.pop.D;
    if (pooled.length < D) pooled = new Float64Array(D);
    if (team.length < state.projects.maxMembers) team = new Int32Array(state.projects.maxMembers);
  },
  step({ state, params, rng }) {
    const pop = state.pop, table = state.projects;
    if (team.length < table.maxMembers) team = new Int32Array(table.maxMembers);
    // Outcomes first, so that members freed this step can join new projects.
    for (let s = 0; s < table.used; s++) {
      if (!table.active[s] || state.t - table.start[s] < table.duration[s]) continue;
      const { entropy, distance } = teamDiversity(state, s);
      if (rng.chance(successChance(state, s, entropy, distance, params))) succeed(state, s, params, distance);
      else fail(state, s, params);
      table.end(pop, s);
    }
    // Coordinators launch in a random order: rows are kept in the scenarios' population order
    // (or a Hilbert order of the map), and in row order the first coordinators would always
    // recruit first among the free candidates (random asynchronous updating avoids such order
    // artefacts: Huberman & Glance 1993; partner search does the same, network.ts).
    const m = drawCoordinators(state, params);
    for (let k = m - 1; k > 0; k--) { const r = rng.int(k + 1), t = coordinators[k]; coordinators[k] = coordinators[r]; coordinators[r] = t; }
    const boost = state.policy.projectBoost;
    for (let q = 0; q < m; q++) {
      const c = coordinators[q];
      if (pop.project[c] >= 0 || !rng.chance(Math.min(1, launchBase(pop, c, params) + boost[c]))) continue;
      if (pop.capital[c] < memberCost(state, c, params)) continue;
      const size = recruit(state, c, params, rng);
      if (size >= 2) launchProject(state, c, team.subarray(0, size));
    }
  },
};

/** This step's possible coordinators (rows) into coordinators[0..m), in row order; returns m. */
let coordinators = new Int32Array(0);
function drawCoordinators(state: State, params: ProjectsParams): number {
  const pop = state.pop, boost = state.policy.projectBoost;
  if (coordinators.length < pop.n) coordinators = new Int32Array(pop.capacity);
  let m = 0;
  for (let c = 0; c < pop.n; c++)
    if (pop.alive[c] && pop.project[c] < 0 && launchBase(pop, c, params) + boost[c] > 0) coordinators[m++] = c;
  return m;
}

/** Launch chance of row c before policy: by kind (competence centre, research institution, leading firm). */
function launchBase(pop: State['pop'], c: number, params: ProjectsParams): number {
  const k = pop.kind[c];
  return k === Kind.competenceCentre ? params.launchCentre : k === Kind.research ? params.launchResearch : pop.leading[c] ? params.launchLeading : 0;
}
