/** The command line as a user meets it: exit codes, messages without stack traces, outputs. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Result { code: number; stdout: string; stderr: string }
export function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const tiny = 'test/scenario/fixtures/tiny.yaml';

describe('clustersim CLI', () => {
  it('--help lists every command with an example', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run', 'validate', 'sweep', 'merge', 'compare', 'report', 'chart']) expect(r.stdout).toMatch(new RegExp(`clustersim ${c}`));
    const run = await cli(['run', '--help']);
    expect(run.stdout).toMatch(/--seed/);
    expect(run.stdout).toMatch(/Examples:/);
  });

  it('validate exits 1 with file, line and field, and no stack trace', async () => {
    const r = await cli(['validate', 'test/scenario/broken/unknown-region.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown-region\.yaml:4:\d+: populations\.0\.region: unknown region 'nort'/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('validate exits 0 on a valid file', async () => {
    const r = await cli(['validate', tiny]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid/);
  });

  it('a missing file is a clear error, exit 1', async () => {
    const r = await cli(['run', 'nope.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.yaml: file not found/);
  });

  it('run writes metrics, manifest and snapshots, and no temporary files', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cs-run-'));
    const r = await cli(['run', tiny, '--out', out, '--seed', '3', '--steps', '4', '--no-charts']);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(3);
    expect(manifest.steps).toBe(4);
    expect(manifest.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.node).toBe(process.version);
    expect(manifest.scenario.name).toBe('tiny');
    const csv = readFileSync(path.join(out, 'metrics.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('run_id,step,scope,metric,value');
    expect(csv.some((l) => l.startsWith('tiny-s3,4,system,knowledge.mean,'))).toBe(true);
    expect(existsSync(path.join(out, 'snapshots', 'agents-0.csv'))).toBe(true);
    const all = readdirSync(out, { recursive: true }).map(String);
    expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(path.join(out, 'charts'))).toBe(false);
  });

  it('run draws the standard charts and the report by default', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cs-run-'));
    const r = await cli(['run', tiny, '--out', out, '--steps', '4', '--quiet']);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
    expect(readdirSync(path.join(out, 'charts')).filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(3);
  });

  it('rejects a bad --steps with a message naming the flag', async () => {
    const r = await cli(['run', tiny, '--steps', '0', '--out', mkdtempSync(path.join(tmpdir(), 'cs-'))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--steps/);
  });
});
