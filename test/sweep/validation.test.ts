/** The validation commands on sweep folders: warmup, precision, paired (src/sweep/validation.ts). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driftCheck, pairedCheck, precisionCheck, warmupCheck } from '../../src/sweep/validation.js';
import { stream } from '../../src/engine/rng.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validation-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface FakeRun { point: number; replicate: number; seed: number; param: number; series: Record<string, number[]> }

/** A sweep folder holding only results.csv, in the layout `clustersim sweep` writes. */
function fakeSweep(name: string, runs: FakeRun[]): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  const lines = ['run_id,point,replicate,seed,x,step,metric,value'];
  runs.forEach((r, id) => {
    const steps = Object.values(r.series)[0]!.length;
    for (let t = 0; t < steps; t++) for (const [m, y] of Object.entries(r.series).sort()) lines.push(`${id},${r.point},${r.replicate},${r.seed},${r.param},${t},${m},${y[t]}`);
  });
  fs.writeFileSync(path.join(dir, 'results.csv'), `${lines.join('\n')}\n`);
  return dir;
}

describe('warmupCheck', () => {
  it('finds the end of a ramp in every run and in their mean', () => {
    // Three runs rising to 10 over 100 steps, then flat; a flat metric settles at once.
    const runs = [0, 1, 2].map((r) => ({ point: 0, replicate: r, seed: r, param: 0, series: { ramp: Array.from({ length: 400 }, (_, t) => 10 * Math.min(1, t / 100)), flat: Array.from({ length: 400 }, () => 3) } }));
    const dir = fakeSweep('warmup', runs);
    const r = warmupCheck({ dir, by: 150, window: 20 });
    const ramp = r.rows.find((x) => x.metric === 'ramp')!;
    expect(ramp.runs).toBe(3);
    expect(ramp.settle_median).toBe(106);
    expect(ramp.mean_series_settle).toBe(106);
    expect(ramp.settled_by).toBe(1);
    expect(ramp.mser5_median).toBeGreaterThanOrEqual(80);
    expect(ramp.mser5_median).toBeLessThanOrEqual(110);
    const flat = r.rows.find((x) => x.metric === 'flat')!;
    expect(flat.settle_median).toBe(19);
    expect(ramp.mean_series_gap_by).toBe(0); // steps 150-169 are on the plateau
    expect(fs.readFileSync(path.join(dir, 'warmup', 'warmup.csv'), 'utf8').split('\n')[0]).toContain('settled_by_150');
    expect(fs.readFileSync(path.join(dir, 'warmup', 'warmup-runs.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 3 * 2);
  });
  it('refuses series shorter than window + reference', () => {
    const dir = fakeSweep('short', [{ point: 0, replicate: 0, seed: 1, param: 0, series: { m: [1, 2, 3] } }]);
    expect(() => warmupCheck({ dir })).toThrow(/3 kept steps.*at least 250/);
  });
  it('names the metrics there when asked for one that is not', () => {
    const dir = fakeSweep('names', [{ point: 0, replicate: 0, seed: 1, param: 0, series: { m: [1, 2, 3] } }]);
    expect(() => warmupCheck({ dir, metrics: ['nope'] })).toThrow(/no rows of metric 'nope'. Metrics there: m/);
  });
});

describe('driftCheck', () => {
  // Stationary AR(1) runs (rho 0.97, CV 0.1) and trending runs (+0.2 % a step, little noise: a drift of about 0.4 over 200 steps).
  const ar = (seed: number) => {
    const rng = stream(seed, 'drift-check');
    let x = 100;
    return Array.from({ length: 1000 }, () => (x = 100 + 0.97 * (x - 100) + 10 * Math.sqrt(1 - 0.97 ** 2) * rng.normal()));
  };
  const runs = Array.from({ length: 12 }, (_, r) => ({
    point: 0, replicate: r, seed: r, param: 0,
    series: { still: ar(r + 1), trend: Array.from({ length: 1000 }, (_, t) => 100 * Math.exp(0.002 * t) + Math.sin(t)) },
  }));
  const dir = fakeSweep('drift', runs);
  it('a trend fails every window; a stationary series fails about as often as its stationary reference says', () => {
    const r = driftCheck({ dir, from: 200, window: 200, stride: 50 });
    const trend = r.rows.find((x) => x.metric === 'trend')!, still = r.rows.find((x) => x.metric === 'still')!;
    expect(trend.windows).toBe(12 * 12); // starts 200, 250, ..., 750
    expect(trend.share_above).toBe(1);
    // A trend reads as memory as long as the window (the reference assumes stationarity, which
    // `warmup` on the mean series establishes first).
    expect(trend.tau).toBeGreaterThan(100);
    expect(still.cv).toBeGreaterThan(0.07);
    expect(still.cv).toBeLessThan(0.13);
    expect(still.tau).toBeGreaterThan(25);
    expect(still.share_above).toBeGreaterThan(0.05);
    expect(Math.abs(still.share_above - still.stationary_share_above)).toBeLessThan(0.15);
    expect(fs.readFileSync(path.join(dir, 'drift', 'drift-windows.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 2 * 12 * 12);
  });
  it('says which steps it needs when the runs are too short', () => {
    expect(() => driftCheck({ dir, from: 900, window: 200 })).toThrow(/1000 kept steps.*--from 900.*1101 steps/);
  });
});

describe('precisionCheck', () => {
  it('takes the last step of each run and applies n = (1.96 s / (0.05 mean))^2', () => {
    const finals = [9, 10, 11, 10, 9, 11];
    const dir = fakeSweep('precision', finals.map((v, r) => ({ point: 0, replicate: r, seed: r, param: 0, series: { m: [0, 100, v] } })));
    const [row] = precisionCheck({ dir }).rows;
    expect(row).toMatchObject({ point: 0, metric: 'm', step: 2, n: 6, mean: 10, needed: 13 });
    expect(fs.existsSync(path.join(dir, 'precision', 'precision.csv'))).toBe(true);
  });
});

describe('pairedCheck', () => {
  // Two points, three replicates each; arm B adds +1 at point 0 and -1 at point 1, plus noise
  // that is the same for A and B (the same seeds), so each sign is resolved.
  const arm = (shift: (p: number) => number) =>
    [0, 1].flatMap((p) => [0, 1, 2].map((r) => ({ point: p, replicate: r, seed: 10 * p + r, param: p / 2, series: { m: [0, 5 + 3 * r + shift(p) + 0.01 * r] } })));
  it('gives the share of design points where B > A, resolved or not', () => {
    const a = fakeSweep('arm-a', arm(() => 0));
    const b = fakeSweep('arm-b', arm((p) => (p === 0 ? 1 : -1)));
    const r = pairedCheck({ a, b });
    expect(r.rows.map((x) => x.sign)).toEqual([1, -1]);
    expect(r.summary[0]).toMatchObject({ metric: 'm', points: 2, share_positive: 0.5, share_resolved_positive: 0.5, share_resolved_negative: 0.5, share_unresolved: 0 });
    const table = fs.readFileSync(path.join(b, 'paired', 'paired.csv'), 'utf8').split('\n');
    expect(table[0]).toBe('point,x,metric,n,mean_a,mean_b,diff,ci_low,ci_high,sign');
    expect(table[2]!.startsWith('1,0.5,m,3,')).toBe(true);
    // The run-by-run differences, as a sweep's results.csv (what discover reads).
    const diffs = fs.readFileSync(path.join(b, 'paired', 'results.csv'), 'utf8').trim().split('\n');
    expect(diffs[0]).toBe('run_id,point,replicate,seed,x,step,metric,value');
    expect(diffs.slice(1).map((l) => Number(l.split(',').at(-1)))).toEqual([1, 1, 1, -1, -1, -1]);
    expect(JSON.parse(fs.readFileSync(path.join(b, 'paired', 'manifest.json'), 'utf8'))).toMatchObject({ command: 'paired', stat: 'final' });
  });
  it('averages over the steps after step 0 with stat mean', () => {
    const a = fakeSweep('mean-a', [0, 1].map((r) => ({ point: 0, replicate: r, seed: r, param: 0, series: { m: [100, 1 + r, 3 + r] } })));
    const b = fakeSweep('mean-b', [0, 1].map((r) => ({ point: 0, replicate: r, seed: r, param: 0, series: { m: [-100, 2 + r, 4 + r] } })));
    expect(pairedCheck({ a, b, stat: 'mean' }).rows[0]!.diff).toBe(1);
    expect(pairedCheck({ a, b }).rows[0]!.diff).toBe(1);
  });
  it('refuses sweeps whose seeds differ', () => {
    const a = fakeSweep('seed-a', arm(() => 0));
    const b = fakeSweep('seed-b', arm(() => 0).map((x) => ({ ...x, seed: x.seed + 1 })));
    expect(() => pairedCheck({ a, b })).toThrow(/not the same design run with the same seeds \(run 0: point 0\/0, seed 0\/1/);
  });
});
