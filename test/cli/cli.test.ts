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
    for (const c of ['run', 'validate', 'sweep', 'merge', 'slurm', 'compare', 'report', 'chart']) expect(r.stdout).toMatch(new RegExp(`clustersim ${c}`));
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

  it('run --set changes one field, as --seed and --steps do for seed and steps, and the manifest says so', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cs-set-'));
    const r = await cli(['run', tiny, '--out', out, '--set', 'seed=7', '--set', 'steps=3', '--set', 'populations.0.count=12', '--no-charts', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(7);
    expect(manifest.steps).toBe(3);
    expect(manifest.overrides).toEqual(['seed=7', 'steps=3', 'populations.0.count=12']);
    expect(manifest.scenario.seed).toBe(7);
    expect(manifest.scenario.populations[0].count).toBe(12);
    const agents = readFileSync(path.join(out, 'metrics.csv'), 'utf8').split('\n').find((l) => l.startsWith('tiny-s7,0,system,agents.count,'));
    expect(agents).toBe('tiny-s7,0,system,agents.count,13');
  });

  it('a run longer than its scenario takes snapshots up to its own last step, and no further', async () => {
    // tiny.yaml has steps: 5; a snapshot at step 8 needs a run of at least 8 steps.
    const out = mkdtempSync(path.join(tmpdir(), 'cs-snap-'));
    const r = await cli(['run', tiny, '--out', out, '--steps', '8', '--set', 'record.snapshots=[0,8]', '--no-charts', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(path.join(out, 'snapshots')).sort()).toEqual(['agents-0.csv', 'agents-8.csv', 'ties-0.csv', 'ties-8.csv']);
    const viaSet = await cli(['run', tiny, '--out', mkdtempSync(path.join(tmpdir(), 'cs-snap-')), '--set', 'steps=8', '--set', 'record.snapshots=[8]', '--no-charts', '--quiet']);
    expect(viaSet.code, viaSet.stderr).toBe(0);
    const beyond = await cli(['run', tiny, '--out', mkdtempSync(path.join(tmpdir(), 'cs-snap-')), '--steps', '8', '--set', 'record.snapshots=[9]', '--no-charts']);
    expect(beyond.code).toBe(1);
    expect(beyond.stderr).toMatch(/snapshot step is after the last step/);
    expect(beyond.stderr).toMatch(/allowed: 0 \.\. 8/);
  });

  it('a bad --set is reported like a bad experiment path, exit 1, no stack trace', async () => {
    const r = await cli(['run', tiny, '--set', 'populations.3.count=5', '--set', 'parameters.mechanisms.spillover.rat=1', '--no-charts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--set: populations\.3\.count=5: unknown parameter path 'populations\.3\.count' in the scenario .*tiny\.yaml: 'populations' has 2 entries \(at 'populations\.3'\)/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const bad = await cli(['run', tiny, '--set', 'parameters.mechanisms.spillover.rat=1', '--no-charts']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown field 'rat' \(did you mean 'rate'\?\)/);
  });

  it('validate warns, and still accepts, when an extends drops list entries', async () => {
    const r = await cli(['validate', 'test/scenario/fixtures/replace-policies.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid/);
    expect(r.stderr).toMatch(/warning:[\s\S]*replace-policies\.yaml:4:\d+: policies: replaces the whole list/);
  });

  it('every file named in a --help example exists', async () => {
    const commands = ['run', 'validate', 'sweep', 'merge', 'compare', 'report', 'chart', 'discover', 'facts'];
    const named = new Set<string>();
    const helps = await Promise.all(['', ...commands].map((c) => cli(c ? [c, '--help'] : ['--help'])));
    for (const r of helps) {
      const examples = r.stdout.split('Examples:')[1] ?? '';
      for (const m of examples.matchAll(/(?:scenarios|experiments)\/[\w./*-]+\.(?:ya?ml|json)/g)) named.add(m[0]);
    }
    expect(named.size).toBeGreaterThan(3);
    for (const f of named) if (!f.includes('*')) expect(existsSync(f), `${f} is named in a --help example`).toBe(true);
  });
});

