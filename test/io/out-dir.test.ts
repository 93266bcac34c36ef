/**
 * Output folders are checked before any work and claimed with a lock (issue 19): system
 * and shared folders, files, unwritable places and folders of another kind are refused;
 * an earlier output of the same kind is kept, moved aside or replaced; a live lock refuses
 * a second writer and a dead one is taken over with a note.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, MARKER_FILE, checkOutDir, checkOutFile, claimOutDir, detectOutputKind } from '../../src/io/out-dir.js';
import { UserError } from '../../src/messages.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cs-out-'));
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};
const quiet = () => {};

/** A folder holding a finished run, as `run` leaves it (marker, manifest, metrics). */
function runFolder(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, MARKER_FILE), JSON.stringify({ tool: 'clustersim', kind: 'run' }));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ tool: 'clustersim', scenarioHash: 'x' }));
  fs.writeFileSync(path.join(dir, 'metrics.csv'), 'run_id,step,scope,metric,value\n');
  return dir;
}

describe('checkOutDir refuses', () => {
  it('the root, system folders (also through a symbolic link), shared top-level and home folders', () => {
    expect(refusal(() => checkOutDir('/', 'sweep'))).toMatch(/^--out \/: this is the root of the file system/);
    for (const d of ['/proc/1/x', '/etc', '/usr/share/clustersim', '/dev/shm/x', '/sys']) expect(refusal(() => checkOutDir(d, 'sweep'))).toMatch(/is a system folder or inside one/);
    for (const d of ['/tmp', '/home', '/usr', os.homedir()]) expect(refusal(() => checkOutDir(d, 'run'))).toMatch(/top-level or home folder/);
    const link = path.join(tmp(), 'link');
    fs.symlinkSync('/proc', link);
    expect(refusal(() => checkOutDir(path.join(link, 'self'), 'run'))).toMatch(/\(\/proc\/\d+\) is a system folder/);
  });

  it('a file, and a path below a file', () => {
    const file = path.join(tmp(), 'results.csv');
    fs.writeFileSync(file, 'x');
    expect(refusal(() => checkOutDir(file, 'run'))).toMatch(/this is a file, not a folder/);
    expect(refusal(() => checkOutDir(path.join(file, 'sub'), 'run'))).toMatch(/results\.csv is a file, so no folder can be made there/);
  });

  it.skipIf(process.getuid?.() === 0)('a folder that cannot be written (not as root, who writes anywhere)', () => {
    const dir = tmp();
    fs.chmodSync(dir, 0o555);
    expect(refusal(() => checkOutDir(path.join(dir, 'new'), 'run'))).toMatch(/cannot write in .* \(.*permission denied/);
  });

  it('a non-empty folder clustersim did not write, naming what it holds, and leaves it as it was', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'results.csv'), 'mine');
    fs.mkdirSync(path.join(dir, 'data'));
    const msg = refusal(() => claimOutDir(dir, 'sweep', 'replace', quiet));
    expect(msg).toMatch(/not empty and was not written by clustersim sweep \(it holds (results\.csv, data|data, results\.csv)\); nothing was written/);
    expect(fs.readdirSync(dir).sort()).toEqual(['data', 'results.csv']);
    expect(fs.readFileSync(path.join(dir, 'results.csv'), 'utf8')).toBe('mine');
  });

  it('a folder of another kind, even with --force (replace)', () => {
    const dir = runFolder(path.join(tmp(), 'r'));
    expect(detectOutputKind(dir)).toBe('run');
    expect(refusal(() => claimOutDir(dir, 'sweep', 'replace', quiet))).toMatch(/holds clustersim's output of another command \(run\), not a sweep folder/);
    expect(fs.existsSync(path.join(dir, 'metrics.csv'))).toBe(true);
  });
});

describe('claimOutDir', () => {
  it('creates a new folder with its marker and lock, and releases the lock', () => {
    const dir = path.join(tmp(), 'a', 'b');
    const f = claimOutDir(dir, 'run', 'move-aside', quiet);
    expect(JSON.parse(fs.readFileSync(path.join(dir, MARKER_FILE), 'utf8'))).toMatchObject({ tool: 'clustersim', kind: 'run' });
    const lock = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(Date.parse(lock.startedAt)).toBeGreaterThan(0);
    f.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('moves an earlier output of the same kind aside, whole, and says where', () => {
    const dir = runFolder(path.join(tmp(), 'r'));
    const notes: string[] = [];
    const f = claimOutDir(dir, 'run', 'move-aside', (l) => notes.push(l));
    f.release();
    expect(f.movedTo).toMatch(/r\.previous-\d{8}T\d{6}$/);
    expect(fs.readdirSync(f.movedTo!).sort()).toEqual([MARKER_FILE, 'manifest.json', 'metrics.csv']);
    expect(fs.readdirSync(dir)).toEqual([MARKER_FILE]);
    expect(notes[0]).toMatch(/^note: the previous run in .* was moved to .*r\.previous-/);
    // A second move the same second gets its own folder.
    runFolder(dir);
    const g = claimOutDir(dir, 'run', 'move-aside', quiet);
    g.release();
    expect(g.movedTo).not.toBe(f.movedTo);
  });

  it('replaces (--force) or keeps (a sweep resuming) an earlier output of the same kind', () => {
    const dir = runFolder(path.join(tmp(), 'r'));
    claimOutDir(dir, 'run', 'replace', quiet).release();
    expect(fs.readdirSync(dir)).toEqual([MARKER_FILE]);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ tool: 'clustersim', kind: 'sweep' }));
    fs.writeFileSync(path.join(dir, MARKER_FILE), JSON.stringify({ tool: 'clustersim', kind: 'sweep' }));
    const kept = claimOutDir(dir, 'sweep', 'keep', quiet);
    kept.release();
    expect(kept.kept).toBe(true);
    expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(true);
  });

  it('refuses while the lock is held, naming the holder; takes over a dead holder with a note', () => {
    const dir = path.join(tmp(), 's');
    const first = claimOutDir(dir, 'sweep', 'keep', quiet);
    expect(refusal(() => claimOutDir(dir, 'sweep', 'keep', quiet))).toMatch(new RegExp(`another clustersim is writing into this folder \\(PID ${process.pid} on ${os.hostname()}, started \\d{4}-`));
    first.release();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: dead, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'sweep x.yaml' }));
    const notes: string[] = [];
    claimOutDir(dir, 'sweep', 'keep', (l) => notes.push(l)).release();
    expect(notes).toEqual([`note: took over the lock of ${dir} from a clustersim that is no longer running (PID ${dead} on ${os.hostname()}, started 2026-01-01T00:00:00.000Z: clustersim sweep x.yaml).`]);
  });

  it('refuses a lock held on another machine, or one it cannot read', () => {
    const dir = path.join(tmp(), 's');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'node-17', startedAt: '2026-01-01T00:00:00.000Z' }));
    expect(refusal(() => claimOutDir(dir, 'sweep', 'keep', quiet))).toMatch(/locked by clustersim on another machine \(PID 1 on node-17.*If it is no longer running, delete/);
    fs.writeFileSync(path.join(dir, LOCK_FILE), 'garbage');
    expect(refusal(() => claimOutDir(dir, 'sweep', 'keep', quiet))).toMatch(/the lock file .* cannot be read/);
  });
});

describe('checkOutFile', () => {
  it('refuses a system place and a folder', () => {
    expect(refusal(() => checkOutFile('/proc/self/chart.svg'))).toMatch(/system folder/);
    expect(refusal(() => checkOutFile(tmp()))).toMatch(/this is a folder; name the chart file/);
    expect(() => checkOutFile(path.join(tmp(), 'new', 'chart.svg'))).not.toThrow();
  });
});

describe('detectOutputKind', () => {
  it('knows older folders by their manifest, and a part of an output (a compare arm) as none of the kinds', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ tool: 'clustersim', kind: 'compare-arm' }));
    expect(detectOutputKind(dir)).toBe('other-clustersim');
    expect(refusal(() => checkOutDir(dir, 'run'))).toMatch(/another command \(part of another output\), not a run folder/);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ tool: 'clustersim', kind: 'sweep' }));
    expect(detectOutputKind(dir)).toBe('sweep');
  });
});
