/**
 * The same experiment gives byte-identical tables whatever the number of workers, and
 * sharded-then-merged equals unsharded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSweep } from '../../src/sweep/sweep.js';
import { mergeSweeps } from '../../src/sweep/merge.js';
import { fixture, read, tempDir } from './helpers.js';

const TABLES = ['results.csv', 'summary.csv', 'results.parquet'];
// Worker pools start slowly on a busy 2-core machine: allow minutes, not the default 60 s.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let root: string;
const ref: Record<string, Buffer> = {};

beforeAll(async () => {
  root = tempDir();
  const out = path.join(root, 'w1');
  const r = await runSweep({ experimentFile: fixture('grid.yaml'), out, workers: 1, quiet: true });
  expect(r.status).toBe('complete');
  for (const t of TABLES) ref[t] = fs.readFileSync(path.join(out, t));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('sweep determinism', () => {
  it('writes the tidy table with one column per varied parameter, sorted canonically', () => {
    const lines = read(path.join(root, 'w1'), 'results.csv').trim().split('\n');
    expect(lines[0]).toBe('run_id,point,replicate,seed,parameters.mechanisms.spillover.rate,policies.0.budget,step,metric,value');
    // 4 points x 3 replicates; steps 0, 2, 4; 2 system metrics + 2 regions.
    expect(lines.length - 1).toBe(12 * 3 * 4);
    const keys = lines.slice(1).map((l) => l.split(','));
    const sorted = [...keys].sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[6]) - Number(b[6]) || (a[7]! < b[7]! ? -1 : 1));
    expect(keys).toEqual(sorted);
    expect(new Set(keys.map((k) => k[7]))).toEqual(new Set(['knowledge.mean', 'ict.mean', 'employment@region:north', 'employment@region:south']));
    const summary = read(path.join(root, 'w1'), 'summary.csv').split('\n');
    expect(summary[0]).toBe('point,parameters.mechanisms.spillover.rate,policies.0.budget,step,metric,n,mean,sd,ci_low,ci_high,q05,q25,q50,q75,q95');
    expect(summary.length - 2).toBe(4 * 3 * 4);
    const runs = read(path.join(root, 'w1'), 'runs.csv').split('\n');
    expect(runs[0]).toBe('run_id,point,replicate,seed,status,error,wallMs');
    const manifest = JSON.parse(read(path.join(root, 'w1'), 'manifest.json'));
    expect(manifest.status).toBe('complete');
    expect(manifest.meta.points).toEqual([[0.05, 0], [0.05, 5000], [0.2, 0], [0.2, 5000]]);
  });

  it.each([2, 4])('gives identical tables with %i workers', async (workers) => {
    const out = path.join(root, `w${workers}`);
    await runSweep({ experimentFile: fixture('grid.yaml'), out, workers, quiet: true });
    for (const t of TABLES) expect(fs.readFileSync(path.join(out, t)).equals(ref[t]!), t).toBe(true);
  });

  it('sharded then merged equals unsharded', async () => {
    const dirs = [1, 2, 3].map((i) => path.join(root, `shard${i}`));
    for (const [i, dir] of dirs.entries()) {
      const r = await runSweep({ experimentFile: fixture('grid.yaml'), out: dir, workers: 1 + (i % 2), shard: { index: i + 1, count: 3 }, quiet: true });
      expect(r.runs).toBe(4);
    }
    const merged = path.join(root, 'merged');
    mergeSweeps({ dirs: [dirs[2]!, dirs[0]!, dirs[1]!], out: merged, log: () => {} });
    for (const t of TABLES) expect(fs.readFileSync(path.join(merged, t)).equals(ref[t]!), t).toBe(true);
  });

  it('merge refuses a missing shard and a run present twice', async () => {
    const dirs = [1, 2, 3].map((i) => path.join(root, `shard${i}`));
    expect(() => mergeSweeps({ dirs: [dirs[0]!, dirs[1]!], out: path.join(root, 'm2'), log: () => {} })).toThrow(/4 of 12 runs are missing.*shard 3\/3/s);
    const copy = path.join(root, 'shard1-copy');
    fs.cpSync(dirs[0]!, copy, { recursive: true });
    expect(() => mergeSweeps({ dirs: [...dirs, copy], out: path.join(root, 'm3'), log: () => {} })).toThrow(/present in more than one folder/);
    // A shard folder that lost a run (its last line in runs.csv) is named, with how many it lacks.
    const runs = path.join(copy, 'runs.csv');
    fs.writeFileSync(runs, fs.readFileSync(runs, 'utf8').trim().split('\n').slice(0, -1).join('\n') + '\n');
    expect(() => mergeSweeps({ dirs: [copy, dirs[1]!, dirs[2]!], out: path.join(root, 'm4'), log: () => {} })).toThrow(
      new RegExp(`1 of 12 runs are missing \\(run ids 9\\); nothing was written\\.\\n  ${copy} \\(shard 1/3, complete\\): 1 of its 4 runs missing`),
    );
    expect(fs.existsSync(path.join(root, 'm4'))).toBe(false);
  });

  it('running the same command again on a complete folder rewrites identical tables', async () => {
    const out = path.join(root, 'w1');
    const r = await runSweep({ experimentFile: fixture('grid.yaml'), out, workers: 1, quiet: true });
    expect(r.executed).toBe(0);
    for (const t of TABLES) expect(fs.readFileSync(path.join(out, t)).equals(ref[t]!), t).toBe(true);
  });
});
