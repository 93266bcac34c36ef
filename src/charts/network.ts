/**
 * The network's evolution: density, clustering, giant-component share and the share of
 * inter-regional ties (the meta-cluster index), one line each on a common 0–1 axis, with
 * replicate bands. Several scenarios become side-by-side panels.
 *
 * Reads MetricRow rows of the `system` scope.
 */
import type { BandPoint, ChartSpec, MetricRow } from './types.js';
import { metricInfo, NETWORK_METRICS } from './metrics.js';
import { bandPointsFromMetrics, bandTimeSeriesSpec } from './timeseries.js';

export interface NetworkOptions {
  rows: readonly MetricRow[];
  title?: string;
  stepTitle?: string;
}

export function networkSpec(o: NetworkOptions): ChartSpec {
  const scenarios = new Set(o.rows.map((r) => r.series ?? 'run'));
  const split = scenarios.size > 1;
  const points: BandPoint[] = [];
  for (const metric of NETWORK_METRICS) {
    for (const p of bandPointsFromMetrics(o.rows, metric)) {
      const point: BandPoint = { ...p, series: metricInfo(metric).label };
      if (split) point.facet = p.series;
      points.push(point);
    }
  }
  return bandTimeSeriesSpec({
    points,
    title: o.title ?? 'Network evolution',
    subtitle: 'Density, clustering, giant component and inter-regional ties (shares of 0–1)',
    yTitle: 'Share (0–1)',
    colorTitle: 'Indicator',
    facetTitle: 'Scenario',
    zero: true,
    stepTitle: o.stepTitle,
  });
}
