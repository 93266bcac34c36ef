/**
 * Demography (001 VC2 ¶1; 002 §22, §26, §113, §126 b1, §136, §144 b3; MODEL.md §5.7): exit,
 * spin-offs and entry. Every exit goes through removeAgent and every birth through addAgent.
 *
 * Exit. A firm exits when its loss streak (consecutive loss-making steps, counted by the
 * market) reaches exitLosses * (1 + spinoffBoost_i), or when its capital is below zero
 * outside a start-up's grace period (002 §22: "firms with severe scarcities of resources").
 * A start-up begins with a negative loss streak, -startupGrace * (1 + spinoffBoost of its
 * parent): that many loss-making steps are forgiven (spin-off support eases the survival of
 * start-ups, 002 §126 b1, §144 b3). Institutions do not exit.
 *
 * Spin-offs. A firm spins off with chance spinoffRate * success_i * (1 + spinoffBoost_i),
 * success_i = clamp(profit_i / (E_i * successProfit), 0, 1) (successful firms); a research
 * institution with chance spinoffResearch * (1 + spinoffBoost_i) ("science-driven
 * spin-offs", 002 §26). The spin-off is an SME (a KIBS from a KIBS) of the parent's region and
 * sector ("one integrated productive network concentrating on a specific sector", 001 VC2
 * ¶1), settles within spinoffRadiusKm of the parent, inherits inheritShare of the parent's
 * tacit and codified knowledge in every domain, takes its employees (startEmployees) from
 * the parent, starts with capital startCapital per employee (times 1 + the parent's
 * spinoffBoost: seed money), records its parent (pop.parent = parent id) and gets a tie to
 * it (the parent gives up its weakest tie if it has no free slot).
 *
 * Entry. A cluster's success attracts new firms (002 §113, §126 b1, §136): region r draws
 *   entrants ~ entryRate * firms_r * attract_r,
 *   attract_r = clamp((profitable_r + growth_r / growthRef) / 2, 0, 1)
 * (profitable_r: share of its firms making a profit; growth_r: its employment growth over
 * the last step). An entrant is an SME of the sector of a random firm of the region, placed
 * in the region and initialised by initAgent with the scenario's SME population spec for
 * that region and sector (else the kind defaults), then made small (startEmployees) with the
 * spec's capital per employee. Entrants and spin-offs get their market share from the market
 * phase of the next step.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import type { PopulationSpec } from '../../scenario/schema.js';
import { Kind, isFirmKind } from '../population.js';
import { addAgent, removeAgent } from '../state.js';
import { initAgent } from '../build.js';
import type { Rng } from '../rng.js';
import { mechanismParams, nonneg, positive, prob, range } from '../../scenario/common.js';
import { tieTypeOf } from './network.js';
import { cos, sin } from '../math.js';

export const DemographyParams = mechanismParams({
  exitLosses: z.number().int().min(1).max(1000).default(8).describe('Consecutive loss-making steps after which a firm exits (assumption: two years with quarterly steps; 002 §22).'),
  startupGrace: z.number().int().min(0).max(1000).default(4).describe('Loss-making steps forgiven to a new firm (a grace period), times 1 + its parent\'s spinoffBoost (002 §126 b1).'),
  spinoffRate: prob().default(0.004).describe('Chance per step that a fully successful firm spins off a new firm (001 VC2 ¶1; assumption).'),
  successProfit: positive().default(0.1).describe('Profit per employee and step (money units) at which a firm counts as fully successful for spin-offs.'),
  spinoffResearch: prob().default(0.01).describe('Chance per step that a research institution spins off a firm ("science-driven spin-offs", 002 §26; assumption).'),
  spinoffRadiusKm: positive().default(3).describe('A spin-off settles within this distance of its parent (km).'),
  inheritShare: prob().default(0.5).describe('Share of the parent\'s tacit and codified knowledge a spin-off takes with it, in every domain.'),
  startEmployees: range(1).default([1, 5]).describe('Employees of a spin-off or entrant, drawn uniformly.'),
  startCapital: nonneg().default(5).describe('Capital per employee of a spin-off (money units), times 1 + the parent\'s spinoffBoost (seed money).'),
  parentTieStrength: prob().default(0.5).describe('Strength of the tie between a spin-off and its parent.'),
  parentTrust: prob().default(0.7).describe('Trust of the tie between a spin-off and its parent (they know each other).'),
  entryRate: prob().default(0.01).describe('Entrants per firm of a region and step at full attractiveness (002 §113, §136; assumption: up to 4 % a year).'),
  growthRef: positive().default(0.01).describe('Employment growth per step of a region at which growth alone makes it fully attractive.'),
});
export type DemographyParams = z.infer<typeof DemographyParams>;

interface DemographyMemory {
  /** Employment of each region's firms at the end of the last demography step. */
  employment: Float64Array;
  /** SME population spec per region x sector (or null: kind defaults). */
  specs: (PopulationSpec | null)[];
}
const memory = new WeakMap<State, DemographyMemory>();

function remember(state: State): DemographyMemory {
  let m = memory.get(state);
  if (m) return m;
  const R = state.regions.length, S = state.sectors.length;
  const specs: (PopulationSpec | null)[] = new Array(R * S).fill(null);
  state.regions.forEach((reg, r) =>
    state.sectors.forEach((sec, s) => {
      const own = state.scenario.populations.filter((p) => p.region === reg.id && p.sector === sec.id);
      specs[r * S + s] = own.find((p) => p.kind === 'sme') ?? null;
    }));
  m = { employment: regionEmployment(state, new Float64Array(R)), specs };
  memory.set(state, m);
  return m;
}

function regionEmployment(state: State, out: Float64Array): Float64Array {
  const pop = state.pop;
  out.fill(0);
  for (let i = 0; i < pop.n; i++) if (pop.alive[i] && isFirmKind(pop.kind[i])) out[pop.region[i]] += pop.employees[i];
  return out;
}

/** A default SME spec for a region and sector without one in the scenario. */
function defaultSpec(state: State, r: number, s: number, kind: 'sme' | 'kibs'): PopulationSpec {
  return { kind, region: state.regions[r].id, sector: state.sectors[s].id, count: 1, specialisation: 0.5, leadingShare: 0, initialTies: 0 };
}

/** Add a new firm of `kind` in region r, sector s, initialised from the spec; returns its row. */
function newFirm(state: State, kind: 'sme' | 'kibs', r: number, s: number, p: DemographyParams, rng: Rng): number {
  const mem = remember(state);
  const found = kind === 'sme' ? mem.specs[r * state.sectors.length + s] : null;
  const spec = found ? { ...found, leadingShare: 0 } : defaultSpec(state, r, s, kind);
  const i = addAgent(state, Kind[kind], r, s, true);
  initAgent(state, i, spec, rng);
  const pop = state.pop; // columns may have been reallocated
  const E = Math.max(1, Math.round(rng.uniform(p.startEmployees[0], p.startEmployees[1])));
  pop.capital[i] *= E / pop.employees[i];
  pop.employees[i] = E;
  pop.marketShare[i] = 0;
  pop.profit[i] = 0;
  pop.lossStreak[i] = -p.startupGrace;
  return i;
}

function spinOff(state: State, parent: number, p: DemographyParams, rng: Rng): void {
  let pop = state.pop;
  const boost = state.policy.spinoffBoost[parent];
  const kind = pop.kind[parent] === Kind.kibs ? 'kibs' : 'sme';
  const i = newFirm(state, kind, pop.region[parent], pop.sector[parent], p, rng);
  pop = state.pop;
  const D = pop.D;
  const a = rng.uniform(0, 2 * Math.PI), rad = p.spinoffRadiusKm * Math.sqrt(rng.next());
  pop.x[i] = pop.x[parent] + rad * cos(a);
  pop.y[i] = pop.y[parent] + rad * sin(a);
  for (let k = 0; k < D; k++) {
    pop.tacit[i * D + k] = p.inheritShare * pop.tacit[parent * D + k];
    pop.codified[i * D + k] = p.inheritShare * pop.codified[parent * D + k];
  }
  pop.knowledge[i] = pop.knowledgeOf(i);
  pop.quality[i] = pop.knowledge[i];
  pop.absorptive[i] = 0.5 * (pop.absorptive[i] + pop.absorptive[parent]);
  pop.parent[i] = pop.id[parent];
  pop.capital[i] = pop.employees[i] * p.startCapital * (1 + boost);
  pop.lossStreak[i] = -Math.round(p.startupGrace * (1 + boost));
  if (isFirmKind(pop.kind[parent])) pop.employees[parent] = Math.max(1, pop.employees[parent] - pop.employees[i]);
  const ties = state.ties;
  if (ties.full(parent)) {
    let w = 0;
    for (let s = 1; s < ties.deg[parent]; s++) if (ties.strength[parent * ties.K + s] < ties.strength[parent * ties.K + w]) w = s;
    ties.removeSlot(parent, w);
    state.acc.tiesDropped++;
  }
  if (ties.add(i, parent, tieTypeOf(state, i, parent), p.parentTieStrength, p.parentTrust, state.t)) state.acc.tiesFormed++;
}

// Per-run scratch: firm rows grouped by region (counting sort), region figures.
let byRegion = new Int32Array(0);
let start = new Int32Array(0);
let profitable = new Float64Array(0);
let firms = new Float64Array(0);
let employment = new Float64Array(0);
let cursor = new Int32Array(0);

export const demography: Mechanism<DemographyParams> = {
  id: 'demography',
  doc: 'Exit after sustained losses, spin-offs from successful firms and research institutions (nearby, part of the parent\'s knowledge, a tie to the parent), entry attracted by a region\'s success (001 VC2; 002 §26, §113, §144).',
  params: DemographyParams,
  reads: ['alive', 'kind', 'region', 'sector', 'lossStreak', 'capital', 'profit', 'employees', 'tacit', 'codified', 'x', 'y', 'policy.spinoffBoost'],
  writes: ['alive', 'population', 'ties', 'employees', 'parent', 'lossStreak', 'acc.births', 'acc.deaths'],
  init(state) {
    remember(state);
  },
  // Each phase is a function of its own that ends with its loop: V8 compiles a long loop
  // on-stack during its first run, before the lines after it have ever run, and with the
  // phases inline that code was thrown away and compiled again step after step.
  step({ state, params: p, rng }) {
    const mem = remember(state);
    const R = state.regions.length;
    const n0 = state.pop.n;
    exits(state, p, n0);
    regionFigures(state, R, n0);
    regionEmployment(state, employment);
    spinOffs(state, p, rng, n0);
    entries(state, p, rng, R, mem.employment);
    regionEmployment(state, mem.employment);
  },
};

/** Exit after sustained losses or with negative capital. */
function exits(state: State, p: DemographyParams, n0: number): void {
  const pop = state.pop, boost = state.policy.spinoffBoost;
  for (let i = 0; i < n0; i++) {
    if (!pop.alive[i] || !isFirmKind(pop.kind[i])) continue;
    const streak = pop.lossStreak[i];
    if (streak >= p.exitLosses * (1 + boost[i]) || (pop.capital[i] < 0 && streak >= 0)) removeAgent(state, i);
  }
}

/** Firms and profitable firms of each region (the survivors, before births), and the firm rows grouped by region. */
function regionFigures(state: State, R: number, n0: number): void {
  const pop = state.pop;
  if (firms.length < R) {
    firms = new Float64Array(R);
    profitable = new Float64Array(R);
    employment = new Float64Array(R);
    start = new Int32Array(R + 1);
    cursor = new Int32Array(R);
  }
  firms.fill(0, 0, R);
  profitable.fill(0, 0, R);
  start.fill(0, 0, R + 1);
  if (byRegion.length < n0) byRegion = new Int32Array(pop.capacity);
  countFirms(pop, n0);
  for (let r = 0; r < R; r++) start[r + 1] += start[r];
  cursor.set(start.subarray(0, R));
  groupFirms(pop, n0);
}

function countFirms(pop: State['pop'], n0: number): void {
  for (let i = 0; i < n0; i++) {
    if (!pop.alive[i] || !isFirmKind(pop.kind[i])) continue;
    const r = pop.region[i];
    firms[r]++;
    if (pop.profit[i] > 0) profitable[r]++;
    start[r + 1]++;
  }
}

function groupFirms(pop: State['pop'], n0: number): void {
  for (let i = 0; i < n0; i++) if (pop.alive[i] && isFirmKind(pop.kind[i])) byRegion[cursor[pop.region[i]]++] = i;
}

/** Spin-offs (parents are the rows present at the start of the phase). */
function spinOffs(state: State, p: DemographyParams, rng: Rng, n0: number): void {
  const boost = state.policy.spinoffBoost;
  for (let i = 0; i < n0; i++) {
    const pop = state.pop; // a spin-off may reallocate the columns
    if (!pop.alive[i]) continue;
    const k = pop.kind[i];
    let chance = 0;
    if (k === Kind.research) chance = p.spinoffResearch;
    else if (isFirmKind(k)) {
      const success = pop.profit[i] / (Math.max(1, pop.employees[i]) * p.successProfit);
      chance = p.spinoffRate * (success < 0 ? 0 : success > 1 ? 1 : success);
    }
    if (chance > 0 && rng.chance(chance * (1 + boost[i]))) spinOff(state, i, p, rng);
  }
}

/** Entry, by region: attracted by the share of profitable firms and employment growth since the last step. */
function entries(state: State, p: DemographyParams, rng: Rng, R: number, lastEmployment: Float64Array): void {
  for (let r = 0; r < R; r++) {
    if (firms[r] === 0) continue;
    const last = lastEmployment[r];
    const growth = last > 0 ? employment[r] / last - 1 : 0;
    const attract = Math.min(1, Math.max(0, 0.5 * (profitable[r] / firms[r] + growth / p.growthRef)));
    const lambda = p.entryRate * firms[r] * attract;
    let count = Math.floor(lambda) + (rng.chance(lambda % 1) ? 1 : 0);
    while (count-- > 0) {
      const j = byRegion[start[r] + rng.int(start[r + 1] - start[r])];
      newFirm(state, 'sme', r, state.pop.sector[j], p, rng);
    }
  }
}
