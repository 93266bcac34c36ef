/**
 * The stylised facts measured on one run's firm panel (panel.ts). Sizes are employees; a
 * year is `stepsPerYear` steps; years start at steps 0, Y, 2Y, ... of the recorded run.
 *
 *   size      at each year start, the cross-section of firm sizes S: skewness of S, skewness
 *             of ln S and its Lilliefors distance to the normal (the lognormal body), the
 *             Hill index of the top `tailShare` (the Pareto tail); each the mean over years.
 *   growth    g = ln S(t + Y) - ln S(t) of the firms alive at both ends of a year. Each g is
 *             standardised within its year and size class (quantiles of ln S(t), `sizeClasses`
 *             classes): minus the class mean, over the class sd, so that neither the mean's
 *             nor the variance's dependence on size fattens the tails (Bottazzi & Secchi 2006
 *             normalise per sector and year the same way). Then excess kurtosis and the
 *             Laplace-minus-Gaussian log-likelihood per observation (and, reported but not
 *             judged, their skewness).
 *   variance  g minus its year's mean, binned by ln S(t) into `varianceBins` quantile bins;
 *             the least-squares slope of ln sd(g) on the bins' mean ln S (Stanley et al. 1996:
 *             sd ~ S^beta).
 *   turnover  each year, entrants (firms first seen during it) and exits (firms that left
 *             during it), both over the firms alive at its start; their means and their
 *             correlation across years.
 *   hazard    exits per firm-year at risk, by age class (firm-steps of exposure at each age,
 *             so firms first seen at any age and firms still alive at the end count for the
 *             time they were seen); the ratio of the hazard of firms younger than
 *             `youngYears` to that of firms `oldYears` or older (hazardRatio), and to that
 *             of the firms in between (hazardRatioMid: is there infant mortality apart from
 *             the very old firms?).
 *   spin-offs the hazard of the same young firms, among those born in the run, of the
 *             spin-offs of firms over that of the entrants without a parent
 *             (spinoffHazardRatio: below 1 when spin-offs outlive other entrants).
 */
import type { FirmPanel } from './panel.js';
import { excessKurtosis, hillTail, ksNormal, laplaceVsGaussian, olsSlope, pearson, skewness } from './stats.js';
import { mean, sd } from '../stats/describe.js';
import { log } from '../../engine/math.js';

export interface MeasureOptions {
  tailShare: number;
  sizeClasses: number;
  varianceBins: number;
  /** Lower bounds of the age classes of the hazard, in years (the first is 0). */
  ageClasses: number[];
  youngYears: number;
  oldYears: number;
}

export const DEFAULT_MEASURE: MeasureOptions = {
  tailShare: 0.1,
  sizeClasses: 5,
  varianceBins: 8,
  ageClasses: [0, 1, 2, 3, 5, 10, 20],
  youngYears: 2,
  oldYears: 10,
};

/** Per-run values of the statistics, by name (statistic names are the keys of STATISTICS in facts.ts). */
export type RunStats = Record<string, number>;

/** One run's growth observations, kept for the chart. */
export interface GrowthSample {
  /** Standardised growth rates (within year and size class). */
  z: number[];
  /** Raw annual growth rates. */
  g: number[];
  /** ln S at the start of the year, with g. */
  lnS: number[];
}

export interface HazardRow {
  ageFrom: number;
  ageTo: number;
  exposureYears: number;
  exits: number;
  hazard: number;
}

export interface RunMeasures {
  seed: number;
  stats: RunStats;
  growth: GrowthSample;
  hazard: HazardRow[];
  /** Standard deviation of g per size bin: [mean ln S, sd]. */
  sdBySize: { lnS: number; sd: number; n: number }[];
  /** Annual entry and exit rates. */
  turnover: { year: number; entry: number; exit: number }[];
  /** Firm sizes at the last year start (for the size distribution's chart). */
  lastSizes: number[];
}

/** Employees of firm f at step t, or NaN if it was not alive then. */
function sizeAt(f: FirmPanel['firms'][number], t: number): number {
  const k = t - f.first;
  return k >= 0 && k < f.sizes.length ? f.sizes[k]! : NaN;
}

/** Class index 0..classes-1 of each value by its rank (ties broken by position). */
function quantileClass(values: number[], classes: number): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const out = new Array<number>(values.length);
  order.forEach((i, rank) => (out[i] = Math.min(classes - 1, Math.floor((rank * classes) / values.length))));
  return out;
}

/**
 * Calls `visit(age, exited)` for each step a firm was at risk: steps first+1 .. the last step
 * seen (the exit step if it exited); the step from t - 1 to t is at risk at the age (steps)
 * the firm had at t - 1, and `exited` is 1 for the step it exited in.
 */
function atRisk(f: FirmPanel['firms'][number], visit: (age: number, exited: number) => void): void {
  const last = f.exit >= 0 ? f.exit : f.first + f.sizes.length - 1;
  for (let t = f.first + 1; t <= last; t++) visit(f.ageAtFirst + (t - 1 - f.first), t === f.exit ? 1 : 0);
}

export function measurePanel(panel: FirmPanel, opts: MeasureOptions = DEFAULT_MEASURE): RunMeasures {
  const Y = panel.stepsPerYear;
  const years = Math.floor(panel.steps / Y);
  const stats: RunStats = {};

  // Size distribution at each year start.
  const skewS: number[] = [], skewLn: number[] = [], ks: number[] = [], hill: number[] = [], firmsN: number[] = [];
  let lastSizes: number[] = [];
  for (let y = 0; y <= years; y++) {
    const t = y * Y;
    const sizes = panel.firms.map((f) => sizeAt(f, t)).filter((s) => s > 0);
    lastSizes = sizes;
    const ln = sizes.map((s) => log(s));
    skewS.push(skewness(sizes));
    skewLn.push(skewness(ln));
    ks.push(ksNormal(ln));
    hill.push(hillTail(sizes, opts.tailShare));
    firmsN.push(sizes.length);
  }
  stats.sizeSkewness = mean(skewS);
  stats.logSizeSkewness = mean(skewLn);
  stats.logSizeKs = mean(ks);
  stats.logSizeKsCritical = mean(firmsN.map((n) => 0.886 / Math.sqrt(n)));
  stats.hillIndex = mean(hill);
  stats.firms = mean(firmsN);

  // Annual growth rates, standardised within year and size class.
  const growth: GrowthSample = { z: [], g: [], lnS: [] };
  const demeaned: number[] = [];
  for (let y = 0; y < years; y++) {
    const t = y * Y;
    const g: number[] = [], lnS: number[] = [];
    for (const f of panel.firms) {
      const a = sizeAt(f, t), b = sizeAt(f, t + Y);
      if (a > 0 && b > 0) {
        g.push(log(b) - log(a));
        lnS.push(log(a));
      }
    }
    if (g.length < 2 * opts.sizeClasses) continue;
    const cls = quantileClass(lnS, opts.sizeClasses);
    const gYear = mean(g);
    for (let c = 0; c < opts.sizeClasses; c++) {
      const idx = cls.flatMap((k, i) => (k === c ? [i] : []));
      const gc = idx.map((i) => g[i]!);
      const m = mean(gc), s = sd(gc);
      for (const i of idx) {
        if (s > 0) growth.z.push((g[i]! - m) / s);
      }
    }
    for (let i = 0; i < g.length; i++) {
      growth.g.push(g[i]!);
      growth.lnS.push(lnS[i]!);
      demeaned.push(g[i]! - gYear);
    }
  }
  stats.growthKurtosis = excessKurtosis(growth.z);
  stats.growthLaplaceLL = laplaceVsGaussian(growth.z);
  stats.growthSkewness = skewness(growth.z);
  stats.growthRawKurtosis = excessKurtosis(growth.g);
  stats.growthObservations = growth.g.length;

  // sd of growth by size bin, and the slope of ln sd on ln size.
  const bins = quantileClass(growth.lnS, opts.varianceBins);
  const sdBySize: RunMeasures['sdBySize'] = [];
  for (let c = 0; c < opts.varianceBins; c++) {
    const idx = bins.flatMap((k, i) => (k === c ? [i] : []));
    const s = sd(idx.map((i) => demeaned[i]!));
    if (idx.length >= 3 && s > 0) sdBySize.push({ lnS: mean(idx.map((i) => growth.lnS[i]!)), sd: s, n: idx.length });
  }
  stats.growthSdSlope = olsSlope(sdBySize.map((b) => b.lnS), sdBySize.map((b) => log(b.sd))).slope;

  // Entry and exit rates per year.
  const turnover: RunMeasures['turnover'] = [];
  for (let y = 0; y < years; y++) {
    const t0 = y * Y, t1 = t0 + Y;
    const start = panel.alive[t0]!;
    let entrants = 0, exits = 0;
    for (const f of panel.firms) {
      if (f.first > t0 && f.first <= t1) entrants++;
      if (f.exit > t0 && f.exit <= t1) exits++;
    }
    if (start > 0) turnover.push({ year: y, entry: entrants / start, exit: exits / start });
  }
  stats.entryRate = mean(turnover.map((r) => r.entry));
  stats.exitRate = mean(turnover.map((r) => r.exit));
  stats.entryExitCorrelation = pearson(turnover.map((r) => r.entry), turnover.map((r) => r.exit));

  // Hazard by age class: firm-steps at risk and exits, by age in years at the step.
  const edges = opts.ageClasses;
  const exposure = new Array<number>(edges.length).fill(0);
  const exits = new Array<number>(edges.length).fill(0);
  const classOf = (ageSteps: number) => {
    const a = ageSteps / Y;
    let c = 0;
    while (c + 1 < edges.length && a >= edges[c + 1]!) c++;
    return c;
  };
  let youngExp = 0, youngExits = 0, oldExp = 0, oldExits = 0, midExp = 0, midExits = 0;
  for (const f of panel.firms) {
    atRisk(f, (age, exited) => {
      const c = classOf(age);
      exposure[c]++;
      exits[c] += exited;
      if (age / Y < opts.youngYears) { youngExp++; youngExits += exited; }
      if (age / Y >= opts.oldYears) { oldExp++; oldExits += exited; }
      else if (age / Y >= opts.youngYears) { midExp++; midExits += exited; }
    });
  }
  const hazard: HazardRow[] = edges.map((from, c) => ({
    ageFrom: from,
    ageTo: edges[c + 1] ?? Infinity,
    exposureYears: exposure[c]! / Y,
    exits: exits[c]!,
    hazard: exposure[c]! > 0 ? (exits[c]! * Y) / exposure[c]! : NaN,
  }));
  const hYoung = youngExp > 0 ? (youngExits * Y) / youngExp : NaN;
  const hOld = oldExp > 0 ? (oldExits * Y) / oldExp : NaN;
  stats.hazardYoung = hYoung;
  stats.hazardOld = hOld;
  stats.hazardRatio = hOld > 0 ? hYoung / hOld : NaN;
  const hMid = midExp > 0 ? (midExits * Y) / midExp : NaN;
  stats.hazardMid = hMid;
  stats.hazardRatioMid = hMid > 0 ? hYoung / hMid : NaN;

  // Spin-offs against other entrants: the exit hazard in the first `youngYears` years of the
  // firms born in the run (first seen after step 0) that spun off from a firm, over that of
  // the firms born without a parent ([Klepper 2009]: spin-offs outlive other entrants).
  // Spin-offs of research institutions are in neither group.
  const firmIds = new Set(panel.firms.map((f) => f.id));
  const young = { spinoff: { firms: 0, exp: 0, exits: 0 }, entrant: { firms: 0, exp: 0, exits: 0 } };
  for (const f of panel.firms) {
    if (f.first === 0 || (f.parent >= 0 && !firmIds.has(f.parent))) continue;
    const g = f.parent >= 0 ? young.spinoff : young.entrant;
    g.firms++;
    atRisk(f, (age, exited) => {
      if (age / Y >= opts.youngYears) return;
      g.exp++;
      g.exits += exited;
    });
  }
  const hSpin = young.spinoff.exp > 0 ? (young.spinoff.exits * Y) / young.spinoff.exp : NaN;
  const hEnt = young.entrant.exp > 0 ? (young.entrant.exits * Y) / young.entrant.exp : NaN;
  stats.spinoffs = young.spinoff.firms;
  stats.entrants = young.entrant.firms;
  stats.spinoffHazardYoung = hSpin;
  stats.entrantHazardYoung = hEnt;
  stats.spinoffHazardRatio = hEnt > 0 ? hSpin / hEnt : NaN;

  return { seed: panel.seed, stats, growth, hazard, sdBySize, turnover, lastSizes };
}
