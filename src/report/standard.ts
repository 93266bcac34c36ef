/**
 * The standard charts of each kind of folder: what `run`, `sweep` and `compare` draw at
 * the end, and what the report shows. Each entry is named (its file name under charts/)
 * and grouped in a section of the report.
 */
import type { ChartSpec, MetricRow } from '../charts/types.js';
import {
  bandPointsFromCompare,
  bandPointsFromMetrics,
  bandTimeSeriesSpec,
  stepTitle,
  timeSeriesSpec,
} from '../charts/timeseries.js';
import { metricInfo, NETWORK_METRICS } from '../charts/metrics.js';
import { networkSpec } from '../charts/network.js';
import { tkmSpec } from '../charts/tkm.js';
import { mapSpec } from '../charts/map.js';
import { distributionSpec } from '../charts/distribution.js';
import { sweepHeatmapSpec, sweepLineSpec } from '../charts/sweep.js';
import { morrisSpec, prccSpec, sobolSpec } from '../charts/sensitivity.js';
import { labelOf, replicateFanSpec, replicateStripSpec, sweepPanelsSpec, sweepTimeSeriesSpec } from '../charts/sweep-panels.js';
import type { CompareData, FolderData, RunData, SweepData } from './load.js';
import { readAgents, readTies } from './load.js';

export interface NamedChart {
  /** File stem under charts/, e.g. `timeseries-knowledge.mean`. */
  name: string;
  section: string;
  spec: ChartSpec;
}

/** Metrics charted first when present, in this order. */
export const KEY_METRICS = ['knowledge.mean', 'agents.count', 'innovations.incremental', 'innovations.radical', 'ict.mean', 'knowledge.gini', 'employment', 'productivity.mean', 'policy.costPerInnovation'];

/** Key metrics present in `available` (falling back to the first few recorded). */
export function keyMetrics(available: readonly string[], max = 6): string[] {
  const have = new Set(available);
  const chosen = KEY_METRICS.filter((m) => have.has(m));
  if (chosen.length === 0) return available.filter((m) => !m.startsWith('tkm.') && !m.startsWith('network.')).slice(0, max);
  return chosen.slice(0, max);
}

/** The first and the last of a sorted list (once when they coincide). */
function ends(steps: readonly number[]): number[] {
  if (steps.length === 0) return [];
  return steps.length === 1 ? [steps[0]] : [steps[0], steps[steps.length - 1]];
}

function runCharts(d: RunData): NamedChart[] {
  const out: NamedChart[] = [];
  const st = stepTitle(d.manifest?.timeUnit);
  const system = d.metrics.filter((r) => r.scope === 'system');
  const available = [...new Set(system.map((r) => r.metric))];
  for (const metric of keyMetrics(available, 8)) {
    out.push({ name: `timeseries-${metric}`, section: 'Over time', spec: timeSeriesSpec({ metric, rows: system, stepTitle: st }) });
  }
  const regions = new Set(d.metrics.filter((r) => r.metric === 'knowledge.mean' && r.scope.startsWith('region:')).map((r) => r.scope));
  if (regions.size > 1) out.push({ name: 'timeseries-knowledge.mean-region', section: 'Over time', spec: timeSeriesSpec({ metric: 'knowledge.mean', rows: d.metrics, facet: 'region', stepTitle: st }) });
  const spend = available.filter((m) => m.startsWith('policy.spend.'));
  if (spend.length) out.push({ name: 'policy-spending', section: 'Policy', spec: policySpendingSpec(system, spend, st) });
  if (available.some((m) => (NETWORK_METRICS as readonly string[]).includes(m))) out.push({ name: 'network', section: 'Network', spec: networkSpec({ rows: system, stepTitle: st }) });
  if (d.metrics.some((r) => r.metric.startsWith('tkm.') && r.scope.startsWith('region:'))) out.push({ name: 'tkm', section: 'Territorial Knowledge Management', spec: tkmSpec({ rows: d.metrics }) });
  const steps = ends(d.snapshotSteps);
  if (steps.length) {
    const agents = steps.flatMap((s) => readAgents(d.dir, s));
    const ties = steps.flatMap((s) => readTies(d.dir, s));
    out.push({ name: 'map', section: 'Map', spec: mapSpec({ agents, ties, steps }) });
    out.push({ name: 'distribution-knowledge', section: 'Distributions', spec: distributionSpec({ agents, field: 'knowledge', steps }) });
    out.push({ name: 'distribution-employees', section: 'Distributions', spec: distributionSpec({ agents, field: 'employees', steps }) });
  }
  return out;
}

/** Spending per policy lever over time, one line per lever instance. */
export function policySpendingSpec(rows: readonly MetricRow[], metrics: readonly string[], st?: string): ChartSpec {
  const points = metrics.flatMap((m) => bandPointsFromMetrics(rows, m).map((p) => ({ ...p, series: m.slice('policy.spend.'.length) })));
  return bandTimeSeriesSpec({
    points,
    title: 'Policy spending over time',
    subtitle: 'Spending per lever instance (metrics policy.spend.*)',
    yTitle: `Spending (${metricInfo(metrics[0]).unit})`,
    colorTitle: 'Lever',
    zero: true,
    stepTitle: st,
  });
}

/** Designs whose points scatter over the ranges (one value per point): drawn as points and trends, not lines. */
const SAMPLED = ['lhs', 'sobol', 'morris'];

export function isSampled(d: SweepData): boolean {
  if (d.design) return SAMPLED.includes(d.design);
  // An older folder without the design in its manifest: many distinct values mean sampled.
  return d.parameters.some((p) => new Set(d.summary.map((r) => r.params[p])).size > 12);
}

function sweepCharts(d: SweepData): NamedChart[] {
  const out: NamedChart[] = [];
  // An experiment keeps the metrics it is about: draw them (key ones first), up to six.
  const kept = [...new Set(d.summary.map((r) => r.metric))];
  const key = keyMetrics(kept, 6);
  const metrics = [...key, ...kept.filter((m) => !key.includes(m)).sort()].slice(0, 6);
  const st = stepTitle(d.manifest?.timeUnit);
  const steps = (m: string) => new Set(d.summary.filter((r) => r.metric === m).map((r) => r.step)).size;
  const info = d.parameterInfo;
  const labels = Object.fromEntries(info.map((p) => [p.path, labelOf(p)]));
  if (d.parameters.length === 0) {
    // Replicates only: how the runs spread, over time or at the one kept step.
    for (const metric of metrics) {
      if (steps(metric) > 1) out.push({ name: `spread-${metric}`, section: 'Replicates', spec: replicateFanSpec({ rows: d.summary, metric, stepTitle: st }) });
      else {
        const v = d.runValues?.get(metric);
        if (v) out.push({ name: `spread-${metric}`, section: 'Replicates', spec: replicateStripSpec({ values: v.values, metric, step: v.step }) });
      }
    }
    return out;
  }
  const sampled = isSampled(d);
  const [p1, p2] = d.parameters;
  const prccOf = (metric: string, p: string) => Math.abs(d.sensitivity.find((r) => r.method === 'prcc' && r.metric === metric && r.parameter === p)?.estimate ?? 0);
  for (const metric of metrics) {
    if (sampled) {
      out.push({ name: `panels-${metric}`, section: 'Sweep', spec: sweepPanelsSpec({ rows: d.summary, metric, parameters: info }) });
    } else {
      if (p1 && p2) out.push({ name: `heatmap-${metric}`, section: 'Sweep', spec: sweepHeatmapSpec({ rows: d.summary, metric, x: p1, y: p2, labels }) });
      // One line per value of a second parameter only when it has a few values.
      const colorBy = p2 && new Set(d.summary.map((r) => r.params[p2])).size <= 8 ? p2 : undefined;
      if (p1) out.push({ name: `sweep-line-${metric}`, section: 'Sweep', spec: sweepLineSpec({ rows: d.summary, metric, x: p1, colorBy, labels }) });
    }
    if (steps(metric) > 1) {
      // Colour many lines by the parameter that matters most for this metric.
      const colorBy = [...d.parameters].sort((a, b) => prccOf(metric, b) - prccOf(metric, a))[0];
      out.push({ name: `over-time-${metric}`, section: 'Over time', spec: sweepTimeSeriesSpec({ rows: d.summary, metric, parameters: info, colorBy, stepTitle: st }) });
    }
  }
  const sensMetrics = [...new Set(d.sensitivity.map((r) => r.metric))];
  for (const metric of sensMetrics) {
    if (d.sensitivity.some((r) => r.metric === metric && r.method === 'prcc')) out.push({ name: `prcc-${metric}`, section: 'Sensitivity', spec: prccSpec({ rows: d.sensitivity, metric, labels }) });
    if (d.sensitivity.some((r) => r.metric === metric && r.method === 'sobol')) out.push({ name: `sobol-${metric}`, section: 'Sensitivity', spec: sobolSpec({ rows: d.sensitivity, metric, labels }) });
    if (d.sensitivity.some((r) => r.metric === metric && r.method === 'morris')) out.push({ name: `morris-${metric}`, section: 'Sensitivity', spec: morrisSpec({ rows: d.sensitivity, metric, labels }) });
  }
  return out;
}

function compareCharts(d: CompareData): NamedChart[] {
  const out: NamedChart[] = [];
  const st = stepTitle(d.manifest?.timeUnit);
  const available = [...new Set(d.compare.map((r) => r.metric))];
  // A comparison keeps only the metrics its user chose: draw them all (key ones first).
  const key = keyMetrics(available, 8);
  const drawn = [...key, ...available.filter((m) => !key.includes(m) && !(NETWORK_METRICS as readonly string[]).includes(m)).sort()].slice(0, 10);
  for (const metric of drawn) {
    out.push({ name: `timeseries-${metric}`, section: 'Scenarios over time', spec: timeSeriesSpec({ metric, points: bandPointsFromCompare(d.compare, metric), stepTitle: st }) });
  }
  const networkRows = d.runs.filter((r) => r.scope === 'system' && (NETWORK_METRICS as readonly string[]).includes(r.metric));
  if (networkRows.length) out.push({ name: 'network', section: 'Network', spec: networkSpec({ rows: networkRows, stepTitle: st }) });
  return out;
}

export function standardCharts(d: FolderData): NamedChart[] {
  return d.kind === 'run' ? runCharts(d) : d.kind === 'sweep' ? sweepCharts(d) : compareCharts(d);
}
