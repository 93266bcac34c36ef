/**
 * The stylised facts of industrial dynamics in one figure of six panels, each scenario a
 * colour (data from src/experiments/facts; docs/model/stylised-facts.md):
 *   1. the size distribution: share of firms larger than S against S, both on log scales
 *      (a Pareto tail is a straight line of slope -alpha; Axtell 2001's Zipf line has -1);
 *   2. the density of standardised annual growth rates on a log scale, with the Laplace
 *      (a tent: straight sides) and the Gaussian (a parabola) of unit variance;
 *   3. the sd of annual growth rates against size, both on log scales (one point per size
 *      bin and run);
 *   4. the exit hazard by age class (mean across runs with its 95 % interval);
 *   5. annual entry against exit rates (one point per year and run);
 *   6. the exit hazard of the young firms born in the run, spin-offs of firms against
 *      entrants without a parent (mean across runs with its 95 % interval; Klepper 2009).
 * Pure: the caller passes the data.
 */
import type { ChartSpec } from './types.js';
import { BASE_CONFIG, SCHEMA_URL } from './theme.js';
import { summarise } from './stats.js';

export interface FactsChartRun {
  seed: number;
  /** Standardised growth rates. */
  z: readonly number[];
  sdBySize: readonly { lnS: number; sd: number }[];
  hazard: readonly { ageFrom: number; ageTo: number; hazard: number }[];
  turnover: readonly { year: number; entry: number; exit: number }[];
  lastSizes: readonly number[];
  /** The run's statistics; the chart reads spinoffHazardYoung and entrantHazardYoung. */
  stats: Readonly<Record<string, number>>;
}

export interface FactsChartInput {
  scenario: string;
  runs: readonly FactsChartRun[];
}

const W = 260, H = 200;
/** Bins of the growth-rate density (standardised units). */
const Z_RANGE = 6, Z_BINS = 48;

/** Density of the pooled standardised growth rates per bin (empty bins left out: the y axis is logarithmic). */
export function growthDensity(zs: readonly number[]): { z: number; density: number }[] {
  const width = (2 * Z_RANGE) / Z_BINS;
  const counts = new Array<number>(Z_BINS).fill(0);
  for (const z of zs) {
    const k = Math.floor((z + Z_RANGE) / width);
    if (k >= 0 && k < Z_BINS) counts[k]++;
  }
  return counts.flatMap((c, k) => (c > 0 ? [{ z: -Z_RANGE + (k + 0.5) * width, density: c / (zs.length * width) }] : []));
}

/**
 * Share of firms of size >= S (the empirical complementary distribution) at distinct sizes,
 * thinned to points at least 1/`perDecade` of a decade apart in S (the largest always kept),
 * so a chart of thousands of firms stays small.
 */
export function sizeCcdf(sizes: readonly number[], perDecade = 60): { size: number; share: number }[] {
  const sorted = sizes.filter((s) => s > 0).slice().sort((a, b) => a - b);
  const out: { size: number; share: number }[] = [];
  const step = 10 ** (1 / perDecade);
  let next = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    if (sorted[i]! >= next || i === sorted.length - 1) {
      out.push({ size: sorted[i]!, share: (sorted.length - i) / sorted.length });
      next = sorted[i]! * step;
    }
  }
  return out;
}

const COLOR = { field: 'scenario', type: 'nominal', title: 'Scenario' } as const;

/**
 * A hazard's mean (point) and 95 % interval (rule) per x class, the scenarios side by side
 * within each class. Rows: {scenario, hazard, low, high} and the x field.
 */
function hazardLayers(x: Record<string, unknown> & { field: string }): unknown[] {
  const bare = { field: x.field, type: x.type, sort: x.sort };
  return [
    {
      mark: { type: 'rule' },
      encoding: {
        x,
        y: { field: 'low', type: 'quantitative', title: 'Exits per firm and year' },
        y2: { field: 'high' },
        color: COLOR,
        xOffset: { field: 'scenario' },
      },
    },
    {
      mark: { type: 'point', filled: true, size: 40 },
      encoding: { x: bare, y: { field: 'hazard', type: 'quantitative' }, color: COLOR, xOffset: { field: 'scenario' } },
    },
  ];
}

export function factsSpec(input: readonly FactsChartInput[], title = 'Stylised facts of industrial dynamics'): ChartSpec {
  const ccdf = input.flatMap((s) => sizeCcdf(s.runs.flatMap((r) => r.lastSizes)).map((p) => ({ scenario: s.scenario, ...p })));
  // Zipf's law (tail index 1, Axtell 2001) through the first scenario's 90th percentile.
  const first = input[0] ? sizeCcdf(input[0].runs.flatMap((r) => r.lastSizes)) : [];
  const p90 = first.find((p) => p.share <= 0.1);
  const maxSize = Math.max(1, ...ccdf.map((p) => p.size));
  const zipf = p90 ? [p90.size / 3, maxSize].map((size) => ({ size, share: (0.1 * p90.size) / size })).filter((p) => p.share <= 1) : [];
  const density = input.flatMap((s) => growthDensity(s.runs.flatMap((r) => r.z)).map((p) => ({ scenario: s.scenario, ...p })));
  const reference: { z: number; density: number; law: string }[] = [];
  for (let k = 0; k <= 120; k++) {
    const z = -4 + (8 * k) / 120;
    // Unit variance: Laplace scale 1/sqrt(2); standard Gaussian. Math.exp is fine here: the
    // chart is drawn, not simulated.
    reference.push({ z, density: Math.SQRT1_2 * Math.exp(-Math.SQRT2 * Math.abs(z)), law: 'Laplace' });
    reference.push({ z, density: Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI), law: 'Gaussian' });
  }
  const sdPoints = input.flatMap((s) => s.runs.flatMap((r) => r.sdBySize.map((b) => ({ scenario: s.scenario, seed: r.seed, size: Math.exp(b.lnS), sd: b.sd }))));
  const hazard = input.flatMap((s) => {
    const classes = s.runs[0]?.hazard ?? [];
    return classes.map((c, k) => {
      const sum = summarise(s.runs.map((r) => r.hazard[k]!.hazard).filter((h) => Number.isFinite(h)));
      const label = Number.isFinite(c.ageTo) ? `${c.ageFrom}-${c.ageTo}` : `${c.ageFrom}+`;
      return { scenario: s.scenario, age: label, order: k, hazard: sum.mean, low: sum.lo, high: sum.hi };
    });
  });
  const turnover = input.flatMap((s) => s.runs.flatMap((r) => r.turnover.map((t) => ({ scenario: s.scenario, seed: r.seed, year: t.year, entry: t.entry, exit: t.exit }))));
  const GROUPS = [['spin-offs of firms', 'spinoffHazardYoung'], ['entrants without a parent', 'entrantHazardYoung']] as const;
  const young = input.flatMap((s) =>
    GROUPS.map(([group, key]) => {
      const sum = summarise(s.runs.map((r) => r.stats[key] ?? NaN).filter((h) => Number.isFinite(h)));
      return { scenario: s.scenario, group, hazard: sum.mean, low: sum.lo, high: sum.hi };
    }),
  );
  const color = COLOR;
  const ageOrder = hazard.filter((h) => h.scenario === input[0]?.scenario).sort((a, b) => a.order - b.order).map((h) => h.age);
  return {
    $schema: SCHEMA_URL,
    title: { text: title, subtitle: `${input.map((s) => `${s.scenario}: ${s.runs.length} runs`).join('; ')}` },
    config: BASE_CONFIG,
    vconcat: [
      {
        hconcat: [
          {
            title: { text: 'Size distribution (Pareto tail: a straight line)', subtitle: "dashed: Zipf's law, slope -1" },
            width: W,
            height: H,
            layer: [
              {
                data: { values: ccdf },
                mark: { type: 'line', point: { size: 10 } },
                encoding: {
                  x: { field: 'size', type: 'quantitative', scale: { type: 'log' }, title: 'Employees S (log scale)' },
                  y: { field: 'share', type: 'quantitative', scale: { type: 'log' }, title: 'Share of firms with size >= S (log)' },
                  color,
                },
              },
              {
                data: { values: zipf },
                mark: { type: 'line', strokeDash: [4, 3], color: '#555' },
                encoding: { x: { field: 'size', type: 'quantitative' }, y: { field: 'share', type: 'quantitative' } },
              },
            ],
          },
          {
            title: 'Standardised annual growth rates',
            width: W,
            height: H,
            layer: [
              {
                data: { values: reference },
                mark: { type: 'line', strokeDash: [4, 3], color: '#555' },
                encoding: {
                  x: { field: 'z', type: 'quantitative', title: 'Growth rate (sd units within year and size class)' },
                  y: { field: 'density', type: 'quantitative', scale: { type: 'log', domainMin: 1e-4 } },
                  detail: { field: 'law' },
                  strokeDash: { field: 'law', type: 'nominal', title: 'Reference (unit variance)', scale: { domain: ['Laplace', 'Gaussian'], range: [[1, 0], [4, 3]] } },
                },
              },
              {
                data: { values: density },
                mark: { type: 'point', filled: true, size: 18 },
                encoding: {
                  x: { field: 'z', type: 'quantitative', scale: { domain: [-Z_RANGE, Z_RANGE] } },
                  y: { field: 'density', type: 'quantitative', scale: { type: 'log' }, title: 'Density (log scale)' },
                  color,
                },
              },
            ],
            resolve: { scale: { color: 'independent' } },
          },
          {
            title: 'Growth-rate sd against size',
            width: W,
            height: H,
            data: { values: sdPoints },
            mark: { type: 'point', filled: true, size: 20, opacity: 0.6 },
            encoding: {
              x: { field: 'size', type: 'quantitative', scale: { type: 'log' }, title: 'Mean employees of the size bin (log)' },
              y: { field: 'sd', type: 'quantitative', scale: { type: 'log' }, title: 'sd of annual growth rate (log)' },
              color,
            },
          },
        ],
      },
      {
        hconcat: [
          {
            title: 'Exit hazard by age (mean and 95 % interval across runs)',
            width: W,
            height: H,
            data: { values: hazard },
            layer: hazardLayers({ field: 'age', type: 'ordinal', sort: ageOrder, title: 'Age (years)' }),
          },
          {
            title: 'Annual entry and exit rates',
            width: W,
            height: H,
            data: { values: turnover },
            mark: { type: 'point', filled: true, size: 14, opacity: 0.5 },
            encoding: {
              x: { field: 'entry', type: 'quantitative', title: 'Entry rate (entrants / firms at the start of the year)', axis: { format: '.0%' } },
              y: { field: 'exit', type: 'quantitative', title: 'Exit rate (exits / firms at the start)', axis: { format: '.0%' } },
              color,
            },
          },
          {
            title: { text: 'Exit hazard of young firms born in the run', subtitle: 'mean and 95 % interval across runs' },
            width: W,
            height: H,
            data: { values: young },
            layer: hazardLayers({ field: 'group', type: 'nominal', sort: GROUPS.map(([g]) => g), title: null, axis: { labelAngle: 0 } }),
          },
        ],
      },
    ],
  } as ChartSpec;
}
