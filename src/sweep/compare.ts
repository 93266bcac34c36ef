/**
 * `compareScenarios`: do two scenarios differ, by how much, and at what cost? Phases:
 *   1. load both scenarios, apply `--set` overrides, set the steps and what to record;
 *   2. run R replicates of each on the worker pool (seeds deriveSeed(master, s, replicate)
 *      with s = 0 for A and 1 for B, so the two samples are independent);
 *   3. per metric and kept step: mean, sd and 95% CI of each scenario, and a two-sample
 *      test (Welch's t with Cohen's d, or Mann-Whitney U with the rank-biserial r), with the
 *      difference B - A and the effect size, each with a 95% interval. p-values are
 *      Holm-adjusted over the metrics tested at the same step (`adjust: 'step'`, the
 *      default: one family per step), or over every test made (`adjust: 'all'`);
 *   4. marginal costs at the last common step: Δspend / Δoutcome for innovations, knowledge,
 *      the ICT gap and firms, with bootstrap intervals (src/experiments/stats/marginal.ts);
 *   5. write the tables, a run folder per scenario (its replicates' metrics.csv and a
 *      manifest with its provenance), and manifest.json last.
 *
 * Files (each written atomically): compare.csv, compare-tests.csv, marginal-costs.csv,
 * runs.csv, arms/<label>/{metrics.csv,manifest.json}, manifest.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError, msgLimits, msgSweep, type Issue } from '../messages.js';
import { LIMITS } from '../scenario/limits.js';
import { claimOutDir, type OutputFolder } from '../io/out-dir.js';
import { csvLine, numCell, textCell } from '../experiments/csv.js';
import { metricFilter, recordFor } from '../experiments/keep.js';
import type { Keep, KeepSteps } from '../experiments/schema.js';
import { describeValues } from '../experiments/stats/describe.js';
import { holm, mannWhitneyTest, welchTest, type TestName, type TestResult } from '../experiments/stats/tests.js';
import { marginalCost, type MarginalCost } from '../experiments/stats/marginal.js';
import { applyOverrides, type Override } from '../experiments/overrides.js';
import { deriveSeed } from '../engine/rng.js';
import { loadScenarioFile } from '../io/scenario-file.js';
import { validateScenario } from '../scenario/validate.js';
import type { Scenario } from '../scenario/schema.js';
import { AtomicTextWriter, writeAtomicSync } from '../io/files.js';
import { canonicalJson, provenance, sha256 } from '../io/manifest.js';
import { defaultWorkers, runOnPool } from './pool.js';
import { progress } from '../io/progress.js';

export type AdjustFamily = 'step' | 'all';

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
  /** Holm families: the metrics of one step (default), or every test made. */
  adjust?: AdjustFamily;
  /** `--set PATH=VALUE` overrides, applied to both scenarios. */
  overrides?: Override[];
  /** Bootstrap resamples of the marginal costs' intervals (default 2000). */
  bootstrap?: number;
  workers?: number;
  /** The agent cap (`--max-agents`); default LIMITS.agents. */
  maxAgents?: number;
  /** Delete an earlier comparison in the output folder instead of moving it aside. */
  force?: boolean;
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

export interface MarginalRow extends MarginalCost {
  outcome: string;
  metric: string;
  step: number;
}

export interface CompareOutcome {
  outDir: string;
  labels: [string, string];
  tests: CompareRow[];
  marginal: MarginalRow[];
  adjust: AdjustFamily;
  /** The run folder of each scenario, relative to outDir. */
  arms: [string, string];
  failed: number;
}

/** The outcomes of marginal-costs.csv and the metric measuring each. */
export const MARGINAL_OUTCOMES: readonly { outcome: string; metric: string }[] = [
  { outcome: 'innovations', metric: 'innovations.cumulative' },
  { outcome: 'knowledge', metric: 'knowledge.mean' },
  { outcome: 'ict gap', metric: 'ict.gap' },
  { outcome: 'firms', metric: 'firms.count' },
];
export const SPEND_METRIC = 'policy.spendCumulative';

function labelsOf(a: Scenario, b: Scenario, fa: string, fb: string): [string, string] {
  if (a.name !== b.name) return [a.name, b.name];
  const [ba, bb] = [fa, fb].map((f) => path.basename(f).replace(/\.(ya?ml|json)$/i, ''));
  return ba !== bb ? [ba!, bb!] : ['A', 'B'];
}

/** A label as a folder name. */
export function armFolder(label: string): string {
  return path.join('arms', label.replace(/[^\w.-]+/g, '_'));
}

/** Whether a metric key (`name` or `name@scope`) is one the user asked for. */
function requestedFilter(metrics: string[] | undefined): (key: string) => boolean {
  const f = metricFilter(metrics);
  return (key) => {
    const at = key.indexOf('@');
    return at < 0 ? f('system', key) : f(key.slice(at + 1), key.slice(0, at));
  };
}

export async function compareScenarios(opts: CompareOptions): Promise<CompareOutcome> {
  const claimed: OutputFolder[] = []; // the output folder's lock, released however the comparison ends
  try {
    return await compare(opts, claimed);
  } finally {
    for (const f of claimed) f.release();
  }
}

async function compare(opts: CompareOptions, claimed: OutputFolder[]): Promise<CompareOutcome> {
  const t0 = Date.now();
  const startedAt = new Date();
  if (path.resolve(opts.a) === path.resolve(opts.b)) throw new UserError(msgSweep.compareSame());
  const replicates = opts.replicates ?? 10;
  if (!Number.isInteger(replicates) || replicates < 2) throw new UserError(msgSweep.compareReplicates(replicates));
  if (2 * replicates > LIMITS.runs) throw new UserError(msgLimits.compareRuns(replicates, LIMITS.runs));
  const limits = { maxAgents: opts.maxAgents };
  const test = opts.test ?? 'welch';
  const alpha = opts.alpha ?? 0.05;
  const adjust = opts.adjust ?? 'step';
  const overrides = opts.overrides ?? [];

  // 1. load and prepare
  const [sa, sb] = await Promise.all([loadScenarioFile(opts.a, [], limits), loadScenarioFile(opts.b, [], limits)]);
  // A --set value may be a lever expression: its validation needs the parser.
  if (overrides.some((o) => typeof o.value === 'string')) await import('../engine/expr.js');
  const files = [opts.a, opts.b];
  // Record what the user asked for plus what the marginal costs need.
  const runMetrics = opts.metrics ? [...new Set([...opts.metrics, SPEND_METRIC, ...MARGINAL_OUTCOMES.map((o) => o.metric)])] : undefined;
  const keep: Keep = { metrics: runMetrics, steps: opts.keepSteps ?? 'final' };
  const toMetricsFlag = (x: Issue): Issue | undefined => (x.path.startsWith('record.metrics') ? { ...x, path: '--metrics' } : undefined);
  const prepared = [sa, sb].map((sc, i) => {
    const setSteps = [...overrides].reverse().find((o) => o.path === 'steps')?.value;
    const steps = opts.steps ?? (typeof setSteps === 'number' ? setSteps : sc.steps);
    return applyOverrides(sc, overrides, files[i]!, (obj, source) => validateScenario(obj, source, undefined, limits), (obj) => {
      obj.steps = steps;
      obj.record = { ...obj.record, ...recordFor(keep, steps) } as Scenario['record'];
    }, toMetricsFlag);
  }) as [Scenario, Scenario];
  const labels = labelsOf(prepared[0], prepared[1], opts.a, opts.b);
  const master = opts.seed ?? prepared[0].seed;
  const outDir = opts.out ?? path.join('out', `compare-${labels[0]}-vs-${labels[1]}`);
  const seedOf = (s: number, r: number) => deriveSeed(master, s, r);
  // The folder is claimed before the runs (io/out-dir.ts): a bad --out is refused at once, and
  // an earlier comparison there is moved aside (or, with force, deleted), never mixed in.
  claimed.push(claimOutDir(outDir, 'compare', opts.force ? 'replace' : 'move-aside', (line) => (opts.quiet ? undefined : process.stderr.write(`${line}\n`))));

  // 2. run both scenarios; keep the (small) results in memory
  const texts = new Map<number, string>();
  const errors = new Map<number, string>();
  const runIds = Array.from({ length: 2 * replicates }, (_, r) => r);
  const bar = progress('compare', runIds.length, { unit: 'runs', quiet: opts.quiet });
  const decoder = new TextDecoder();
  try {
    await runOnPool(
      {
        runIds,
        specOf: (r) => ({ runId: r, point: Math.floor(r / replicates), seed: seedOf(Math.floor(r / replicates), r % replicates) }),
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

  // An older manifest would vouch for files about to be replaced.
  fs.mkdirSync(outDir, { recursive: true });
  fs.rmSync(path.join(outDir, 'manifest.json'), { force: true });

  // values[scenario] : key (step \0 metric) -> value of each replicate (NaN: failed run or missing)
  const values = [new Map<string, number[]>(), new Map<string, number[]>()];
  const runsOut = new AtomicTextWriter(path.join(outDir, 'runs.csv'));
  runsOut.write(csvLine(['scenario', 'run_id', 'step', 'metric', 'value']));
  const armRows: string[][] = [[], []];
  for (const r of runIds) {
    const text = texts.get(r);
    if (text === undefined) continue;
    const s = Math.floor(r / replicates);
    const rep = r % replicates;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      runsOut.write(`${textCell(labels[s]!)},${r},${line}\n`);
      const c1 = line.indexOf(',');
      const c2 = line.lastIndexOf(',');
      const metricKey = line.slice(c1 + 1, c2);
      const key = `${line.slice(0, c1)}\u0000${metricKey}`;
      const v = line.slice(c2 + 1);
      let list = values[s]!.get(key);
      if (!list) values[s]!.set(key, (list = new Array<number>(replicates).fill(NaN)));
      list[rep] = v === '' ? NaN : Number(v);
      const at = metricKey.indexOf('@');
      armRows[s]!.push([`${textCell(labels[s]!)}-r${rep}`, line.slice(0, c1), at < 0 ? 'system' : textCell(metricKey.slice(at + 1)), textCell(at < 0 ? metricKey : metricKey.slice(0, at)), v].join(','));
    }
  }
  runsOut.commit();

  // 3. summaries and tests
  const wanted = requestedFilter(opts.metrics);
  const keys = [...new Set([...values[0]!.keys(), ...values[1]!.keys()])]
    .map((k) => ({ key: k, step: Number(k.split('\u0000')[0]), metric: k.split('\u0000')[1]! }))
    .filter((k) => wanted(k.metric))
    .sort((x, y) => (x.metric < y.metric ? -1 : x.metric > y.metric ? 1 : x.step - y.step));
  const finite = (s: number, key: string) => (values[s]!.get(key) ?? []).filter((x) => !Number.isNaN(x));
  const summary = new AtomicTextWriter(path.join(outDir, 'compare.csv'));
  summary.write(csvLine(['metric', 'scenario', 'step', 'mean', 'sd', 'ci_low', 'ci_high', 'n']));
  const results: { metric: string; step: number; result: TestResult }[] = [];
  for (const k of keys) {
    const samples = [finite(0, k.key), finite(1, k.key)];
    [0, 1].forEach((s) => {
      const d = describeValues(samples[s]!);
      summary.write(csvLine([textCell(k.metric), textCell(labels[s]!), String(k.step), numCell(d.mean), numCell(d.sd), numCell(d.ciLow), numCell(d.ciHigh), String(d.n)]));
    });
    if (samples[0]!.length >= 2 && samples[1]!.length >= 2) {
      const result = test === 'welch' ? welchTest(samples[0]!, samples[1]!) : mannWhitneyTest(samples[0]!, samples[1]!);
      results.push({ metric: k.metric, step: k.step, result });
    }
  }
  summary.commit();

  const pHolm = new Array<number>(results.length).fill(NaN);
  const families = new Map<string, number[]>();
  results.forEach((r, i) => {
    const family = adjust === 'all' ? 'all' : String(r.step);
    const list = families.get(family);
    if (list) list.push(i);
    else families.set(family, [i]);
  });
  for (const idx of families.values()) {
    const adj = holm(idx.map((i) => results[i]!.result.pValue));
    idx.forEach((i, k) => (pHolm[i] = adj[k]!));
  }
  const tests: CompareRow[] = results.map((r, i) => ({ ...r, pHolm: pHolm[i]!, differs: pHolm[i]! < alpha }));
  const testsOut = new AtomicTextWriter(path.join(outDir, 'compare-tests.csv'));
  testsOut.write(
    csvLine(['metric', 'step', 'test', 'statistic', 'df', 'p_value', 'p_holm', 'holm_family', 'effect', 'effect_size', 'effect_ci_low', 'effect_ci_high', 'mean_a', 'mean_b', 'diff', 'diff_ci_low', 'diff_ci_high', 'n_a', 'n_b', 'differs']),
  );
  for (const t of tests) {
    const r = t.result;
    testsOut.write(
      csvLine([
        textCell(t.metric), String(t.step), r.test, numCell(r.statistic), numCell(r.df), numCell(r.pValue), numCell(t.pHolm), adjust === 'all' ? 'all' : `step ${t.step}`,
        r.effect, numCell(r.effectSize), numCell(r.effectLow), numCell(r.effectHigh), numCell(r.meanA), numCell(r.meanB), numCell(r.diff), numCell(r.diffLow), numCell(r.diffHigh),
        String(r.nA), String(r.nB), String(t.differs),
      ]),
    );
  }
  testsOut.commit();

  // 4. marginal costs at the last step both scenarios recorded
  const stepsOf = (s: number) => new Set([...values[s]!.keys()].filter((k) => k.endsWith(`\u0000${SPEND_METRIC}`)).map((k) => Number(k.split('\u0000')[0])));
  const common = [...stepsOf(0)].filter((st) => stepsOf(1).has(st));
  const last = common.length > 0 ? Math.max(...common) : NaN;
  const marginal: MarginalRow[] = [];
  const costs = new AtomicTextWriter(path.join(outDir, 'marginal-costs.csv'));
  costs.write(
    csvLine(['outcome', 'metric', 'step', 'delta_spend', 'delta_spend_ci_low', 'delta_spend_ci_high', 'delta_outcome', 'delta_outcome_ci_low', 'delta_outcome_ci_high', 'p_outcome', 'marginal_cost', 'ci_low', 'ci_high', 'note']),
  );
  if (Number.isFinite(last)) {
    for (const { outcome, metric } of MARGINAL_OUTCOMES) {
      // Keep each run's spending and outcome together: only runs with both.
      const arm = (s: number) => {
        const sp = values[s]!.get(`${last}\u0000${SPEND_METRIC}`) ?? [];
        const out = values[s]!.get(`${last}\u0000${metric}`) ?? [];
        const idx = sp.map((_, r) => r).filter((r) => Number.isFinite(sp[r]) && Number.isFinite(out[r]));
        return { spend: idx.map((r) => sp[r]!), outcome: idx.map((r) => out[r]!) };
      };
      const [aArm, bArm] = [arm(0), arm(1)];
      if (aArm.spend.length < 2 || bArm.spend.length < 2) continue;
      const m = marginalCost(aArm, bArm, { resamples: opts.bootstrap ?? 2000, seed: `${master}/${metric}` });
      marginal.push({ outcome, metric, step: last, ...m });
      costs.write(
        csvLine([
          outcome, metric, String(last), numCell(m.deltaSpend), numCell(m.deltaSpendLow), numCell(m.deltaSpendHigh), numCell(m.deltaOutcome), numCell(m.deltaOutcomeLow), numCell(m.deltaOutcomeHigh),
          numCell(m.pOutcome), numCell(m.cost), numCell(m.costLow), numCell(m.costHigh), textCell(m.note),
        ]),
      );
    }
  }
  costs.commit();

  // 5. a run folder per scenario, then the manifest
  const prov = provenance();
  const arms = [0, 1].map((s) => {
    const folder = armFolder(labels[s]!);
    const dir = path.join(outDir, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.rmSync(path.join(dir, 'manifest.json'), { force: true });
    const metrics = new AtomicTextWriter(path.join(dir, 'metrics.csv'));
    metrics.write('run_id,step,scope,metric,value\n');
    for (const row of armRows[s]!) metrics.write(`${row}\n`);
    metrics.commit();
    const scenario = prepared[s]!;
    const seeds = Array.from({ length: replicates }, (_, r) => seedOf(s, r));
    const failed = seeds.map((_, r) => r).filter((r) => errors.has(s * replicates + r));
    const arm = {
      label: labels[s]!,
      scenarioFile: files[s]!,
      scenarioName: scenario.name,
      scenarioHash: sha256(canonicalJson(scenario)),
      folder,
      replicates,
      seedRule: `deriveSeed(${master}, ${s}, replicate)`,
      seeds,
      failedReplicates: failed,
    };
    writeAtomicSync(
      path.join(dir, 'manifest.json'),
      `${JSON.stringify({ ...prov, kind: 'compare-arm', ...arm, steps: scenario.steps, timeUnit: scenario.timeUnit, overrides: overrides.map((o) => o.text), files: ['metrics.csv'], scenario }, null, 2)}\n`,
    );
    return arm;
  });
  const manifest = {
    ...prov,
    kind: 'compare',
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    wallSeconds: (Date.now() - t0) / 1000,
    masterSeed: master,
    replicates,
    steps: prepared.map((p) => p.steps),
    timeUnit: prepared[0].timeUnit,
    keep,
    test,
    alpha,
    adjust: adjust === 'all' ? 'Holm over every test made' : 'Holm over the metrics tested at each step',
    overrides: overrides.map((o) => o.text),
    scenarios: arms.map((a) => `${a.label} (${a.scenarioFile})`),
    arms,
    failedRuns: errors.size,
    files: ['compare.csv', 'compare-tests.csv', 'marginal-costs.csv', 'runs.csv', ...arms.flatMap((a) => [`${a.folder}/metrics.csv`, `${a.folder}/manifest.json`])],
  };
  writeAtomicSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { outDir, labels, tests, marginal, adjust, arms: [arms[0]!.folder, arms[1]!.folder], failed: errors.size };
}
