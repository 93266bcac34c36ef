/**
 * What is measured (docs/model/indicators.md), declared as named reporters. Each reporter is a function
 * of the state and the rows of one scope (the whole system, one region or one sector); the
 * recorder evaluates the declared list at the scheduled steps and emits tidy long rows
 * `{step, scope, metric, value}` that feed Vega-Lite directly.
 *
 * Each reporter also has an expression `symbol` (camelCase) under which its system value
 * is visible to lever expressions (src/engine/expr.ts).
 */
import type { State } from '../contract.js';
import { CHANNELS } from '../contract.js';
import { Kind, isFirmKind } from '../population.js';
import { networkStats, type NetworkStats } from './network.js';
import { TKM_REPORTERS } from './tkm.js';
import { STEPS_PER_YEAR } from '../frontier.js';
import { distanceOf, profileFrom } from '../proximity.js';
import { log } from '../math.js';
import { quantile7 } from './quantile.js';
import { importedLines } from '../mechanisms/market.js';

export interface Scope {
  kind: 'system' | 'region' | 'sector';
  index: number;
  /** `system`, `region:<id>` or `sector:<id>`. */
  label: string;
}

/** Values shared by several reporters of one scope, computed once. */
export interface ScopeData {
  rows: Int32Array;
  net: NetworkStats;
  /** The scope's firm sizes, gathered by the first quantile reporter that needs them (selection reorders them). */
  sizes?: Float64Array;
}

export interface Reporter {
  name: string;
  symbol: string;
  unit: string;
  doc: string;
  compute(state: State, d: ScopeData, scope: Scope): number;
}

const sum = (rows: Int32Array, col: ArrayLike<number>) => {
  let s = 0;
  for (let q = 0; q < rows.length; q++) s += col[rows[q]];
  return s;
};
const mean = (rows: Int32Array, col: ArrayLike<number>) => (rows.length ? sum(rows, col) / rows.length : 0);

/** Gini coefficient of a column over rows (0 = equal, 1 = all in one agent). */
export function gini(rows: Int32Array, col: ArrayLike<number>): number {
  const n = rows.length;
  if (n < 2) return 0;
  const v = new Float64Array(n);
  for (let q = 0; q < n; q++) v[q] = col[rows[q]];
  v.sort();
  let cum = 0, weighted = 0;
  for (let q = 0; q < n; q++) { cum += v[q]; weighted += (q + 1) * v[q]; }
  return cum > 0 ? (2 * weighted) / (n * cum) - (n + 1) / n : 0;
}

/** Shannon entropy of the scope's knowledge over domains, normalised to [0,1] by log D. */
export function domainEntropy(state: State, rows: Int32Array): number {
  const pop = state.pop, D = pop.D;
  if (D < 2) return 0;
  const tot = new Float64Array(D);
  domainTotals(pop, rows, tot);
  let all = 0;
  for (let k = 0; k < D; k++) all += tot[k];
  if (all <= 0) return 0;
  let h = 0;
  for (let k = 0; k < D; k++) if (tot[k] > 0) { const p = tot[k] / all; h -= p * log(p); }
  return h / log(D);
}

/**
 * The scope's knowledge summed by domain (tacit + codified) into tot. The loops over the rows
 * of domainEntropy, tacitShare and tkm.ts creativity are functions of their own that end with
 * their loop: inline, V8 compiled the reporter on-stack in the loop before the lines after it
 * had run, and threw that code away there at every record (docs/performance.md, item 28).
 */
export function domainTotals(pop: State['pop'], rows: Int32Array, tot: Float64Array): void {
  const D = pop.D, T = pop.tacit, C = pop.codified;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    for (let k = 0; k < D; k++) tot[k] += T[i * D + k] + C[i * D + k];
  }
}

function tacitShare(state: State, rows: Int32Array): number {
  const t = tacitTotal(state.pop, rows), c = codifiedTotal;
  return t + c > 0 ? t / (t + c) : 0;
}

/** The codified knowledge tacitTotal summed (a module variable: see domainTotals). */
let codifiedTotal = 0;

/** The scope's tacit knowledge summed over rows and domains (and the codified into codifiedTotal), in that order. */
function tacitTotal(pop: State['pop'], rows: Int32Array): number {
  const D = pop.D, T = pop.tacit, C = pop.codified;
  let t = 0, c = 0;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    for (let k = 0; k < D; k++) { t += T[i * D + k]; c += C[i * D + k]; }
  }
  codifiedTotal = c;
  return t;
}

const firms = (state: State, rows: Int32Array) => {
  let c = 0;
  for (let q = 0; q < rows.length; q++) if (isFirmKind(state.pop.kind[rows[q]])) c++;
  return c;
};

/**
 * Mean frontier of each sector over domains (absolute units, as knowledge is stored): flows
 * are reported in units of it, so that they are comparable across steps while the frontier
 * grows (and unaffected by the exact rescaling of src/engine/frontier.ts).
 */
export function sectorFrontiers(state: State, out = new Float64Array(state.sectors.length)): Float64Array {
  const pop = state.pop, D = pop.D, S = state.sectors.length;
  for (let s = 0; s < S; s++) {
    let f = 0;
    for (let k = 0; k < D; k++) f += pop.frontier[s * D + k];
    out[s] = f / D;
  }
  return out;
}

/** Knowledge received by the rows through channel c this step, in units of their sector's mean frontier. */
export function relativeFlow(state: State, rows: ArrayLike<number>, c: number, frontiers = sectorFrontiers(state)): number {
  const f = state.acc.flowByRow, sector = state.pop.sector;
  let s = 0;
  for (let q = 0; q < rows.length; q++) s += f[rows[q] * CHANNELS.length + c] / frontiers[sector[rows[q]]];
  return s;
}

const channelFlow = (c: number) => (state: State, d: ScopeData) => relativeFlow(state, d.rows, c);

/** The q-quantile (0..1) of the scope's firm sizes (employees; 0 with no firm), sorting them once per scope. */
function sizeQuantile(state: State, d: ScopeData, q: number): number {
  if (!d.sizes) {
    const v = new Float64Array(d.rows.length);
    let m = 0;
    for (let k = 0; k < d.rows.length; k++) if (isFirmKind(state.pop.kind[d.rows[k]])) v[m++] = state.pop.employees[d.rows[k]];
    d.sizes = v.subarray(0, m);
  }
  // Linear interpolation between order statistics (type 7, R's default), by selection.
  return quantile7(d.sizes, d.sizes.length, q);
}

/**
 * Headcount under which a firm is an SME: the European Commission's definition, "fewer than
 * 250 persons" (Recommendation 2003/361/EC, Annex Art. 2). Its turnover and balance-sheet
 * ceilings are not applied: the model's money is in its own units.
 */
export const SME_MAX_EMPLOYEES = 250;

/** Sales of the scope's firms (any firm kind) with fewer than SME_MAX_EMPLOYEES employees. */
function smeSales(state: State, rows: Int32Array): number {
  const { kind, employees, revenue } = state.pop;
  let s = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    if (isFirmKind(kind[i]) && employees[i] < SME_MAX_EMPLOYEES) s += revenue[i];
  }
  return s;
}

/** Sum of a column over the scope's firms of a kind (or all firms when kind < 0). */
function firmSum(state: State, rows: Int32Array, col: ArrayLike<number>, kind = -1): number {
  let s = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k], kd = state.pop.kind[i];
    if (isFirmKind(kd) && (kind < 0 || kd === kind)) s += col[i];
  }
  return s;
}

const perYear = (state: State) => STEPS_PER_YEAR[state.scenario.timeUnit];

/** A tally by scope ([system, regions..., sectors...]) at a scope. */
const tally = (state: State, t: Float64Array, scope: Scope) =>
  t[scope.kind === 'system' ? 0 : scope.kind === 'region' ? 1 + scope.index : 1 + state.regions.length + scope.index];

const byScope = (scope: Scope, sys: number, region: ArrayLike<number>, sector: ArrayLike<number>) =>
  scope.kind === 'system' ? sys : scope.kind === 'region' ? region[scope.index] : sector[scope.index];

/** The network type of 002 §80-84 by dominant flow channel: 0 ecological, 1 identity, 2 strategy. */

/**
 * The knowledge flows of each channel, per scope (system, then each region, then each
 * sector), as exponential moving averages over a window of two years (weight 1 / (2 x steps
 * a year) on each step), in frontier units: what network.type reads, so that the type does
 * not flip with one step's draws. Updated every step by the simulation (updateFlowWindow).
 */
const windows = new WeakMap<State, Float64Array>();
let nowBuf = new Float64Array(0), frBuf = new Float64Array(0);

export function updateFlowWindow(state: State): void {
  const R = state.regions.length, S = state.sectors.length, C = CHANNELS.length;
  let w = windows.get(state);
  const first = !w;
  if (!w) { w = new Float64Array((1 + R + S) * C); windows.set(state, w); }
  if (nowBuf.length !== (1 + R + S) * C) nowBuf = new Float64Array((1 + R + S) * C);
  const now = nowBuf.fill(0);
  if (frBuf.length !== S) frBuf = new Float64Array(S);
  sumFlows(state.pop, state.acc.flowByRow, sectorFrontiers(state, frBuf), R, now);
  const alpha = first ? 1 : 1 / (2 * STEPS_PER_YEAR[state.scenario.timeUnit]);
  for (let q = 0; q < w.length; q++) w[q] += alpha * (now[q] - w[q]);
}

/**
 * This step's flows by channel into `now` ([system, regions..., sectors...] x channels), in
 * units of each receiver's sector frontier. A function of its own, so updateFlowWindow has no
 * long loop: with the loop inline, V8 compiled updateFlowWindow on-stack from inside it during
 * its first call, when the line after the loop had only run its first-call branch, and that
 * compiled code was entered and thrown out again at every later step (docs/performance.md).
 */
function sumFlows(pop: State['pop'], f: Float64Array, fr: Float64Array, R: number, now: Float64Array): void {
  const C = CHANNELS.length, n = pop.n, sector = pop.sector, region = pop.region;
  for (let i = 0; i < n; i++) {
    const s = sector[i], a = fr[s], r = 1 + region[i], sc = 1 + R + s;
    for (let c = 0; c < C; c++) {
      const v = f[i * C + c] / a;
      now[c] += v;
      now[r * C + c] += v;
      now[sc * C + c] += v;
    }
  }
}

/** The moving averages of the four channels' flows for a scope (zeros before the first update). */
function flowWindowOf(state: State, scope: Scope): Float64Array {
  const C = CHANNELS.length, R = state.regions.length;
  const w = windows.get(state);
  if (!w) return new Float64Array(C);
  const at = scope.kind === 'system' ? 0 : scope.kind === 'region' ? 1 + scope.index : 1 + R + scope.index;
  return w.subarray(at * C, (at + 1) * C);
}

/** Median cognitive distance over the ties with both ends in the scope (0 without ties). */
function tieDistanceMedian(state: State, rows: Int32Array): number {
  const pop = state.pop, D = pop.D;
  // Each pass a function that ends with its loop: with the four loops in one function, V8
  // compiled it on-stack in one loop and threw that code away in a later one, record after
  // record (docs/performance.md, item 16). The same operations in the same order.
  // Buffers kept across records (new arrays of these sizes, ~1 MB at 10,000 agents, were a
  // fresh allocation and its page faults at every record): inScope cleared, prof read only at
  // rows of the scope, which profilesOfRows writes, and all only below the count of distances.
  if (inScopeBuf.length < pop.n) inScopeBuf = new Uint8Array(pop.capacity);
  const inScope = inScopeBuf;
  inScope.fill(0, 0, pop.n);
  markRows(rows, inScope);
  // Each row's profile once, then a dot product per tie.
  if (profBuf.length < pop.n * D) profBuf = new Float64Array(pop.capacity * D);
  const prof = profBuf;
  profilesOfRows(pop, rows, prof);
  const ends = tieEnds(state, rows);
  if (distBuf.length < ends) distBuf = new Float64Array(Math.max(ends, 2 * distBuf.length));
  const all = distBuf;
  const m = tieDistances(state, rows, inScope, prof, all);
  return quantile7(all, m, 0.5);
}
let inScopeBuf = new Uint8Array(0);
let profBuf = new Float64Array(0);
let distBuf = new Float64Array(0);

/** inScope[i] = 1 for the rows. */
function markRows(rows: Int32Array, inScope: Uint8Array): void {
  for (const i of rows) inScope[i] = 1;
}

/**
 * Each row's centred unit profile into its row of prof (proximity.ts profileFrom), with the
 * columns in locals (profileInto per row loaded them again for every row: ~100 ns a row, the
 * largest part of this reporter).
 */
function profilesOfRows(pop: State['pop'], rows: Int32Array, prof: Float64Array): void {
  const D = pop.D, T = pop.tacit, C = pop.codified, F = pop.frontier, sector = pop.sector;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    profileFrom(T, C, F, sector[i] * D, i * D, D, prof, i * D);
  }
}

/** Tie ends of the rows (room for their ties' distances). */
function tieEnds(state: State, rows: Int32Array): number {
  const deg = state.ties.deg;
  let m = 0;
  for (const i of rows) m += deg[i];
  return m;
}

/** The cognitive distance of each tie with both ends in the scope (once, from its lower row) into all; returns their count. */
function tieDistances(state: State, rows: Int32Array, inScope: Uint8Array, prof: Float64Array, all: Float64Array): number {
  const ties = state.ties, K = ties.K, D = state.pop.D;
  let m = 0;
  for (const i of rows) {
    for (let s = 0; s < ties.deg[i]; s++) {
      const j = ties.partner[i * K + s];
      if (j <= i || !inScope[j]) continue;
      let dot = 0;
      for (let k = 0; k < D; k++) dot += prof[i * D + k] * prof[j * D + k];
      all[m++] = distanceOf(dot);
    }
  }
  return m;
}

export const REPORTERS: Reporter[] = [
  { name: 'agents.count', symbol: 'agents', unit: 'agents', doc: 'Living agents of every kind.', compute: (_s, d) => d.rows.length },
  { name: 'firms.count', symbol: 'firms', unit: 'firms', doc: 'Living firms (SMEs, leading firms, KIBS).', compute: (s, d) => firms(s, d.rows) },
  { name: 'births', symbol: 'births', unit: 'agents/step', doc: 'Agents that entered this step (entry and spin-offs).',
    compute: (s, _d, sc) => byScope(sc, s.acc.births, s.acc.birthsByRegion, s.acc.birthsBySector) },
  { name: 'deaths', symbol: 'deaths', unit: 'agents/step', doc: 'Agents that exited this step.',
    compute: (s, _d, sc) => byScope(sc, s.acc.deaths, s.acc.deathsByRegion, s.acc.deathsBySector) },
  { name: 'births.rate', symbol: 'birthRate', unit: '1/year', doc: 'Entrants per firm and year: births this step / firms x steps a year.',
    compute: (s, d, sc) => { const f = firms(s, d.rows); return f > 0 ? (byScope(sc, s.acc.births, s.acc.birthsByRegion, s.acc.birthsBySector) / f) * perYear(s) : 0; } },
  { name: 'deaths.rate', symbol: 'deathRate', unit: '1/year', doc: 'Exits per firm and year: deaths this step / firms x steps a year.',
    compute: (s, d, sc) => { const f = firms(s, d.rows); return f > 0 ? (byScope(sc, s.acc.deaths, s.acc.deathsByRegion, s.acc.deathsBySector) / f) * perYear(s) : 0; } },
  { name: 'employment', symbol: 'employment', unit: 'employees', doc: 'Total employees.', compute: (s, d) => sum(d.rows, s.pop.employees) },
  { name: 'firms.size.p50', symbol: 'firmSizeP50', unit: 'employees', doc: 'Median firm size (employees of SMEs, leading firms and KIBS).', compute: (s, d) => sizeQuantile(s, d, 0.5) },
  { name: 'firms.size.p90', symbol: 'firmSizeP90', unit: 'employees', doc: '90th percentile of firm size (employees).', compute: (s, d) => sizeQuantile(s, d, 0.9) },
  { name: 'firms.size.p99', symbol: 'firmSizeP99', unit: 'employees', doc: '99th percentile of firm size (employees).', compute: (s, d) => sizeQuantile(s, d, 0.99) },
  { name: 'firms.age.mean', symbol: 'firmAge', unit: 'years', doc: 'Mean age of the living firms.',
    compute: (s, d) => { const f = firms(s, d.rows); return f > 0 ? firmSum(s, d.rows, s.pop.age) / f / perYear(s) : 0; } },
  { name: 'market.smeShare', symbol: 'smeShare', unit: '0-1', doc: 'SMEs\' share of the sales of the scope\'s firms (its sectors\' markets in its regions): firms of any kind with fewer than 250 employees (European Commission 2003/361/EC).',
    compute: (s, d) => { const all = firmSum(s, d.rows, s.pop.revenue); return all > 0 ? smeSales(s, d.rows) / all : 0; } },
  { name: 'market.smeKindShare', symbol: 'smeKindShare', unit: '0-1', doc: 'Share of the scope\'s firms\' sales held by firms of the SME kind, whatever their size (those that started or entered as SMEs, including those grown past 250 employees).',
    compute: (s, d) => { const all = firmSum(s, d.rows, s.pop.revenue); return all > 0 ? firmSum(s, d.rows, s.pop.revenue, Kind.sme) / all : 0; } },
  { name: 'market.importShare', symbol: 'importShare', unit: '0-1', doc: 'Share of the product lines of the scope\'s markets (its sectors in its regions) held outside the cluster (imports): the unmet demand that draws entrants (docs/model/market.md, "The outside supplier").',
    compute: (s, d, sc) => {
      const out = importedLines(s, sc.kind === 'region' ? sc.index : -1, sc.kind === 'sector' ? sc.index : -1);
      const all = out + firmSum(s, d.rows, s.pop.lines);
      return all > 0 ? out / all : 0;
    } },
  { name: 'institutions.funding', symbol: 'institutionFunding', unit: 'money/step', doc: 'Public budget the scope\'s institutions (research, competence and assistance centres) kept this step: their funding less what returned unspent.',
    compute: (s, d) => { let b = 0; for (const i of d.rows) if (!isFirmKind(s.pop.kind[i])) b += s.pop.revenue[i]; return b; } },
  { name: 'knowledge.mean', symbol: 'knowledge', unit: '0-1', doc: 'Mean relative knowledge level: tacit + codified over the sector\'s frontier, mean over domains (about 0-1).', compute: (s, d) => mean(d.rows, s.pop.knowledge) },
  { name: 'frontier.mean', symbol: 'frontier', unit: 'index (1 at step 0)', doc: 'Technological frontier of the scope\'s agents\' sectors, mean over domains and agents (absolute knowledge units: 1 at step 0 unless agents started above 1).',
    compute: (s, d) => { const fr = sectorFrontiers(s), sc = 2 ** s.pop.frontierLog2; let f = 0; for (const i of d.rows) f += fr[s.pop.sector[i]]; return d.rows.length ? (f / d.rows.length) * sc : 0; } },
  { name: 'knowledge.gini', symbol: 'knowledgeGini', unit: '0-1', doc: 'Gini coefficient of agents\' knowledge levels.', compute: (s, d) => gini(d.rows, s.pop.knowledge) },
  { name: 'knowledge.entropy', symbol: 'knowledgeDiversity', unit: '0-1', doc: 'Knowledge diversity: entropy of knowledge across domains, normalised by log D.', compute: (s, d) => domainEntropy(s, d.rows) },
  { name: 'knowledge.tacitShare', symbol: 'tacitShare', unit: '0-1', doc: 'Share of knowledge held tacitly.', compute: (s, d) => tacitShare(s, d.rows) },
  { name: 'innovations.incremental', symbol: 'incrementalInnovations', unit: 'innovations/step', doc: 'Incremental innovations this step, by agents of the scope (those that left in the step too); a joint project\'s one innovation is shared among its members.',
    compute: (s, _d, sc) => tally(s, s.acc.innovTally.incremental, sc) },
  { name: 'innovations.radical', symbol: 'radicalInnovations', unit: 'innovations/step', doc: 'Radical (recombinant) innovations this step, counted as the incremental ones.',
    compute: (s, _d, sc) => tally(s, s.acc.innovTally.radical, sc) },
  { name: 'productivity.mean', symbol: 'productivity', unit: '0-1', doc: 'Mean product quality (relative knowledge plus the premium of recent innovations).', compute: (s, d) => mean(d.rows, s.pop.quality) },
  { name: 'output.total', symbol: 'output', unit: 'output units', doc: 'Output: employees x productivity, summed over firms.',
    compute: (s, d) => { let o = 0; for (const i of d.rows) if (isFirmKind(s.pop.kind[i])) o += s.pop.employees[i] * s.pop.quality[i]; return o; } },
  { name: 'absorptive.mean', symbol: 'absorptiveCapacity', unit: '0-1', doc: 'Mean absorptive capacity.', compute: (s, d) => mean(d.rows, s.pop.absorptive) },
  { name: 'ict.mean', symbol: 'ictAdoption', unit: '0-1', doc: 'Mean ICT adoption.', compute: (s, d) => mean(d.rows, s.pop.ict) },
  { name: 'ict.gap', symbol: 'ictGap', unit: '0-1', doc: 'ICT gap: mean ICT of firms with 50+ employees minus that of firms under 50 (000 §5.2 digital divide).',
    compute: (s, d) => {
      let a = 0, na = 0, b = 0, nb = 0;
      for (const i of d.rows) {
        if (!isFirmKind(s.pop.kind[i])) continue;
        if (s.pop.employees[i] >= 50) { a += s.pop.ict[i]; na++; } else { b += s.pop.ict[i]; nb++; }
      }
      return na > 0 && nb > 0 ? a / na - b / nb : 0;
    } },
  ...CHANNELS.map((c, k): Reporter => ({
    name: `flow.${c}`, symbol: `flow${c[0].toUpperCase()}${c.slice(1)}`, unit: 'knowledge units/step',
    doc: `Knowledge received this step through the ${c} channel, in units of the receivers' sector frontier.`, compute: channelFlow(k),
  })),
  { name: 'network.ties', symbol: 'ties', unit: 'ties', doc: 'Ties among agents of the scope.', compute: (_s, d) => d.net.ties },
  { name: 'network.meanDegree', symbol: 'meanDegree', unit: 'ties/agent', doc: 'Mean number of ties per agent within the scope.', compute: (_s, d) => d.net.meanDegree },
  { name: 'network.density', symbol: 'density', unit: '0-1', doc: 'Ties divided by possible ties n(n-1)/2.', compute: (_s, d) => d.net.density },
  { name: 'network.clustering', symbol: 'clustering', unit: '0-1', doc: 'Mean local clustering coefficient (sampled, see docs/model.md).', compute: (_s, d) => d.net.clustering },
  { name: 'network.giantShare', symbol: 'giantShare', unit: '0-1', doc: 'Share of the scope\'s agents in its largest connected component.', compute: (_s, d) => d.net.giantShare },
  { name: 'network.interRegionalShare', symbol: 'interRegionalShare', unit: '0-1', doc: 'Share of tie ends that reach another region (meta-cluster index, 004).', compute: (_s, d) => d.net.interRegionalShare },
  { name: 'network.type', symbol: 'networkType', unit: 'code', doc: 'Dominant channel over a moving window of two years: 0 ecological (spillovers), 1 identity (tie learning, tacit and codified), 2 strategy (projects) (002 §80-84).',
    compute: (s, _d, sc) => {
      const w = flowWindowOf(s, sc);
      const f = [w[0], w[1] + w[3], w[2]];
      return f[0] + f[1] + f[2] > 0 ? f.indexOf(Math.max(...f)) : 0;
    } },
  { name: 'network.cognitiveDistance.p50', symbol: 'tieCognitiveDistance', unit: '0-1', doc: 'Median cognitive distance between tie partners within the scope (proximity.ts cognitiveDistance).',
    compute: (s, d) => tieDistanceMedian(s, d.rows) },
  { name: 'learning.pastOptimumShare', symbol: 'pastOptimumShare', unit: '0-1', doc: 'Share of this step\'s tie-learning exchanges (each learning side of a used tie) whose cognitive distance lay beyond the learner\'s optimal distance d*.',
    compute: (s, d) => { const e = sum(d.rows, s.acc.exchanges); return e > 0 ? sum(d.rows, s.acc.pastOptimum) / e : 0; } },
  { name: 'projects.active', symbol: 'activeProjects', unit: 'projects', doc: 'Agents of the scope working on a joint project.',
    compute: (s, d) => { let c = 0; for (const i of d.rows) if (s.pop.project[i] >= 0) c++; return c; } },
  ...TKM_REPORTERS,
];

/** Rows of each scope (alive only). */
export function scopeRows(state: State, kinds: readonly ('system' | 'region' | 'sector')[]): { scope: Scope; rows: Int32Array }[] {
  const pop = state.pop;
  const out: { scope: Scope; rows: Int32Array }[] = [];
  const alive = aliveRows(pop);
  if (kinds.includes('system')) out.push({ scope: { kind: 'system', index: 0, label: 'system' }, rows: alive });
  const group = (kind: 'region' | 'sector', col: Uint16Array, ids: string[]) => {
    const lists: number[][] = ids.map(() => []);
    for (const i of alive) lists[col[i]].push(i);
    ids.forEach((id, k) => out.push({ scope: { kind, index: k, label: `${kind}:${id}` }, rows: Int32Array.from(lists[k]) }));
  };
  if (kinds.includes('region')) group('region', pop.region, state.regions.map((r) => r.id));
  if (kinds.includes('sector')) group('sector', pop.sector, state.sectors.map((s) => s.id));
  return out;
}

/**
 * The living rows, in order. A function of its own that ends with its loop: inline, V8
 * compiled scopeRows on-stack from inside the loop and threw the code away at the lines
 * after it, at every recorded step.
 */
function aliveRows(pop: State['pop']): Int32Array {
  let count = 0;
  for (let i = 0; i < pop.n; i++) count += pop.alive[i];
  const rows = new Int32Array(count);
  for (let i = 0, k = 0; i < pop.n; i++) if (pop.alive[i]) rows[k++] = i;
  return rows;
}

/**
 * Policy spending and cost-effectiveness (docs/levers.md, docs/model/indicators.md). The
 * simulation records `policy.spend` at the system scope and at every `region:<id>` scope
 * (the regions whose agents the money reached), next to the per-instance rows
 * `policy.spend.<instance>`. Cost ratios divide by max(1, denominator),
 * so they stay finite before the first innovation.
 */
export const POLICY_METRICS: readonly Omit<Reporter, 'compute'>[] = [
  { name: 'policy.spend', symbol: 'spend', unit: 'money/step', doc: 'Spending of all lever instances this step (each instance also as policy.spend.<instance>).' },
  { name: 'policy.spendCumulative', symbol: 'spendCumulative', unit: 'money', doc: 'Spending of all lever instances since the start.' },
  { name: 'policy.costPerInnovation', symbol: 'costPerInnovation', unit: 'money/innovation', doc: 'Cumulative spending / cumulative innovations (incremental + radical, all agents).' },
  { name: 'policy.costPerKnowledge', symbol: 'costPerKnowledge', unit: 'money/knowledge unit', doc: 'Cumulative spending / cumulative knowledge gained through all channels (spillover, tie, project, codified).' },
];

/** Outcomes since the start (system scope), recorded by the simulation next to the policy metrics. */
export const CUMULATIVE_METRICS: readonly Omit<Reporter, 'compute'>[] = [
  { name: 'innovations.cumulative', symbol: 'innovationsCumulative', unit: 'innovations', doc: 'Innovations (incremental + radical, all agents) since the start.' },
  { name: 'births.cumulative', symbol: 'birthsCumulative', unit: 'agents', doc: 'Agents that entered (entry and spin-offs) since the start.' },
  { name: 'deaths.cumulative', symbol: 'deathsCumulative', unit: 'agents', doc: 'Agents that exited since the start.' },
];

const ALL_METRICS = [...REPORTERS, ...POLICY_METRICS, ...CUMULATIVE_METRICS];
export const METRIC_NAMES: readonly string[] = ALL_METRICS.map((r) => r.name);
export const METRIC_SYMBOLS: ReadonlySet<string> = new Set(['t', ...ALL_METRICS.map((r) => r.symbol)]);
export { Kind };
