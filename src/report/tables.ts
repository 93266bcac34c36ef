/**
 * The report's table of final metrics: the last recorded step of each metric, as mean and
 * 95% interval over replicates (run), per design point (sweep) or per scenario (compare).
 */
import { summarise } from '../charts/stats.js';
import { metricInfo, paramValue } from '../charts/metrics.js';
import type { CompareData, FolderData, RunData, SweepData } from './load.js';
import { keyMetrics } from './standard.js';

export interface TextTable {
  caption: string;
  columns: string[];
  rows: string[][];
  /** Rows left out to keep the page small. */
  omitted: number;
}

/** Four significant digits, no trailing zeros; blank for a missing value. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return String(v);
  return String(Number(v.toPrecision(4)));
}

function interval(lo: number, hi: number, n: number): string {
  return n > 1 && Number.isFinite(lo) && Number.isFinite(hi) ? `[${fmt(lo)}, ${fmt(hi)}]` : '';
}

function runTable(d: RunData): TextTable {
  const byMetric = new Map<string, { step: number; values: number[] }>();
  for (const r of d.metrics) {
    if (r.scope !== 'system') continue;
    const cur = byMetric.get(r.metric);
    if (!cur || r.step > cur.step) byMetric.set(r.metric, { step: r.step, values: [r.value] });
    else if (r.step === cur.step) cur.values.push(r.value);
  }
  const rows = [...byMetric.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([metric, { step, values }]) => {
      const s = summarise(values);
      return [metricInfo(metric).label, metric, String(step), fmt(s.mean), interval(s.lo, s.hi, s.n), String(s.n)];
    });
  return { caption: 'Final metrics (whole system, last recorded step): mean over replicates and 95% interval of the mean', columns: ['Metric', 'Name', 'Step', 'Mean', '95% interval', 'Replicates'], rows, omitted: 0 };
}

const MAX_POINTS = 200;

function sweepTable(d: SweepData): TextTable {
  const metrics = keyMetrics([...new Set(d.summary.map((r) => r.metric))], 4);
  const last = new Map<string, number>();
  for (const r of d.summary) last.set(r.metric, Math.max(last.get(r.metric) ?? -Infinity, r.step));
  const points = new Map<string, { params: Record<string, number | string>; cells: Map<string, string> }>();
  for (const r of d.summary) {
    if (!metrics.includes(r.metric) || r.step !== last.get(r.metric)) continue;
    let p = points.get(r.point);
    if (!p) points.set(r.point, (p = { params: r.params, cells: new Map() }));
    p.cells.set(r.metric, `${fmt(r.mean)} ${interval(r.ci_low, r.ci_high, r.n)}`.trim());
  }
  const all = [...points.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  const rows = all.slice(0, MAX_POINTS).map(([point, p]) => [point, ...d.parameters.map((k) => String(paramValue(p.params[k] ?? ''))), ...metrics.map((m) => p.cells.get(m) ?? '')]);
  return {
    caption: `Final metrics per design point (mean over replicates, [95% interval]) at the last recorded step`,
    columns: ['Point', ...d.parameters, ...metrics],
    rows,
    omitted: Math.max(0, all.length - MAX_POINTS),
  };
}

function compareTable(d: CompareData): TextTable {
  const scenarios = [...new Set(d.compare.map((r) => r.scenario))];
  const metrics = [...new Set(d.compare.map((r) => r.metric))].sort();
  const rows = metrics.map((metric) => {
    const rowsM = d.compare.filter((r) => r.metric === metric);
    const step = Math.max(...rowsM.map((r) => r.step));
    return [
      metricInfo(metric).label,
      metric,
      String(step),
      ...scenarios.map((s) => {
        const r = rowsM.find((x) => x.scenario === s && x.step === step);
        return r ? `${fmt(r.mean)} ${interval(r.ci_low, r.ci_high, r.n)}`.trim() : '';
      }),
    ];
  });
  return { caption: 'Final metrics per scenario (mean over replicates, [95% interval]) at the last recorded step', columns: ['Metric', 'Name', 'Step', ...scenarios], rows, omitted: 0 };
}

export function finalMetricsTable(d: FolderData): TextTable {
  return d.kind === 'run' ? runTable(d) : d.kind === 'sweep' ? sweepTable(d) : compareTable(d);
}

const TEST_COLUMNS = ['Metric', 'Step', 'Test', 'Mean A', 'Mean B', 'B - A [95% CI]', 'Effect size [95% CI]', 'p', 'p (Holm)', 'Differs'];

function withInterval(r: Record<string, string>, est: string, lo: string, hi: string): string {
  const v = (k: string) => Number(r[k] === '' || r[k] === undefined ? NaN : r[k]);
  if (!Number.isFinite(v(est))) return r[est] === undefined ? '' : 'n/a';
  return `${fmt(v(est))} ${interval(v(lo), v(hi), 2)}`.trim();
}

/** compare-tests.csv at each metric's last step: do the scenarios differ, and by how much? */
export function compareTestsTable(d: CompareData): TextTable | undefined {
  if (d.tests.length === 0) return undefined;
  const last = new Map<string, number>();
  for (const r of d.tests) last.set(r.metric, Math.max(last.get(r.metric) ?? -Infinity, Number(r.step)));
  const num = (x: string | undefined) => fmt(Number(x === '' || x === undefined ? NaN : x));
  const rows = d.tests
    .filter((r) => Number(r.step) === last.get(r.metric))
    .map((r) => [
      r.metric ?? '', r.step ?? '', r.test ?? '', num(r.mean_a), num(r.mean_b),
      withInterval(r, 'diff', 'diff_ci_low', 'diff_ci_high'), withInterval(r, 'effect_size', 'effect_ci_low', 'effect_ci_high'),
      num(r.p_value), num(r.p_holm), r.differs ?? '',
    ]);
  const family = d.tests[0]?.holm_family === 'all' ? 'over every test made' : 'over the metrics compared at each step';
  return { caption: `Do the scenarios differ? Tests at the last recorded step; p-values Holm-adjusted ${family}`, columns: TEST_COLUMNS, rows, omitted: 0 };
}

/** marginal-costs.csv: extra spending per unit of extra outcome. */
export function marginalCostsTable(d: CompareData): TextTable | undefined {
  if (d.marginal.length === 0) return undefined;
  const rows = d.marginal.map((r) => [
    r.outcome ?? '', r.metric ?? '', r.step ?? '',
    withInterval(r, 'delta_spend', 'delta_spend_ci_low', 'delta_spend_ci_high'), withInterval(r, 'delta_outcome', 'delta_outcome_ci_low', 'delta_outcome_ci_high'),
    withInterval(r, 'marginal_cost', 'ci_low', 'ci_high'), r.note ?? '',
  ]);
  return { caption: 'Marginal cost: extra spending of B per unit of extra outcome (Δspend / Δoutcome, B - A, bootstrap 95% interval)', columns: ['Outcome', 'Metric', 'Step', 'Δspend', 'Δoutcome', 'Δspend / Δoutcome', 'Note'], rows, omitted: 0 };
}
