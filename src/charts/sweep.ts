/**
 * Sweeps: a metric over the varied parameters at one step. Two parameters give a heatmap
 * (a scatter coloured by the metric when the design is not a grid); one parameter gives a
 * line with the 95% interval over replicates, optionally one line per value of a second.
 * Parameters not drawn are averaged over (the subtitle says so).
 *
 * Reads SummaryRow rows of summary.csv.
 */
import type { ChartSpec, SummaryRow } from './types.js';
import { BASE_CONFIG, PANEL, SCHEMA_URL, SINGLE_COLOR } from './theme.js';
import { metricTitle, metricInfo, parameterLabel, paramValue } from './metrics.js';
import { distinct } from './stats.js';

/** Parameter paths present in the rows, in first-seen order. */
export function sweepParameters(rows: readonly SummaryRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.params)) seen.add(k);
  return [...seen];
}

/** The last step recorded for a metric. */
export function lastStep(rows: readonly SummaryRow[], metric: string): number {
  let last = -Infinity;
  for (const r of rows) if (r.metric === metric && r.step > last) last = r.step;
  return last;
}

interface Cell {
  px: number | string;
  py?: number | string;
  mean: number;
  lo: number;
  hi: number;
  n: number;
  points: number;
}

/** Average rows sharing the drawn parameter values (other parameters averaged over). */
function cells(rows: readonly SummaryRow[], px: string, py?: string): Cell[] {
  const groups = new Map<string, SummaryRow[]>();
  for (const r of rows) {
    const key = `${paramValue(r.params[px])}\u0000${py ? paramValue(r.params[py]) : ''}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: Cell[] = [];
  for (const g of groups.values()) {
    const avg = (f: (r: SummaryRow) => number) => g.reduce((s, r) => s + f(r), 0) / g.length;
    const c: Cell = { px: paramValue(g[0].params[px]), mean: avg((r) => r.mean), lo: avg((r) => r.ci_low), hi: avg((r) => r.ci_high), n: g.reduce((s, r) => s + r.n, 0), points: g.length };
    if (py) c.py = paramValue(g[0].params[py]);
    out.push(c);
  }
  return out;
}

function selectRows(rows: readonly SummaryRow[], metric: string, step?: number): { rows: SummaryRow[]; step: number } {
  const at = step ?? lastStep(rows, metric);
  return { rows: rows.filter((r) => r.metric === metric && r.step === at), step: at };
}

function otherParams(all: string[], drawn: string[], label: (p: string) => string): string {
  const rest = all.filter((p) => !drawn.includes(p));
  return rest.length ? `; averaged over ${rest.map(label).join(', ')}` : '';
}

/** Short tick labels that do not collide: 0.005, 12, 2.5k. */
function numberAxis(values: readonly (number | string)[]) {
  const nums = values.filter((v): v is number => typeof v === 'number');
  const max = nums.length ? Math.max(...nums.map(Math.abs)) : 0;
  return { labelOverlap: true, tickCount: 6, labelFlush: true, format: max >= 1e4 ? '~s' : '~g' };
}

export interface HeatmapOptions {
  rows: readonly SummaryRow[];
  metric: string;
  x: string;
  y: string;
  step?: number;
  title?: string;
  /** Labels of the parameters by path (the experiment's vary labels). */
  labels?: Record<string, string>;
}

export function sweepHeatmapSpec(o: HeatmapOptions): ChartSpec {
  const { rows, step } = selectRows(o.rows, o.metric, o.step);
  const data = cells(rows, o.x, o.y);
  const xs = distinct(data.map((c) => c.px));
  const ys = distinct(data.map((c) => c.py as number | string));
  // A grid has few distinct values per axis; a sampled design (LHS, Sobol) has one per point.
  const grid = xs.length * ys.length <= Math.max(4, data.length * 1.5) && xs.length <= 30 && ys.length <= 30;
  const all = sweepParameters(o.rows);
  const label = (p: string) => o.labels?.[p] ?? parameterLabel(p);
  const color = { field: 'mean', type: 'quantitative' as const, title: metricTitle(o.metric), scale: { scheme: 'viridis' } };
  const tooltip = [
    { field: 'px', title: o.x, type: grid ? ('ordinal' as const) : ('quantitative' as const) },
    { field: 'py', title: o.y, type: grid ? ('ordinal' as const) : ('quantitative' as const) },
    { field: 'mean', type: 'quantitative' as const, title: 'Mean', format: '.4~g' },
    { field: 'lo', type: 'quantitative' as const, title: '95% CI low', format: '.4~g' },
    { field: 'hi', type: 'quantitative' as const, title: '95% CI high', format: '.4~g' },
    { field: 'n', type: 'quantitative' as const, title: 'Runs' },
  ];
  const axisType = grid ? ('ordinal' as const) : ('quantitative' as const);
  return {
    $schema: SCHEMA_URL,
    title: {
      text: o.title ?? `${metricInfo(o.metric).label} over ${label(o.x)} and ${label(o.y)}`,
      subtitle: [`Mean at step ${step} over replicates${otherParams(all, [o.x, o.y], label)}`, `x: ${o.x}; y: ${o.y}`],
    },
    config: BASE_CONFIG,
    data: { values: data },
    width: grid ? Math.max(240, Math.min(480, xs.length * 60)) : 360,
    height: grid ? Math.max(180, Math.min(400, ys.length * 40)) : 300,
    mark: grid ? { type: 'rect' } : { type: 'circle', size: 90, opacity: 0.9 },
    encoding: {
      x: { field: 'px', type: axisType, title: label(o.x), ...(grid ? { sort: xs, axis: { labelAngle: 0, grid: false } } : { scale: { zero: false }, axis: numberAxis(xs) }) },
      y: { field: 'py', type: axisType, title: label(o.y), ...(grid ? { sort: [...ys].reverse(), axis: { grid: false } } : { scale: { zero: false }, axis: numberAxis(ys) }) },
      color,
      tooltip,
    },
  } as ChartSpec;
}

export interface SweepLineOptions {
  rows: readonly SummaryRow[];
  metric: string;
  x: string;
  /** A second parameter: one line per value. */
  colorBy?: string;
  step?: number;
  title?: string;
  /** Labels of the parameters by path (the experiment's vary labels). */
  labels?: Record<string, string>;
}

export function sweepLineSpec(o: SweepLineOptions): ChartSpec {
  const { rows, step } = selectRows(o.rows, o.metric, o.step);
  const data = cells(rows, o.x, o.colorBy);
  // A parameter with text values (a lever's name, a rule): categories, not a line.
  const categorical = data.some((c) => typeof c.px !== 'number');
  const all = sweepParameters(o.rows);
  const label = (p: string) => o.labels?.[p] ?? parameterLabel(p);
  const drawn = o.colorBy ? [o.x, o.colorBy] : [o.x];
  const colored = o.colorBy !== undefined;
  const fixed = colored ? {} : { color: SINGLE_COLOR };
  // Sampled designs (Morris, Sobol) have one run per point: no interval to draw.
  const hasBand = data.some((c) => c.n > 1 && Number.isFinite(c.lo) && Number.isFinite(c.hi));
  const colorEnc = colored
    ? { color: { field: 'py', type: 'ordinal' as const, title: label(o.colorBy ?? ''), sort: distinct(data.map((c) => c.py as number | string)), legend: { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } } }
    : {};
  const y = { type: 'quantitative' as const, title: metricTitle(o.metric), scale: { zero: false } };
  return {
    $schema: SCHEMA_URL,
    title: {
      text: o.title ?? `${metricInfo(o.metric).label} against ${label(o.x)}`,
      subtitle: [`Mean at step ${step}${hasBand ? ' with 95% interval over replicates' : ''}${otherParams(all, drawn, label)}`, `x: ${o.x}${o.colorBy ? `; colour: ${o.colorBy}` : ''}`],
    },
    config: BASE_CONFIG,
    data: { values: data },
    width: PANEL.width,
    height: PANEL.height,
    encoding: {
      x: categorical
        ? { field: 'px', type: 'nominal', title: label(o.x), sort: distinct(data.map((c) => c.px)), axis: { labelAngle: 0, labelLimit: 160 } }
        : { field: 'px', type: 'quantitative', title: label(o.x), scale: { zero: false }, axis: numberAxis(data.map((c) => c.px)) },
      ...(categorical && colored ? { xOffset: { field: 'py', type: 'nominal' } } : {}),
      ...colorEnc,
    },
    layer: [
      ...(hasBand
        ? [
            categorical
              ? { mark: { type: 'rule', strokeWidth: 2, ...fixed }, encoding: { y: { ...y, field: 'lo' }, y2: { field: 'hi' } } }
              : { mark: { type: 'area', opacity: 0.18, ...fixed }, encoding: { y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
          ]
        : []),
      ...(categorical ? [] : [{ mark: { type: 'line', strokeWidth: 2, ...fixed }, encoding: { y: { ...y, field: 'mean' } } }]),
      {
        mark: { type: 'point', filled: true, size: 36, ...fixed },
        encoding: {
          y: { ...y, field: 'mean' },
          tooltip: [
            { field: 'px', type: categorical ? 'nominal' : 'quantitative', title: o.x },
            ...(colored ? [{ field: 'py', type: 'ordinal', title: o.colorBy }] : []),
            { field: 'mean', type: 'quantitative', title: 'Mean', format: '.4~g' },
            { field: 'lo', type: 'quantitative', title: '95% CI low', format: '.4~g' },
            { field: 'hi', type: 'quantitative', title: '95% CI high', format: '.4~g' },
            { field: 'n', type: 'quantitative', title: 'Runs' },
          ],
        },
      },
    ],
  } as ChartSpec;
}
