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
import { fixture, tempDir } from './helpers.js';

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
    const before = readJournal(out);
    expect(before.size).toBeGreaterThanOrEqual(5);
    expect(before.size).toBeLessThan(32);
    expect(fs.existsSync(path.join(out, 'results.csv'))).toBe(false);

    const resumed = await runSweep({ experimentFile: fixture('resume.yaml'), out, workers: 2, quiet: true });
    expect(resumed.status).toBe('complete');
    expect(resumed.executed).toBe(32 - before.size);

    // Every run recorded exactly once across the two sessions.
    const ids = statusLines(out).flatMap((l) => {
      try {
        return [JSON.parse(l).run as number];
      } catch {
        return []; // a torn last line from the killed process
      }
    });
    expect(ids.length).toBe(32);
    expect(new Set(ids).size).toBe(32);

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
});
