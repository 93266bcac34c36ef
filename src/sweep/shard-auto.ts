/**
 * `--shard auto`: the shard of this process, read from the scheduler's environment.
 *
 * - Slurm job array (`sbatch --array=...`): SLURM_ARRAY_TASK_ID, with the array's range in
 *   SLURM_ARRAY_TASK_MIN / _MAX / _STEP and its size in SLURM_ARRAY_TASK_COUNT (Slurm sets
 *   all of them, e.g. --array=0-18:6 gives ids 0, 6, 12, 18: MIN 0, MAX 18, STEP 6,
 *   COUNT 4). The shard is the task's position in the array, the count the array's size.
 *   With `--shards N` the task ids are the shard numbers themselves (--array=1-N, as
 *   `clustersim slurm` writes it): a task resubmitted alone (`sbatch --array=2`, where
 *   Slurm reports an array of one task) still runs shard 2 of N.
 * - Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0 .. completions-1); the count is not in
 *   the environment, so `--shards N` gives it.
 * Pure: the environment is passed in (the CLI hands it process.env).
 */
import { msgShardAuto, UserError } from '../messages.js';
import type { Shard } from '../experiments/runs.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface AutoShard {
  shard: Shard;
  /** Where it came from, for the log: e.g. `SLURM_ARRAY_TASK_ID=2 of array 1-3`. */
  source: string;
}

/** A whole number >= 0 from an environment variable, or a UserError naming it. */
function whole(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UserError(msgShardAuto.badVariable(name, raw));
  return Number(raw.trim());
}

export function shardFromEnvironment(env: Env, shards?: number): AutoShard {
  if (shards !== undefined && (!Number.isInteger(shards) || shards < 1)) throw new UserError(msgShardAuto.badShards(String(shards)));
  const task = whole(env, 'SLURM_ARRAY_TASK_ID');
  if (task !== undefined) return fromSlurm(env, task, shards);
  const index = whole(env, 'JOB_COMPLETION_INDEX');
  if (index !== undefined) {
    if (shards === undefined) throw new UserError(msgShardAuto.kubernetesNeedsShards(index));
    if (index >= shards) throw new UserError(msgShardAuto.kubernetesOutside(index, shards));
    return { shard: { index: index + 1, count: shards }, source: `JOB_COMPLETION_INDEX=${index} of ${shards}` };
  }
  const job = env.SLURM_JOB_ID;
  throw new UserError(job !== undefined && job !== '' ? msgShardAuto.slurmNotArray(job) : msgShardAuto.noScheduler());
}

function fromSlurm(env: Env, task: number, shards: number | undefined): AutoShard {
  if (shards !== undefined) {
    if (task < 1 || task > shards) throw new UserError(msgShardAuto.slurmOutside(task, shards));
    return { shard: { index: task, count: shards }, source: `SLURM_ARRAY_TASK_ID=${task}, --shards ${shards}` };
  }
  const min = whole(env, 'SLURM_ARRAY_TASK_MIN');
  const max = whole(env, 'SLURM_ARRAY_TASK_MAX');
  const step = whole(env, 'SLURM_ARRAY_TASK_STEP') ?? 1;
  const count = whole(env, 'SLURM_ARRAY_TASK_COUNT');
  if (min === undefined || (max === undefined && count === undefined)) throw new UserError(msgShardAuto.slurmNoRange(task));
  if (step < 1) throw new UserError(msgShardAuto.badVariable('SLURM_ARRAY_TASK_STEP', String(step)));
  const range = `${min}-${max ?? '?'}${step > 1 ? `:${step}` : ''}`;
  // The ids are min, min+step, ..., max only if the array was written as a range; a list
  // such as --array=1,2,5 has COUNT 3 but MAX 5, and no position can be trusted.
  const span = max !== undefined ? Math.floor((max - min) / step) + 1 : undefined;
  if (span !== undefined && count !== undefined && span !== count) throw new UserError(msgShardAuto.slurmNotRange(task, range, count));
  const n = count ?? span!;
  if (task < min || (task - min) % step !== 0 || (task - min) / step >= n) throw new UserError(msgShardAuto.slurmNotRange(task, range, n));
  return { shard: { index: (task - min) / step + 1, count: n }, source: `SLURM_ARRAY_TASK_ID=${task} of array ${range} (${n} tasks)` };
}
