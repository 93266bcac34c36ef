/**
 * One run of a sweep: simulate, keep the selected rows, sort them canonically (step, then
 * metric name by code units) and format them as CSV lines `step,metric,value`. The text is
 * produced inside the worker so the main thread only copies bytes to disk.
 */
// simulation.ts, not simulate.ts: the run loop without the lever-expression parser, which the
// worker loads only for batches that need it (worker.ts).
import { runScenario } from '../engine/simulation.js';
import { metricFilter, metricKey, stepFilter, unmatchedSelectors } from '../experiments/keep.js';
import { numCell, textCell } from '../experiments/csv.js';
import type { Keep } from '../experiments/schema.js';
import type { Scenario } from '../scenario/schema.js';

export interface MetricRowLike {
  step: number;
  scope: string;
  metric: string;
  value: number;
}

/** What simulates one run; the engine's `runScenario` unless a test substitutes one. */
export type Simulate = (scenario: Scenario, seed: number) => MetricRowLike[];

export const engineSimulate: Simulate = (scenario, seed) => runScenario(scenario, { seed }).rows;

export interface RunText {
  text: string;
  rows: number;
  /** Selectors of keep.metrics that matched nothing (a misspelt metric). */
  unmatched: string[];
  /** Metric keys the run produced, when some selector matched nothing (for the message). */
  available?: string[];
}

export function rowsToText(all: MetricRowLike[], keep: Keep): RunText {
  let finalStep = -Infinity;
  for (const r of all) if (r.step > finalStep) finalStep = r.step;
  const keepMetric = metricFilter(keep.metrics);
  const keepStep = stepFilter(keep.steps, finalStep);
  const kept: { step: number; key: string; value: number }[] = [];
  for (const r of all) {
    if (keepStep(r.step) && keepMetric(r.scope, r.metric)) kept.push({ step: r.step, key: metricKey(r.scope, r.metric), value: r.value });
  }
  kept.sort((a, b) => a.step - b.step || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let text = '';
  for (const r of kept) text += `${r.step},${textCell(r.key)},${numCell(r.value)}\n`;
  const unmatched = unmatchedSelectors(keep.metrics, all.map((r) => [r.scope, r.metric] as [string, string]));
  const available = unmatched.length > 0 ? [...new Set(all.map((r) => metricKey(r.scope, r.metric)))].sort() : undefined;
  return { text, rows: kept.length, unmatched, available };
}
