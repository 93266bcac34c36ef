/**
 * One chart on demand (`clustersim chart`): picks the builder for the requested kind,
 * checks that the folder holds what it needs, and names the output file.
 */
import type { ChartSpec } from '../charts/types.js';
import { bandPointsFromCompare, stepTitle, timeSeriesSpec, type FacetBy } from '../charts/timeseries.js';
import { networkSpec } from '../charts/network.js';
import { tkmSpec } from '../charts/tkm.js';
import { mapSpec, type MapColor } from '../charts/map.js';
import { distributionSpec, type DistributionField } from '../charts/distribution.js';
import { sweepHeatmapSpec, sweepLineSpec } from '../charts/sweep.js';
import { morrisSpec, prccSpec, sobolSpec } from '../charts/sensitivity.js';
import { labelOf, sweepPanelsSpec, sweepTimeSeriesSpec } from '../charts/sweep-panels.js';
import { isSampled } from './standard.js';
import { UserError } from '../messages.js';
import { readAgents, readTies, recordedMetrics, type FolderData } from './load.js';
import { reportMsg } from './messages.js';

export const CHART_KINDS = ['auto', 'timeseries', 'network', 'tkm', 'map', 'distribution', 'heatmap', 'sweep-line', 'panels', 'over-time', 'prcc', 'sobol', 'morris'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export interface ChartRequest {
  kind?: ChartKind;
  metric?: string;
  facet?: FacetBy;
  /** map / distribution: snapshot steps; default first and last. */
  steps?: number[];
  /** map: colour agents by sector or knowledge. */
  color?: MapColor;
  /** distribution: which agent column. */
  field?: DistributionField;
  /** heatmap / sweep-line: parameter paths; default the first varied ones. */
  x?: string;
  y?: string;
}

function needMetric(d: FolderData, kind: string, metric: string | undefined, within: string[] = recordedMetrics(d)): string {
  if (!metric) throw new UserError(reportMsg.metricRequired(kind));
  if (!within.includes(metric)) throw new UserError(reportMsg.unknownMetric(d.dir, metric, within));
  return metric;
}

function needKind<K extends FolderData['kind']>(d: FolderData, kind: string, wanted: K[]): asserts d is Extract<FolderData, { kind: K }> {
  if (!wanted.includes(d.kind as K)) throw new UserError(reportMsg.kindNeedsFolder(kind, d.dir, d.kind, wanted.join(' or ')));
}

function snapshotStepsFor(d: FolderData, requested?: number[]): number[] {
  needKind(d, 'map', ['run']);
  const have = d.snapshotSteps;
  if (have.length === 0) throw new UserError(reportMsg.noSnapshots(d.dir));
  if (requested && requested.length) {
    for (const s of requested) if (!have.includes(s)) throw new UserError(reportMsg.noSnapshotStep(d.dir, s, have));
    return requested;
  }
  return have.length === 1 ? [have[0]] : [have[0], have[have.length - 1]];
}

export function resolveKind(d: FolderData, kind: ChartKind = 'auto'): Exclude<ChartKind, 'auto'> {
  if (kind !== 'auto') return kind;
  if (d.kind === 'sweep') return isSampled(d) ? 'panels' : d.parameters.length >= 2 ? 'heatmap' : 'sweep-line';
  return 'timeseries';
}

/** Build the requested chart; returns the spec and a file stem for it. */
export function buildChart(d: FolderData, req: ChartRequest): { name: string; spec: ChartSpec } {
  const kind = resolveKind(d, req.kind);
  const st = stepTitle(d.manifest?.timeUnit);
  switch (kind) {
    case 'timeseries': {
      needKind(d, kind, ['run', 'compare']);
      const metric = needMetric(d, kind, req.metric);
      if (d.kind === 'compare') {
        return { name: `timeseries-${metric}`, spec: timeSeriesSpec({ metric, points: bandPointsFromCompare(d.compare, metric), stepTitle: st }) };
      }
      if (req.facet && !d.metrics.some((r) => r.metric === metric && r.scope.startsWith(`${req.facet}:`))) throw new UserError(reportMsg.noFacetRows(d.dir, metric, req.facet));
      if (!req.facet && !d.metrics.some((r) => r.metric === metric && r.scope === 'system')) {
        const scopes = [...new Set(d.metrics.filter((r) => r.metric === metric).map((r) => r.scope.split(':')[0]))];
        throw new UserError(reportMsg.noSystemRows(d.dir, metric, scopes));
      }
      return { name: `timeseries-${metric}${req.facet ? `-${req.facet}` : ''}`, spec: timeSeriesSpec({ metric, rows: d.metrics, facet: req.facet, stepTitle: st }) };
    }
    case 'network': {
      needKind(d, kind, ['run', 'compare']);
      const rows = (d.kind === 'run' ? d.metrics : d.runs).filter((r) => r.scope === 'system');
      needMetric(d, kind, 'network.density', [...new Set(rows.map((r) => r.metric))]);
      return { name: 'network', spec: networkSpec({ rows, stepTitle: st }) };
    }
    case 'tkm': {
      needKind(d, kind, ['run']);
      if (!d.metrics.some((r) => r.metric.startsWith('tkm.') && r.scope.startsWith('region:'))) throw new UserError(reportMsg.noTkm(d.dir));
      return { name: 'tkm', spec: tkmSpec({ rows: d.metrics }) };
    }
    case 'map':
    case 'distribution': {
      needKind(d, kind, ['run']);
      const steps = snapshotStepsFor(d, req.steps);
      const agents = steps.flatMap((s) => readAgents(d.dir, s));
      if (kind === 'map') {
        const ties = steps.flatMap((s) => readTies(d.dir, s));
        return { name: `map-${steps.join('-')}`, spec: mapSpec({ agents, ties, steps, colorBy: req.color }) };
      }
      const field = req.field ?? 'knowledge';
      return { name: `distribution-${field}-${steps.join('-')}`, spec: distributionSpec({ agents, field, steps }) };
    }
    case 'heatmap':
    case 'sweep-line': {
      needKind(d, kind, ['sweep']);
      const metric = needMetric(d, kind, req.metric);
      if (d.parameters.length === 0) throw new UserError(reportMsg.noParameters(d.dir));
      for (const p of [req.x, req.y]) if (p !== undefined && !d.parameters.includes(p)) throw new UserError(reportMsg.unknownParameter(d.dir, p, d.parameters));
      const x = req.x ?? d.parameters[0];
      const y = req.y ?? d.parameters.find((p) => p !== x);
      if (kind === 'heatmap' && y) return { name: `heatmap-${metric}`, spec: sweepHeatmapSpec({ rows: d.summary, metric, x, y }) };
      return { name: `sweep-line-${metric}`, spec: sweepLineSpec({ rows: d.summary, metric, x, colorBy: kind === 'sweep-line' ? req.y : y }) };
    }
    case 'panels':
    case 'over-time': {
      needKind(d, kind, ['sweep']);
      const metric = needMetric(d, kind, req.metric);
      if (d.parameters.length === 0) throw new UserError(reportMsg.noParameters(d.dir));
      if (kind === 'panels') return { name: `panels-${metric}`, spec: sweepPanelsSpec({ rows: d.summary, metric, parameters: d.parameterInfo }) };
      return { name: `over-time-${metric}`, spec: sweepTimeSeriesSpec({ rows: d.summary, metric, parameters: d.parameterInfo, colorBy: req.x, stepTitle: st }) };
    }
    case 'prcc':
    case 'sobol':
    case 'morris': {
      needKind(d, kind, ['sweep']);
      const rows = d.sensitivity.filter((r) => r.method === kind);
      if (rows.length === 0) throw new UserError(reportMsg.noSensitivity(d.dir, kind));
      const metric = needMetric(d, kind, req.metric ?? rows[0].metric, [...new Set(rows.map((r) => r.metric))]);
      const labels = Object.fromEntries(d.parameterInfo.map((p) => [p.path, labelOf(p)]));
      const spec = kind === 'sobol' ? sobolSpec({ rows, metric, labels }) : kind === 'morris' ? morrisSpec({ rows, metric, labels }) : prccSpec({ rows, metric, labels });
      return { name: `${kind}-${metric}`, spec };
    }
  }
}
