/**
 * `clustersim slurm`: the job array and merge scripts it writes, the command it prints, its
 * checks; and the scripts run with bash as Slurm would run them (SLURM_ARRAY_TASK_ID set
 * per task), merged, equal an unsharded sweep. The same scripts under a real scheduler:
 * test/slurm/slurm.sh (`npm run test:slurm`).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runSweep } from '../../src/sweep/sweep.js';
import { mergeSweeps } from '../../src/sweep/merge.js';
import { slurmCommand, type SlurmArgs } from '../../src/cli/commands/slurm.js';
import { sweepCommand, type SweepArgs } from '../../src/cli/commands/sweep.js';
import { isSlurmTime, mergeScript, shellWord, submitCommand, sweepScript, type SlurmJob } from '../../src/sweep/slurm.js';
import { FIXTURES, fixture, tempDir } from './helpers.js';

// Several Node processes, each starting worker threads, on a busy 2-core machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const root = tempDir('clustersim-slurm-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

interface Result { code: number; stdout: string; stderr: string }
function run(file: string, args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLURM_|JOB_COMPLETION_INDEX)/.test(k)));
    execFile(file, args, { env: { ...clean, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
const cli = (args: string[], env: Record<string, string> = {}) => run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], env);

const job: SlurmJob = {
  experimentFile: '/data/exp/sobol.yaml',
  name: 'sobol',
  dir: '/scratch/me/sobol-slurm',
  tasks: 4,
  cpus: 8,
  partition: 'short',
  time: '04:00:00',
  workdir: "/home/me/it's here",
  command: ['/usr/bin/node', '/opt/clustersim/dist/src/cli/main.js'],
};

describe('the scripts', () => {
  it('the array runs task K as shard K of N with the task\'s CPUs as workers', () => {
    const s = sweepScript(job);
    expect(s.startsWith('#!/bin/bash\n')).toBe(true);
    for (const line of [
      '#SBATCH --array=1-4',
      '#SBATCH --cpus-per-task=8',
      '#SBATCH --time=04:00:00',
      '#SBATCH --partition=short',
      '#SBATCH --requeue',
      '#SBATCH --output=/scratch/me/sobol-slurm/logs/sweep-%A_%a.out',
      '  --shard auto --shards 4 \\',
      '  --workers "${SLURM_CPUS_PER_TASK:-8}" \\',
      '  --out /scratch/me/sobol-slurm/shard-"${SLURM_ARRAY_TASK_ID:-unset}"',
    ]) expect(s.split('\n')).toContain(line);
    expect(s).toContain("cd '/home/me/it'\\''s here'");
    expect(sweepScript({ ...job, sets: ['seed=7', 'name=two words'] })).toContain("sobol.yaml \\\n  --set seed=7 \\\n  --set 'name=two words' \\\n  --shard auto");
    expect(s).toContain('exec "${clustersim[@]}" sweep /data/exp/sobol.yaml');
  });

  it('the merge joins shard-1..N into merged/, and Slurm drops it if a task fails', () => {
    const s = mergeScript(job);
    expect(s).toContain('exec "${clustersim[@]}" merge /scratch/me/sobol-slurm/shard-{1..4} \\\n  --out /scratch/me/sobol-slurm/merged');
    expect(s).toContain('#SBATCH --kill-on-invalid-dep=yes');
    expect(s).not.toContain('--array');
    expect(s).toContain('#SBATCH --time=04:00:00');
  });

  it('the printed command submits the merge after the array, with afterok', () => {
    const c = submitCommand(job);
    expect(c).toMatch(/^a=\$\(sbatch --parsable \/scratch\/me\/sobol-slurm\/sweep\.sbatch\) && m=\$\(sbatch --parsable --dependency=afterok:\$\{a%%;\*\} \/scratch\/me\/sobol-slurm\/merge\.sbatch\) && echo "submitted: /);
    expect(submitCommand(job, '2,5')).toContain('sbatch --parsable --array=2,5 /scratch/me/sobol-slurm/sweep.sbatch');
  });

  it('quotes shell words and knows Slurm\'s time formats', () => {
    expect(shellWord('/a/b-c_d.yaml')).toBe('/a/b-c_d.yaml');
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    for (const t of ['30', '30:00', '04:00:00', '2-00', '2-12:00', '2-12:00:00']) expect(isSlurmTime(t), t).toBe(true);
    for (const t of ['', '4h', '1:2:3:4', '-1', '04:00:00 ']) expect(isSlurmTime(t), t).toBe(false);
  });
});

describe('clustersim slurm', () => {
  const grid = fixture('grid.yaml'); // 12 runs
  const dir = path.join(root, 'job');
  let submit = '';

  it('writes both scripts and prints one sbatch command line', async () => {
    const r = await cli(['slurm', grid, '--tasks', '3', '--time', '00:10:00', '--out', dir]);
    expect(r.stderr).toMatch(/a job array of 3 tasks, 1 CPU .*12 runs, up to 4 a task/);
    expect(r.stderr).toMatch(/--array=K/);
    expect(r.code).toBe(0);
    submit = r.stdout;
    expect(submit.trim().split('\n')).toHaveLength(1);
    expect(submit).toContain(`--dependency=afterok:`);
    for (const f of ['sweep.sbatch', 'merge.sbatch']) expect(fs.statSync(path.join(dir, f)).mode & 0o111).not.toBe(0);
    expect(fs.existsSync(path.join(dir, 'logs'))).toBe(true);
    // Marked as a Slurm job folder (so it can be written again), and not left locked.
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.clustersim'), 'utf8')).kind).toBe('slurm');
    expect(fs.existsSync(path.join(dir, '.clustersim.lock'))).toBe(false);
  });

  it('its scripts, run as Slurm runs them, give the tables of an unsharded sweep', async () => {
    const sweep = path.join(dir, 'sweep.sbatch');
    const merge = path.join(dir, 'merge.sbatch');
    const tasks = await Promise.all(['1', '2'].map((k) => run('bash', [sweep], { SLURM_ARRAY_TASK_ID: k, SLURM_CPUS_PER_TASK: '1' })));
    tasks.forEach((r, i) => {
      expect(r.stderr).toContain(`--shard auto: shard ${i + 1}/3 (SLURM_ARRAY_TASK_ID=${i + 1}, --shards 3)`);
      expect(r.code).toBe(0);
    });
    // Before task 3 has run, the merge refuses and says which runs and which folder.
    const shards = [1, 2, 3].map((k) => path.join(dir, `shard-${k}`));
    expect(() => mergeSweeps({ dirs: shards, out: path.join(dir, 'merged'), log: () => {} })).toThrow(
      new RegExp(`merge: 4 of 12 runs are missing \\(run ids 2, 5, 8, 11\\); nothing was written.\n  ${shards[2]}: not found`),
    );
    expect(fs.existsSync(path.join(dir, 'merged'))).toBe(false);

    const third = await run('bash', [sweep], { SLURM_ARRAY_TASK_ID: '3', SLURM_CPUS_PER_TASK: '1' });
    expect(third.code).toBe(0);
    const merged = await run('bash', [merge]);
    expect(merged.stderr).toMatch(/merged 12 runs/);
    expect(merged.code).toBe(0);

    const ref = path.join(root, 'ref');
    await runSweep({ experimentFile: grid, out: ref, workers: 1, quiet: true });
    for (const t of ['results.csv', 'summary.csv', 'results.parquet']) {
      expect(fs.readFileSync(path.join(dir, 'merged', t)).equals(fs.readFileSync(path.join(ref, t))), t).toBe(true);
    }
  });

  it('refuses a folder whose shards were split differently, and bad options', async () => {
    const base: SlurmArgs = { experiment: grid, tasks: 2, cpus: 1, out: path.join(root, 'bad') };
    const cases: [Partial<SlurmArgs>, RegExp][] = [
      [{ tasks: 4, out: dir }, /shard-\d holds a shard of a sweep split into 3 tasks, not 4/],
      [{ tasks: 0 }, /--tasks: expected a whole number >= 1/],
      [{ tasks: 13 }, /--tasks: 13 tasks for an experiment of 12 runs/],
      [{ cpus: 0 }, /--cpus: expected a whole number >= 1/],
      [{ time: '4h' }, /--time: expected a Slurm time limit such as 04:00:00/],
      [{ partition: 'a b' }, /--partition: expected a partition name/],
      [{ out: path.join(root, 'with space') }, /cannot hold spaces/],
      [{ out: FIXTURES }, /this folder is not empty and was not written by clustersim slurm/],
      [{ out: fixture('grid.yaml') }, /this is a file, not a folder/],
      [{ out: '/etc/clustersim' }, /system folder/],
    ];
    for (const [change, message] of cases) {
      const handler = slurmCommand.handler as (a: SlurmArgs) => Promise<void>;
      await expect(handler({ ...base, ...change }), JSON.stringify(change)).rejects.toThrow(message);
    }
    expect(fs.existsSync(path.join(root, 'bad'))).toBe(false);
  });
});

describe('clustersim sweep --shard auto', () => {
  const handler = sweepCommand.handler as (a: SweepArgs) => Promise<void>;
  const args = (out: string, more: Partial<SweepArgs> = {}): SweepArgs => ({
    experiment: fixture('grid.yaml'),
    out,
    workers: 1,
    shard: 'auto',
    parquet: false,
    'retry-failed': false,
    quiet: true,
    charts: false,
    ...more,
  });
  /** Runs `body` with the scheduler variables of this process replaced by `env`. */
  async function withEnv(env: Record<string, string>, body: () => Promise<void>): Promise<void> {
    const saved = { ...process.env };
    for (const k of Object.keys(process.env)) if (/^(SLURM_|JOB_COMPLETION_INDEX)/.test(k)) delete process.env[k];
    Object.assign(process.env, env);
    try {
      await body();
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  }

  it('outside a scheduler, refuses naming what it looked for', async () => {
    const out = path.join(root, 'auto');
    await withEnv({}, () => expect(handler(args(out))).rejects.toThrow(/--shard auto: no scheduler environment found/));
    expect(fs.existsSync(out)).toBe(false);
  });

  it('in a Kubernetes Indexed Job pod, runs shard index + 1 of --shards', async () => {
    const out = path.join(root, 'k8s');
    await withEnv({ JOB_COMPLETION_INDEX: '3' }, () => handler(args(out, { shards: 4 })));
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.shard).toEqual({ index: 4, count: 4 });
    expect(manifest.counts.runs).toBe(3);
  });

  it('--shards goes only with --shard auto', async () => {
    await expect(handler(args(path.join(root, 'x'), { shard: undefined, shards: 3 }))).rejects.toThrow(/--shards goes with --shard auto/);
    await expect(handler(args(path.join(root, 'x'), { shard: '1/3', shards: 3 }))).rejects.toThrow(/--shards goes with --shard auto/);
  });
});
