/**
 * Row shapes the chart builders read. Each mirrors one recorded file (see docs/charts.md);
 * the Node side (src/report/load.ts) parses the CSVs into these, and a browser explorer
 * can build them from fetched files the same way. Nothing here touches Node.
 */
import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite spec as the builders return it. */
export type ChartSpec = TopLevelSpec;

/** One row of a run's `metrics.csv` (tidy long). */
export interface MetricRow {
  run_id: string;
  step: number;
  /** `system`, `region:<regionId>` or `sector:<sectorId>`. */
  scope: string;
  metric: string;
  value: number;
  /** What colours the row in a chart (scenario or policy); absent for a single scenario. */
  series?: string;
}

/** One row of `snapshots/agents-<step>.csv`. */
export interface AgentRow {
  step: number;
  id: string;
  kind: string;
  region: string;
  sector: string;
  /** km */
  x: number;
  /** km */
  y: number;
  employees: number;
  knowledge: number;
  tacitShare: number;
  absorptive: number;
  ict: number;
}

/** One row of `snapshots/ties-<step>.csv`; `a` and `b` are agent ids. */
export interface TieRow {
  step: number;
  a: string;
  b: string;
  type: string;
  strength: number;
  trust: number;
  /** 1 when the two ends lie in different regions. */
  interRegional: number;
}

/** One row of a sweep's `summary.csv`; the varied parameters sit in `params`, keyed by path. */
export interface SummaryRow {
  point: string;
  params: Record<string, number | string>;
  step: number;
  metric: string;
  n: number;
  mean: number;
  sd: number;
  ci_low: number;
  ci_high: number;
  /** Quantiles across replicates, when summary.csv has them. */
  q05?: number;
  q25?: number;
  q50?: number;
  q75?: number;
  q95?: number;
}

/** One row of a sweep's `sensitivity.csv`. */
export interface SensitivityRow {
  method: 'sobol' | 'morris' | 'prcc';
  metric: string;
  parameter: string;
  /** sobol: `S1` or `ST`; morris: `mu_star` or `sigma`; prcc: `PRCC`. */
  index: string;
  estimate: number;
  ci_low: number;
  ci_high: number;
}

/** One row of a compare folder's `compare.csv`. */
export interface CompareRow {
  metric: string;
  scenario: string;
  step: number;
  mean: number;
  sd: number;
  ci_low: number;
  ci_high: number;
  n: number;
}

/**
 * One point of a time series after replicates are summarised: what the time-series
 * builder draws. `lo`/`hi` bound the 95% interval of the mean (equal to `mean` when n = 1).
 */
export interface BandPoint {
  /** Colour group: scenario, policy or indicator. */
  series: string;
  /** Facet group (region or sector id); absent when not faceted. */
  facet?: string;
  step: number;
  mean: number;
  lo: number;
  hi: number;
  n: number;
}
