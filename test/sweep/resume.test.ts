/**
 * Resume: a sweep killed part way (SIGKILL, after some runs finished) and run again
 * finishes the missing runs only, and its tables equal an uninterrupted sweep's.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readJournal } from '../../src/sweep/journal.js';
import { runSweep } from '../../src/sweep/sweep.js';
import { fixture, read, tempDir } from './helpers.js';

// Worker pools start slowly on a busy 2-core machine: allow minutes, not the default 60 s.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Status lines written so far by all sessions of a sweep folder. */
function statusLines(out: string): string[] {
  const parts = path.join(out, 'parts');
  if (!fs.existsSync(parts)) return [];
  return fs
    .readdirSync(parts)
    .filter((f) => f.startsWith('runs-'))
    .flatMap((f) => fs.readFileSync(path.join(parts, f), 'utf8').split('\n').filter((l) => l.trim() !== ''));
}

describe('sweep resume', () => {
  it('finishes a killed sweep with no run lost or duplicated', async () => {
    const out = path.join(root, 'killed');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fixture('sweep-child.ts'), fixture('resume.yaml'), out, '1', fixture('slow-worker.ts')],
      { stdio: 'ignore' },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Kill it once a few runs are recorded (32 runs at >= 60 ms each take > 2 s).
    const deadline = Date.now() + 120_000;
    while (statusLines(out).length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await exited;
    const before = readJournal(out, 4);
    expect(before.size).toBeGreaterThanOrEqual(5);
    expect(before.size).toBeLessThan(32);
    expect(fs.existsSync(path.join(out, 'results.csv'))).toBe(false);

    const resumed = await runSweep({ experimentFile: fixture('resume.yaml'), out, workers: 2, quiet: true });
    expect(resumed.status).toBe('complete');
    expect(resumed.executed).toBe(32 - before.size);

    // The tables hold every run: the journal is gone.
    expect(fs.existsSync(path.join(out, 'parts'))).toBe(false);
    expect(read(out, 'runs.csv').trim().split('\n').length).toBe(33);

    const fresh = path.join(root, 'fresh');
    await runSweep({ experimentFile: fixture('resume.yaml'), out: fresh, workers: 2, quiet: true });
    for (const t of ['results.csv', 'summary.csv']) {
      expect(fs.readFileSync(path.join(out, t), 'utf8'), t).toBe(fs.readFileSync(path.join(fresh, t), 'utf8'));
    }
  });

  it('refuses to resume a folder that holds another experiment', async () => {
    const out = path.join(root, 'other');
    await runSweep({ experimentFile: fixture('sobol.yaml'), out, workers: 1, quiet: true });
    await expect(runSweep({ experimentFile: fixture('grid.yaml'), out, workers: 1, quiet: true })).rejects.toThrow(/different experiment/);
  });

  it('extends a finished sweep by more replicates: only the new runs run, and the tables equal a fresh sweep with that many', async () => {
    const out = path.join(root, 'extend');
    const first = await runSweep({ experimentFile: fixture('sobol.yaml'), out, workers: 1, quiet: true, replicates: 2 });
    expect(first.runs).toBe(32);
    expect(fs.existsSync(path.join(out, 'parts'))).toBe(false);
    const extended = await runSweep({ experimentFile: fixture('sobol.yaml'), out, workers: 2, quiet: true, replicates: 4 });
    expect(extended.status).toBe('complete');
    expect(extended.runs).toBe(64);
    expect(extended.executed).toBe(32);
    expect(fs.existsSync(path.join(out, 'parts'))).toBe(false);
    const fresh = path.join(root, 'extend-fresh');
    await runSweep({ experimentFile: fixture('sobol.yaml'), out: fresh, workers: 1, quiet: true, replicates: 4 });
    for (const t of ['results.csv', 'summary.csv', 'sensitivity.csv', 'results.parquet']) {
      expect(fs.readFileSync(path.join(out, t)).equals(fs.readFileSync(path.join(fresh, t))), t).toBe(true);
    }
    // runs.csv: the same runs, seeds and statuses (wall times differ between any two sweeps).
    const noWall = (dir: string) => read(dir, 'runs.csv').trim().split('\n').map((l) => l.split(',').slice(0, -1).join(','));
    expect(noWall(out)).toEqual(noWall(fresh));
    expect(JSON.parse(read(out, 'manifest.json')).meta.replicates).toBe(4);
    // Without --replicates the folder keeps its 4; fewer would drop runs.
    const again = await runSweep({ experimentFile: fixture('sobol.yaml'), out, workers: 1, quiet: true });
    expect(again.runs).toBe(64);
    expect(again.executed).toBe(0);
    await expect(runSweep({ experimentFile: fixture('sobol.yaml'), out, workers: 1, quiet: true, replicates: 3 })).rejects.toThrow(/holds 4 replicates per point; --replicates 3 would drop runs/);
  });
});

