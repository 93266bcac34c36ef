/** A sweep that finishes with failed runs names them and exits non-zero (3) (issue 19). */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_RUNS_FAILED, sweepMain } from '../../src/cli/commands/sweep.js';
import { runRef } from '../../src/experiments/runs.js';
import { fixture, tempDir } from '../sweep/helpers.js';

vi.setConfig({ testTimeout: 240_000 });

afterEach(() => {
  process.exitCode = undefined;
  delete process.env.FAIL_SEEDS;
  vi.restoreAllMocks();
});

describe('sweep exit code', () => {
  it('names the failed runs with their errors and exits 3', async () => {
    process.env.FAIL_SEEDS = [runRef(4, 3, 42).seed, runRef(9, 3, 42).seed].join(',');
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
    const out = path.join(tempDir(), 'out');
    await sweepMain(
      { experiment: fixture('grid.yaml'), out, workers: 2, parquet: false, 'retry-failed': false, quiet: true, charts: false, oversubscribe: false },
      fixture('failing-worker.ts'),
    );
    expect(process.exitCode).toBe(EXIT_RUNS_FAILED);
    expect(err).toMatch(/2 runs failed \(all in .*runs\.csv; run the sweep again with --retry-failed to retry them\):\n  run 4: Error: injected failure for seed \d+\n  run 9: Error: injected failure/);
  });
});
