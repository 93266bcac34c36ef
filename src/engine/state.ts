/**
 * State-wide helpers that keep the population, ties and per-step buffers in step with
 * each other. Every agent enters through `addAgent`, every step starts with `beginStep`
 * and ends with `endStep`.
 */
import type { Channel, State, StepAccumulators, PolicyModifiers } from './contract.js';
import { CHANNELS, POLICY_MODIFIERS } from './contract.js';
import { hilbertOrder } from './spatial.js';
import { moveRuns } from './population.js';
import { invalidateProfiles } from './profiles.js';
import { capAtFrontierAndRefresh } from './frontier.js';

export function newAccumulators(capacity: number, R: number, S: number): StepAccumulators {
  return {
    flow: zeroFlows(),
    flowByRow: new Float64Array(capacity * CHANNELS.length),
    innovIncremental: new Float64Array(capacity),
    innovRadical: new Float64Array(capacity),
    exchanges: new Float64Array(capacity),
    pastOptimum: new Float64Array(capacity),
    rdPaid: new Float64Array(capacity),
    births: 0,
    deaths: 0,
    birthsByRegion: new Int32Array(R),
    deathsByRegion: new Int32Array(R),
    birthsBySector: new Int32Array(S),
    deathsBySector: new Int32Array(S),
    projectsStarted: 0,
    projectsSucceeded: 0,
    projectsFailed: 0,
    tiesFormed: 0,
    tiesDropped: 0,
    innovTally: { incremental: new Float64Array(1 + R + S), radical: new Float64Array(1 + R + S) },
    spend: new Map(),
    spendByRegion: new Float64Array(R),
  };
}

/**
 * The step's flows by channel, all 0, with fields that hold doubles from the start: an object of
 * integer zeros gets small-integer fields, and the first fractional sum a mechanism adds changes
 * the object's map, which deoptimises every function compiled against the old one
 * (docs/performance.md, item 16). Each field is written a fraction first, then 0.
 */
function zeroFlows(): StepAccumulators['flow'] {
  const flow = Object.fromEntries(CHANNELS.map((c) => [c, 0.5])) as StepAccumulators['flow'];
  for (const c of CHANNELS) flow[c] = 0;
  return flow;
}

export function newModifiers(capacity: number): PolicyModifiers {
  return Object.fromEntries(POLICY_MODIFIERS.map((m) => [m, new Float64Array(capacity)])) as unknown as PolicyModifiers;
}

/**
 * Add a phase's knowledge gains by row, gains[0..n), to `channel` of the step's flows by row
 * (acc.flowByRow, CHANNELS.length a row). A function of its own so that the mechanisms' step
 * functions end without a long loop: V8 compiles a step function on-stack from inside such a
 * loop during its first call, and that code was thrown out again at every later step
 * (docs/performance.md, item 16).
 */
export function addChannelFlow(flow: Float64Array, channel: Channel, gains: Float64Array, n: number): void {
  const C = CHANNELS.length, c = CHANNELS.indexOf(channel);
  for (let i = 0; i < n; i++) flow[i * C + c] += gains[i];
}

/** Grow every per-row buffer to the population's capacity. */
function syncCapacity(state: State): void {
  const cap = state.pop.capacity;
  state.ties.reserve(cap);
  const acc = state.acc;
  if (acc.innovIncremental.length < cap) {
    const g = <T extends Int32Array | Float64Array>(a: T, per = 1): T => {
      const b = new (a.constructor as new (n: number) => T)(cap * per);
      b.set(a);
      return b;
    };
    acc.flowByRow = g(acc.flowByRow, CHANNELS.length);
    acc.innovIncremental = g(acc.innovIncremental);
    acc.innovRadical = g(acc.innovRadical);
    acc.exchanges = g(acc.exchanges);
    acc.pastOptimum = g(acc.pastOptimum);
    acc.rdPaid = g(acc.rdPaid);
    for (const m of POLICY_MODIFIERS) state.policy[m] = g(state.policy[m]);
  }
}

/** Add an agent (row) of the given kind; counts a birth when `isBirth`. Returns the row. */
export function addAgent(state: State, kind: number, region: number, sector: number, isBirth: boolean): number {
  const i = state.pop.add(kind, region, sector, state.t);
  syncCapacity(state);
  state.ties.deg[i] = 0;
  state.acc.innovIncremental[i] = 0;
  state.acc.innovRadical[i] = 0;
  state.acc.exchanges[i] = 0;
  state.acc.pastOptimum[i] = 0;
  state.acc.rdPaid[i] = 0;
  state.acc.flowByRow.fill(0, i * CHANNELS.length, (i + 1) * CHANNELS.length);
  for (const m of POLICY_MODIFIERS) state.policy[m][i] = 0;
  if (isBirth) {
    state.acc.births++;
    state.acc.birthsByRegion[region]++;
    state.acc.birthsBySector[sector]++;
  }
  return i;
}

/** Flag row i as exited (removed at the end of the step). Frees its ties and project seat. */
export function removeAgent(state: State, i: number): void {
  const pop = state.pop;
  if (!pop.alive[i]) return;
  pop.alive[i] = 0;
  state.acc.tiesDropped += state.ties.deg[i];
  state.ties.clear(i);
  state.acc.deaths++;
  state.acc.deathsByRegion[pop.region[i]]++;
  state.acc.deathsBySector[pop.sector[i]]++;
}

/** Reset the step's counters and policy modifiers. */
export function beginStep(state: State, t: number): void {
  state.t = t;
  invalidateProfiles(state);
  const R = state.regions.length, S = state.sectors.length;
  const n = state.pop.n;
  const acc = state.acc;
  for (const c of CHANNELS) acc.flow[c] = 0;
  acc.flowByRow.fill(0, 0, n * CHANNELS.length);
  acc.innovIncremental.fill(0, 0, n);
  acc.innovRadical.fill(0, 0, n);
  acc.exchanges.fill(0, 0, n);
  acc.pastOptimum.fill(0, 0, n);
  acc.rdPaid.fill(0, 0, n);
  acc.births = acc.deaths = 0;
  acc.birthsByRegion = new Int32Array(R);
  acc.deathsByRegion = new Int32Array(R);
  acc.birthsBySector = new Int32Array(S);
  acc.deathsBySector = new Int32Array(S);
  acc.projectsStarted = acc.projectsSucceeded = acc.projectsFailed = 0;
  acc.tiesFormed = acc.tiesDropped = 0;
  acc.spend = new Map();
  acc.spendByRegion = new Float64Array(R);
  for (const m of POLICY_MODIFIERS) state.policy[m].fill(0, 0, n);
}

/** Tally the step's innovations, age the living, remove the dead, re-index space, refresh derived columns. */
export function endStep(state: State): void {
  const pop = state.pop;
  tallyInnovations(state);
  ageLiving(pop);
  const oldN = pop.n;
  const moved = pop.compact();
  if (moved) {
    state.ties.remap(moved.map, oldN, moved.runs);
    state.projects.remap(pop, moved.map);
    compactRows(state, moved.runs);
  }
  state.grid.rebuildFlagged(pop.x, pop.y, pop.n, pop.alive);
  capAtFrontierAndRefresh(state);
}

/**
 * A function of its own, so endStep has no loop: with the loop inline, V8 compiled endStep
 * on-stack from inside it, before the lines after it had ever run, and that compiled code
 * was entered and thrown out again at every step of a large population (docs/performance.md).
 */
function ageLiving(pop: State['pop']): void {
  const n = pop.n, alive = pop.alive, age = pop.age;
  for (let i = 0; i < n; i++) if (alive[i]) age[i]++;
}

/** The step's innovations by scope, all rows (those flagged dead this step too). */
function tallyInnovations(state: State): void {
  const pop = state.pop, R = state.regions.length, acc = state.acc;
  const inc = acc.innovTally.incremental, rad = acc.innovTally.radical;
  inc.fill(0);
  rad.fill(0);
  const n = pop.n, incI = acc.innovIncremental, radI = acc.innovRadical, region = pop.region, sector = pop.sector;
  for (let i = 0; i < n; i++) {
    const a = incI[i], b = radI[i];
    if (a === 0 && b === 0) continue;
    const r = 1 + region[i], s = 1 + R + sector[i];
    inc[0] += a; inc[r] += a; inc[s] += a;
    rad[0] += b; rad[r] += b; rad[s] += b;
  }
}

/** Move per-row step counters along with the population so metrics see the right rows. */
function compactRows(state: State, runs: Int32Array): void {
  const acc = state.acc;
  moveRuns(acc.innovIncremental, runs, 1);
  moveRuns(acc.innovRadical, runs, 1);
  moveRuns(acc.exchanges, runs, 1);
  moveRuns(acc.pastOptimum, runs, 1);
  moveRuns(acc.rdPaid, runs, 1);
  moveRuns(acc.flowByRow, runs, CHANNELS.length);
}

/**
 * Populations at least this large are put in spatial order at build (see sortRowsSpatially).
 * Measured (docs/performance.md): no gain at 1,000 agents, +15% at 4,000, +60% at 10,000.
 * Below it small scenarios keep their rows in the order of the scenario's populations.
 */
export const SPATIAL_SORT_MIN_ROWS = 4_096;

/**
 * Put rows in spatial order: Hilbert order of grid cells (spatial.ts hilbertOrder), rows of one cell in
 * their old order. Agents that interact (spatial neighbours, local partners) then sit in
 * nearby rows, so the hot loops read memory that is already in cache (docs/performance.md). Stable ids move with
 * their rows; ties, project members and per-row step buffers are remapped. Deterministic.
 * Meant for build time (it allocates); does nothing if some rows are dead or the population
 * is smaller than `minRows`.
 */
export function sortRowsSpatially(state: State, minRows = SPATIAL_SORT_MIN_ROWS): void {
  const pop = state.pop, n = pop.n;
  if (n < Math.max(2, minRows)) return;
  for (let i = 0; i < n; i++) if (!pop.alive[i]) return;
  const perm = hilbertOrder(pop.x, pop.y, n, state.grid.cell);
  const map = new Int32Array(n);
  let moved = false;
  for (let r = 0; r < n; r++) {
    map[perm[r]] = r;
    if (perm[r] !== r) moved = true;
  }
  if (!moved) return;
  pop.permute(perm);
  state.ties.permute(perm, map, n);
  state.projects.remap(pop, map);
  const acc = state.acc, C = CHANNELS.length;
  const gather = <T extends Int32Array | Float64Array>(a: T, per = 1): void => {
    const copy = a.slice(0, n * per);
    for (let r = 0; r < n; r++) for (let c = 0; c < per; c++) a[r * per + c] = copy[perm[r] * per + c];
  };
  gather(acc.flowByRow, C);
  gather(acc.innovIncremental);
  gather(acc.innovRadical);
  gather(acc.exchanges);
  gather(acc.pastOptimum);
  gather(acc.rdPaid);
  for (const m of POLICY_MODIFIERS) gather(state.policy[m]);
  state.grid.rebuild(pop.x, pop.y, n, () => true);
}
