/**
 * The six Territorial Knowledge Management factors (002 §100) per region, at the first and
 * the last recorded step: grouped bars, one panel per region.
 *
 * Reads MetricRow rows with scope `region:<id>` and metric `tkm.<factor>`; replicates are
 * averaged.
 */
import type { ChartSpec, MetricRow } from './types.js';
import { BASE_CONFIG, SCHEMA_URL } from './theme.js';
import { metricInfo, TKM_FACTORS } from './metrics.js';
import { summarise } from './stats.js';

export interface TkmBar {
  region: string;
  factor: string;
  phase: string;
  step: number;
  value: number;
  lo: number;
  hi: number;
  n: number;
}

/** Mean of each factor per region at the first and last step found (or the given steps). */
export function tkmBeforeAfter(rows: readonly MetricRow[], steps?: { before: number; after: number }): TkmBar[] {
  const tkm = rows.filter((r) => r.metric.startsWith('tkm.') && r.scope.startsWith('region:'));
  if (tkm.length === 0) return [];
  let before = steps?.before ?? Infinity;
  let after = steps?.after ?? -Infinity;
  if (!steps) {
    for (const r of tkm) {
      if (r.step < before) before = r.step;
      if (r.step > after) after = r.step;
    }
  }
  const out: TkmBar[] = [];
  const regions = [...new Set(tkm.map((r) => r.scope.slice('region:'.length)))].sort();
  for (const region of regions) {
    for (const factor of TKM_FACTORS) {
      for (const [phase, step] of [
        [`Before (step ${before})`, before],
        [`After (step ${after})`, after],
      ] as const) {
        const values = tkm.filter((r) => r.scope === `region:${region}` && r.metric === `tkm.${factor}` && r.step === step).map((r) => r.value);
        const s = summarise(values);
        if (s.n === 0) continue;
        out.push({ region, factor: metricInfo(`tkm.${factor}`).label, phase, step, value: s.mean, lo: s.lo, hi: s.hi, n: s.n });
      }
    }
  }
  return out;
}

export interface TkmOptions {
  rows: readonly MetricRow[];
  steps?: { before: number; after: number };
  title?: string;
}

export function tkmSpec(o: TkmOptions): ChartSpec {
  const bars = tkmBeforeAfter(o.rows, o.steps);
  const phases = [...new Set(bars.map((b) => b.phase))];
  const factorOrder = TKM_FACTORS.map((f) => metricInfo(`tkm.${f}`).label);
  const x = { field: 'factor', type: 'nominal' as const, title: 'Factor', sort: factorOrder, axis: { labelAngle: -40 } };
  return {
    $schema: SCHEMA_URL,
    title: { text: o.title ?? 'Territorial Knowledge Management factors, before and after', subtitle: 'Composite indicators per region (002 §100); bars: mean over replicates, whiskers: 95% interval' },
    config: BASE_CONFIG,
    data: { values: bars },
    facet: { field: 'region', type: 'nominal', title: 'Region' },
    columns: 3,
    spec: {
      width: 260,
      height: 180,
      encoding: {
        x,
        xOffset: { field: 'phase', type: 'nominal', sort: phases },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y: { field: 'value', type: 'quantitative', title: 'Factor score (composite index, 0–1)' },
            color: { field: 'phase', type: 'nominal', title: 'When', sort: phases },
            tooltip: [
              { field: 'region', type: 'nominal', title: 'Region' },
              { field: 'factor', type: 'nominal', title: 'Factor' },
              { field: 'phase', type: 'nominal', title: 'When' },
              { field: 'value', type: 'quantitative', title: 'Score', format: '.3~f' },
              { field: 'n', type: 'quantitative', title: 'Replicates' },
            ],
          },
        },
        {
          mark: { type: 'rule', color: '#333' },
          encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
        },
      ],
    },
  } as ChartSpec;
}
