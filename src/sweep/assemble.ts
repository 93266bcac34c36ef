/**
 * Final tables of a sweep, assembled once every run is done from the runs' records (the
 * journal, and the tables of an earlier session when a sweep is extended): runs are
 * read in canonical order (run id; within a run the worker already sorted rows by step and
 * metric), so the tables do not depend on how many workers ran them, in which order they
 * finished, or on which machine (shards). Streams: one run's rows, and one design point's
 * values for the summary, are in memory at a time.
 *
 * Writes results.csv (+ results.parquet), runs.csv and, for a whole sweep (not a shard),
 * summary.csv and, for sampled designs (lhs, sobol, morris), sensitivity.csv. Each file is written to a
 * temporary name and renamed when complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import { csvLine, numCell, parseCsvLine, textCell, valueCell } from '../experiments/csv.js';
import { morrisTrajectories } from '../experiments/designs/morris.js';
import { runRef } from '../experiments/runs.js';
import { morrisIndices } from '../experiments/sensitivity/morris.js';
import { sobolIndices, type IndexEstimate } from '../experiments/sensitivity/sobol.js';
import { prcc } from '../experiments/sensitivity/prcc.js';
import { morrisWarnings, sobolWarnings } from '../experiments/sensitivity/warnings.js';
import { PointAccumulator, statCells, SUMMARY_STATS } from '../experiments/summary.js';
import { AtomicTextWriter } from '../io/files.js';
import { runKey, type RunRecord } from './store.js';
import type { SweepMeta } from './manifest.js';
import { paramKind, ResultsParquet } from './parquet.js';

export interface AssembleOptions {
  parquet: boolean;
  /** Summary and sensitivity tables: only for a whole sweep, not for one shard. */
  summaries: boolean;
}

export interface AssembleResult {
  ok: number;
  failed: number;
  files: string[];
  /** Sensitivity estimates that look unreliable, with the sample size that would help. */
  warnings: string[];
}

/** Designs that sample the parameter space: sensitivity.csv gets PRCC rows for them. */
export const SAMPLED_DESIGNS: readonly string[] = ['lhs', 'sobol', 'morris'];

export const RESULTS_COLUMNS = ['run_id', 'point', 'replicate', 'seed'] as const;

export function assembleTables(
  outDir: string,
  meta: SweepMeta,
  records: ReadonlyMap<string, RunRecord>,
  runIds: number[],
  opts: AssembleOptions,
): AssembleResult {
  const paramCols = meta.paths.map(textCell);
  const files = ['results.csv', 'runs.csv'];
  const results = new AtomicTextWriter(path.join(outDir, 'results.csv'));
  results.write(csvLine([...RESULTS_COLUMNS, ...paramCols, 'step', 'metric', 'value']));
  const runs = new AtomicTextWriter(path.join(outDir, 'runs.csv'));
  runs.write(csvLine(['run_id', 'point', 'replicate', 'seed', 'status', 'error', 'wallMs']));
  const summary = opts.summaries ? new AtomicTextWriter(path.join(outDir, 'summary.csv')) : undefined;
  summary?.write(csvLine(['point', ...paramCols, 'step', 'metric', ...SUMMARY_STATS]));
  const kinds = meta.points.length > 0 ? meta.paths.map((_, i) => paramKind(meta.points.map((p) => p[i]!))) : [];
  const parquet = opts.parquet ? new ResultsParquet(path.join(outDir, 'results.parquet'), meta.paths, kinds) : undefined;

  const design = meta.experiment.design;
  const level = 'confidence' in design ? design.confidence : 0.95;
  const finalMeans: Map<string, number>[] = [];
  let ok = 0;
  let failed = 0;
  let current = -1;
  let acc = new PointAccumulator();
  let paramText = '';

  const closePoint = () => {
    if (current < 0 || !summary) return;
    const cells = acc.describe(level);
    const prefix = `${current},${paramText}`;
    for (const c of cells) summary.write(`${prefix}${c.step},${textCell(c.metric)},${statCells(c.stats).join(',')}\n`);
    const lastStep = cells.reduce((m, c) => Math.max(m, c.step), -Infinity);
    finalMeans[current] = new Map(cells.filter((c) => c.step === lastStep).map((c) => [c.metric, c.stats.mean]));
  };

  try {
    for (const runId of runIds) {
      const ref = runRef(runId, meta.replicates, meta.masterSeed);
      const entry = records.get(runKey(ref.point, ref.replicate));
      if (!entry) throw new Error(`run ${runId} (point ${ref.point}, replicate ${ref.replicate}) is missing`);
      if (ref.point !== current) {
        closePoint();
        current = ref.point;
        acc = new PointAccumulator();
        const values = meta.points[current]!;
        paramText = values.length > 0 ? `${values.map(valueCell).join(',')},` : '';
      }
      runs.write(csvLine([String(runId), String(ref.point), String(ref.replicate), String(ref.seed), entry.status, textCell(entry.error ?? ''), String(entry.wallMs)]));
      if (entry.status !== 'ok') {
        failed++;
        continue;
      }
      ok++;
      const prefix = `${runId},${ref.point},${ref.replicate},${ref.seed},${paramText}`;
      const block = entry.read();
      let at = 0;
      while (at < block.length) {
        let nl = block.indexOf('\n', at);
        if (nl < 0) nl = block.length;
        const line = block.slice(at, nl);
        at = nl + 1;
        if (line === '') continue;
        results.write(`${prefix}${line}\n`);
        const c1 = line.indexOf(',');
        const c2 = line.lastIndexOf(',');
        const step = Number(line.slice(0, c1));
        const metricCell = line.slice(c1 + 1, c2);
        const metric = metricCell.startsWith('"') ? parseCsvLine(metricCell)[0]! : metricCell;
        const valueText = line.slice(c2 + 1);
        const value = valueText === '' ? NaN : Number(valueText);
        acc.add(step, metric, value);
        parquet?.add(runId, ref.point, ref.replicate, ref.seed, meta.points[ref.point]!, step, metric, value);
      }
    }
    closePoint();
    results.commit();
    runs.commit();
    if (summary) {
      summary.commit();
      files.push('summary.csv');
    }
    if (parquet) {
      parquet.commit();
      files.push('results.parquet');
    }
  } catch (err) {
    results.abort();
    runs.abort();
    summary?.abort();
    parquet?.abort();
    throw err;
  }

  let warnings: string[] = [];
  if (opts.summaries && SAMPLED_DESIGNS.includes(design.type) && meta.paths.length > 0) {
    warnings = writeSensitivity(outDir, meta, finalMeans);
    files.push('sensitivity.csv');
  }
  return { ok, failed, files, warnings };
}

/** A parameter column as numbers (true/false as 1/0), or undefined for text values. */
function numericColumn(meta: SweepMeta, i: number): number[] | undefined {
  const col = meta.points.map((p) => p[i]!);
  if (col.every((v) => typeof v === 'number')) return col as number[];
  if (col.every((v) => typeof v === 'boolean')) return col.map((v) => (v ? 1 : 0));
  return undefined;
}

/**
 * sensitivity.csv from the replicate means of each metric at each point's last kept step:
 * Sobol or Morris indices for those designs, and PRCC for every sampled design. Returns the
 * warnings about unreliable Sobol and Morris estimates.
 */
function writeSensitivity(outDir: string, meta: SweepMeta, finalMeans: Map<string, number>[]): string[] {
  const design = meta.experiment.design;
  const k = meta.paths.length;
  const metrics = [...new Set(finalMeans.flatMap((m) => (m ? [...m.keys()] : [])))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out = new AtomicTextWriter(path.join(outDir, 'sensitivity.csv'));
  out.write(csvLine(['method', 'metric', 'parameter', 'index', 'estimate', 'ci_low', 'ci_high']));
  const layout = design.type === 'morris' ? morrisTrajectories(design.trajectories, k, design.levels, meta.designSeed) : undefined;
  const columns = meta.paths.map((_, i) => numericColumn(meta, i));
  const numeric = columns.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
  const warnings: string[] = [];
  for (const metric of metrics) {
    const y = meta.points.map((_, p) => finalMeans[p]?.get(metric) ?? NaN);
    let est: IndexEstimate[] = [];
    if (design.type === 'sobol') {
      est = sobolIndices(y, k, { bootstrap: design.bootstrap, confidence: design.confidence, seed: `${meta.designSeed}/${metric}` });
    } else if (design.type === 'morris' && layout) {
      est = morrisIndices(y, layout, k, { bootstrap: design.bootstrap, confidence: design.confidence, seed: `${meta.designSeed}/${metric}` }).filter(
        (e) => e.index !== 'mu',
      );
    }
    for (const e of est) {
      out.write(csvLine([design.type, textCell(metric), textCell(meta.paths[e.parameter]!), e.index, numCell(e.estimate), numCell(e.ciLow), numCell(e.ciHigh)]));
    }
    if (design.type === 'sobol') warnings.push(...sobolWarnings(metric, est, meta.paths, design.samples));
    if (design.type === 'morris') warnings.push(...morrisWarnings(metric, est, meta.paths, design.trajectories));
    if (numeric.length > 0) {
      for (const e of prcc(numeric.map((i) => columns[i]!), y)) {
        out.write(csvLine(['prcc', textCell(metric), textCell(meta.paths[numeric[e.parameter]!]!), 'PRCC', numCell(e.estimate), numCell(e.ciLow), numCell(e.ciHigh)]));
      }
    }
  }
  out.commit();
  return warnings;
}
