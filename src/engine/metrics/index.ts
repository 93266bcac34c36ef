/**
 * What is measured (MODEL.md §7), declared as named reporters. Each reporter is a function
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
import { log } from '../math.js';

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
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    for (let k = 0; k < D; k++) tot[k] += pop.tacit[i * D + k] + pop.codified[i * D + k];
  }
  let all = 0;
  for (let k = 0; k < D; k++) all += tot[k];
  if (all <= 0) return 0;
  let h = 0;
  for (let k = 0; k < D; k++) if (tot[k] > 0) { const p = tot[k] / all; h -= p * log(p); }
  return h / log(D);
}

function tacitShare(state: State, rows: Int32Array): number {
  const pop = state.pop, D = pop.D;
  let t = 0, c = 0;
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q];
    for (let k = 0; k < D; k++) { t += pop.tacit[i * D + k]; c += pop.codified[i * D + k]; }
  }
  return t + c > 0 ? t / (t + c) : 0;
}

const firms = (state: State, rows: Int32Array) => {
  let c = 0;
  for (let q = 0; q < rows.length; q++) if (isFirmKind(state.pop.kind[rows[q]])) c++;
  return c;
};

const channelFlow = (c: number) => (state: State, d: ScopeData) => {
  const f = state.acc.flowByRow;
  let s = 0;
  for (let q = 0; q < d.rows.length; q++) s += f[d.rows[q] * CHANNELS.length + c];
  return s;
};

const byScope = (scope: Scope, sys: number, region: ArrayLike<number>, sector: ArrayLike<number>) =>
  scope.kind === 'system' ? sys : scope.kind === 'region' ? region[scope.index] : sector[scope.index];

/** The network type of 002 §80-84 by dominant flow channel: 0 ecological, 1 identity, 2 strategy. */
export const NETWORK_TYPES = ['ecological', 'identity', 'strategy'] as const;

export const REPORTERS: Reporter[] = [
  { name: 'agents.count', symbol: 'agents', unit: 'agents', doc: 'Living agents of every kind.', compute: (_s, d) => d.rows.length },
  { name: 'firms.count', symbol: 'firms', unit: 'firms', doc: 'Living firms (SMEs, leading firms, KIBS).', compute: (s, d) => firms(s, d.rows) },
  { name: 'births', symbol: 'births', unit: 'agents/step', doc: 'Agents that entered this step (entry and spin-offs).',
    compute: (s, _d, sc) => byScope(sc, s.acc.births, s.acc.birthsByRegion, s.acc.birthsBySector) },
  { name: 'deaths', symbol: 'deaths', unit: 'agents/step', doc: 'Agents that exited this step.',
    compute: (s, _d, sc) => byScope(sc, s.acc.deaths, s.acc.deathsByRegion, s.acc.deathsBySector) },
  { name: 'employment', symbol: 'employment', unit: 'employees', doc: 'Total employees.', compute: (s, d) => sum(d.rows, s.pop.employees) },
  { name: 'knowledge.mean', symbol: 'knowledge', unit: 'knowledge units', doc: 'Mean knowledge level (tacit + codified, mean over domains).', compute: (s, d) => mean(d.rows, s.pop.knowledge) },
  { name: 'knowledge.gini', symbol: 'knowledgeGini', unit: '0-1', doc: 'Gini coefficient of agents\' knowledge levels.', compute: (s, d) => gini(d.rows, s.pop.knowledge) },
  { name: 'knowledge.entropy', symbol: 'knowledgeDiversity', unit: '0-1', doc: 'Knowledge diversity: entropy of knowledge across domains, normalised by log D.', compute: (s, d) => domainEntropy(s, d.rows) },
  { name: 'knowledge.tacitShare', symbol: 'tacitShare', unit: '0-1', doc: 'Share of knowledge held tacitly.', compute: (s, d) => tacitShare(s, d.rows) },
  { name: 'innovations.incremental', symbol: 'incrementalInnovations', unit: 'innovations/step', doc: 'Incremental innovations this step.', compute: (s, d) => sum(d.rows, s.acc.innovIncremental) },
  { name: 'innovations.radical', symbol: 'radicalInnovations', unit: 'innovations/step', doc: 'Radical (recombinant) innovations this step.', compute: (s, d) => sum(d.rows, s.acc.innovRadical) },
  { name: 'productivity.mean', symbol: 'productivity', unit: 'output/employee', doc: 'Mean productivity (product quality derived from knowledge).', compute: (s, d) => mean(d.rows, s.pop.quality) },
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
    doc: `Knowledge received this step through the ${c} channel.`, compute: channelFlow(k),
  })),
  { name: 'network.ties', symbol: 'ties', unit: 'ties', doc: 'Ties among agents of the scope.', compute: (_s, d) => d.net.ties },
  { name: 'network.meanDegree', symbol: 'meanDegree', unit: 'ties/agent', doc: 'Mean number of ties per agent within the scope.', compute: (_s, d) => d.net.meanDegree },
  { name: 'network.density', symbol: 'density', unit: '0-1', doc: 'Ties divided by possible ties n(n-1)/2.', compute: (_s, d) => d.net.density },
  { name: 'network.clustering', symbol: 'clustering', unit: '0-1', doc: 'Mean local clustering coefficient (sampled, see docs/model.md).', compute: (_s, d) => d.net.clustering },
  { name: 'network.giantShare', symbol: 'giantShare', unit: '0-1', doc: 'Share of the scope\'s agents in its largest connected component.', compute: (_s, d) => d.net.giantShare },
  { name: 'network.interRegionalShare', symbol: 'interRegionalShare', unit: '0-1', doc: 'Share of tie ends that reach another region (meta-cluster index, 004).', compute: (_s, d) => d.net.interRegionalShare },
  { name: 'network.type', symbol: 'networkType', unit: 'code', doc: 'Dominant channel: 0 ecological (spillover), 1 identity (ties), 2 strategy (projects) (002 §80-84).',
    compute: (s, d) => {
      const f = [channelFlow(0)(s, d), channelFlow(1)(s, d), channelFlow(2)(s, d)];
      return f.indexOf(Math.max(...f));
    } },
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
 * Policy spending and cost-effectiveness (MODEL.md §6-7), system scope only (spending is
 * not attributed to regions or sectors); recorded by the simulation next to the
 * per-instance rows `policy.spend.<instance>`. Cost ratios divide by max(1, denominator),
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
