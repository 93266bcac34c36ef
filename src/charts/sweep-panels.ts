/**
 * Sweep charts that read for designs with many points (sampled: lhs, sobol, morris) and over
 * time:
 * - `sweepPanelsSpec`: one small multiple per varied parameter, the metric (each design
 *   point's mean) against it as points, with a LOWESS trend and its 95% bootstrap band
 *   (smooth.ts); the panels share the metric's axis. Nothing is averaged over the other
 *   parameters: they vary across the points of every panel, and the subtitle says so.
 * - `sweepTimeSeriesSpec`: the metric over time, one line per design point (a few points:
 *   with their replicate bands and a legend naming the values; many: thin lines coloured by
 *   one parameter's value).
 * - `replicateFanSpec`, `replicateStripSpec`: a replicate-only sweep (nothing varied): the
 *   distribution over runs, over time (median, 50% and 90% bands) or at the one kept step.
 *
 * Reads SummaryRow rows of summary.csv (and run values for the strip).
 */
import type { ChartSpec, SummaryRow } from './types.js';
import { BASE_CONFIG, SCHEMA_URL, SINGLE_COLOR } from './theme.js';
import { metricInfo, metricTitle, parameterLabel } from './metrics.js';
import { smoothTrend } from './smooth.js';

/** How a parameter is shown: its label and whether it was sampled on a log scale. */
export interface ParameterInfo {
  path: string;
  label?: string;
  log?: boolean;
}

export function labelOf(p: ParameterInfo): string {
  return p.label ?? parameterLabel(p.path);
}

/** A tick format that keeps labels short: 0.005, 0.25, 12, 2.5k, 100k. */
export function tickFormat(values: readonly number[]): string {
  const max = Math.max(...values.map(Math.abs));
  return max >= 1e4 ? '~s' : '~g';
}

const AXIS = { labelOverlap: true, tickCount: 5, labelFlush: true } as const;

function lastStep(rows: readonly SummaryRow[], metric: string): number {
  return rows.reduce((m, r) => (r.metric === metric && r.step > m ? r.step : m), -Infinity);
}

export interface PanelsOptions {
  rows: readonly SummaryRow[];
  metric: string;
  parameters: readonly ParameterInfo[];
  step?: number;
  /** Panels per row (default 3). */
  columns?: number;
}

export function sweepPanelsSpec(o: PanelsOptions): ChartSpec {
  const step = o.step ?? lastStep(o.rows, o.metric);
  const rows = o.rows.filter((r) => r.metric === o.metric && r.step === step && Number.isFinite(r.mean));
  const reps = Math.max(...rows.map((r) => r.n), 0);
  const y = { type: 'quantitative' as const, title: metricTitle(o.metric), scale: { zero: false }, axis: AXIS };
  const columns = Math.min(o.columns ?? 3, Math.max(1, o.parameters.length));
  const panels = o.parameters.map((p, k) => {
    // The metric's axis title once per row of panels (they share it).
    const yk = k % columns === 0 ? y : { ...y, title: null };
    const label = labelOf(p);
    const pts = rows.filter((r) => typeof r.params[p.path] === 'number').map((r) => ({ x: r.params[p.path] as number, y: r.mean, n: r.n, point: r.point }));
    const xsAll = pts.map((q) => q.x);
    const trend = smoothTrend(xsAll, pts.map((q) => q.y), { log: p.log });
    const x = {
      field: 'x',
      type: 'quantitative' as const,
      title: p.log ? `${label} (log scale)` : label,
      scale: p.log ? { type: 'log' as const, nice: false } : { zero: false, nice: false },
      axis: { ...AXIS, format: tickFormat(xsAll.length ? xsAll : [0]) },
    };
    return {
      title: { text: label, fontSize: 12 },
      width: 240,
      height: 180,
      layer: [
        ...(trend.length
          ? [
              { data: { values: trend }, mark: { type: 'area', opacity: 0.2, color: SINGLE_COLOR }, encoding: { x, y: { ...yk, field: 'lo' }, y2: { field: 'hi' } } },
              { data: { values: trend }, mark: { type: 'line', strokeWidth: 2, color: SINGLE_COLOR }, encoding: { x, y: { ...yk, field: 'fit' } } },
            ]
          : []),
        {
          data: { values: pts },
          mark: { type: 'circle', size: 28, opacity: 0.55, color: '#444' },
          encoding: {
            x,
            y: { ...yk, field: 'y' },
            tooltip: [
              { field: 'point', type: 'nominal', title: 'Design point' },
              { field: 'x', type: 'quantitative', title: label, format: '.4~g' },
              { field: 'y', type: 'quantitative', title: 'Mean', format: '.4~g' },
              { field: 'n', type: 'quantitative', title: 'Runs' },
            ],
          },
        },
      ],
    };
  });
  return {
    $schema: SCHEMA_URL,
    title: {
      text: `${metricInfo(o.metric).label} against each varied parameter`,
      subtitle: [
        `Points: each design point's mean${reps > 1 ? ` over ${reps} replicates` : ''} at step ${step}. Line: LOWESS trend, band: its 95% bootstrap interval.`,
        'In each panel the other parameters vary across the points (they are not held fixed).',
      ],
    },
    config: BASE_CONFIG,
    columns,
    concat: panels,
    resolve: { scale: { y: 'shared' } },
  } as ChartSpec;
}

/** A design point described by its parameter values: "budget=5, gain=0.25". */
function pointLabel(r: SummaryRow, params: readonly ParameterInfo[]): string {
  return params.map((p) => `${labelOf(p)}=${typeof r.params[p.path] === 'number' ? Number((r.params[p.path] as number).toPrecision(3)) : r.params[p.path]}`).join(', ');
}

export interface PointSeriesOptions {
  rows: readonly SummaryRow[];
  metric: string;
  parameters: readonly ParameterInfo[];
  /** With many points: colour the lines by this parameter (default the first). */
  colorBy?: string;
  stepTitle?: string;
}

/** Up to this many design points get a line and band each with a legend; more get thin lines. */
export const MAX_LABELLED_POINTS = 10;

export function sweepTimeSeriesSpec(o: PointSeriesOptions): ChartSpec {
  const rows = o.rows.filter((r) => r.metric === o.metric && Number.isFinite(r.mean));
  const points = [...new Set(rows.map((r) => r.point))];
  const x = { field: 'step', type: 'quantitative' as const, title: o.stepTitle ?? 'Step', axis: AXIS };
  const y = { type: 'quantitative' as const, title: metricTitle(o.metric), scale: { zero: false }, axis: AXIS };
  const title = `${metricInfo(o.metric).label} over time, per design point`;
  if (points.length <= MAX_LABELLED_POINTS) {
    const data = rows.map((r) => ({ step: r.step, mean: r.mean, lo: Number.isFinite(r.ci_low) ? r.ci_low : r.mean, hi: Number.isFinite(r.ci_high) ? r.ci_high : r.mean, point: `${r.point}: ${pointLabel(r, o.parameters)}` }));
    const order = [...new Set(data.map((d) => d.point))].sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0]));
    const color = { field: 'point', type: 'nominal' as const, title: 'Design point', sort: order, legend: { orient: 'bottom' as const, columns: 1, labelLimit: 420 } };
    return {
      $schema: SCHEMA_URL,
      title: { text: title, subtitle: 'Mean over replicates with its 95% interval' },
      config: BASE_CONFIG,
      data: { values: data },
      width: 440,
      height: 240,
      encoding: { x, color },
      layer: [
        { mark: { type: 'area', opacity: 0.15 }, encoding: { y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
        { mark: { type: 'line', strokeWidth: 2 }, encoding: { y: { ...y, field: 'mean' }, tooltip: [{ field: 'point', title: 'Design point' }, { field: 'step', title: 'Step' }, { field: 'mean', title: 'Mean', format: '.4~g' }] } },
      ],
    } as ChartSpec;
  }
  const by = o.parameters.find((p) => p.path === o.colorBy) ?? o.parameters[0];
  const data = rows.map((r) => ({ step: r.step, mean: r.mean, point: r.point, value: by ? r.params[by.path] : undefined }));
  return {
    $schema: SCHEMA_URL,
    title: { text: title, subtitle: `One line per design point (${points.length}), the mean over replicates; colour: ${by ? labelOf(by) : 'point'}` },
    config: BASE_CONFIG,
    data: { values: data },
    width: 440,
    height: 260,
    mark: { type: 'line', strokeWidth: 1, opacity: 0.5 },
    encoding: {
      x,
      y: { ...y, field: 'mean' },
      detail: { field: 'point', type: 'nominal' },
      ...(by ? { color: { field: 'value', type: 'quantitative', title: labelOf(by), scale: { scheme: 'viridis', ...(by.log ? { type: 'log' } : {}) } } } : {}),
      tooltip: [{ field: 'point', title: 'Design point' }, { field: 'step', title: 'Step' }, { field: 'mean', title: 'Mean', format: '.4~g' }],
    },
  } as ChartSpec;
}

export interface FanOptions {
  rows: readonly SummaryRow[];
  metric: string;
  stepTitle?: string;
}

/** A replicate-only sweep over time: median, the middle 50% and 90% of the runs. */
export function replicateFanSpec(o: FanOptions): ChartSpec {
  const rows = o.rows.filter((r) => r.metric === o.metric && Number.isFinite(r.mean)).sort((a, b) => a.step - b.step);
  const n = Math.max(...rows.map((r) => r.n), 0);
  const data = rows.map((r) => ({ step: r.step, q05: r.q05 ?? r.mean, q25: r.q25 ?? r.mean, q50: r.q50 ?? r.mean, q75: r.q75 ?? r.mean, q95: r.q95 ?? r.mean, mean: r.mean }));
  const x = { field: 'step', type: 'quantitative' as const, title: o.stepTitle ?? 'Step', axis: AXIS };
  const y = { type: 'quantitative' as const, title: metricTitle(o.metric), scale: { zero: false }, axis: AXIS };
  return {
    $schema: SCHEMA_URL,
    title: { text: `${metricInfo(o.metric).label} over time: the spread of ${n} runs`, subtitle: 'Line: median; dark band: middle 50% of the runs; light band: middle 90%' },
    config: BASE_CONFIG,
    data: { values: data },
    width: 440,
    height: 240,
    encoding: { x },
    layer: [
      { mark: { type: 'area', opacity: 0.15, color: SINGLE_COLOR }, encoding: { y: { ...y, field: 'q05' }, y2: { field: 'q95' } } },
      { mark: { type: 'area', opacity: 0.3, color: SINGLE_COLOR }, encoding: { y: { ...y, field: 'q25' }, y2: { field: 'q75' } } },
      {
        mark: { type: 'line', strokeWidth: 2, color: SINGLE_COLOR },
        encoding: { y: { ...y, field: 'q50' }, tooltip: ['q05', 'q25', 'q50', 'q75', 'q95'].map((f) => ({ field: f, type: 'quantitative', format: '.4~g' })).concat([{ field: 'step', type: 'quantitative', format: 'd' }]) },
      },
    ],
  } as ChartSpec;
}

export interface StripOptions {
  /** The metric's value in each run at the step shown. */
  values: readonly number[];
  metric: string;
  step: number;
}

/** A replicate-only sweep at one step: every run's value, with a box of the quartiles. */
export function replicateStripSpec(o: StripOptions): ChartSpec {
  const data = o.values.filter(Number.isFinite).map((v, i) => ({ value: v, run: i }));
  const x = { field: 'value', type: 'quantitative' as const, title: metricTitle(o.metric), scale: { zero: false }, axis: AXIS };
  return {
    $schema: SCHEMA_URL,
    title: { text: `${metricInfo(o.metric).label} at step ${o.step}: ${data.length} runs`, subtitle: 'Each tick is one run; the box spans the quartiles, the whiskers the range' },
    config: BASE_CONFIG,
    data: { values: data },
    width: 440,
    height: 70,
    layer: [
      { mark: { type: 'boxplot', extent: 'min-max', size: 26, color: '#9ecae1', median: { color: '#08519c' } }, encoding: { x } },
      { mark: { type: 'tick', color: '#333', thickness: 1, size: 40, opacity: 0.7 }, encoding: { x, tooltip: [{ field: 'value', type: 'quantitative', format: '.4~g' }] } },
    ],
  } as ChartSpec;
}
