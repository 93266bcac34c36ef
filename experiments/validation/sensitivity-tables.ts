/**
 * The figures of docs/sensitivity.md, computed from the Morris and Sobol sweeps
 * (experiments/validation/{morris,sobol}.yaml) so that none is typed by hand.
 *
 *   npx tsx experiments/validation/sensitivity-tables.ts reshape out/validation/morris experiments/validation/results/morris parameters.mechanisms.market.returnsToScale
 *   npx tsx experiments/validation/sensitivity-tables.ts reshape out/validation/sobol experiments/validation/results/sobol
 *   npx tsx experiments/validation/sensitivity-tables.ts tables
 *   npx tsx experiments/validation/sensitivity-tables.ts tables experiments/validation/results/morris-settled experiments/validation/results/sobol-settled
 *   npx tsx experiments/validation/sensitivity-tables.ts defaults out/default-s42 out/default-s1 out/default-s2 out/default-s3
 *   npx tsx experiments/validation/sensitivity-tables.ts jumps out/validation/morris market.smeShare 0.3
 *
 * reshape: a sweep's results.csv (one row per run, step and metric) to outcomes.csv, one row per
 *   design point: point, seed, the parameter columns named (all of them if none is named) and
 *   the four outcomes at the last step, each cell copied as the sweep wrote it.
 * tables: from the committed outcomes.csv and sensitivity.csv of both sweeps, the percentiles,
 *   the SME share by returnsToScale, the Morris tables with their noise floor (and the count
 *   above a stricter one, the largest upper bound of the unread parameters' intervals) and the
 *   Sobol tables, as Markdown on stdout.
 * defaults: the four outcomes at the last step of `clustersim run` folders (metrics.csv), and where
 *   each lies among the committed Morris points (the share of points below it).
 * jumps: from a Morris sweep's results.csv (not committed: the other parameter values of the
 *   points are only there), for each parameter the number of its elementary steps (one per
 *   trajectory) in which the outcome moved by more than the threshold, for the three unread
 *   parameters and the first ten by mu* in the committed sensitivity.csv.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const OUTCOMES = ['knowledge.mean', 'innovations.cumulative', 'firms.count', 'market.smeShare'] as const;
const RESULTS = 'experiments/validation/results';
const RTS = 'parameters.mechanisms.market.returnsToScale';
/** Parameters the default scenario does not read: their Morris mu* is seed noise alone. */
const DUMMIES = [
  'parameters.mechanisms.capabilities.frontierDrift.high',
  'parameters.mechanisms.market.rdIntensity.high',
  'parameters.proximity.otherCountry',
];
/** The learning channels' rates, whose knowledge rank the doc reports. */
const LEARNING_RATES = [
  'parameters.mechanisms.spillover.rate',
  'parameters.mechanisms.tieLearning.rate',
  'parameters.mechanisms.projects.learnRate',
];

type Table = { head: string[]; rows: string[][] };

function readCsv(file: string): Table {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  // The files read here have no quoted cells (paths and metric names have no commas).
  const [head, ...rows] = lines.map((l) => l.split(','));
  return { head: head!, rows };
}

function col(t: Table, name: string): number {
  const i = t.head.indexOf(name);
  if (i < 0) throw new Error(`column ${name} not found (columns: ${t.head.join(', ')})`);
  return i;
}

function label(p: string): string {
  return p.replace(/^parameters\.mechanisms\./, '').replace(/^parameters\./, '').replace(/^regions\.0\./, 'region.');
}

/** Percentile with linear interpolation between order statistics (R's type 7). */
function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function median(v: number[]): number {
  return quantile([...v].sort((a, b) => a - b), 0.5);
}

function meanSd(v: number[]): [number, number] {
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
  return [m, sd];
}

/** Three significant figures; thousands with separators. */
function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Number(v.toPrecision(3));
  return Math.abs(r) >= 1000 ? Math.round(r).toLocaleString('en-US') : String(r);
}

function signed(v: number): string {
  return `${v >= 0 ? '+' : '-'}${Math.abs(v).toFixed(2)}`;
}

function reshape(sweepDir: string, outDir: string, params: string[]): void {
  const t = readCsv(path.join(sweepDir, 'results.csv'));
  const [iPoint, iSeed, iStep, iMetric, iValue] = ['point', 'seed', 'step', 'metric', 'value'].map((c) => col(t, c));
  const paramCols = params.length > 0 ? params : t.head.slice(col(t, 'seed') + 1, iStep);
  const iParams = paramCols.map((c) => col(t, c));
  const lastStep = Math.max(...t.rows.map((r) => Number(r[iStep!])));
  const byPoint = new Map<number, Map<string, string>>();
  const prefix = new Map<number, string[]>();
  for (const r of t.rows) {
    if (Number(r[iStep!]) !== lastStep) continue;
    const p = Number(r[iPoint!]);
    if (!byPoint.has(p)) {
      byPoint.set(p, new Map());
      prefix.set(p, [r[iPoint!]!, r[iSeed!]!, ...iParams.map((i) => r[i]!)]);
    }
    byPoint.get(p)!.set(r[iMetric!]!, r[iValue!]!);
  }
  const points = [...byPoint.keys()].sort((a, b) => a - b);
  const out = [['point', 'seed', ...paramCols, ...OUTCOMES].join(',')];
  for (const p of points) out.push([...prefix.get(p)!, ...OUTCOMES.map((o) => byPoint.get(p)!.get(o) ?? '')].join(','));
  writeFileSync(path.join(outDir, 'outcomes.csv'), out.join('\n') + '\n');
  console.log(`${path.join(outDir, 'outcomes.csv')}: ${points.length} points, step ${lastStep}`);
}

function outcomeColumns(t: Table): Record<string, number[]> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, t.rows.map((r) => Number(r[col(t, o)]))]));
}

function spread(t: Table): void {
  const ys = outcomeColumns(t);
  console.log(`## Morris points: ${t.rows.length}\n`);
  console.log('| outcome | mean | sd | p5 | p50 | p95 | min | max |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const o of OUTCOMES) {
    const s = [...ys[o]!].sort((a, b) => a - b);
    const [m, sd] = meanSd(s);
    console.log(`| ${o} | ${fmt(m)} | ${fmt(sd)} | ${[0.05, 0.5, 0.95].map((q) => fmt(quantile(s, q))).join(' | ')} | ${fmt(s[0]!)} | ${fmt(s[s.length - 1]!)} |`);
  }
  const k = ys['knowledge.mean']!;
  console.log(`\nknowledge.mean above 1.2: ${k.filter((x) => x > 1.2).length}, above 1: ${k.filter((x) => x > 1).length}, above 1 - 1e-9: ${k.filter((x) => x > 1 - 1e-9).length}, above 0.9: ${k.filter((x) => x > 0.9).length}, above 0.8: ${k.filter((x) => x > 0.8).length}`);
  const iR = col(t, RTS);
  // The design's grid levels, rounded: 0.66 is written as 0.6599999999999999 by some points.
  const level = (r: string[]) => Number(Number(r[iR]).toFixed(6));
  const levels = [...new Set(t.rows.map(level))].sort((a, b) => a - b);
  console.log('\n| returnsToScale level (Morris) | points | median SME share | SME share < 0.1 | median firms | median knowledge |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const l of levels) {
    const idx = t.rows.map((r, i) => (level(r) === l ? i : -1)).filter((i) => i >= 0);
    const sme = idx.map((i) => ys['market.smeShare']![i]!);
    console.log(`| ${fmt(l)} | ${idx.length} | ${median(sme).toFixed(2)} | ${((100 * sme.filter((x) => x < 0.1).length) / idx.length).toFixed(0)}% | ${fmt(median(idx.map((i) => ys['firms.count']![i]!)))} | ${median(idx.map((i) => ys['knowledge.mean']![i]!)).toFixed(2)} |`);
  }
  const lowest = t.rows.map((r, i) => (level(r) === levels[0] ? ys['market.smeShare']![i]! : NaN)).filter((x) => !Number.isNaN(x));
  console.log(`\nAt returnsToScale ${fmt(levels[0]!)}: SME share below 0.99 in ${lowest.filter((x) => x < 0.99).length} of ${lowest.length} points, between 0.15 and 0.8 in ${lowest.filter((x) => x >= 0.15 && x <= 0.8).length}`);
  console.log('');
}

/** The SME share by returnsToScale over the Sobol sample, in bins of 0.04, grouped as in the doc. */
function smeByReturns(t: Table): void {
  const iR = col(t, RTS);
  const iS = col(t, 'market.smeShare');
  const bins = Array.from({ length: 12 }, (_, b) => 0.5 + 0.04 * b);
  // Bin b holds [0.5 + 0.04 b, 0.5 + 0.04 (b + 1)); the last one also holds the range's end, 0.98.
  const binOf = (x: number) => Math.min(11, Math.floor((x - 0.5) / 0.04 + 1e-9));
  const binStats = bins.map((lo) => {
    const s = t.rows.filter((r) => binOf(Number(r[iR])) === Math.round((lo - 0.5) / 0.04)).map((r) => Number(r[iS]));
    return { lo, n: s.length, med: median(s), low: s.filter((x) => x < 0.1).length };
  });
  console.log(`## Sobol points: ${t.rows.length}; SME share by returnsToScale (bins of 0.04)\n`);
  console.log('| bin | points | median SME share | SME share < 0.1 |');
  console.log('|---|---:|---:|---:|');
  for (const b of binStats) console.log(`| ${b.lo.toFixed(2)}-${(b.lo + 0.04).toFixed(2)} | ${b.n} | ${b.med.toFixed(2)} | ${b.low} |`);
  const groups: [number, number, string][] = [
    [0.5, 0.66, ''],
    [0.66, 0.82, ''],
    [0.82, 0.86, ' (default 0.85)'],
    [0.86, 0.9, ''],
    [0.9, 0.94, ''],
    [0.94, 0.98, ''],
  ];
  console.log('\n| `market.returnsToScale` | points | median SME share | points with SME share < 0.1 |');
  console.log('|---|---:|---:|---:|');
  for (const [lo, hi, note] of groups) {
    const g = binStats.filter((b) => b.lo >= lo - 1e-9 && b.lo < hi - 1e-9);
    const n = g.reduce((s, b) => s + b.n, 0);
    const low = g.reduce((s, b) => s + b.low, 0);
    const medText = g.length === 1 ? g[0]!.med.toFixed(2) : `${Math.min(...g.map((b) => b.med)).toFixed(2)}-${Math.max(...g.map((b) => b.med)).toFixed(2)}`;
    console.log(`| ${lo.toFixed(2)}-${hi.toFixed(2)}${note} | ${n} | ${medText} | ${low === 0 ? '0' : `${Math.round((100 * low) / n)}%`} |`);
  }
  console.log('');
}

type Index = { estimate: number; low: number; high: number };

function indices(t: Table): Map<string, Index> {
  const m = new Map<string, Index>();
  for (const r of t.rows) m.set(`${r[0]}|${r[1]}|${r[2]}|${r[3]}`, { estimate: Number(r[4]), low: Number(r[5]), high: Number(r[6]) });
  return m;
}

function morrisTables(sens: Table, outcomes: Table): void {
  const ix = indices(sens);
  const ys = outcomeColumns(outcomes);
  const params = [...new Set(sens.rows.filter((r) => r[0] === 'morris').map((r) => r[2]!))];
  for (const o of OUTCOMES) {
    const get = (p: string, i: string) => ix.get(`${i === 'PRCC' ? 'prcc' : 'morris'}|${o}|${p}|${i}`)!;
    const ranked = [...params].sort((a, b) => get(b, 'mu_star').estimate - get(a, 'mu_star').estimate);
    const [m, sd] = meanSd(ys[o]!);
    const floor = DUMMIES.map((p) => get(p, 'mu_star').estimate);
    const top = Math.max(...floor);
    const resolved = ranked.filter((p) => get(p, 'mu_star').low > top);
    console.log(`### Morris: ${o}\n`);
    console.log(`Mean over all ${ys[o]!.length} runs ${fmt(m)} (sd ${fmt(sd)}); noise floor (mu* of the three parameters this scenario does not read: ${DUMMIES.map(label).join(', ')}): ${floor.map(fmt).join(', ')}; their ranks ${DUMMIES.map((p) => ranked.indexOf(p) + 1).join(', ')} of ${ranked.length}.\n`);
    console.log('| rank | parameter | mu* [95% CI] | mu* / mean | sigma | PRCC |');
    console.log('|---:|---|---|---:|---:|---:|');
    ranked.slice(0, 10).forEach((p, i) => {
      const mu = get(p, 'mu_star');
      console.log(`| ${i + 1} | \`${label(p)}\` | ${fmt(mu.estimate)} [${fmt(mu.low)}, ${fmt(mu.high)}] | ${(mu.estimate / Math.abs(m)).toFixed(2)} | ${fmt(get(p, 'sigma').estimate)} | ${signed(get(p, 'PRCC').estimate)} |`);
    });
    console.log(`\nParameters whose mu* CI lies wholly above the largest of the three: ${resolved.length}.`);
    const upper = Math.max(...DUMMIES.map((p) => get(p, 'mu_star').high));
    const strict = ranked.filter((p) => get(p, 'mu_star').low > upper);
    console.log(`(Above the largest upper bound of the three's intervals, ${fmt(upper)}: ${strict.length}, ${strict.map(label).join(', ')}.)`);
    for (const p of resolved) {
      const mu = get(p, 'mu_star');
      console.log(`- rank ${ranked.indexOf(p) + 1} ${label(p)}: mu* ${fmt(mu.estimate)} [${fmt(mu.low)}, ${fmt(mu.high)}], sigma ${fmt(get(p, 'sigma').estimate)}, PRCC ${signed(get(p, 'PRCC').estimate)}`);
    }
    console.log(`Learning rates' ranks: ${LEARNING_RATES.map((p) => `${label(p)} ${ranked.indexOf(p) + 1}`).join(', ')}`);
    const sigmaBelowMu = ranked.filter((p) => get(p, 'sigma').estimate < get(p, 'mu_star').estimate).length;
    console.log(`Parameters with sigma < mu*: ${sigmaBelowMu} of ${ranked.length}\n`);
  }
}

function sobolTables(sens: Table): void {
  const ix = indices(sens);
  const params = [...new Set(sens.rows.filter((r) => r[0] === 'sobol').map((r) => r[2]!))];
  for (const o of OUTCOMES) {
    const get = (p: string, i: string) => ix.get(`sobol|${o}|${p}|${i}`)!;
    const ranked = [...params].sort((a, b) => get(b, 'ST').estimate - get(a, 'ST').estimate);
    const sum = params.reduce((s, p) => s + get(p, 'S1').estimate, 0);
    const widths = params.flatMap((p) => ['S1', 'ST'].map((i) => get(p, i).high - get(p, i).low));
    const smallest = Math.min(...params.map((p) => get(p, 'ST').estimate));
    console.log(`**${o}** (sum of S1: ${sum.toFixed(2)}; CI widths ${Math.min(...widths).toFixed(2)}-${Math.max(...widths).toFixed(2)}; smallest ST ${smallest.toFixed(2)})\n`);
    console.log('| parameter | S1 [95% CI] | ST [95% CI] |');
    console.log('|---|---|---|');
    const c = (v: Index) => `${v.estimate.toFixed(2)} [${v.low.toFixed(2)}, ${v.high.toFixed(2)}]`;
    for (const p of ranked) console.log(`| \`${label(p)}\` | ${c(get(p, 'S1'))} | ${c(get(p, 'ST'))} |`);
    console.log('');
  }
}

function defaults(dirs: string[]): void {
  const byOutcome = new Map<string, number[]>(OUTCOMES.map((o) => [o, []]));
  for (const d of dirs) {
    const t = readCsv(path.join(d, 'metrics.csv'));
    const [iStep, iScope, iMetric, iValue] = ['step', 'scope', 'metric', 'value'].map((c) => col(t, c));
    const system = t.rows.filter((r) => r[iScope!] === 'system');
    const last = Math.max(...system.map((r) => Number(r[iStep!])));
    const values = OUTCOMES.map((o) => Number(system.find((r) => Number(r[iStep!]) === last && r[iMetric!] === o)?.[iValue!]));
    const imports = system.filter((r) => r[iMetric!] === 'market.importShare' && Number(r[iStep!]) > 0).map((r) => Number(r[iValue!]));
    const importRange = imports.length ? `; import share over the recorded steps ${fmt(Math.min(...imports))}-${fmt(Math.max(...imports))}` : '';
    console.log(`${d} step ${last}: ${OUTCOMES.map((o, i) => `${o} ${fmt(values[i]!)}`).join(', ')}${importRange}`);
    OUTCOMES.forEach((o, i) => byOutcome.get(o)!.push(values[i]!));
  }
  const morris = outcomeColumns(readCsv(`${RESULTS}/morris/outcomes.csv`));
  for (const [o, v] of byOutcome) {
    const below = (x: number) => Math.round((100 * morris[o]!.filter((y) => y < x).length) / morris[o]!.length);
    console.log(`${o}: ${fmt(Math.min(...v))}-${fmt(Math.max(...v))}; share of the Morris points below: ${below(Math.min(...v))}-${below(Math.max(...v))}%`);
  }
}

/**
 * The signed elementary steps of a Morris sweep for `metric`, per parameter: the change of
 * the metric at the last step when the parameter moves up one grid step (Morris's elementary
 * effect before dividing by the step), in trajectory order.
 */
function elementarySteps(sweepDir: string, metric: string): { steps: Map<string, number[]>; effects: Map<string, number[]>; trajectories: number } {
  const t = readCsv(path.join(sweepDir, 'results.csv'));
  const [iPoint, iSeed, iStep, iMetric, iValue] = ['point', 'seed', 'step', 'metric', 'value'].map((c) => col(t, c));
  const params = t.head.slice(iSeed! + 1, iStep);
  const lastStep = Math.max(...t.rows.map((r) => Number(r[iStep!])));
  const values = new Map<number, string[]>();
  const y = new Map<number, number>();
  for (const r of t.rows) {
    if (Number(r[iStep!]) !== lastStep || r[iMetric!] !== metric) continue;
    values.set(Number(r[iPoint!]), r.slice(iSeed! + 1, iStep));
    y.set(Number(r[iPoint!]), Number(r[iValue!]));
  }
  // A trajectory is params.length + 1 consecutive points, each differing from the one before in one parameter.
  const length = params.length + 1;
  const steps = new Map<string, number[]>(), effects = new Map<string, number[]>();
  // Each parameter's range as the design spans it (the grid's levels include both ends), for
  // the step in unit coordinates that turns a change into an elementary effect.
  const all = [...values.values()];
  const lo = params.map((_, j) => Math.min(...all.map((v) => Number(v[j])))), hi = params.map((_, j) => Math.max(...all.map((v) => Number(v[j]))));
  for (let start = 0; start + length <= values.size; start += length) {
    for (let k = start + 1; k < start + length; k++) {
      const changed = params.map((_, j) => j).filter((j) => values.get(k)![j] !== values.get(k - 1)![j]);
      if (changed.length !== 1) throw new Error(`points ${k - 1} and ${k} differ in ${changed.length} parameters`);
      const j = changed[0]!, dv = Number(values.get(k)![j]) - Number(values.get(k - 1)![j]);
      const list = steps.get(params[j]!) ?? [];
      list.push(Math.sign(dv) * (y.get(k)! - y.get(k - 1)!));
      steps.set(params[j]!, list);
      const delta = Math.abs(dv) / (hi[j]! - lo[j]!);
      const ee = effects.get(params[j]!) ?? [];
      ee.push((Math.sign(dv) * (y.get(k)! - y.get(k - 1)!)) / delta);
      effects.set(params[j]!, ee);
    }
  }
  return { steps, effects, trajectories: values.size / length };
}

/** Per parameter, the elementary steps of a Morris sweep in which `metric` moved by more than `threshold`. */
function jumps(sweepDir: string, metric: string, threshold: number): void {
  const { steps, trajectories } = elementarySteps(sweepDir, metric);
  const sens = readCsv(`${RESULTS}/morris/sensitivity.csv`);
  const ix = indices(sens);
  const mu = (p: string) => ix.get(`morris|${metric}|${p}|mu_star`)!.estimate;
  const ranked = [...new Set(sens.rows.filter((r) => r[0] === 'morris').map((r) => r[2]!))].sort((a, b) => mu(b) - mu(a));
  console.log(`${metric}: elementary steps (of ${trajectories} per parameter) in which it moved by more than ${threshold}`);
  for (const p of [...ranked.slice(0, 10), ...DUMMIES]) {
    const d = (steps.get(p) ?? []).map(Math.abs);
    console.log(`- rank ${ranked.indexOf(p) + 1} ${label(p)} (mu* ${fmt(mu(p))}): ${d.filter((x) => x > threshold).length}; largest ${fmt(Math.max(...d))}`);
  }
}

/** The direction of one parameter's elementary steps for `metric`: how many raise it, and their mean (per grid step up). */
function signs(sweepDir: string, metric: string, parameter: string): void {
  const { steps, effects } = elementarySteps(sweepDir, metric);
  const d = steps.get(parameter), e = effects.get(parameter);
  if (!d || !e) throw new Error(`${parameter}: not a parameter of ${path.join(sweepDir, 'results.csv')} (the vary paths are its columns)`);
  const up = d.filter((x) => x > 0).length, mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`${label(parameter)} on ${metric}: ${up} of its ${d.length} elementary steps raise it; mean change per step up ${fmt(mean(d))}, mean elementary effect (per whole range) ${fmt(mean(e))}`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'reshape' && args.length >= 2) {
  reshape(args[0]!, args[1]!, args.slice(2));
} else if (mode === 'tables' && (args.length === 0 || args.length === 2)) {
  // The committed screening of the district after 300 warm-up steps, or two other results
  // folders (the settled district's: results/morris-settled results/sobol-settled).
  const [morrisDir, sobolDir] = args.length === 2 ? args : [`${RESULTS}/morris`, `${RESULTS}/sobol`];
  const morrisOut = readCsv(`${morrisDir}/outcomes.csv`);
  const sobolOut = readCsv(`${sobolDir}/outcomes.csv`);
  spread(morrisOut);
  smeByReturns(sobolOut);
  morrisTables(readCsv(`${morrisDir}/sensitivity.csv`), morrisOut);
  sobolTables(readCsv(`${sobolDir}/sensitivity.csv`));
} else if (mode === 'defaults' && args.length > 0) {
  defaults(args);
} else if (mode === 'jumps' && args.length === 3) {
  jumps(args[0]!, args[1]!, Number(args[2]));
} else if (mode === 'signs' && args.length === 3) {
  signs(args[0]!, args[1]!, args[2]!);
} else {
  console.error('usage: sensitivity-tables.ts reshape SWEEP_DIR RESULTS_DIR [PARAMETER_PATH...] | tables [MORRIS_RESULTS SOBOL_RESULTS] | defaults RUN_DIR... | jumps SWEEP_DIR METRIC THRESHOLD | signs SWEEP_DIR METRIC PARAMETER_PATH');
  process.exit(1);
}
