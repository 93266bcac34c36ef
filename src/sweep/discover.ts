/**
 * `discover`: scenario discovery on a finished sweep folder. Phases: read results.csv (the
 * value of the metric at its last kept step in every successful run, and the run's
 * parameter values); mark the cases of interest (value above or below the threshold); run
 * PRIM (src/experiments/prim.ts); write boxes.csv, limits.csv, trajectory.csv, the
 * peeling-trajectory chart and a manifest into the output folder, and return the boxes for
 * the terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../messages.js';
import { csvLine, numCell, parseCsvLine, textCell } from '../experiments/csv.js';
import { prim, selectPoint, type PrimBox, type PrimColumn, type PrimResult } from '../experiments/prim.js';
import { AtomicTextWriter, writeAtomicSync } from '../io/files.js';
import { provenance } from '../io/manifest.js';
import { RESULTS_COLUMNS } from './assemble.js';

export interface DiscoverOptions {
  dir: string;
  metric: string;
  above?: number;
  below?: number;
  peelAlpha?: number;
  pasteAlpha?: number;
  massMin?: number;
  boxes?: number;
  /** Report this point of the first box's trajectory instead of the last. */
  select?: number;
  out?: string;
}

export interface DiscoverOutcome {
  outDir: string;
  question: string;
  step: number;
  result: PrimResult;
  parameters: string[];
}

export const discoverMsg = {
  noResults: (dir: string) => `${dir}: no results.csv here; discover needs the folder of a finished sweep (clustersim sweep EXPERIMENT).`,
  noParameters: (dir: string) => `${dir}/results.csv: no parameter columns; discover needs a sweep that varies parameters (vary: in the experiment).`,
  noMetric: (dir: string, metric: string, have: string[]) => `${dir}/results.csv: no rows of metric '${metric}'. Metrics there: ${have.slice(0, 30).join(', ')}${have.length > 30 ? ', ...' : ''}.`,
  threshold: () => 'discover: give exactly one of --above X or --below X: the cases of interest are the runs whose metric lies above (or below) X.',
  noCases: (question: string, n: number) => `discover: none of the ${n} runs has ${question}; choose another threshold.`,
  allCases: (question: string, n: number) => `discover: all ${n} runs have ${question}; there is nothing to tell apart. Choose another threshold.`,
  badSelect: (at: number, max: number) => `--select: the trajectory has points 0..${max}, found ${at}.`,
} as const;

/** Every successful run's value of `metric` at its last step, with the run's parameter values. */
function readCases(dir: string, metric: string): { params: string[]; columns: PrimColumn[]; values: number[]; step: number } {
  const file = path.join(dir, 'results.csv');
  if (!fs.existsSync(file)) throw new UserError(discoverMsg.noResults(dir));
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const header = parseCsvLine(lines[0] ?? '');
  const fixed = new Set<string>([...RESULTS_COLUMNS, 'step', 'metric', 'value']);
  const params = header.filter((h) => !fixed.has(h));
  if (params.length === 0) throw new UserError(discoverMsg.noParameters(dir));
  const [iStep, iMetric, iValue] = ['step', 'metric', 'value'].map((c) => header.indexOf(c));
  const iParams = params.map((p) => header.indexOf(p));
  const metrics = new Set<string>();
  let rows: { step: number; params: (number | string)[]; value: number }[] = [];
  let last = -Infinity;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (line === '') continue;
    const cells = parseCsvLine(line);
    metrics.add(cells[iMetric!]!);
    if (cells[iMetric!] !== metric) continue;
    const step = Number(cells[iStep!]);
    if (step < last) continue;
    if (step > last) {
      last = step;
      rows = [];
    }
    rows.push({ step, params: iParams.map((i) => paramValue(cells[i]!)), value: cells[iValue!] === '' ? NaN : Number(cells[iValue!]) });
  }
  if (rows.length === 0) throw new UserError(discoverMsg.noMetric(dir, metric, [...metrics].sort()));
  const ok = rows.filter((r) => Number.isFinite(r.value));
  return { params, columns: params.map((name, j) => ({ name, values: ok.map((r) => r.params[j]!) })), values: ok.map((r) => r.value), step: last };
}

function paramValue(cell: string): number | string {
  if (cell === 'true' || cell === 'false') return cell;
  const v = Number(cell);
  return cell !== '' && Number.isFinite(v) ? v : cell;
}

export function discover(opts: DiscoverOptions): DiscoverOutcome {
  if ((opts.above === undefined) === (opts.below === undefined)) throw new UserError(discoverMsg.threshold());
  const { params, columns, values, step } = readCases(opts.dir, opts.metric);
  const above = opts.above !== undefined;
  const threshold = (above ? opts.above : opts.below)!;
  const question = `${opts.metric} ${above ? 'above' : 'below'} ${threshold} at step ${step}`;
  const y = values.map((v) => (above ? v > threshold : v < threshold));
  const hits = y.filter(Boolean).length;
  if (hits === 0) throw new UserError(discoverMsg.noCases(question, y.length));
  if (hits === y.length) throw new UserError(discoverMsg.allCases(question, y.length));
  const result = prim(columns, y, { peelAlpha: opts.peelAlpha, pasteAlpha: opts.pasteAlpha, massMin: opts.massMin, boxes: opts.boxes });
  if (opts.select !== undefined) {
    const max = result.boxes[0]!.trajectory.length - 1;
    if (!Number.isInteger(opts.select) || opts.select < 0 || opts.select > max) throw new UserError(discoverMsg.badSelect(opts.select, max));
    result.boxes[0] = selectPoint(result, 0, opts.select, columns, y);
  }
  const outDir = opts.out ?? path.join(opts.dir, `discover-${opts.metric.replace(/[^\w.-]+/g, '_')}-${above ? 'above' : 'below'}-${threshold}`);
  writeOutputs(outDir, opts, question, step, result, params);
  return { outDir, question, step, result, parameters: params };
}

function writeOutputs(outDir: string, opts: DiscoverOptions, question: string, step: number, result: PrimResult, params: string[]): void {
  fs.mkdirSync(outDir, { recursive: true });
  fs.rmSync(path.join(outDir, 'manifest.json'), { force: true });
  const boxes = new AtomicTextWriter(path.join(outDir, 'boxes.csv'));
  boxes.write(csvLine(['box', 'trajectory_point', 'coverage', 'density', 'mass', 'mean', 'n', 'cases_of_interest', 'restricted']));
  const limits = new AtomicTextWriter(path.join(outDir, 'limits.csv'));
  limits.write(csvLine(['box', 'parameter', 'min', 'max', 'categories', 'full_min', 'full_max', 'qp_lower', 'qp_upper']));
  const traj = new AtomicTextWriter(path.join(outDir, 'trajectory.csv'));
  traj.write(csvLine(['box', 'point', 'coverage', 'density', 'mass', 'mean', 'n', 'cases_of_interest', 'restricted', 'selected']));
  for (const b of result.boxes) {
    const p = b.trajectory[b.selected]!;
    boxes.write(csvLine([String(b.index + 1), String(p.id), numCell(p.coverage), numCell(p.density), numCell(p.mass), numCell(p.mean), String(p.n), String(p.k), String(p.restricted)]));
    for (const r of b.restrictions) {
      limits.write(
        csvLine([String(b.index + 1), textCell(r.name), numCell(r.min), numCell(r.max), textCell(r.categories.join('|')), numCell(r.fullMin), numCell(r.fullMax), numCell(r.qpLower), numCell(r.qpUpper)]),
      );
    }
    for (const t of b.trajectory) {
      traj.write(csvLine([String(b.index + 1), String(t.id), numCell(t.coverage), numCell(t.density), numCell(t.mass), numCell(t.mean), String(t.n), String(t.k), String(t.restricted), String(t.id === b.selected)]));
    }
  }
  boxes.commit();
  limits.commit();
  traj.commit();
  const manifest = {
    ...provenance(),
    kind: 'discover',
    sweep: path.resolve(opts.dir),
    metric: opts.metric,
    step,
    casesOfInterest: question,
    method: 'PRIM (Friedman & Fisher 1999) as in the EMA Workbench: lenient1 objective, peeling then pasting',
    peelAlpha: opts.peelAlpha ?? 0.05,
    pasteAlpha: opts.pasteAlpha ?? 0.05,
    massMin: opts.massMin ?? 0.05,
    runs: result.n,
    runsOfInterest: result.casesOfInterest,
    parameters: params,
    boxes: result.boxes.map((b) => ({ box: b.index + 1, ...pick(b) })),
    files: ['boxes.csv', 'limits.csv', 'trajectory.csv', 'charts/peeling-trajectory.svg'],
  };
  writeAtomicSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function pick(b: PrimBox) {
  const p = b.trajectory[b.selected]!;
  return { trajectoryPoint: p.id, coverage: p.coverage, density: p.density, mass: p.mass, restrictions: b.restrictions.map((r) => ({ parameter: r.name, ...(r.kind === 'category' ? { categories: r.categories } : { min: r.min, max: r.max }), qpLower: r.qpLower, qpUpper: r.qpUpper })) };
}

/** The boxes as text for the terminal. */
export function formatDiscover(o: DiscoverOutcome): string {
  const r = o.result;
  const out = [`PRIM scenario discovery: ${r.casesOfInterest} of ${r.n} runs have ${o.question}.`];
  for (const b of r.boxes) {
    const p = b.trajectory[b.selected]!;
    out.push('', `Box ${b.index + 1} (trajectory point ${p.id} of ${b.trajectory.length - 1}): coverage ${p.coverage.toFixed(3)}, density ${p.density.toFixed(3)}, mass ${p.mass.toFixed(3)} (${p.n} runs, ${p.k} of interest)`);
    if (b.restrictions.length === 0) out.push('  restricts nothing: no box concentrates the cases of interest better than the whole sample');
    const width = Math.max(...b.restrictions.map((x) => x.name.length), 9);
    for (const x of b.restrictions) {
      const range = x.kind === 'category' ? `{${x.categories.join(', ')}} of {${x.fullCategories.join(', ')}}` : `${fmt(x.min)} .. ${fmt(x.max)}   (full range ${fmt(x.fullMin)} .. ${fmt(x.fullMax)})`;
      const qp = [x.qpLower, x.qpUpper].map((q) => (Number.isNaN(q) ? '-' : q < 1e-4 ? '<0.0001' : q.toFixed(4))).join(' / ');
      out.push(`  ${x.name.padEnd(width)}  ${range}   quasi-p ${qp}`);
    }
  }
  out.push('', `peeling trajectory, boxes and limits in ${o.outDir}`);
  return out.join('\n');
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}
