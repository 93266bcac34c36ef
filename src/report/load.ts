/**
 * Reading output folders into the row shapes of src/charts/types.ts. A folder is a run
 * (metrics.csv), a sweep (summary.csv or results.csv) or a compare (compare.csv) folder;
 * anything missing or malformed is a UserError naming the file and what is missing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AgentRow, CompareRow, MetricRow, SensitivityRow, SummaryRow, TieRow } from '../charts/types.js';
import type { ParameterInfo } from '../charts/sweep-panels.js';
import { summarise } from '../charts/stats.js';
import { UserError } from '../messages.js';
import { missingColumns, num, objects, parseCsv, type Table } from './csv.js';
import { reportMsg } from './messages.js';

export type FolderKind = 'run' | 'sweep' | 'compare';

/** manifest.json as far as charts need it; every field may be absent. */
export interface Manifest {
  tool?: string;
  version?: string;
  gitCommit?: string;
  node?: string;
  scenarioName?: string;
  scenarioHash?: string;
  seed?: number;
  steps?: number;
  timeUnit?: string;
  startedAt?: string;
  endedAt?: string;
  wallSeconds?: number;
  scenario?: { name?: string; description?: string; assumptions?: unknown; regions?: { id: string }[]; sectors?: { id: string }[]; [k: string]: unknown };
  experiment?: { name?: string; description?: string; design?: unknown; parameters?: unknown[]; [k: string]: unknown };
  [k: string]: unknown;
}

export interface RunData {
  kind: 'run';
  dir: string;
  manifest?: Manifest;
  metrics: MetricRow[];
  /** Steps with an agents snapshot, ascending. */
  snapshotSteps: number[];
}

export interface SweepData {
  kind: 'sweep';
  dir: string;
  manifest?: Manifest;
  summary: SummaryRow[];
  parameters: string[];
  /** Each parameter's label and scale, from the experiment's vary entries. */
  parameterInfo: ParameterInfo[];
  /** The design type (grid, list, lhs, sobol, morris), when the manifest says. */
  design?: string;
  sensitivity: SensitivityRow[];
  /** Replicate-only sweeps kept at one step: every run's value per metric (for its distribution). */
  runValues?: Map<string, { step: number; values: number[] }>;
  /** Sensitivity estimates the sweep found unreliable (manifest warnings). */
  warnings: string[];
}

export interface CompareData {
  kind: 'compare';
  dir: string;
  manifest?: Manifest;
  compare: CompareRow[];
  /** Per-run rows from runs.csv, with `series` set to the scenario. */
  runs: MetricRow[];
  /** compare-tests.csv as read (metric, step, test, p_value, p_holm, ...), when present. */
  tests: Record<string, string>[];
  /** marginal-costs.csv as read, when present. */
  marginal: Record<string, string>[];
}

export type FolderData = RunData | SweepData | CompareData;

export function detectFolder(dir: string): FolderKind {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(reportMsg.notAFolder(dir));
  if (existsSync(path.join(dir, 'compare.csv'))) return 'compare';
  if (existsSync(path.join(dir, 'summary.csv')) || existsSync(path.join(dir, 'results.csv'))) return 'sweep';
  if (existsSync(path.join(dir, 'metrics.csv'))) return 'run';
  throw new UserError(reportMsg.unknownFolder(dir));
}

function readTable(file: string, required: readonly string[]): Table {
  const table = parseCsv(readFileSync(file, 'utf8'));
  const missing = missingColumns(table, required);
  if (missing.length) throw new UserError(reportMsg.missingColumns(file, missing, table.header));
  return table;
}

/** Column accessor that turns a non-number into a UserError with file, line and column. */
function numbers(file: string, table: Table) {
  const index = new Map(table.header.map((h, k) => [h, k]));
  return (row: string[], line: number, column: string, optional = false): number => {
    const raw = row[index.get(column) ?? -1] ?? '';
    const v = num(raw);
    if (Number.isNaN(v) && !(optional || raw.trim() === '' || raw === 'NaN')) throw new UserError(reportMsg.badNumber(file, line, column, raw));
    return v;
  };
}

function col(table: Table, name: string): number {
  return table.header.indexOf(name);
}

export function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    // A sweep's manifest keeps the experiment under meta (src/sweep/manifest.ts).
    const meta = m.meta as { experiment?: Manifest['experiment']; paths?: string[] } | undefined;
    if (!m.experiment && meta?.experiment) m.experiment = { ...meta.experiment, ...(meta.paths ? { parameters: meta.paths } : {}) };
    return m;
  } catch (e) {
    throw new UserError(reportMsg.badJson(file, (e as Error).message));
  }
}

export function readMetrics(file: string): MetricRow[] {
  const t = readTable(file, ['run_id', 'step', 'scope', 'metric', 'value']);
  const n = numbers(file, t);
  const [run, scope, metric] = [col(t, 'run_id'), col(t, 'scope'), col(t, 'metric')];
  return t.rows.map((r, k) => ({ run_id: r[run], step: n(r, k + 2, 'step'), scope: r[scope], metric: r[metric], value: n(r, k + 2, 'value') }));
}

export function snapshotSteps(dir: string): number[] {
  const snap = path.join(dir, 'snapshots');
  if (!existsSync(snap)) return [];
  return readdirSync(snap)
    .map((f) => /^agents-(\d+)\.csv$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

export function readAgents(dir: string, step: number): AgentRow[] {
  const file = path.join(dir, 'snapshots', `agents-${step}.csv`);
  const cols = ['step', 'id', 'kind', 'region', 'sector', 'x', 'y', 'employees', 'knowledge', 'tacitShare', 'absorptive', 'ict'] as const;
  const t = readTable(file, cols);
  const n = numbers(file, t);
  const c = Object.fromEntries(cols.map((h) => [h, col(t, h)])) as Record<(typeof cols)[number], number>;
  return t.rows.map((r, k) => ({
    step: n(r, k + 2, 'step'),
    id: r[c.id],
    kind: r[c.kind],
    region: r[c.region],
    sector: r[c.sector],
    x: n(r, k + 2, 'x'),
    y: n(r, k + 2, 'y'),
    employees: n(r, k + 2, 'employees'),
    knowledge: n(r, k + 2, 'knowledge'),
    tacitShare: n(r, k + 2, 'tacitShare', true),
    absorptive: n(r, k + 2, 'absorptive', true),
    ict: n(r, k + 2, 'ict', true),
  }));
}

/** Ties at a step; an absent ties file means no ties were recorded (an empty list). */
export function readTies(dir: string, step: number): TieRow[] {
  const file = path.join(dir, 'snapshots', `ties-${step}.csv`);
  if (!existsSync(file)) return [];
  const t = readTable(file, ['step', 'a', 'b', 'type', 'strength', 'trust', 'interRegional']);
  const n = numbers(file, t);
  const [a, b, type] = [col(t, 'a'), col(t, 'b'), col(t, 'type')];
  return t.rows.map((r, k) => ({
    step: n(r, k + 2, 'step'),
    a: r[a],
    b: r[b],
    type: r[type],
    strength: n(r, k + 2, 'strength', true),
    trust: n(r, k + 2, 'trust', true),
    interRegional: n(r, k + 2, 'interRegional'),
  }));
}

export function loadRun(dir: string): RunData {
  const file = path.join(dir, 'metrics.csv');
  if (!existsSync(file)) throw new UserError(reportMsg.unknownFolder(dir));
  const metrics = readMetrics(file);
  if (metrics.length === 0) throw new UserError(reportMsg.emptyFile(file));
  return { kind: 'run', dir, manifest: readManifest(dir), metrics, snapshotSteps: snapshotSteps(dir) };
}

const SUMMARY_FIXED = new Set(['point', 'step', 'metric', 'n', 'mean', 'sd', 'ci_low', 'ci_high', 'q05', 'q25', 'q50', 'q75', 'q95']);
const RESULTS_FIXED = new Set(['run_id', 'point', 'replicate', 'seed', 'step', 'metric', 'value']);

/** A parameter value: a number when it reads as one, else the text (e.g. a policy name). */
function paramValue(raw: string): number | string {
  const v = num(raw);
  return Number.isNaN(v) ? raw : v;
}

function readSummary(file: string): { rows: SummaryRow[]; parameters: string[] } {
  const t = readTable(file, ['point', 'step', 'metric', 'n', 'mean', 'ci_low', 'ci_high']);
  const parameters = t.header.filter((h) => !SUMMARY_FIXED.has(h));
  const n = numbers(file, t);
  const pc = parameters.map((p) => [p, col(t, p)] as const);
  const [point, metric] = [col(t, 'point'), col(t, 'metric')];
  const hasQ = ['q05', 'q25', 'q50', 'q75', 'q95'].every((q) => col(t, q) >= 0);
  const rows = t.rows.map((r, k) => ({
    point: r[point],
    params: Object.fromEntries(pc.map(([p, c]) => [p, paramValue(r[c])])),
    step: n(r, k + 2, 'step'),
    metric: r[metric],
    n: n(r, k + 2, 'n'),
    mean: n(r, k + 2, 'mean'),
    sd: n(r, k + 2, 'sd', true),
    ci_low: n(r, k + 2, 'ci_low', true),
    ci_high: n(r, k + 2, 'ci_high', true),
    ...(hasQ ? { q05: n(r, k + 2, 'q05', true), q25: n(r, k + 2, 'q25', true), q50: n(r, k + 2, 'q50', true), q75: n(r, k + 2, 'q75', true), q95: n(r, k + 2, 'q95', true) } : {}),
  }));
  return { rows, parameters };
}

/** Summarise results.csv when a sweep left no summary.csv (e.g. interrupted before it). */
function summaryFromResults(file: string): { rows: SummaryRow[]; parameters: string[] } {
  const t = readTable(file, ['run_id', 'point', 'step', 'metric', 'value']);
  const parameters = t.header.filter((h) => !RESULTS_FIXED.has(h));
  const n = numbers(file, t);
  const [point, metric] = [col(t, 'point'), col(t, 'metric')];
  const pc = parameters.map((p) => [p, col(t, p)] as const);
  const groups = new Map<string, { row: string[]; step: number; values: number[] }>();
  t.rows.forEach((r, k) => {
    const step = n(r, k + 2, 'step');
    const key = `${r[point]}\u0000${step}\u0000${r[metric]}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { row: r, step, values: [] }));
    g.values.push(n(r, k + 2, 'value'));
  });
  const rows = [...groups.values()].map((g) => {
    const s = summarise(g.values);
    return { point: g.row[point], params: Object.fromEntries(pc.map(([p, c]) => [p, paramValue(g.row[c])])), step: g.step, metric: g.row[metric], n: s.n, mean: s.mean, sd: s.sd, ci_low: s.lo, ci_high: s.hi };
  });
  return { rows, parameters };
}

function readSensitivity(file: string): SensitivityRow[] {
  if (!existsSync(file)) return [];
  const t = readTable(file, ['method', 'metric', 'parameter', 'index', 'estimate']);
  const n = numbers(file, t);
  const [method, metric, parameter, index] = [col(t, 'method'), col(t, 'metric'), col(t, 'parameter'), col(t, 'index')];
  return t.rows
    .map((r, k) => [r, k] as const)
    .filter(([r]) => r[method] === 'sobol' || r[method] === 'morris' || r[method] === 'prcc')
    .map(([r, k]) => ({
      method: r[method] as 'sobol' | 'morris' | 'prcc',
      metric: r[metric],
      parameter: r[parameter],
      index: r[index],
      estimate: n(r, k + 2, 'estimate'),
      ci_low: n(r, k + 2, 'ci_low', true),
      ci_high: n(r, k + 2, 'ci_high', true),
    }));
}

/** Labels and scales of the varied parameters, from the sweep manifest's experiment. */
function parameterInfo(parameters: string[], m: Manifest | undefined): ParameterInfo[] {
  const vary = (m?.meta as { experiment?: { vary?: { path: string; label?: string; scale?: string }[] } } | undefined)?.experiment?.vary ?? [];
  return parameters.map((p) => {
    const v = vary.find((x) => x.path === p);
    return { path: p, ...(v?.label ? { label: v.label } : {}), ...(v?.scale === 'log' ? { log: true } : {}) };
  });
}

/** Every run's value of each metric at its one kept step (replicate-only sweeps). */
function runValuesOf(file: string): Map<string, { step: number; values: number[] }> | undefined {
  if (!existsSync(file)) return undefined;
  const t = readTable(file, ['step', 'metric', 'value']);
  const n = numbers(file, t);
  const [metric] = [col(t, 'metric')];
  const out = new Map<string, { step: number; values: number[] }>();
  t.rows.forEach((r, k) => {
    const step = n(r, k + 2, 'step');
    const cur = out.get(r[metric]);
    if (!cur || step > cur.step) out.set(r[metric], { step, values: [n(r, k + 2, 'value')] });
    else if (step === cur.step) cur.values.push(n(r, k + 2, 'value'));
  });
  return out;
}

export function loadSweep(dir: string): SweepData {
  const summaryFile = path.join(dir, 'summary.csv');
  const { rows, parameters } = existsSync(summaryFile) ? readSummary(summaryFile) : summaryFromResults(path.join(dir, 'results.csv'));
  if (rows.length === 0) throw new UserError(reportMsg.emptyFile(existsSync(summaryFile) ? summaryFile : path.join(dir, 'results.csv')));
  const manifest = readManifest(dir);
  const design = (manifest?.meta as { experiment?: { design?: { type?: string } } } | undefined)?.experiment?.design?.type;
  const oneStep = new Set(rows.map((r) => r.step)).size === 1;
  return {
    kind: 'sweep',
    dir,
    manifest,
    summary: rows,
    parameters,
    parameterInfo: parameterInfo(parameters, manifest),
    ...(design ? { design } : {}),
    sensitivity: readSensitivity(path.join(dir, 'sensitivity.csv')),
    ...(parameters.length === 0 && oneStep ? { runValues: runValuesOf(path.join(dir, 'results.csv')) } : {}),
    warnings: Array.isArray(manifest?.warnings) ? (manifest.warnings as unknown[]).map(String) : [],
  };
}

export function loadCompare(dir: string): CompareData {
  const file = path.join(dir, 'compare.csv');
  const t = readTable(file, ['metric', 'scenario', 'step', 'mean', 'ci_low', 'ci_high', 'n']);
  const n = numbers(file, t);
  const [metric, scenario] = [col(t, 'metric'), col(t, 'scenario')];
  const compare = t.rows.map((r, k) => ({
    metric: r[metric],
    scenario: r[scenario],
    step: n(r, k + 2, 'step'),
    mean: n(r, k + 2, 'mean'),
    sd: n(r, k + 2, 'sd', true),
    ci_low: n(r, k + 2, 'ci_low', true),
    ci_high: n(r, k + 2, 'ci_high', true),
    n: n(r, k + 2, 'n'),
  }));
  if (compare.length === 0) throw new UserError(reportMsg.emptyFile(file));
  const runsFile = path.join(dir, 'runs.csv');
  let runs: MetricRow[] = [];
  if (existsSync(runsFile)) {
    const rt = readTable(runsFile, ['scenario', 'run_id', 'step', 'metric', 'value']);
    const rn = numbers(runsFile, rt);
    const [sc, run, m, scope] = [col(rt, 'scenario'), col(rt, 'run_id'), col(rt, 'metric'), col(rt, 'scope')];
    runs = rt.rows.map((r, k) => ({ run_id: r[run], step: rn(r, k + 2, 'step'), scope: scope >= 0 ? r[scope] : 'system', metric: r[m], value: rn(r, k + 2, 'value'), series: r[sc] }));
  }
  const testsFile = path.join(dir, 'compare-tests.csv');
  const tests = existsSync(testsFile) ? objects(readTable(testsFile, ['metric', 'step'])) : [];
  const costsFile = path.join(dir, 'marginal-costs.csv');
  const marginal = existsSync(costsFile) ? objects(readTable(costsFile, ['outcome', 'metric', 'marginal_cost'])) : [];
  return { kind: 'compare', dir, manifest: readManifest(dir), compare, runs, tests, marginal };
}

export function loadFolder(dir: string): FolderData {
  const kind = detectFolder(dir);
  return kind === 'run' ? loadRun(dir) : kind === 'sweep' ? loadSweep(dir) : loadCompare(dir);
}

/** Metric names recorded in a folder, sorted. */
export function recordedMetrics(data: FolderData): string[] {
  const rows = data.kind === 'run' ? data.metrics : data.kind === 'sweep' ? data.summary : data.compare;
  return [...new Set(rows.map((r) => r.metric))].sort();
}
