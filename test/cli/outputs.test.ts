/**
 * `--out` as a careless or hostile user meets it (issue 19): checked before any work, never
 * written into unless it is this command's own kind of folder, an earlier run moved aside so
 * a folder never mixes two runs, the manifest written last, a lock between two sweeps, and
 * SIGTERM stopping a sweep cleanly.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeRunFolder } from '../../src/io/run-output.js';
import { LOCK_FILE } from '../../src/io/out-dir.js';
import { smallScenario } from '../fixtures/scenarios.js';
import { STACK, TINY, cli, tempDir, write } from './helpers.js';

vi.setConfig({ testTimeout: 240_000 });

const files = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();

describe('run and its output folder', () => {
  it('a second run into a run folder moves the first aside: no file of the first run is left', async () => {
    const root = tempDir();
    const out = path.join(root, 'run');
    const first = await cli(['run', TINY, '--out', out, '--no-charts', '--quiet']);
    expect(first.code).toBe(0);
    expect(fs.existsSync(path.join(out, 'snapshots', 'agents-4.csv'))).toBe(true);
    const second = await cli(['run', TINY, '--out', out, '--steps', '2', '--seed', '9', '--no-charts', '--quiet']);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/note: the previous run in .* was moved to .*run\.previous-\d{8}T\d{6}/);
    expect(files(out)).toEqual(['.clustersim', 'manifest.json', 'metrics.csv', 'snapshots', 'snapshots/agents-0.csv', 'snapshots/ties-0.csv']);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'))).toMatchObject({ seed: 9, steps: 2 });
    const aside = fs.readdirSync(root).filter((f) => f.startsWith('run.previous-'));
    expect(aside).toHaveLength(1);
    const old = path.join(root, aside[0]!);
    expect(JSON.parse(fs.readFileSync(path.join(old, 'manifest.json'), 'utf8'))).toMatchObject({ seed: 1, steps: 5 });
    expect(fs.existsSync(path.join(old, 'snapshots', 'agents-4.csv'))).toBe(true);
    // --force replaces instead.
    const third = await cli(['run', TINY, '--out', out, '--steps', '2', '--no-charts', '--quiet', '--force']);
    expect(third.code).toBe(0);
    expect(fs.readdirSync(root).filter((f) => f.startsWith('run.previous-'))).toHaveLength(1);
  });

  it('refuses a folder it did not write, before running anything, and leaves it as it was', async () => {
    const dir = tempDir();
    write(dir, 'results.csv', 'my data\n');
    const r = await cli(['run', TINY, '--out', dir, '--no-charts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--out .*: this folder is not empty and was not written by clustersim run \(it holds results\.csv\); nothing was written/);
    expect(r.stderr).not.toMatch(STACK);
    expect(files(dir)).toEqual(['results.csv']);
    expect(fs.readFileSync(path.join(dir, 'results.csv'), 'utf8')).toBe('my data\n');
  });

  it('the manifest comes last: data, then charts and report, then manifest; a failure before it leaves none', async () => {
    const dir = path.join(tempDir(), 'r');
    const sc = smallScenario({}, 20);
    const run = { runId: 'r', scenarioFile: 's.yaml', scenario: sc, seed: 1, steps: 1, startedAt: new Date(), endedAt: new Date(), rows: [{ step: 0, scope: 'system', metric: 'm', value: 1 }], snapshots: [] };
    await expect(
      writeRunFolder(dir, run, async () => {
        expect(fs.existsSync(path.join(dir, 'metrics.csv'))).toBe(true);
        expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(false);
        throw new Error('killed while drawing the charts');
      }),
    ).rejects.toThrow(/killed/);
    expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(false);
    const out = path.join(tempDir(), 'run');
    const r = await cli(['run', TINY, '--out', out, '--steps', '2', '--quiet']);
    expect(r.code).toBe(0);
    const mtime = (f: string) => fs.statSync(path.join(out, f)).mtimeMs;
    expect(mtime('manifest.json')).toBeGreaterThanOrEqual(mtime('report.html'));
    expect(mtime('report.html')).toBeGreaterThanOrEqual(mtime('metrics.csv'));
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).not.toContain('No manifest.json');
  });
});

describe('sweep and its output folder', () => {
  it('refuses / and a folder of another kind before any work', async () => {
    const exp = write(tempDir(), 'exp.yaml', `scenario: ${path.resolve('test/sweep/fixtures/tiny.yaml')}\n`);
    const root = await cli(['sweep', exp, '--out', '/', '--workers', '1']);
    expect(root.code).toBe(1);
    expect(root.stderr).toContain('--out /: this is the root of the file system; clustersim never writes there.');
    const runDir = path.join(tempDir(), 'r');
    expect((await cli(['run', TINY, '--out', runDir, '--steps', '1', '--no-charts', '--quiet'])).code).toBe(0);
    const before = files(runDir);
    const other = await cli(['sweep', exp, '--out', runDir, '--workers', '1', '--force']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/holds clustersim's output of another command \(run\), not a sweep folder; nothing was written/);
    expect(files(runDir)).toEqual(before);
  });

  it('a second sweep into a folder in use is refused, naming the holder; SIGTERM stops the first cleanly', async () => {
    const dir = tempDir();
    fs.copyFileSync('test/sweep/fixtures/tiny.yaml', path.join(dir, 'tiny.yaml'));
    const exp = write(dir, 'long.yaml', 'scenario: tiny.yaml\nreplicates: 5000\nsteps: 200\n');
    const out = path.join(dir, 'out');
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/cli/main.ts'), 'sweep', exp, '--out', out, '--workers', '1', '--no-charts', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until runs are being recorded.
    const journal = path.join(out, 'parts');
    for (let i = 0; i < 600 && !(fs.existsSync(journal) && fs.readdirSync(journal).some((f) => f.endsWith('.ndjson') && fs.statSync(path.join(journal, f)).size > 0)); i++) await new Promise((r) => setTimeout(r, 100));
    const lock = JSON.parse(fs.readFileSync(path.join(out, LOCK_FILE), 'utf8'));
    expect(lock.pid).toBe(child.pid);

    const second = await cli(['sweep', exp, '--out', out, '--workers', '1', '--no-charts']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`another clustersim is writing into this folder \\(PID ${child.pid} on .*, started ${lock.startedAt.replace(/\./g, '\\.')}: clustersim sweep`));

    const t0 = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    const stopMs = Date.now() - t0;
    expect(code).toBe(143);
    expect(stopMs).toBeLessThan(10_000);
    expect(stderr).toMatch(/SIGTERM: stopping now/);
    expect(stderr).not.toMatch(STACK);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('incomplete');
    expect(manifest.counts.missing).toBeGreaterThan(0);
    const left = files(out);
    expect(left).not.toContain(LOCK_FILE);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(left).not.toContain('results.csv');
  });
});
