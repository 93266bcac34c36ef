/**
 * Sweep and compare folders hold one output each (issue 19): --force starts a sweep over in
 * a folder of another experiment; resuming or extending removes the summaries, charts and
 * report of the earlier session; a comparison into an earlier comparison's folder moves it
 * aside first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { compareScenarios } from '../../src/sweep/compare.js';
import { runSweep } from '../../src/sweep/sweep.js';
import { fixture, tempDir } from './helpers.js';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const manifestOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

describe('sweep folders', () => {
  it('--force deletes a sweep of another experiment and starts over', async () => {
    const out = path.join(tempDir(), 'sweep');
    await runSweep({ experimentFile: fixture('sobol.yaml'), out, workers: 1, quiet: true });
    const old = manifestOf(out).meta.fingerprint;
    const r = await runSweep({ experimentFile: fixture('grid.yaml'), out, workers: 1, quiet: true, force: true });
    expect(r).toMatchObject({ status: 'complete', executed: r.runs });
    expect(manifestOf(out).meta.fingerprint).not.toBe(old);
    // Only the new experiment's runs are in the tables.
    expect(fs.readFileSync(path.join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(r.runs + 1);
  });

  it('while runs are missing, the summaries, charts and report of the earlier session are gone', async () => {
    const out = path.join(tempDir(), 'sweep');
    await runSweep({ experimentFile: fixture('grid.yaml'), out, workers: 1, quiet: true });
    fs.mkdirSync(path.join(out, 'charts'));
    fs.writeFileSync(path.join(out, 'charts', 'old.svg'), '<svg/>');
    fs.writeFileSync(path.join(out, 'report.html'), 'old report');
    // One more replicate per point: the finished folder is extended, 4 runs missing.
    let during: string[] | undefined; // the folder when the new session starts its runs
    const r = await runSweep({
      experimentFile: fixture('grid.yaml'),
      out,
      workers: 1,
      quiet: true,
      replicates: 4,
      log: (line) => {
        if (during === undefined) during = fs.readdirSync(out);
      },
    });
    expect(r).toMatchObject({ status: 'complete', executed: 4 });
    expect(during).toBeDefined();
    for (const gone of ['report.html', 'charts', 'summary.csv', 'results.parquet']) expect(during).not.toContain(gone);
    expect(during).toContain('results.csv'); // the store of the runs already done, until replaced
    expect(fs.existsSync(path.join(out, 'report.html'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'summary.csv'))).toBe(true);
  });
});

describe('compare folders', () => {
  it('moves an earlier comparison aside before running, or deletes it with force', async () => {
    const root = tempDir();
    const out = path.join(root, 'cmp');
    const opts = { a: fixture('tiny.yaml'), b: fixture('tiny-b.yaml'), metrics: ['ict.mean'], replicates: 2, workers: 1, out, quiet: true };
    await compareScenarios(opts);
    fs.writeFileSync(path.join(out, 'report.html'), 'the first comparison');
    await compareScenarios({ ...opts, replicates: 3 });
    const aside = fs.readdirSync(root).filter((f) => f.startsWith('cmp.previous-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(root, aside[0]!, 'report.html'), 'utf8')).toBe('the first comparison');
    expect(manifestOf(path.join(root, aside[0]!)).replicates).toBe(2);
    expect(fs.existsSync(path.join(out, 'report.html'))).toBe(false);
    expect(manifestOf(out).replicates).toBe(3);
    await compareScenarios({ ...opts, force: true });
    expect(fs.readdirSync(root).filter((f) => f.startsWith('cmp.previous-'))).toHaveLength(1);
    expect(manifestOf(out).replicates).toBe(2);
  });
});
