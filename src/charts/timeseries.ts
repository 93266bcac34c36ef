/**
 * Time series of one quantity: a line per series (scenario, policy or indicator), a band
 * for the 95% interval of the mean when there are replicates, small multiples per facet
 * (region or sector) on request.
 *
 * Reads BandPoint rows: {series, facet?, step, mean, lo, hi, n}.
 */
import type { BandPoint, ChartSpec, CompareRow, MetricRow } from './types.js';
import { BASE_CONFIG, PANEL, SCHEMA_URL, SINGLE_COLOR } from './theme.js';
import { metricInfo, metricTitle } from './metrics.js';
import { distinct, summarise } from './stats.js';

export type FacetBy = 'region' | 'sector';

export const STEP_TITLE = 'Step (simulation periods)';

export interface TimeSeriesOptions {
  points: BandPoint[];
  /** Chart title. */
  title: string;
  subtitle?: string;
  /** y-axis title, with unit. */
  yTitle: string;
  /** Legend title for the colour (e.g. "Scenario"); used only with more than one series. */
  colorTitle?: string;
  /** Header title for the facets (e.g. "Region"); used only when points carry a facet. */
  facetTitle?: string;
  /** Start the y axis at zero (counts); default false. */
  zero?: boolean;
  /** x-axis title; default "Step (simulation periods)". */
  stepTitle?: string;
}

/** x-axis title naming what one step stands for, e.g. "Step (1 step = 1 quarter)". */
export function stepTitle(timeUnit?: string): string {
  return timeUnit ? `Step (1 step = 1 ${timeUnit})` : STEP_TITLE;
}

/** Which scope a facet reads: `region:<id>` or `sector:<id>`. */
function facetOf(scope: string, facet?: FacetBy): string | undefined | null {
  if (!facet) return scope === 'system' ? undefined : null;
  const prefix = `${facet}:`;
  return scope.startsWith(prefix) ? scope.slice(prefix.length) : null;
}

/**
 * Summarise metric rows into band points: one point per (series, facet, step), mean and
 * 95% interval over run ids. Without `facet` only `system` rows are read.
 */
export function bandPointsFromMetrics(rows: readonly MetricRow[], metric: string, facet?: FacetBy, defaultSeries = 'run'): BandPoint[] {
  const groups = new Map<string, { series: string; facet?: string; step: number; values: number[] }>();
  for (const r of rows) {
    if (r.metric !== metric) continue;
    const f = facetOf(r.scope, facet);
    if (f === null) continue;
    const series = r.series ?? defaultSeries;
    const key = `${series}\u0000${f ?? ''}\u0000${r.step}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { series, facet: f, step: r.step, values: [] }));
    g.values.push(r.value);
  }
  const out: BandPoint[] = [];
  for (const g of groups.values()) {
    const s = summarise(g.values);
    if (s.n === 0) continue;
    const p: BandPoint = { series: g.series, step: g.step, mean: s.mean, lo: s.lo, hi: s.hi, n: s.n };
    if (g.facet !== undefined) p.facet = g.facet;
    out.push(p);
  }
  return out.sort((a, b) => a.series.localeCompare(b.series) || (a.facet ?? '').localeCompare(b.facet ?? '') || a.step - b.step);
}

/** Band points from a compare folder's already summarised rows. */
export function bandPointsFromCompare(rows: readonly CompareRow[], metric: string): BandPoint[] {
  return rows
    .filter((r) => r.metric === metric && Number.isFinite(r.mean))
    .map((r) => ({
      series: r.scenario,
      step: r.step,
      mean: r.mean,
      lo: Number.isFinite(r.ci_low) ? r.ci_low : r.mean,
      hi: Number.isFinite(r.ci_high) ? r.ci_high : r.mean,
      n: r.n,
    }))
    .sort((a, b) => a.series.localeCompare(b.series) || a.step - b.step);
}

const NUM = '.4~g';

/**
 * One recorded step per series (e.g. a comparison of final values only): a line would
 * show nothing, so draw each series as a dot with its 95% interval instead.
 */
function dotSpec(o: TimeSeriesOptions, series: string[]): ChartSpec {
  const faceted = o.points.some((p) => p.facet !== undefined);
  const steps = distinct(o.points.map((p) => p.step));
  const colorTitle = o.colorTitle ?? 'Series';
  const x = { field: 'series', type: 'nominal' as const, title: colorTitle, sort: series, axis: { labelAngle: -30 } };
  const y = { type: 'quantitative' as const, title: o.yTitle, scale: { zero: o.zero ?? false } };
  const layer = [
    { mark: { type: 'rule' as const, strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: { field: 'series', type: 'nominal' as const, legend: null, sort: series } } },
    {
      mark: { type: 'point' as const, filled: true, size: 80 },
      encoding: {
        x,
        y: { ...y, field: 'mean' },
        color: { field: 'series', type: 'nominal' as const, title: colorTitle, sort: series },
        tooltip: [
          { field: 'series', type: 'nominal' as const, title: colorTitle },
          { field: 'step', type: 'quantitative' as const, title: 'Step' },
          { field: 'mean', type: 'quantitative' as const, title: 'Mean', format: NUM },
          { field: 'lo', type: 'quantitative' as const, title: '95% CI low', format: NUM },
          { field: 'hi', type: 'quantitative' as const, title: '95% CI high', format: NUM },
          { field: 'n', type: 'quantitative' as const, title: 'Replicates' },
        ],
      },
    },
  ];
  const title = { text: o.title.replace(/ over time\b/, ` at step ${steps.join(', ')}`), subtitle: [`Mean and 95% interval of the mean at step ${steps.join(', ')}`, ...(o.subtitle ? [o.subtitle] : [])] };
  const head = { $schema: SCHEMA_URL, title, config: BASE_CONFIG, data: { values: o.points } };
  const width = Math.max(160, series.length * 60);
  if (faceted) return { ...head, facet: { field: 'facet', type: 'nominal', title: o.facetTitle ?? 'Facet' }, columns: 3, spec: { width, height: PANEL.facetHeight, layer } } as ChartSpec;
  return { ...head, width, height: PANEL.height, layer } as ChartSpec;
}

/** The general builder: any band points, any titles. */
export function bandTimeSeriesSpec(o: TimeSeriesOptions): ChartSpec {
  const series = distinct(o.points.map((p) => p.series));
  const stepsPer = new Map<string, Set<number>>();
  for (const p of o.points) {
    const key = `${p.series}\u0000${p.facet ?? ''}`;
    (stepsPer.get(key) ?? stepsPer.set(key, new Set()).get(key)!).add(p.step);
  }
  if (o.points.length > 0 && [...stepsPer.values()].every((s) => s.size === 1)) return dotSpec(o, series);
  const faceted = o.points.some((p) => p.facet !== undefined);
  const hasBands = o.points.some((p) => p.n > 1 && p.hi > p.lo);
  const colored = series.length > 1;
  const color = colored
    ? {
        color: {
          field: 'series',
          type: 'nominal' as const,
          title: o.colorTitle ?? 'Series',
          sort: series,
          // The band layer would otherwise lend the legend its pale fill.
          legend: { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 },
        },
      }
    : {};
  const fixed = colored ? {} : { color: SINGLE_COLOR };
  const tooltip = [
    ...(colored ? [{ field: 'series', type: 'nominal' as const, title: o.colorTitle ?? 'Series' }] : []),
    ...(faceted ? [{ field: 'facet', type: 'nominal' as const, title: o.facetTitle ?? 'Facet' }] : []),
    { field: 'step', type: 'quantitative' as const, title: 'Step' },
    { field: 'mean', type: 'quantitative' as const, title: hasBands ? 'Mean' : 'Value', format: NUM },
    ...(hasBands
      ? [
          { field: 'lo', type: 'quantitative' as const, title: '95% CI low', format: NUM },
          { field: 'hi', type: 'quantitative' as const, title: '95% CI high', format: NUM },
          { field: 'n', type: 'quantitative' as const, title: 'Replicates' },
        ]
      : []),
  ];
  const y = { type: 'quantitative' as const, title: o.yTitle, scale: { zero: o.zero ?? false } };
  const layer = [
    ...(hasBands
      ? [
          {
            mark: { type: 'area' as const, opacity: 0.18, ...fixed },
            encoding: { y: { ...y, field: 'lo' }, y2: { field: 'hi' } },
          },
        ]
      : []),
    { mark: { type: 'line' as const, strokeWidth: 2, ...fixed }, encoding: { y: { ...y, field: 'mean' } } },
    // Invisible points carry the tooltips (a line has one datum per path).
    {
      mark: { type: 'point' as const, filled: true, size: 40, opacity: 0, ...fixed },
      encoding: { y: { ...y, field: 'mean' }, tooltip },
    },
  ];
  const encoding = {
    x: { field: 'step', type: 'quantitative' as const, title: o.stepTitle ?? STEP_TITLE, axis: { tickMinStep: 1 } },
    ...color,
  };
  const subtitle = [...(hasBands ? ['Line: mean over replicates; band: 95% interval of the mean'] : []), ...(o.subtitle ? [o.subtitle] : [])];
  const title = subtitle.length ? { text: o.title, subtitle } : o.title;
  const head = { $schema: SCHEMA_URL, title, config: BASE_CONFIG, data: { values: o.points } };
  if (faceted) {
    return {
      ...head,
      facet: { field: 'facet', type: 'nominal', title: o.facetTitle ?? 'Facet' },
      columns: 3,
      spec: { width: PANEL.facetWidth, height: PANEL.facetHeight, encoding, layer },
    } as ChartSpec;
  }
  return { ...head, width: PANEL.width, height: PANEL.height, encoding, layer } as ChartSpec;
}

export interface MetricTimeSeriesOptions {
  metric: string;
  /** Metric rows; `series` on a row names its scenario or policy. */
  rows?: readonly MetricRow[];
  /** Already summarised points (e.g. from compare.csv); used instead of rows. */
  points?: BandPoint[];
  facet?: FacetBy;
  /** Legend title for series; default "Scenario". */
  colorTitle?: string;
  title?: string;
  stepTitle?: string;
}

/** Time series of one recorded metric. */
export function timeSeriesSpec(o: MetricTimeSeriesOptions): ChartSpec {
  const points = o.points ?? bandPointsFromMetrics(o.rows ?? [], o.metric, o.facet);
  const { label } = metricInfo(o.metric);
  const by = o.facet ? ` by ${o.facet}` : '';
  const counts = /(count|innovations|births|deaths|employment|spend|ties)/.test(o.metric);
  return bandTimeSeriesSpec({
    points,
    title: o.title ?? `${label} over time${by}`,
    subtitle: `Metric: ${o.metric}`,
    yTitle: metricTitle(o.metric),
    colorTitle: o.colorTitle ?? 'Scenario',
    facetTitle: o.facet === 'sector' ? 'Sector' : 'Region',
    zero: counts,
    stepTitle: o.stepTitle,
  });
}
