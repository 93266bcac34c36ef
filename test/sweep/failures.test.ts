/** A run that throws is recorded as failed with its error and does not stop the sweep. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runRef } from '../../src/experiments/runs.js';
import { runSweep } from '../../src/sweep/sweep.js';
import { fixture, read, tempDir } from './helpers.js';

// Worker pools start slowly on a busy 2-core machine: allow minutes, not the default 60 s.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('failed runs', () => {
  it('records the failure and finishes the others', async () => {
    const manifestSeed = 42; // tiny.yaml's seed, the master seed of grid.yaml
    const failing = [runRef(4, 3, manifestSeed), runRef(9, 3, manifestSeed)];
    process.env.FAIL_SEEDS = failing.map((f) => f.seed).join(',');
    const out = path.join(root, 'fail');
    const r = await runSweep({ experimentFile: fixture('grid.yaml'), out, workers: 2, quiet: true, workerFile: fixture('failing-worker.ts') });
    delete process.env.FAIL_SEEDS;
    expect(r).toMatchObject({ status: 'complete', ok: 10, failed: 2 });
    expect(r.failures.map((f) => f.run)).toEqual([4, 9]);
    expect(r.failures[0]!.error).toMatch(/injected failure/);
    const runs = read(out, 'runs.csv').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(runs.filter((c) => c[4] === 'failed').map((c) => Number(c[0]))).toEqual([4, 9]);
    expect(runs.find((c) => c[0] === '4')![5]).toMatch(/injected failure/);
    const resultRuns = new Set(read(out, 'results.csv').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    expect(resultRuns.has('4')).toBe(false);
    expect(resultRuns.size).toBe(10);
    // Point 1 (runs 3-5) is summarised over its two successful replicates.
    const summary = read(out, 'summary.csv').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(summary.filter((c) => c[0] === '1').every((c) => c[5] === '2')).toBe(true);

    // Resuming keeps failed runs as they are; --retry-failed runs them again.
    expect((await runSweep({ experimentFile: fixture('grid.yaml'), out, workers: 1, quiet: true })).executed).toBe(0);
    const retried = await runSweep({ experimentFile: fixture('grid.yaml'), out, workers: 1, quiet: true, retryFailed: true });
    expect(retried).toMatchObject({ status: 'complete', executed: 2, ok: 12, failed: 0 });
  });
});
