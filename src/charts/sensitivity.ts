/**
 * Sensitivity analysis of one metric. Sobol: first-order (S1) and total (ST) indices per
 * parameter, bars with their intervals, parameters sorted by ST. Morris: mu* against sigma,
 * one labelled point per parameter (right = influential, up = non-linear or interacting).
 *
 * Reads SensitivityRow rows of sensitivity.csv.
 */
import type { ChartSpec, SensitivityRow } from './types.js';
import { BASE_CONFIG, SCHEMA_URL, SINGLE_COLOR } from './theme.js';
import { metricInfo, parameterLabel } from './metrics.js';

const SOBOL_LABELS: Record<string, string> = { S1: 'First-order (S1)', ST: 'Total (ST)' };

export interface SensitivityOptions {
  rows: readonly SensitivityRow[];
  metric: string;
  title?: string;
  /** Labels of the parameters by path (the experiment's vary labels). */
  labels?: Record<string, string>;
}

export function sobolSpec(o: SensitivityOptions): ChartSpec {
  const rows = o.rows.filter((r) => r.method === 'sobol' && r.metric === o.metric && (r.index === 'S1' || r.index === 'ST'));
  const st = new Map(rows.filter((r) => r.index === 'ST').map((r) => [r.parameter, r.estimate]));
  const params = [...new Set(rows.map((r) => r.parameter))].sort((a, b) => (st.get(b) ?? 0) - (st.get(a) ?? 0) || a.localeCompare(b));
  const label = (p: string) => o.labels?.[p] ?? parameterLabel(p);
  const data = rows.map((r) => ({
    parameter: r.parameter,
    label: label(r.parameter),
    index: SOBOL_LABELS[r.index],
    estimate: r.estimate,
    lo: Number.isFinite(r.ci_low) ? r.ci_low : r.estimate,
    hi: Number.isFinite(r.ci_high) ? r.ci_high : r.estimate,
  }));
  const indexOrder = [SOBOL_LABELS.S1, SOBOL_LABELS.ST];
  // Signs of too few samples, said on the chart itself (the sweep's warnings say more).
  const sumST = rows.filter((r) => r.index === 'ST').reduce((a, r) => a + r.estimate, 0);
  const negative = rows.some((r) => r.estimate < -0.05);
  const caution = negative || sumST > 1.5 ? [`Caution: ${[negative ? 'indices below 0' : '', sumST > 1.5 ? `total indices summing to ${sumST.toFixed(2)}` : ''].filter(Boolean).join(' and ')}: too few samples for stable estimates`] : [];
  const x = { field: 'label', type: 'nominal' as const, title: 'Parameter', sort: params.map(label), axis: { labelAngle: -30, labelLimit: 200 } };
  return {
    $schema: SCHEMA_URL,
    title: {
      text: o.title ?? `Sobol sensitivity of ${metricInfo(o.metric).label}`,
      subtitle: [`Share of the variance of ${o.metric} explained; whiskers: 95% confidence interval`, ...caution],
    },
    config: BASE_CONFIG,
    data: { values: data },
    width: Math.max(240, params.length * 70),
    height: 240,
    encoding: { x, xOffset: { field: 'index', type: 'nominal', sort: indexOrder } },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'estimate', type: 'quantitative', title: 'Sensitivity index (share of variance, 0–1)' },
          color: { field: 'index', type: 'nominal', title: 'Index', sort: indexOrder },
          tooltip: [
            { field: 'parameter', type: 'nominal', title: 'Parameter' },
            { field: 'index', type: 'nominal', title: 'Index' },
            { field: 'estimate', type: 'quantitative', title: 'Estimate', format: '.3f' },
            { field: 'lo', type: 'quantitative', title: '95% CI low', format: '.3f' },
            { field: 'hi', type: 'quantitative', title: '95% CI high', format: '.3f' },
          ],
        },
      },
      { mark: { type: 'rule', color: '#333' }, encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
    ],
  } as ChartSpec;
}

export interface MorrisPoint {
  parameter: string;
  label: string;
  mu_star: number;
  sigma: number;
  mu_star_lo?: number;
  mu_star_hi?: number;
}

/** One row per parameter with mu* and sigma side by side. */
export function morrisPoints(rows: readonly SensitivityRow[], metric: string, labels?: Record<string, string>): MorrisPoint[] {
  const byParam = new Map<string, MorrisPoint>();
  for (const r of rows) {
    if (r.method !== 'morris' || r.metric !== metric) continue;
    let p = byParam.get(r.parameter);
    if (!p) byParam.set(r.parameter, (p = { parameter: r.parameter, label: labels?.[r.parameter] ?? parameterLabel(r.parameter), mu_star: NaN, sigma: NaN }));
    if (r.index === 'mu_star') {
      p.mu_star = r.estimate;
      if (Number.isFinite(r.ci_low)) p.mu_star_lo = r.ci_low;
      if (Number.isFinite(r.ci_high)) p.mu_star_hi = r.ci_high;
    } else if (r.index === 'sigma') p.sigma = r.estimate;
  }
  return [...byParam.values()].filter((p) => Number.isFinite(p.mu_star) && Number.isFinite(p.sigma));
}

export function morrisSpec(o: SensitivityOptions): ChartSpec {
  const data = morrisPoints(o.rows, o.metric, o.labels);
  const unit = metricInfo(o.metric).unit;
  // Room on the right for the labels of the most influential parameters.
  const maxMu = Math.max(0, ...data.map((p) => p.mu_star_hi ?? p.mu_star));
  const x = { field: 'mu_star', type: 'quantitative' as const, title: `μ*: mean absolute elementary effect (${unit})`, scale: { domain: [0, maxMu * 1.35 || 1] } };
  const maxSigma = Math.max(0, ...data.map((p) => p.sigma));
  const y = { field: 'sigma', type: 'quantitative' as const, title: `σ: spread of elementary effects (${unit})`, scale: { domain: [0, maxSigma * 1.15 || 1] } };
  const hasCi = data.some((p) => p.mu_star_lo !== undefined);
  return {
    $schema: SCHEMA_URL,
    title: {
      text: o.title ?? `Morris screening of ${metricInfo(o.metric).label}`,
      subtitle: `Right: influential on ${o.metric}; up: non-linear or interacting${hasCi ? '; whiskers: 95% interval of μ*' : ''}`,
    },
    config: BASE_CONFIG,
    data: { values: data },
    width: 380,
    height: 300,
    layer: [
      ...(hasCi ? [{ mark: { type: 'rule' as const, color: '#999' }, encoding: { x: { ...x, field: 'mu_star_lo' }, x2: { field: 'mu_star_hi' }, y } }] : []),
      {
        mark: { type: 'point', filled: true, size: 70, color: SINGLE_COLOR },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'parameter', type: 'nominal', title: 'Parameter' },
            { field: 'mu_star', type: 'quantitative', title: 'μ*', format: '.4~g' },
            { field: 'sigma', type: 'quantitative', title: 'σ', format: '.4~g' },
          ],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 7, dy: -6, fontSize: 10 }, encoding: { x, y, text: { field: 'label', type: 'nominal' } } },
    ],
  } as ChartSpec;
}

export type PrccOptions = SensitivityOptions;

/** PRCC per parameter: a bar with its 95% interval, -1..1, parameters by |PRCC|. */
export function prccSpec(o: PrccOptions): ChartSpec {
  const rows = o.rows.filter((r) => r.method === 'prcc' && r.metric === o.metric && Number.isFinite(r.estimate));
  const label = (p: string) => o.labels?.[p] ?? parameterLabel(p);
  const data = rows
    .map((r) => ({ parameter: r.parameter, label: label(r.parameter), estimate: r.estimate, lo: Number.isFinite(r.ci_low) ? r.ci_low : r.estimate, hi: Number.isFinite(r.ci_high) ? r.ci_high : r.estimate }))
    .sort((a, b) => Math.abs(b.estimate) - Math.abs(a.estimate));
  const y = { field: 'label', type: 'nominal' as const, title: null, sort: data.map((d) => d.label), axis: { labelLimit: 260 } };
  const x = { type: 'quantitative' as const, title: 'Partial rank correlation (PRCC)', scale: { domain: [-1, 1] } };
  return {
    $schema: SCHEMA_URL,
    title: {
      text: o.title ?? `Which parameters drive ${metricInfo(o.metric).label}?`,
      subtitle: `PRCC with ${o.metric}: the rank correlation once the other parameters are accounted for; whiskers: 95% interval`,
    },
    config: BASE_CONFIG,
    data: { values: data },
    width: 380,
    height: Math.max(60, data.length * 28),
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', height: 16 },
        encoding: {
          x: { ...x, field: 'estimate' },
          color: { condition: { test: 'datum.estimate < 0', value: '#D55E00' }, value: SINGLE_COLOR },
          tooltip: [
            { field: 'parameter', type: 'nominal', title: 'Parameter' },
            { field: 'estimate', type: 'quantitative', title: 'PRCC', format: '.3f' },
            { field: 'lo', type: 'quantitative', title: '95% CI low', format: '.3f' },
            { field: 'hi', type: 'quantitative', title: '95% CI high', format: '.3f' },
          ],
        },
      },
      { mark: { type: 'rule', color: '#333' }, encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#888', strokeDash: [3, 3] }, encoding: { x: { field: 'zero', type: 'quantitative' }, y: null } },
    ],
  } as ChartSpec;
}
