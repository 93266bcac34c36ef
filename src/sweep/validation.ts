/**
 * The validation commands on finished sweep folders (docs/validation.md). Phases: read
 * results.csv into one series per run and metric; compute (src/experiments/validation.ts);
 * write small CSV tables into the output folder and return them for the terminal.
 *  - warmup: per run and metric, the MSER-5 truncation point and the step after which the
 *    rolling mean stays within a band of the final mean; then per metric across runs, and
 *    on the mean series across runs (Welch's graphical method, averaged over replicates).
 *  - precision: per design point and metric at the last kept step, the replicates needed
 *    for a confidence interval of ±rel of the mean.
 *  - paired: two sweeps of the same design and seeds (two base scenarios), per design point
 *    and metric the paired difference B - A at the last kept step; then per metric the
 *    share of design points where it is positive, resolved positive, resolved negative;
 *    and the run-by-run differences as a results.csv, for `clustersim discover`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../messages.js';
import { csvLine, numCell, parseCsvLine, textCell } from '../experiments/csv.js';
import { quantileSorted, mean } from '../experiments/stats/describe.js';
import { integratedTime, mserWarmup, pairedDifference, pooledAutocorrelation, relativeDrift, replicatesNeeded, settleStep, stationaryDriftSd, truncatedAutocorrelation } from '../experiments/validation.js';
import { normalCdf } from '../experiments/stats/distributions.js';
import { writeAtomicSync } from '../io/files.js';
import { RESULTS_COLUMNS } from './assemble.js';

interface Run {
  runId: number;
  point: number;
  replicate: number;
  seed: string;
  params: string[];
  series: Map<string, Map<number, number>>;
}

interface SweepTable {
  params: string[];
  runs: Run[];
  metrics: string[];
}

export const validationMsg = {
  noResults: (dir: string) => `${dir}: no results.csv here; give the folder of a finished sweep (clustersim sweep EXPERIMENT).`,
  noMetric: (dir: string, metric: string, have: string[]) => `${dir}/results.csv: no rows of metric '${metric}'. Metrics there: ${have.join(', ')}.`,
  driftWindow: (dir: string, n: number, from: number, window: number) =>
    `${dir}: the runs hold ${n} kept steps; drift needs every step kept (keep.steps: all) and steps --from ${from} to ${from} + --window ${window} at least once (${from + window + 1} steps). Lower --from or --window, or sweep longer.`,
  shortSeries: (dir: string, n: number, need: number) => `${dir}: the runs hold ${n} kept steps; warmup needs every step kept (keep.steps: all) and at least ${need} of them (--window + --reference).`,
  mismatch: (a: string, b: string, what: string) => `paired: ${a} and ${b} are not the same design run with the same seeds (${what}); sweep both with experiment files that differ only in 'scenario:'.`,
} as const;

function readSweep(dir: string): SweepTable {
  const file = path.join(dir, 'results.csv');
  if (!fs.existsSync(file)) throw new UserError(validationMsg.noResults(dir));
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const header = parseCsvLine(lines[0] ?? '');
  const fixed = new Set<string>([...RESULTS_COLUMNS, 'step', 'metric', 'value']);
  const params = header.filter((h) => !fixed.has(h));
  const col = (c: string) => header.indexOf(c);
  const [iRun, iPoint, iRep, iSeed, iStep, iMetric, iValue] = ['run_id', 'point', 'replicate', 'seed', 'step', 'metric', 'value'].map(col) as number[];
  const iParams = params.map(col);
  const runs = new Map<number, Run>();
  const metrics = new Set<string>();
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (line === '') continue;
    const c = parseCsvLine(line);
    const runId = Number(c[iRun!]);
    let run = runs.get(runId);
    if (!run) {
      run = { runId, point: Number(c[iPoint!]), replicate: Number(c[iRep!]), seed: c[iSeed!]!, params: iParams.map((i) => c[i]!), series: new Map() };
      runs.set(runId, run);
    }
    const metric = c[iMetric!]!;
    metrics.add(metric);
    let s = run.series.get(metric);
    if (!s) run.series.set(metric, (s = new Map()));
    s.set(Number(c[iStep!]), c[iValue!] === '' ? NaN : Number(c[iValue!]));
  }
  return { params, runs: [...runs.values()].sort((a, b) => a.runId - b.runId), metrics: [...metrics].sort() };
}

function pickMetrics(dir: string, t: SweepTable, asked: string[] | undefined): string[] {
  if (!asked || asked.length === 0) return t.metrics;
  for (const m of asked) if (!t.metrics.includes(m)) throw new UserError(validationMsg.noMetric(dir, m, t.metrics));
  return asked;
}

/** The mean over the run's kept steps after step 0 (step 0 is the initial state: no step has run). */
function meanValue(s: Map<number, number> | undefined): number {
  const v = [...(s?.entries() ?? [])].filter(([k]) => k > 0).map(([, x]) => x);
  return v.length ? mean(v) : NaN;
}

/** The value at the run's last kept step. */
function finalValue(s: Map<number, number> | undefined): { step: number; value: number } {
  let step = -1;
  for (const k of s?.keys() ?? []) if (k > step) step = k;
  return { step, value: s?.get(step) ?? NaN };
}

function orderedSeries(s: Map<number, number>): number[] {
  return [...s.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

function writeTable(file: string, header: string[], rows: (string | number)[][]): void {
  const text = csvLine(header) + rows.map((r) => csvLine(r.map((c) => (typeof c === 'number' ? numCell(c) : textCell(c))))).join('');
  writeAtomicSync(file, text);
}

/** The experiment recorded in a sweep folder's manifest (undefined when there is none). */
function armExperiment(dir: string): unknown {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { meta?: { experiment?: unknown } }).meta?.experiment;
  } catch {
    return undefined;
  }
}

const q = (xs: number[], p: number) => (xs.length ? quantileSorted([...xs].sort((a, b) => a - b), p) : NaN);

export interface WarmupOptions {
  dir: string;
  metrics?: string[];
  window?: number;
  reference?: number;
  band?: number;
  batch?: number;
  /** The warm-up to judge: the share of runs settled by this step is reported. */
  by?: number;
  out?: string;
}

export interface WarmupSummaryRow {
  metric: string;
  runs: number;
  settle_median: number;
  settle_p90: number;
  settle_max: number;
  unsettled: number;
  settled_by: number;
  mser5_median: number;
  mser5_p90: number;
  mser5_max: number;
  mean_series_settle: number;
  mean_series_mser5: number;
  /** The mean series over steps by .. by + window - 1, relative to its reference, minus 1: how far from the long-run level a warm-up of `by` steps leaves the mean. */
  mean_series_gap_by: number;
  reference: number;
}

export function warmupCheck(o: WarmupOptions): { outDir: string; by: number; rows: WarmupSummaryRow[] } {
  const t = readSweep(o.dir);
  const metrics = pickMetrics(o.dir, t, o.metrics);
  const settle = { window: o.window ?? 50, reference: o.reference ?? 200, band: o.band ?? 0.05 };
  const batch = o.batch ?? 5;
  const by = o.by ?? 300;
  const perRun: (string | number)[][] = [];
  const rows: WarmupSummaryRow[] = [];
  for (const metric of metrics) {
    const settles: number[] = [];
    const msers: number[] = [];
    let unsettled = 0;
    const all: number[][] = [];
    for (const run of t.runs) {
      const s = run.series.get(metric);
      if (!s) continue;
      const y = orderedSeries(s);
      if (y.length < settle.window + settle.reference) throw new UserError(validationMsg.shortSeries(o.dir, y.length, settle.window + settle.reference));
      all.push(y);
      const st = settleStep(y, settle);
      const ms = mserWarmup(y, batch);
      if (st.step === null) unsettled++;
      else settles.push(st.step);
      msers.push(ms.warmup);
      perRun.push([run.runId, run.replicate, run.seed, metric, st.step ?? NaN, ms.warmup, st.reference]);
    }
    const len = Math.min(...all.map((y) => y.length));
    const avg = Array.from({ length: len }, (_, i) => mean(all.map((y) => y[i]!)));
    const ens = settleStep(avg, settle);
    rows.push({
      metric,
      runs: all.length,
      settle_median: q(settles, 0.5),
      settle_p90: q(settles, 0.9),
      settle_max: settles.length ? Math.max(...settles) : NaN,
      unsettled,
      settled_by: settles.filter((v) => v <= by).length / all.length,
      mser5_median: q(msers, 0.5),
      mser5_p90: q(msers, 0.9),
      mser5_max: Math.max(...msers),
      mean_series_settle: ens.step ?? NaN,
      mean_series_mser5: mserWarmup(avg, batch).warmup,
      mean_series_gap_by: by + settle.window <= avg.length ? mean(avg.slice(by, by + settle.window)) / ens.reference - 1 : NaN,
      reference: ens.reference,
    });
  }
  const outDir = o.out ?? path.join(o.dir, 'warmup');
  fs.mkdirSync(outDir, { recursive: true });
  writeTable(path.join(outDir, 'warmup-runs.csv'), ['run_id', 'replicate', 'seed', 'metric', 'settle_step', 'mser5', 'reference'], perRun);
  const cols = Object.keys(rows[0] ?? {}) as (keyof WarmupSummaryRow)[];
  writeTable(path.join(outDir, 'warmup.csv'), cols.map((c) => (c === 'settled_by' ? `settled_by_${by}` : c === 'mean_series_gap_by' ? `mean_series_gap_${by}` : c)), rows.map((r) => cols.map((c) => r[c])));
  writeAtomicSync(path.join(outDir, 'settings.json'), `${JSON.stringify({ dir: o.dir, ...settle, batch, by }, null, 2)}\n`);
  return { outDir, by, rows };
}

export function formatWarmup(r: { by: number; rows: WarmupSummaryRow[] }): string {
  const f = (v: number) => (Number.isNaN(v) ? '-' : String(Math.round(v)));
  const lines = [`metric                          runs  settle med/p90/max  unsettled  settled by ${r.by}  MSER-5 med/p90/max  mean series settle/MSER-5  gap at ${r.by}`];
  for (const w of r.rows) {
    lines.push(`${w.metric.padEnd(32)}${String(w.runs).padStart(4)}  ${`${f(w.settle_median)}/${f(w.settle_p90)}/${f(w.settle_max)}`.padStart(18)}  ${String(w.unsettled).padStart(9)}  ${`${Math.round(100 * w.settled_by)} %`.padStart(13)}  ${`${f(w.mser5_median)}/${f(w.mser5_p90)}/${f(w.mser5_max)}`.padStart(18)}  ${`${f(w.mean_series_settle)}/${f(w.mean_series_mser5)}`.padStart(25)}  ${`${(100 * w.mean_series_gap_by).toFixed(1)} %`.padStart(9)}`);
  }
  return lines.join('\n');
}

export interface DriftOptions {
  dir: string;
  metrics?: string[];
  /** Steps of a window (the dynamics check: 200, the second half of 400). */
  window?: number;
  /** First step of the stationary part: windows start here, and CV and autocorrelation are measured from here. */
  from?: number;
  /** Steps between the starts of successive windows. */
  stride?: number;
  /** The drift the check allows (0.15). */
  threshold?: number;
  out?: string;
}

export interface DriftRow {
  metric: string;
  runs: number;
  windows: number;
  /** |drift| over all windows: median, 90th percentile, and the share above the threshold. */
  drift_median: number;
  drift_p90: number;
  share_above: number;
  /** Per run, over steps from..end: coefficient of variation and integrated autocorrelation time (medians over runs). */
  cv: number;
  tau: number;
  /** A stationary process with this CV and the pooled autocorrelation: sd of the drift and the share above the threshold. */
  stationary_sd: number;
  stationary_share_above: number;
}

/**
 * How much the dynamics check's drift statistic (relativeDrift) moves in the stationary part
 * of long runs: windows of `window` steps from `from` on, every `stride` steps, per run and
 * metric; and what a stationary process with the same coefficient of variation and the
 * runs' pooled autocorrelation would show (stationaryDriftSd, Gaussian). A share above the
 * threshold near the stationary reference says the check's failures are the process's own
 * fluctuation, not a trend.
 */
export function driftCheck(o: DriftOptions): { outDir: string; settings: Required<Omit<DriftOptions, 'dir' | 'metrics' | 'out'>>; rows: DriftRow[] } {
  const t = readSweep(o.dir);
  const metrics = pickMetrics(o.dir, t, o.metrics);
  const window = o.window ?? 200, from = o.from ?? 400, stride = o.stride ?? 50, threshold = o.threshold ?? 0.15;
  const perWindow: (string | number)[][] = [];
  const rows: DriftRow[] = [];
  for (const metric of metrics) {
    const drifts: number[] = [], cvs: number[] = [], taus: number[] = [], parts: number[][] = [];
    let runs = 0;
    for (const run of t.runs) {
      const s = run.series.get(metric);
      if (!s) continue;
      const y = orderedSeries(s);
      if (y.length < from + window + 1) throw new UserError(validationMsg.driftWindow(o.dir, y.length, from, window));
      runs++;
      for (let a = from; a + window < y.length; a += stride) {
        const d = relativeDrift(y, a, a + window);
        drifts.push(Math.abs(d));
        perWindow.push([run.runId, run.replicate, run.seed, metric, a, a + window, d]);
      }
      const part = y.slice(from);
      parts.push(part);
      const m = mean(part);
      cvs.push(Math.sqrt(part.reduce((acc, v) => acc + (v - m) ** 2, 0) / part.length) / Math.abs(m));
      taus.push(integratedTime(truncatedAutocorrelation(pooledAutocorrelation([part], Math.min(part.length - 1, window)))));
    }
    const r = truncatedAutocorrelation(pooledAutocorrelation(parts, Math.min(window, Math.min(...parts.map((p) => p.length)) - 1)));
    const cv = q(cvs, 0.5);
    const sdRef = stationaryDriftSd(r, cv, window);
    rows.push({
      metric,
      runs,
      windows: drifts.length,
      drift_median: q(drifts, 0.5),
      drift_p90: q(drifts, 0.9),
      share_above: drifts.filter((d) => d > threshold).length / drifts.length,
      cv,
      tau: q(taus, 0.5),
      stationary_sd: sdRef,
      stationary_share_above: sdRef > 0 ? 2 * (1 - normalCdf(threshold / sdRef)) : 0,
    });
  }
  const outDir = o.out ?? path.join(o.dir, 'drift');
  fs.mkdirSync(outDir, { recursive: true });
  writeTable(path.join(outDir, 'drift-windows.csv'), ['run_id', 'replicate', 'seed', 'metric', 'from', 'to', 'drift'], perWindow);
  const cols = Object.keys(rows[0] ?? {}) as (keyof DriftRow)[];
  writeTable(path.join(outDir, 'drift.csv'), cols, rows.map((x) => cols.map((c) => x[c])));
  const settings = { window, from, stride, threshold };
  writeAtomicSync(path.join(outDir, 'settings.json'), `${JSON.stringify({ dir: o.dir, ...settings }, null, 2)}\n`);
  return { outDir, settings, rows };
}

export function formatDrift(r: { settings: { window: number; threshold: number }; rows: DriftRow[] }): string {
  const p = (v: number) => `${(100 * v).toFixed(0)} %`;
  const lines = [`metric                          runs  windows  |drift| median/p90  above ${r.settings.threshold}     CV    tau  stationary: sd  above ${r.settings.threshold}`];
  for (const w of r.rows) {
    lines.push(`${w.metric.padEnd(32)}${String(w.runs).padStart(4)}  ${String(w.windows).padStart(7)}  ${`${w.drift_median.toFixed(3)}/${w.drift_p90.toFixed(3)}`.padStart(18)}  ${p(w.share_above).padStart(10)}  ${w.cv.toFixed(3).padStart(5)}  ${w.tau.toFixed(0).padStart(5)}  ${w.stationary_sd.toFixed(3).padStart(14)}  ${p(w.stationary_share_above).padStart(10)}`);
  }
  return lines.join('\n');
}

export interface PrecisionOptions {
  dir: string;
  metrics?: string[];
  rel?: number;
  out?: string;
}

export interface PrecisionRow {
  point: number;
  metric: string;
  step: number;
  n: number;
  mean: number;
  sd: number;
  cv: number;
  needed: number;
  half_width_now: number;
}

export function precisionCheck(o: PrecisionOptions): { outDir: string; rel: number; rows: PrecisionRow[] } {
  const t = readSweep(o.dir);
  const metrics = pickMetrics(o.dir, t, o.metrics);
  const rel = o.rel ?? 0.05;
  const points = [...new Set(t.runs.map((r) => r.point))].sort((a, b) => a - b);
  const rows: PrecisionRow[] = [];
  for (const point of points) {
    for (const metric of metrics) {
      const finals = t.runs.filter((r) => r.point === point).map((r) => finalValue(r.series.get(metric)));
      const vals = finals.map((f) => f.value).filter(Number.isFinite);
      const p = replicatesNeeded(vals, rel);
      rows.push({ point, metric, step: Math.max(...finals.map((f) => f.step)), n: p.n, mean: p.mean, sd: p.sd, cv: p.cv, needed: p.needed, half_width_now: p.halfWidthNow });
    }
  }
  const outDir = o.out ?? path.join(o.dir, 'precision');
  fs.mkdirSync(outDir, { recursive: true });
  const cols = Object.keys(rows[0] ?? {}) as (keyof PrecisionRow)[];
  writeTable(path.join(outDir, 'precision.csv'), cols, rows.map((r) => cols.map((c) => r[c])));
  return { outDir, rel, rows };
}

export function formatPrecision(r: { rel: number; rows: PrecisionRow[] }): string {
  const lines = [`point  metric                          step   n        mean          sd     cv  replicates for ±${100 * r.rel} %  ±now`];
  for (const w of r.rows) {
    lines.push(`${String(w.point).padStart(5)}  ${w.metric.padEnd(32)}${String(w.step).padStart(4)}${String(w.n).padStart(4)}${w.mean.toPrecision(5).padStart(12)}${w.sd.toPrecision(3).padStart(12)}${w.cv.toFixed(3).padStart(7)}${String(w.needed).padStart(20)}${`${(100 * w.half_width_now).toFixed(1)} %`.padStart(8)}`);
  }
  return lines.join('\n');
}

export interface PairedOptions {
  a: string;
  b: string;
  metrics?: string[];
  /** What a run contributes: its value at the last kept step (default), or its mean over the kept steps after step 0. */
  stat?: 'final' | 'mean';
  out?: string;
}

export interface PairedRow {
  point: number;
  metric: string;
  n: number;
  mean_a: number;
  mean_b: number;
  diff: number;
  ci_low: number;
  ci_high: number;
  sign: number;
}

export interface PairedSummaryRow {
  metric: string;
  points: number;
  share_positive: number;
  share_resolved_positive: number;
  share_resolved_negative: number;
  share_unresolved: number;
  diff_min: number;
  diff_median: number;
  diff_max: number;
}

export function pairedCheck(o: PairedOptions): { outDir: string; params: string[]; rows: PairedRow[]; summary: PairedSummaryRow[] } {
  const ta = readSweep(o.a);
  const tb = readSweep(o.b);
  if (ta.params.join(',') !== tb.params.join(',')) throw new UserError(validationMsg.mismatch(o.a, o.b, `parameters ${ta.params.join(', ')} against ${tb.params.join(', ')}`));
  if (ta.runs.length !== tb.runs.length) throw new UserError(validationMsg.mismatch(o.a, o.b, `${ta.runs.length} runs against ${tb.runs.length}`));
  for (let i = 0; i < ta.runs.length; i++) {
    const ra = ta.runs[i]!;
    const rb = tb.runs[i]!;
    if (ra.point !== rb.point || ra.replicate !== rb.replicate || ra.seed !== rb.seed || ra.params.join(',') !== rb.params.join(',')) {
      throw new UserError(validationMsg.mismatch(o.a, o.b, `run ${ra.runId}: point ${ra.point}/${rb.point}, seed ${ra.seed}/${rb.seed}, parameters ${ra.params.join(' ')} / ${rb.params.join(' ')}`));
    }
  }
  const common = ta.metrics.filter((m) => tb.metrics.includes(m));
  const metrics = pickMetrics(`${o.a} and ${o.b}`, { ...ta, metrics: common }, o.metrics);
  const points = [...new Set(ta.runs.map((r) => r.point))].sort((x, y) => x - y);
  const rows: PairedRow[] = [];
  const paramRows: string[][] = [];
  // Run by run differences B - A in the layout of a sweep's results.csv, so that
  // `clustersim discover` can look for the parameter ranges where the sign flips.
  const diffLines: string[] = [csvLine(['run_id', 'point', 'replicate', 'seed', ...ta.params, 'step', 'metric', 'value'].map(textCell))];
  for (const point of points) {
    const ia = ta.runs.filter((r) => r.point === point);
    const ib = tb.runs.filter((r) => r.point === point);
    for (const metric of metrics) {
      const value = (r: Run) => (o.stat === 'mean' ? meanValue(r.series.get(metric)) : finalValue(r.series.get(metric)).value);
      const a = ia.map(value);
      const b = ib.map(value);
      const p = pairedDifference(a, b);
      ia.forEach((r, k) => {
        const step = finalValue(r.series.get(metric)).step;
        diffLines.push(csvLine([String(r.runId), String(r.point), String(r.replicate), r.seed, ...r.params, String(step), textCell(metric), numCell(b[k]! - a[k]!)]));
      });
      rows.push({ point, metric, n: p.n, mean_a: mean(a), mean_b: mean(b), diff: p.diff, ci_low: p.ciLow, ci_high: p.ciHigh, sign: p.sign });
      paramRows.push(ia[0]!.params);
    }
  }
  const summary: PairedSummaryRow[] = metrics.map((metric) => {
    const r = rows.filter((x) => x.metric === metric);
    const diffs = r.map((x) => x.diff);
    const share = (f: (x: PairedRow) => boolean) => r.filter(f).length / r.length;
    return {
      metric,
      points: r.length,
      share_positive: share((x) => x.diff > 0),
      share_resolved_positive: share((x) => x.sign === 1),
      share_resolved_negative: share((x) => x.sign === -1),
      share_unresolved: share((x) => x.sign === 0),
      diff_min: Math.min(...diffs),
      diff_median: q(diffs, 0.5),
      diff_max: Math.max(...diffs),
    };
  });
  const outDir = o.out ?? path.join(o.b, o.stat === 'mean' ? 'paired-mean' : 'paired');
  fs.mkdirSync(outDir, { recursive: true });
  const cols = Object.keys(rows[0] ?? {}) as (keyof PairedRow)[];
  writeTable(path.join(outDir, 'paired.csv'), [cols[0]!, ...ta.params, ...cols.slice(1)], rows.map((r, i) => [r.point, ...paramRows[i]!, ...cols.slice(1).map((c) => r[c])]));
  writeAtomicSync(path.join(outDir, 'results.csv'), diffLines.join(''));
  // The arms' experiment (labels and scales of the varied parameters), so that
  // `clustersim chart OUT --kind panels` draws the differences as it draws a sweep.
  writeAtomicSync(path.join(outDir, 'manifest.json'), `${JSON.stringify({ command: 'paired', a: o.a, b: o.b, stat: o.stat ?? 'final', values: 'results.csv holds B - A run by run', meta: { experiment: armExperiment(o.b) } }, null, 2)}\n`);
  const scols = Object.keys(summary[0] ?? {}) as (keyof PairedSummaryRow)[];
  writeTable(path.join(outDir, 'paired-summary.csv'), scols, summary.map((r) => scols.map((c) => r[c])));
  return { outDir, params: ta.params, rows, summary };
}

export function formatPaired(r: { summary: PairedSummaryRow[] }): string {
  const pc = (v: number) => `${Math.round(100 * v)} %`;
  const lines = ['metric                                 points  B > A  resolved B > A  resolved B < A  unresolved   diff min / median / max'];
  for (const s of r.summary) {
    lines.push(`${s.metric.padEnd(39)}${String(s.points).padStart(6)}${pc(s.share_positive).padStart(7)}${pc(s.share_resolved_positive).padStart(16)}${pc(s.share_resolved_negative).padStart(16)}${pc(s.share_unresolved).padStart(12)}   ${s.diff_min.toPrecision(3)} / ${s.diff_median.toPrecision(3)} / ${s.diff_max.toPrecision(3)}`);
  }
  return lines.join('\n');
}
