/**
 * The stylised facts of industrial dynamics, checked on a scenario (docs/model/stylised-facts.md).
 * Phases: for each scenario and seed, run and record the firm panel (panel.ts); measure the
 * facts on it (measure.ts); across the seeds, the mean of each statistic with a t interval
 * (95 %; the seeds' runs are independent, so their values are too); judge each fact: it is
 * reproduced when the whole interval lies within the fact's band.
 *
 * Browser-safe: the caller loads the scenarios and writes the results.
 */
import type { Scenario } from '../../scenario/schema.js';
import { describeValues } from '../stats/describe.js';
import { recordPanel } from './panel.js';
import { measurePanel, type RunMeasures } from './measure.js';
import type { FactsFile } from './spec.js';

export interface FactRow {
  scenario: string;
  id: string;
  fact: string;
  statistic: string;
  seeds: number;
  mean: number;
  ciLow: number;
  ciHigh: number;
  min: number | null;
  max: number | null;
  literature: string;
  source: string;
  reproduced: boolean;
}

export interface ScenarioFacts {
  scenario: string;
  runs: RunMeasures[];
  rows: FactRow[];
}

/** Mean and 95 % t interval across runs of one statistic (NaN runs left out). */
export function acrossSeeds(runs: readonly RunMeasures[], statistic: string): { n: number; mean: number; ciLow: number; ciHigh: number } {
  const d = describeValues(runs.map((r) => r.stats[statistic] ?? NaN));
  return { n: d.n, mean: d.mean, ciLow: d.ciLow, ciHigh: d.ciHigh };
}

/** A fact is reproduced when the interval of its statistic lies within its band. */
export function judge(ciLow: number, ciHigh: number, min: number | null, max: number | null): boolean {
  if (!Number.isFinite(ciLow) || !Number.isFinite(ciHigh)) return false;
  return (min === null || ciLow >= min) && (max === null || ciHigh <= max);
}

export function factRows(spec: FactsFile, scenario: string, runs: readonly RunMeasures[]): FactRow[] {
  return spec.facts.map((f) => {
    const s = acrossSeeds(runs, f.statistic);
    return {
      scenario,
      id: f.id,
      fact: f.fact,
      statistic: f.statistic,
      seeds: s.n,
      mean: s.mean,
      ciLow: s.ciLow,
      ciHigh: s.ciHigh,
      min: f.min,
      max: f.max,
      literature: f.literature,
      source: f.source,
      reproduced: judge(s.ciLow, s.ciHigh, f.min, f.max),
    };
  });
}

export interface FactsProgress {
  scenario: string;
  seed: number;
  /** Runs done of all (scenarios x seeds), and steps done in the current run. */
  runsDone: number;
  runs: number;
  step: number;
}

/** Runs every scenario for every seed and measures the facts. `scenarios` pairs a label with a loaded scenario. */
export function checkFacts(spec: FactsFile, scenarios: readonly { label: string; scenario: Scenario }[], onProgress?: (p: FactsProgress) => void): ScenarioFacts[] {
  const total = scenarios.length * spec.seeds.length;
  let done = 0;
  return scenarios.map(({ label, scenario: built }) => {
    // The file's warm-up, when it sets one, replaces the scenario's own.
    const scenario = spec.warmup === undefined ? built : { ...built, warmup: spec.warmup };
    const runs = spec.seeds.map((seed) => {
      const panel = recordPanel(scenario, seed, spec.steps, (step) => onProgress?.({ scenario: label, seed, runsDone: done, runs: total, step }));
      const m = measurePanel(panel, spec.measure);
      done++;
      onProgress?.({ scenario: label, seed, runsDone: done, runs: total, step: spec.steps });
      return m;
    });
    return { scenario: label, runs, rows: factRows(spec, label, runs) };
  });
}
