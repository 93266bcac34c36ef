/**
 * `compareScenarios`: do two scenarios differ on chosen metrics? Runs R replicates of
 * each (seeds deriveSeed(master, s, replicate) with s = 0 for A and 1 for B, so the two
 * samples are independent), then per metric and kept step: mean, sd and 95% CI of each,
 * and a two-sample test across replicates: Welch's t-test with Cohen's d (default), or
 * Mann-Whitney U with the rank-biserial correlation. p-values are also given Holm-adjusted
 * over all the tests made, since several metrics are tested at once.
 *
 * Writes compare.csv (metric,scenario,step,mean,sd,ci_low,ci_high,n), compare-tests.csv
 * and runs.csv (scenario,run_id,step,metric,value), each atomically.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError, invalidFile } from '../messages.js';
import { csvLine, numCell, textCell } from '../experiments/csv.js';
import { recordFor } from '../experiments/keep.js';
import type { Keep, KeepSteps } from '../experiments/schema.js';
import { describeValues } from '../experiments/stats/describe.js';
import { holm, mannWhitneyTest, welchTest, type TestName, type TestResult } from '../experiments/stats/tests.js';
import { deriveSeed } from '../engine/rng.js';
import { loadScenarioFile } from '../io/scenario-file.js';
import { validateScenario } from '../scenario/validate.js';
import type { Scenario } from '../scenario/schema.js';
import { AtomicTextWriter } from '../io/files.js';
import { msgSweep } from '../messages.js';
import { defaultWorkers, runOnPool } from './pool.js';
import { progress } from '../io/progress.js';

export interface CompareOptions {
  a: string;
  b: string;
  metrics?: string[];
  replicates?: number;
  steps?: number;
  seed?: number;
  keepSteps?: KeepSteps;
  test?: TestName;
  alpha?: number;
  workers?: number;
  out?: string;
  quiet?: boolean;
  signal?: AbortSignal;
  workerFile?: string;
}

export interface CompareRow {
  metric: string;
  step: number;
  result: TestResult;
  pHolm: number;
  differs: boolean;
}

export interface CompareOutcome {
  outDir: string;
  labels: [string, string];
  tests: CompareRow[];
  failed: number;
}

function labelsOf(a: Scenario, b: Scenario, fa: string, fb: string): [string, string] {
  if (a.name !== b.name) return [a.name, b.name];
  const [ba, bb] = [fa, fb].map((f) => path.basename(f).replace(/\.(ya?ml|json)$/i, ''));
  return ba !== bb ? [ba!, bb!] : ['A', 'B'];
}

export async function compareScenarios(opts: CompareOptions): Promise<CompareOutcome> {
  if (path.resolve(opts.a) === path.resolve(opts.b)) throw new UserError(msgSweep.compareSame());
  const replicates = opts.replicates ?? 10;
  if (!Number.isInteger(replicates) || replicates < 2) throw new UserError(msgSweep.compareReplicates(replicates));
  const test = opts.test ?? 'welch';
  const alpha = opts.alpha ?? 0.05;
  const [sa, sb] = await Promise.all([loadScenarioFile(opts.a), loadScenarioFile(opts.b)]);
  const labels = labelsOf(sa, sb, opts.a, opts.b);
  const keep: Keep = { metrics: opts.metrics, steps: opts.keepSteps ?? 'final' };
  const prepared = [sa, sb].map((sc, i) => {
    const obj = structuredClone(sc) as Scenario;
    obj.steps = opts.steps ?? sc.steps;
    obj.record = { ...obj.record, ...recordFor(keep, obj.steps) } as Scenario['record'];
    const file = i === 0 ? opts.a : opts.b;
    const res = validateScenario(obj, file);
    if (!res.ok) throw invalidFile(file, res.issues.map((x) => (x.path.startsWith('record.metrics') ? { ...x, path: '--metrics' } : x)));
    return res.scenario;
  }) as [Scenario, Scenario];
  const master = opts.seed ?? sa.seed;
  const outDir = opts.out ?? path.join('out', `compare-${labels[0]}-vs-${labels[1]}`);

  // Run both scenarios; keep the (small) results in memory.
  const texts = new Map<number, string>();
  const errors = new Map<number, string>();
  const runIds = Array.from({ length: 2 * replicates }, (_, r) => r);
  const bar = progress('compare', runIds.length, { unit: 'runs', quiet: opts.quiet });
  const decoder = new TextDecoder();
  try {
    await runOnPool(
      {
        runIds,
        specOf: (r) => ({ runId: r, point: Math.floor(r / replicates), seed: deriveSeed(master, Math.floor(r / replicates), r % replicates) }),
        scenarioOf: (p) => prepared[p]!,
        keep,
        onBatch: (reply) => {
          let at = 0;
          for (const o of reply.runs) {
            if (o.unmatched?.length) throw new UserError(msgSweep.compareNoMetric(o.unmatched, o.available ?? []));
            if (o.ok) texts.set(o.runId, decoder.decode(reply.bytes.subarray(at, at + o.bytes)));
            else errors.set(o.runId, o.error ?? 'failed');
            at += o.bytes;
          }
          bar.update(texts.size + errors.size, errors.size);
        },
      },
      { workers: Math.min(runIds.length, opts.workers ?? defaultWorkers()), signal: opts.signal, workerFile: opts.workerFile },
    );
  } finally {
    bar.stop();
  }
  if (texts.size + errors.size < runIds.length) throw new UserError(msgSweep.compareInterrupted());

  // values[scenario] : key (step \0 metric) -> values in replicate order
  const values = [new Map<string, number[]>(), new Map<string, number[]>()];
  fs.mkdirSync(outDir, { recursive: true });
  const runsOut = new AtomicTextWriter(path.join(outDir, 'runs.csv'));
  runsOut.write(csvLine(['scenario', 'run_id', 'step', 'metric', 'value']));
  for (const r of runIds) {
    const text = texts.get(r);
    if (text === undefined) continue;
    const s = Math.floor(r / replicates);
    for (const line of text.split('\n')) {
      if (line === '') continue;
      runsOut.write(`${textCell(labels[s]!)},${r},${line}\n`);
      const c1 = line.indexOf(',');
      const c2 = line.lastIndexOf(',');
      const key = `${line.slice(0, c1)}\u0000${line.slice(c1 + 1, c2)}`;
      const v = line.slice(c2 + 1);
      let list = values[s]!.get(key);
      if (!list) values[s]!.set(key, (list = []));
      list.push(v === '' ? NaN : Number(v));
    }
  }
  runsOut.commit();

  const keys = [...new Set([...values[0]!.keys(), ...values[1]!.keys()])]
    .map((k) => ({ key: k, step: Number(k.split('\u0000')[0]), metric: k.split('\u0000')[1]! }))
    .sort((x, y) => (x.metric < y.metric ? -1 : x.metric > y.metric ? 1 : x.step - y.step));
  const summary = new AtomicTextWriter(path.join(outDir, 'compare.csv'));
  summary.write(csvLine(['metric', 'scenario', 'step', 'mean', 'sd', 'ci_low', 'ci_high', 'n']));
  const results: { metric: string; step: number; result: TestResult }[] = [];
  for (const k of keys) {
    const samples = [0, 1].map((s) => (values[s]!.get(k.key) ?? []).filter((x) => !Number.isNaN(x)));
    [0, 1].forEach((s) => {
      const d = describeValues(samples[s]!);
      summary.write(csvLine([k.metric, labels[s]!, String(k.step), numCell(d.mean), numCell(d.sd), numCell(d.ciLow), numCell(d.ciHigh), String(d.n)].map((c, i) => (i < 2 ? textCell(c) : c))));
    });
    if (samples[0]!.length >= 2 && samples[1]!.length >= 2) {
      const result = test === 'welch' ? welchTest(samples[0]!, samples[1]!) : mannWhitneyTest(samples[0]!, samples[1]!);
      results.push({ metric: k.metric, step: k.step, result });
    }
  }
  summary.commit();

  const adjusted = holm(results.map((r) => r.result.pValue));
  const tests: CompareRow[] = results.map((r, i) => ({ ...r, pHolm: adjusted[i]!, differs: adjusted[i]! < alpha }));
  const testsOut = new AtomicTextWriter(path.join(outDir, 'compare-tests.csv'));
  testsOut.write(csvLine(['metric', 'step', 'test', 'statistic', 'df', 'p_value', 'p_holm', 'effect', 'effect_size', 'mean_a', 'mean_b', 'n_a', 'n_b', 'differs']));
  for (const t of tests) {
    const r = t.result;
    testsOut.write(
      csvLine([textCell(t.metric), String(t.step), r.test, numCell(r.statistic), numCell(r.df), numCell(r.pValue), numCell(t.pHolm), r.effect, numCell(r.effectSize), numCell(r.meanA), numCell(r.meanB), String(r.nA), String(r.nB), String(t.differs)]),
    );
  }
  testsOut.commit();
  return { outDir, labels, tests, failed: errors.size };
}

/** A plain-text table of the tests for the terminal. */
export function formatCompare(o: CompareOutcome, alpha = 0.05): string {
  if (o.tests.length === 0) return 'no metric had at least two values in each scenario; nothing to test.';
  const test = o.tests[0]!.result.test;
  const effect = test === 'welch' ? "Cohen's d" : 'rank-biserial r';
  // The printed table shows the last compared step; every step is in compare-tests.csv.
  const last = Math.max(...o.tests.map((t) => t.step));
  const shown = o.tests.filter((t) => t.step === last);
  const rows = shown.map((t) => [
    t.metric,
    String(t.step),
    fmt(t.result.meanA),
    fmt(t.result.meanB),
    fmt(t.result.effectSize),
    fmtP(t.result.pValue),
    fmtP(t.pHolm),
    t.differs ? 'differ' : 'no evidence',
  ]);
  const head = ['metric', 'step', o.labels[0], o.labels[1], effect, 'p', 'p (Holm)', `at ${alpha}`];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const name = test === 'welch' ? "Welch's t-test (unequal variances)" : 'Mann-Whitney U (normal approximation)';
  const more = shown.length < o.tests.length ? [`(step ${last} shown; the tests at every compared step are in ${o.outDir}/compare-tests.csv)`] : [];
  return [`${name}; ${o.tests[0]!.result.nA} vs ${o.tests[0]!.result.nB} replicates`, line(head), ...rows.map(line), ...more].join('\n');
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toFixed(3);
}

function fmtP(p: number): string {
  return Number.isNaN(p) ? 'NaN' : p < 1e-4 ? '<0.0001' : p.toFixed(4);
}
