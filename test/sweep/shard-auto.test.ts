/**
 * `--shard auto`: the shard from a Slurm array task's or a Kubernetes Indexed Job pod's
 * environment. The Slurm variables below are those Slurm 22.05 set for real arrays
 * (observed with `env` in array tasks; test/slurm/slurm.sh runs the real thing).
 */
import { describe, expect, it } from 'vitest';
import { shardFromEnvironment, type Env } from '../../src/sweep/shard-auto.js';

/** What Slurm sets in a task of `--array=<min>-<max>[:step]`. */
function slurmTask(id: number, min: number, max: number, step = 1, count = Math.floor((max - min) / step) + 1): Env {
  return {
    SLURM_JOB_ID: String(100 + id),
    SLURM_ARRAY_JOB_ID: '99',
    SLURM_ARRAY_TASK_ID: String(id),
    SLURM_ARRAY_TASK_MIN: String(min),
    SLURM_ARRAY_TASK_MAX: String(max),
    SLURM_ARRAY_TASK_STEP: String(step),
    SLURM_ARRAY_TASK_COUNT: String(count),
  };
}

describe('--shard auto under Slurm', () => {
  it('numbers the tasks of --array=1-3 as shards 1..3 of 3', () => {
    for (const id of [1, 2, 3]) expect(shardFromEnvironment(slurmTask(id, 1, 3)).shard).toEqual({ index: id, count: 3 });
  });

  it('counts from 0 for --array=0-9', () => {
    expect(shardFromEnvironment(slurmTask(0, 0, 9)).shard).toEqual({ index: 1, count: 10 });
    expect(shardFromEnvironment(slurmTask(9, 0, 9)).shard).toEqual({ index: 10, count: 10 });
  });

  it('follows the step of --array=0-18:6 (ids 0, 6, 12, 18)', () => {
    const got = [0, 6, 12, 18].map((id) => shardFromEnvironment(slurmTask(id, 0, 18, 6)).shard);
    expect(got).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
    expect(shardFromEnvironment(slurmTask(6, 0, 18, 6)).source).toMatch(/SLURM_ARRAY_TASK_ID=6 of array 0-18:6/);
  });

  it('uses MIN and MAX when COUNT is absent, and COUNT when MAX is absent', () => {
    const env = { ...slurmTask(2, 1, 4) };
    delete (env as Record<string, string | undefined>).SLURM_ARRAY_TASK_COUNT;
    expect(shardFromEnvironment(env).shard).toEqual({ index: 2, count: 4 });
    const noMax = { ...slurmTask(2, 1, 4) };
    delete (noMax as Record<string, string | undefined>).SLURM_ARRAY_TASK_MAX;
    expect(shardFromEnvironment(noMax).shard).toEqual({ index: 2, count: 4 });
  });

  it('refuses a list such as --array=1,2,5, whose positions are unknown', () => {
    // Slurm 22.05 sets COUNT 3, MIN 1, MAX 5, STEP 1 for --array=1,2,5.
    expect(() => shardFromEnvironment(slurmTask(5, 1, 5, 1, 3))).toThrow(/not an evenly spaced range.*--shards N/s);
  });

  it('with --shards N takes the task id as the shard number, also for a task resubmitted alone', () => {
    expect(shardFromEnvironment(slurmTask(2, 1, 3), 3).shard).toEqual({ index: 2, count: 3 });
    // sbatch --array=2 alone: Slurm reports an array of one task (MIN = MAX = 2, COUNT 1).
    expect(shardFromEnvironment(slurmTask(2, 2, 2), 3).shard).toEqual({ index: 2, count: 3 });
    expect(shardFromEnvironment(slurmTask(2, 2, 2)).shard).toEqual({ index: 1, count: 1 });
    expect(() => shardFromEnvironment(slurmTask(0, 0, 2), 3)).toThrow(/SLURM_ARRAY_TASK_ID=0 is outside 1\.\.3.*--array=1-3/);
    expect(() => shardFromEnvironment(slurmTask(4, 1, 4), 3)).toThrow(/outside 1\.\.3/);
  });

  it('says so when the job is not an array, and when a variable is not a number', () => {
    expect(() => shardFromEnvironment({ SLURM_JOB_ID: '42' })).toThrow(/Slurm job 42, but not a task of a job array.*--array=1-N/);
    expect(() => shardFromEnvironment({ SLURM_ARRAY_TASK_ID: 'x' })).toThrow(/SLURM_ARRAY_TASK_ID should be a whole number >= 0, found 'x'/);
    expect(() => shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '1' })).toThrow(/not the array's range/);
  });
});

describe('--shard auto in a Kubernetes Indexed Job', () => {
  it('maps JOB_COMPLETION_INDEX 0..N-1 to shards 1..N with --shards N', () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' }, 10).shard).toEqual({ index: 1, count: 10 });
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '9' }, 10).shard).toEqual({ index: 10, count: 10 });
  });

  it('needs --shards, within range', () => {
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '3' })).toThrow(/add --shards N, N being the Job's completions/);
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '10' }, 10)).toThrow(/outside 0\.\.9/);
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '1' }, 0)).toThrow(/--shards: expected a whole number >= 1/);
  });
});

describe('--shard auto elsewhere', () => {
  it('names both schedulers and the way out when neither is there', () => {
    expect(() => shardFromEnvironment({ HOME: '/root' })).toThrow(/no scheduler environment.*SLURM_ARRAY_TASK_ID.*JOB_COMPLETION_INDEX.*--shard i\/N/s);
  });
});
