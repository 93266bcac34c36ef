/**
 * The six Territorial Knowledge Management factors (002 §100; §59 calls them phases of
 * knowledge creation): "stimulus to innovate, accessibility, receptivity, local identity,
 * creativity and governance capabilities". The report gives no formula (its Figure 5 is
 * lost), so each is a composite indicator in [0, 1] built from what the text says the factor
 * means (docs/sources.md §2.6, 002 Table 1 rows 1-6); formulas and half-saturation constants
 * are assumptions, documented in docs/model/indicators.md. Every factor is computed over the
 * living agents of a scope (the system, a region, a sector) in O(rows * K).
 */
import type { State } from '../contract.js';
import { Kind, isFirmKind } from '../population.js';
import type { Reporter, ScopeData } from './index.js';
import { log } from '../math.js';

/** Names of the factors, in the order of 002 §100. */
export const TKM_FACTORS = ['stimulus', 'accessibility', 'receptivity', 'identity', 'creativity', 'governance'] as const;
export type TkmFactor = (typeof TKM_FACTORS)[number];

/** Half-saturation constants and scales of the composites (assumptions, indicators.md). */
export const TKM_SCALES = {
  /** Demand growth per step that makes the growth part of stimulus 1 (0 growth -> 1/2). */
  growth: 0.01,
  /** Mean relative quality gap to the sector's average at which competitive pressure is 1/2. */
  pressure: 0.3,
  /** Local (same-region) ties per agent at which local accessibility is 1/2. */
  localTies: 4,
  /** Inter-regional ties per agent at which international accessibility is 1/2. */
  remoteTies: 0.5,
  /** Radical innovations per agent and step at which the recombination part of creativity is 1/2. */
  radical: 0.01,
  /** Mean R&D effort at which the effort part of creativity is 1/2. */
  effort: 0.1,
} as const;

const sat = (x: number, half: number) => (x > 0 ? x / (x + half) : 0);
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

let qualitySum = new Float64Array(0);
let firmCount = new Float64Array(0);
let domainSum = new Float64Array(0);

/**
 * Stimulus to innovate (002 §119, §121, §32; Table 1 row 1; Table 2 "demand changes"): the
 * mean of the demand growth of the scope's sectors (employee-weighted, 0.5 at no growth, 1 at
 * `growth` a step or more) and competitive pressure (mean |q_i / qbar_s - 1| over firms,
 * saturating: rivals of differing quality push to change).
 */
export function stimulus(state: State, rows: Int32Array): number {
  const pop = state.pop, S = state.sectors.length;
  if (qualitySum.length < S) { qualitySum = new Float64Array(S); firmCount = new Float64Array(S); }
  qualitySum.fill(0, 0, S);
  firmCount.fill(0, 0, S);
  // Each pass a function that ends with its loop (metrics/index.ts domainTotals).
  const g = sectorSums(state, rows), w = employeeSum;
  if (w <= 0) return 0;
  const dev = qualityDeviation(state, rows), m = deviating;
  const growthPart = clamp01(0.5 + (0.5 * g) / w / TKM_SCALES.growth);
  return 0.5 * growthPart + 0.5 * sat(m > 0 ? dev / m : 0, TKM_SCALES.pressure);
}

/** Employees sectorSums summed, and the firms qualityDeviation counted (module variables: see metrics/index.ts domainTotals). */
let employeeSum = 0, deviating = 0;

/** Stimulus's first pass: quality and firms by sector into qualitySum, firmCount; the employee-weighted growth (returned) and the employees (employeeSum). */
function sectorSums(state: State, rows: Int32Array): number {
  const pop = state.pop;
  let g = 0, w = 0;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    if (!isFirmKind(pop.kind[i])) continue;
    const s = pop.sector[i];
    qualitySum[s] += pop.quality[i];
    firmCount[s]++;
    g += pop.employees[i] * state.sectors[s].growth;
    w += pop.employees[i];
  }
  employeeSum = w;
  return g;
}

/** Stimulus's second pass: the firms' quality deviations from their sector's mean summed (returned), and counted (deviating). */
function qualityDeviation(state: State, rows: Int32Array): number {
  const pop = state.pop;
  let dev = 0, m = 0;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    if (!isFirmKind(pop.kind[i])) continue;
    const s = pop.sector[i];
    const mean = qualitySum[s] / firmCount[s];
    if (mean > 0) { dev += Math.abs(pop.quality[i] / mean - 1); m++; }
  }
  deviating = m;
  return dev;
}

/**
 * Accessibility (002 §104, §106; Table 1 row 2 "international accessibility - local
 * accessibility"): the mean of local reach (same-region ties per agent, saturating) and
 * international reach (inter-regional ties per agent, saturating).
 */
export function accessibility(state: State, rows: Int32Array): number {
  const pop = state.pop, ties = state.ties, K = ties.K;
  if (rows.length === 0) return 0;
  let local = 0, remote = 0;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    for (let s = 0, d = ties.deg[i]; s < d; s++) {
      if (pop.region[ties.partner[i * K + s]] === pop.region[i]) local++;
      else remote++;
    }
  }
  const n = rows.length;
  return 0.5 * sat(local / n, TKM_SCALES.localTies) + 0.5 * sat(remote / n, TKM_SCALES.remoteTies);
}

/**
 * Receptivity (002 §63, §87, §123, §126 b4; Table 1 row 3 "qualification of human
 * resources"): the geometric mean of the agents' mean absorptive capacity and the mean share
 * of qualified workers of their regions.
 */
export function receptivity(state: State, rows: Int32Array): number {
  if (rows.length === 0) return 0;
  const a = absorptiveSum(state, rows), qw = qualifiedSum;
  return Math.sqrt((a / rows.length) * (qw / rows.length));
}

/** The qualified workers' shares absorptiveSum summed (a module variable: see metrics/index.ts domainTotals). */
let qualifiedSum = 0;

/** Receptivity's pass over the rows, a function that ends with its loop: absorptive capacity summed (returned), and the regions' qualified workers (qualifiedSum). */
function absorptiveSum(state: State, rows: Int32Array): number {
  const pop = state.pop;
  let a = 0, qw = 0;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    a += pop.absorptive[i];
    qw += state.regions[pop.region[i]].qualifiedWorkers;
  }
  qualifiedSum = qw;
  return a;
}

/**
 * Local identity (002 §58, §82, §145; Table 1 row 4 "local embeddedness and local identity"
 * against "fragmentation"): the mean of (a) the mean trust of the scope's same-region tie
 * ends, (b) the clustering coefficient of the scope's network, (c) the share of agents with
 * at least one tie in their own region (embeddedness).
 */
export function identity(state: State, rows: Int32Array, clustering: number): number {
  const pop = state.pop, ties = state.ties, K = ties.K;
  if (rows.length === 0) return 0;
  let trust = 0, ends = 0, embedded = 0;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    let local = 0;
    for (let s = 0, d = ties.deg[i]; s < d; s++) {
      const k = i * K + s;
      if (pop.region[ties.partner[k]] !== pop.region[i]) continue;
      trust += ties.trust[k];
      local++;
    }
    ends += local;
    if (local > 0) embedded++;
  }
  return ((ends > 0 ? trust / ends : 0) + clustering + embedded / rows.length) / 3;
}

/**
 * Creativity (002 §43-48, §124; Table 1 row 5): the geometric mean of knowledge diversity
 * (entropy of the scope's knowledge over domains, normalised by log D: "creativity is based
 * on diversity", §124) and recombination, the mean of the radical-innovation rate this step
 * and the mean R&D effort, each saturating ("a sustained effort in innovation", §48).
 */
export function creativity(state: State, rows: Int32Array): number {
  const pop = state.pop, D = pop.D;
  if (rows.length === 0) return 0;
  if (domainSum.length < D) domainSum = new Float64Array(D);
  domainSum.fill(0, 0, D);
  const radical = creativityInputs(state, rows, domainSum), effort = effortSum;
  let all = 0, h = 0;
  for (let k = 0; k < D; k++) all += domainSum[k];
  if (all > 0 && D > 1) {
    for (let k = 0; k < D; k++) if (domainSum[k] > 0) { const p = domainSum[k] / all; h -= p * log(p); }
    h /= log(D);
  }
  const n = rows.length;
  const recombination = 0.5 * sat(radical / n, TKM_SCALES.radical) + 0.5 * sat(effort / n, TKM_SCALES.effort);
  return Math.sqrt(h * recombination);
}

/** The R&D effort creativityInputs summed (a module variable: see metrics/index.ts domainTotals). */
let effortSum = 0;

/**
 * Creativity's pass over the rows, a function that ends with its loop (metrics/index.ts
 * domainTotals): the scope's knowledge by domain into sums, the radical innovations of the
 * step (returned) and the R&D effort (effortSum).
 */
function creativityInputs(state: State, rows: Int32Array, sums: Float64Array): number {
  const pop = state.pop, D = pop.D, T = pop.tacit, C = pop.codified, innovRadical = state.acc.innovRadical, rdEffort = pop.rdEffort;
  let radical = 0, effort = 0;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    for (let k = 0; k < D; k++) sums[k] += T[i * D + k] + C[i * D + k];
    radical += innovRadical[i];
    effort += rdEffort[i];
  }
  effortSum = effort;
  return radical;
}

/** Bridging institutions (002 §144 b8; 000 §5.2, §5.6): competence and assistance centres. */
const bridging = (kind: number) => kind === Kind.competenceCentre || kind === Kind.assistanceCentre;

/**
 * Governance capabilities (002 §90-94, §144 b6, §148; Table 1 row 6 "multi-level governance
 * ... and bridging institutions"): the mean of the institutional quality of the agents'
 * regions and the share of agents under some coordination: working on a joint project,
 * member of a competence centre, tied to a bridging institution, or one themselves.
 */
export function governance(state: State, rows: Int32Array): number {
  const pop = state.pop, ties = state.ties, K = ties.K;
  if (rows.length === 0) return 0;
  let inst = 0, coordinated = 0;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    inst += state.regions[pop.region[i]].institutionalQuality;
    let c = pop.project[i] >= 0 || pop.centre[i] >= 0 || bridging(pop.kind[i]);
    for (let s = 0, d = ties.deg[i]; !c && s < d; s++) c = bridging(pop.kind[ties.partner[i * K + s]]);
    if (c) coordinated++;
  }
  return 0.5 * (inst / rows.length) + 0.5 * (coordinated / rows.length);
}

const doc = (what: string) => `TKM factor (002 §100): ${what}; composite in [0,1], see docs/model/indicators.md.`;

/** The six reporters, `tkm.<factor>`, symbols `tkm<Factor>`. */
export const TKM_REPORTERS: Reporter[] = [
  { name: 'tkm.stimulus', symbol: 'tkmStimulus', unit: '0-1', doc: doc('stimulus to innovate - demand growth and competitive pressure'),
    compute: (s: State, d: ScopeData) => stimulus(s, d.rows) },
  { name: 'tkm.accessibility', symbol: 'tkmAccessibility', unit: '0-1', doc: doc('accessibility - local and inter-regional ties per agent'),
    compute: (s: State, d: ScopeData) => accessibility(s, d.rows) },
  { name: 'tkm.receptivity', symbol: 'tkmReceptivity', unit: '0-1', doc: doc('receptivity - absorptive capacity and qualified workers'),
    compute: (s: State, d: ScopeData) => receptivity(s, d.rows) },
  { name: 'tkm.identity', symbol: 'tkmIdentity', unit: '0-1', doc: doc('local identity - trust of local ties, clustering, local embeddedness'),
    compute: (s: State, d: ScopeData) => identity(s, d.rows, d.net.clustering) },
  { name: 'tkm.creativity', symbol: 'tkmCreativity', unit: '0-1', doc: doc('creativity - knowledge diversity and recombination (radical innovation, R&D effort)'),
    compute: (s: State, d: ScopeData) => creativity(s, d.rows) },
  { name: 'tkm.governance', symbol: 'tkmGovernance', unit: '0-1', doc: doc('governance - institutional quality and coordination (projects, centres, bridging institutions)'),
    compute: (s: State, d: ScopeData) => governance(s, d.rows) },
];
