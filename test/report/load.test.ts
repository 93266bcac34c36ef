import { describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectFolder, loadCompare, loadRun, loadSweep } from '../../src/report/load.js';
import { UserError } from '../../src/messages.js';
import { P1, P2, SCENARIOS, tempDir, writeCompareFolder, writeRunFolder, writeSweepFolder } from '../charts/fixtures.js';

function userError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('loading output folders', () => {
  it('tells run, sweep and compare folders apart', () => {
    expect(detectFolder(writeRunFolder())).toBe('run');
    expect(detectFolder(writeSweepFolder())).toBe('sweep');
    expect(detectFolder(writeCompareFolder())).toBe('compare');
  });

  it('names the folder and the files it looked for when it is none of them', () => {
    const dir = tempDir();
    expect(userError(() => detectFolder(dir))).toMatch(new RegExp(`${dir}: not a run, sweep or compare folder.*metrics\\.csv`));
    expect(userError(() => detectFolder(path.join(dir, 'nope')))).toContain('nope: folder not found');
  });

  it('reads a run: metrics, manifest and snapshot steps', () => {
    const d = loadRun(writeRunFolder());
    expect(d.metrics.length).toBeGreaterThan(100);
    expect(new Set(d.metrics.map((r) => r.run_id)).size).toBe(3);
    expect(d.manifest?.seed).toBe(42);
    expect(d.snapshotSteps).toEqual([0, 10]);
  });

  it('names the file and the missing columns', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'metrics.csv'), 'run_id,step,metric\nr,0,m\n');
    expect(userError(() => loadRun(dir))).toBe(`${path.join(dir, 'metrics.csv')}: missing columns scope, value (header has: run_id, step, metric).`);
  });

  it('names file, line and column of a bad number', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'metrics.csv'), 'run_id,step,scope,metric,value\nr,0,system,m,1\nr,one,system,m,2\n');
    expect(userError(() => loadRun(dir))).toContain(`metrics.csv:3: column step: expected a number, found 'one'`);
  });

  it('reads a sweep with its parameter columns and sensitivity rows', () => {
    const d = loadSweep(writeSweepFolder());
    expect(d.parameters).toEqual([P1, P2]);
    expect(d.summary[0].params[P1]).toBe(0.1);
    expect(d.sensitivity.filter((r) => r.method === 'morris' && r.index === 'sigma').every((r) => Number.isNaN(r.ci_low))).toBe(true);
  });

  it('summarises results.csv when summary.csv is missing', () => {
    const dir = writeSweepFolder();
    rmSync(path.join(dir, 'summary.csv'));
    const d = loadSweep(dir);
    expect(d.parameters).toEqual([P1, P2]);
    const row = d.summary.find((r) => r.point === '0' && r.step === 5 && r.metric === 'knowledge.mean');
    expect(row?.n).toBe(2);
    expect(row?.mean).toBeCloseTo(0.1 + 0.2, 10);
  });

  it('reads a comparison and tags per-run rows with their scenario', () => {
    const d = loadCompare(writeCompareFolder());
    expect(new Set(d.compare.map((r) => r.scenario))).toEqual(new Set(SCENARIOS));
    expect(new Set(d.runs.map((r) => r.series))).toEqual(new Set(SCENARIOS));
  });
});
