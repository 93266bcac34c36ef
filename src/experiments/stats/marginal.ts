/**
 * Marginal cost of a policy: what scenario B spends more than A per unit of outcome it adds,
 * Δspend / Δoutcome, from independent replicates of each scenario. The interval is a
 * percentile bootstrap that resamples the runs of each scenario separately, keeping each
 * run's spending and outcome together (so their correlation within a run is kept).
 *
 * A ratio has no useful interval when its denominator can be zero: when the outcome did not
 * change significantly (Welch's interval of Δoutcome includes 0) the estimate is given but
 * its interval is left empty and `note` says why.
 */
import seedrandom from 'seedrandom';
import { welchInterval, welchTest } from './tests.js';

export interface Arm {
  /** Cumulative spending of each run. */
  spend: number[];
  /** The outcome of the same runs, in the same order. */
  outcome: number[];
}

export interface MarginalCost {
  deltaSpend: number;
  deltaSpendLow: number;
  deltaSpendHigh: number;
  deltaOutcome: number;
  deltaOutcomeLow: number;
  deltaOutcomeHigh: number;
  /** Welch's p-value for Δoutcome. */
  pOutcome: number;
  /** Δspend / Δoutcome (NaN when Δoutcome is 0). */
  cost: number;
  costLow: number;
  costHigh: number;
  note: string;
}

export interface MarginalOptions {
  resamples?: number;
  level?: number;
  seed?: string;
}

function percentile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * (sorted[Math.min(sorted.length - 1, lo + 1)]! - sorted[lo]!);
}

export function marginalCost(a: Arm, b: Arm, opts: MarginalOptions = {}): MarginalCost {
  const level = opts.level ?? 0.95;
  const resamples = opts.resamples ?? 2000;
  const spend = welchInterval(a.spend, b.spend, level);
  const test = welchTest(a.outcome, b.outcome, level);
  const cost = test.diff !== 0 ? spend.diff / test.diff : NaN;
  const out: MarginalCost = {
    deltaSpend: spend.diff,
    deltaSpendLow: spend.low,
    deltaSpendHigh: spend.high,
    deltaOutcome: test.diff,
    deltaOutcomeLow: test.diffLow,
    deltaOutcomeHigh: test.diffHigh,
    pOutcome: test.pValue,
    cost,
    costLow: NaN,
    costHigh: NaN,
    note: '',
  };
  if (spend.diff === 0 && spend.low === 0 && spend.high === 0) {
    out.note = 'the scenarios spend the same: no marginal cost';
    out.cost = NaN;
    return out;
  }
  const changed = test.diffLow > 0 || test.diffHigh < 0;
  if (!changed) {
    out.note = `the outcome did not change significantly (p = ${test.pValue.toPrecision(2)}; its 95% interval includes 0): the cost per unit is not bounded`;
    return out;
  }
  const rng = seedrandom.alea(`marginal/${opts.seed ?? ''}`);
  const draws = new Float64Array(resamples);
  const mean = (arm: Arm, pick: Int32Array, field: 'spend' | 'outcome') => {
    let s = 0;
    for (let i = 0; i < pick.length; i++) s += arm[field][pick[i]!]!;
    return s / pick.length;
  };
  const ia = new Int32Array(a.spend.length);
  const ib = new Int32Array(b.spend.length);
  let kept = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < ia.length; i++) ia[i] = Math.floor(rng() * ia.length);
    for (let i = 0; i < ib.length; i++) ib[i] = Math.floor(rng() * ib.length);
    const dOut = mean(b, ib, 'outcome') - mean(a, ia, 'outcome');
    if (dOut === 0) continue;
    draws[kept++] = (mean(b, ib, 'spend') - mean(a, ia, 'spend')) / dOut;
  }
  const sorted = draws.subarray(0, kept).sort();
  if (kept > 0) {
    out.costLow = percentile(sorted, (1 - level) / 2);
    out.costHigh = percentile(sorted, (1 + level) / 2);
  }
  return out;
}
