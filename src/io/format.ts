/**
 * How numbers and fields are written in output files, and metrics.csv itself. No Node
 * import: the browser explorer writes its metrics CSV with these same functions, so its
 * export is byte for byte what `clustersim run` writes.
 */
import type { MetricRow } from '../engine/simulation.js';

/**
 * Numbers in output files: shortest round-trip form (JavaScript's), so files are
 * byte-identical for identical values and R / pandas read them exactly.
 */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NA';
  if (v === Infinity) return 'Inf';
  if (v === -Infinity) return '-Inf';
  return Object.is(v, -0) ? '0' : String(v);
}

/** Quote a CSV field when needed (RFC 4180). */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return formatNumber(v);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The lines of metrics.csv, header first (`run` writes them one by one: a file of millions of rows is never one string). */
export function* metricsLines(runId: string, rows: readonly MetricRow[]): Generator<string> {
  yield 'run_id,step,scope,metric,value';
  const id = csvField(runId);
  for (const r of rows) yield `${id},${r.step},${csvField(r.scope)},${csvField(r.metric)},${csvField(r.value)}`;
}

/** metrics.csv: tidy long rows `run_id,step,scope,metric,value`. */
export function metricsCsv(runId: string, rows: readonly MetricRow[]): string {
  return [...metricsLines(runId, rows)].join('\n') + '\n';
}

/** The run id `clustersim run` gives a run: `<scenario name>-s<seed>`. */
export function runId(scenarioName: string, seed: number): string {
  return `${scenarioName}-s${seed}`;
}
