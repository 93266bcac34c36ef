/** The validation statistics: MSER-5, the rolling-mean settle step, replicates needed, paired differences, drift of stationary series. */
import { describe, expect, it } from 'vitest';
import {
  integratedTime, mserWarmup, pairedDifference, pooledAutocorrelation, relativeDrift, replicatesNeeded, settleStep, stationaryDriftSd, truncatedAutocorrelation,
} from '../../src/experiments/validation.js';
import { stream } from '../../src/engine/rng.js';

/** A series that rises linearly from 0 to 1 over `ramp` steps, then stays at 1 plus noise. */
function ramped(n: number, ramp: number, noise: number, seed = 1): number[] {
  const rng = stream(seed, 'validation-test');
  return Array.from({ length: n }, (_, t) => Math.min(1, t / ramp) + noise * (rng.next() - 0.5));
}

describe('mserWarmup', () => {
  it('truncates nothing from a stationary series', () => {
    expect(mserWarmup(ramped(400, 1, 0.1)).warmup).toBeLessThan(50);
  });
  it('truncates about the length of an initial transient', () => {
    const w = mserWarmup(ramped(600, 150, 0.05)).warmup;
    expect(w).toBeGreaterThanOrEqual(100);
    expect(w).toBeLessThanOrEqual(200);
  });
  it('works on batch means: a warm-up is a multiple of the batch', () => {
    expect(mserWarmup(ramped(600, 150, 0.05), 10).warmup % 10).toBe(0);
  });
  it('gives NaN for a series of fewer than four batches', () => {
    expect(mserWarmup([1, 2, 3], 1).warmup).toBeNaN();
  });
});

describe('settleStep', () => {
  it('finds the step where the rolling mean enters the band for good', () => {
    // Without noise, y = min(1, t / 100): the trailing mean of 20 steps ending at step 105
    // holds 86..100 and five 1s: (13.95 + 5) / 20 = 0.9475 < 0.95; ending at 106 it holds
    // 87..100 and six 1s: (13.16 + 6) / 20 = 0.958, within 5 % of 1 from there on.
    const r = settleStep(ramped(500, 100, 0), { window: 20, reference: 200, band: 0.05 });
    expect(r.reference).toBeCloseTo(1, 12);
    expect(r.step).toBe(106);
  });
  it('is null when the series is still moving at the end', () => {
    const y = Array.from({ length: 400 }, (_, t) => t);
    expect(settleStep(y).step).toBeNull();
  });
  it('a wider band settles earlier', () => {
    const y = ramped(500, 100, 0);
    expect(settleStep(y, { band: 0.2 }).step!).toBeLessThan(settleStep(y, { band: 0.05 }).step!);
  });
});

describe('replicatesNeeded', () => {
  it('is (1.96 s / (0.05 mean))^2 rounded up', () => {
    const v = [9, 10, 11, 10, 9, 11]; // mean 10, sd sqrt(0.8)
    const r = replicatesNeeded(v);
    expect(r.mean).toBe(10);
    expect(r.needed).toBe(Math.ceil(((1.96 * Math.sqrt(0.8)) / 0.5) ** 2));
    expect(r.needed).toBe(13);
  });
  it('needs more replicates for a tighter interval', () => {
    const v = [9, 10, 11, 10, 9, 11];
    expect(replicatesNeeded(v, 0.01).needed).toBeGreaterThan(replicatesNeeded(v, 0.05).needed);
  });
  it('needs one replicate when there is no variation', () => {
    expect(replicatesNeeded([2, 2, 2]).needed).toBe(1);
  });
});

describe('pairedDifference', () => {
  it('pairs run by run: a constant shift is resolved however noisy the runs', () => {
    const a = [1, 4, 9, 2];
    const b = a.map((x) => x + 0.5 + (x % 2 ? 0.01 : -0.01));
    const r = pairedDifference(a, b);
    expect(r.diff).toBeCloseTo(0.5, 12);
    expect(r.sign).toBe(1);
  });
  it('is unresolved when the differences straddle 0', () => {
    expect(pairedDifference([0, 0, 0, 0], [1, -1, 1, -1]).sign).toBe(0);
  });
  it('is -1 when B is lower throughout', () => {
    expect(pairedDifference([2, 3, 4], [1, 2.1, 2.9]).sign).toBe(-1);
  });
  it('refuses arms of different lengths', () => {
    expect(() => pairedDifference([1], [1, 2])).toThrow(/1 values against 2/);
  });
});

/** An AR(1) series around `level`: x_t = level + rho (x_{t-1} - level) + e_t, sd of x = cv * level. */
function ar1(n: number, rho: number, level: number, cv: number, seed: number): number[] {
  const rng = stream(seed, 'ar1');
  const sdE = cv * level * Math.sqrt(1 - rho * rho);
  let x = level + cv * level * rng.normal();
  return Array.from({ length: n }, () => (x = level + rho * (x - level) + sdE * rng.normal()));
}

describe('relativeDrift', () => {
  it('is the least-squares slope times the window over the mean', () => {
    const y = Array.from({ length: 301 }, (_, t) => 100 + t);
    expect(relativeDrift(y, 100, 300)).toBeCloseTo(200 / 300, 12); // slope 1, window 200, mean 300
    expect(relativeDrift(y.map((v) => 500 - v), 100, 300)).toBeCloseTo(-200 / 200, 12);
    expect(relativeDrift(y.map(() => 7), 0, 300)).toBe(0);
  });
  it('refuses a window outside the series or of fewer than 3 steps', () => {
    expect(() => relativeDrift([1, 2, 3], 0, 3)).toThrow(/0..2/);
    expect(() => relativeDrift([1, 2, 3], 0, 1)).toThrow(/at least 3 steps/);
  });
});

describe('autocorrelation and integrated time', () => {
  const runs = [1, 2, 3, 4].map((s) => ar1(5000, 0.9, 100, 0.1, s));
  const r = pooledAutocorrelation(runs, 100);
  it('recovers rho^L of an AR(1) process, pooled over runs', () => {
    expect(r[0]).toBeCloseTo(1, 12);
    expect(r[1]).toBeGreaterThan(0.87);
    expect(r[1]).toBeLessThan(0.93);
    expect(Math.abs(r[10]! - 0.9 ** 10)).toBeLessThan(0.08);
  });
  it('cuts at the first negative lag, and integrates to about (1 + rho) / (1 - rho)', () => {
    const t = truncatedAutocorrelation(r);
    const first = t.findIndex((v) => v === 0);
    expect(first).toBeGreaterThan(10);
    expect(t.slice(first).every((v) => v === 0)).toBe(true);
    expect(integratedTime(t)).toBeGreaterThan(19 * 0.8);
    expect(integratedTime(t)).toBeLessThan(19 * 1.2);
    expect(integratedTime([1])).toBe(1);
  });
});

describe('stationaryDriftSd', () => {
  it('is cv * W * sqrt(12 / (n (n^2 - 1))) for white noise (n = W + 1 points)', () => {
    const W = 200, n = W + 1;
    expect(stationaryDriftSd([1], 0.1, W)).toBeCloseTo(0.1 * W * Math.sqrt(12 / (n * (n * n - 1))), 12);
  });
  it('matches the spread of the drift of simulated AR(1) windows, far above white noise of the same CV', () => {
    // rho 0.96: a correlation time of 25 steps, about the firm count's demographic turnover.
    const rho = 0.96, W = 200;
    const drifts: number[] = [];
    for (let s = 1; s <= 300; s++) drifts.push(relativeDrift(ar1(W + 1, rho, 100, 0.08, s), 0, W));
    const m = drifts.reduce((a, b) => a + b, 0) / drifts.length;
    const sdSim = Math.sqrt(drifts.reduce((a, b) => a + (b - m) ** 2, 0) / (drifts.length - 1));
    const r = Array.from({ length: W + 1 }, (_, L) => rho ** L);
    const sdRef = stationaryDriftSd(r, 0.08, W);
    expect(Math.abs(sdSim / sdRef - 1)).toBeLessThan(0.15);
    expect(sdRef).toBeGreaterThan(4 * stationaryDriftSd([1], 0.08, W));
  });
});
