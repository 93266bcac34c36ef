/**
 * The Slurm job pair of `clustersim slurm`: a job array whose task K runs shard K of N of a
 * sweep (`--shard auto --shards N`, as many worker threads as the task has CPUs), and a
 * merge job submitted with `--dependency=afterok:<array>` that joins the shard folders.
 *
 * Layout of the job folder DIR:
 *   sweep.sbatch, merge.sbatch   the two batch scripts;
 *   logs/                        the jobs' output (sweep-<array>_<task>.out, merge-<job>.out);
 *   shard-1 .. shard-N           one sweep folder per task (resumable);
 *   merged/                      the merged tables, once every task has succeeded.
 *
 * A task that fails, is cancelled or is requeued runs its shard command again, and the
 * sweep resumes from the folder's journal; since the task ids are the shard numbers, a
 * task resubmitted alone (`sbatch --array=K`) runs the same shard.
 */
import path from 'node:path';

export interface SlurmJob {
  /** Experiment file, absolute. */
  experimentFile: string;
  /** Short name for the jobs (from the experiment file name). */
  name: string;
  /** Job folder, absolute. */
  dir: string;
  tasks: number;
  cpus: number;
  partition?: string;
  time?: string;
  /** Folder the scripts `cd` to: where `clustersim slurm` ran (relative Node flags resolve there). */
  workdir: string;
  /** How to start clustersim: Node, its flags, the CLI's main module (absolute paths). */
  command: string[];
  /** `--set PATH=VALUE` texts for every task's sweep. */
  sets?: string[];
}

export const SWEEP_SCRIPT = 'sweep.sbatch';
export const MERGE_SCRIPT = 'merge.sbatch';
export const LOGS_DIR = 'logs';
export const MERGED_DIR = 'merged';
export const shardDir = (k: number | string) => `shard-${k}`;

/** A word for a POSIX shell: single-quoted unless plainly safe. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Slurm's time formats: minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S. */
export function isSlurmTime(text: string): boolean {
  return /^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+|\d+-\d+:\d{1,2}|\d+-\d+:\d{1,2}:\d{1,2})$/.test(text);
}

export function isPartitionList(text: string): boolean {
  return /^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$/.test(text);
}

/**
 * Characters a folder named in a #SBATCH line cannot hold: sbatch splits those lines at
 * white space, and `%` starts a file name pattern in --output.
 */
export function unsafeForDirective(p: string): boolean {
  return /[\s'"\\%$`]/.test(p);
}

function header(job: SlurmJob, lines: string[]): string[] {
  const out = [...lines];
  if (job.time !== undefined) out.push(`#SBATCH --time=${job.time}`);
  if (job.partition !== undefined) out.push(`#SBATCH --partition=${job.partition}`);
  return out;
}

function commandLines(job: SlurmJob): string[] {
  return [
    '# The clustersim that wrote this script (Node, its flags, the command line\'s module):',
    '# change it if the compute nodes see them at another path.',
    `clustersim=(${job.command.map(shellWord).join(' ')})`,
    `cd ${shellWord(job.workdir)}`,
  ];
}

export function sweepScript(job: SlurmJob): string {
  const n = job.tasks;
  return [
    '#!/bin/bash',
    `# Sweep ${path.basename(job.experimentFile)} as a Slurm job array, task K running shard K of ${n}`,
    '# (written by `clustersim slurm`). Submit it together with merge.sbatch, which runs once',
    '# every task has succeeded; see docs/experiments.md, "Running on a Slurm cluster".',
    ...header(job, [
      `#SBATCH --job-name=clustersim-${job.name}`,
      `#SBATCH --array=1-${n}`,
      '#SBATCH --ntasks=1',
      `#SBATCH --cpus-per-task=${job.cpus}`,
      `#SBATCH --output=${path.join(job.dir, LOGS_DIR, 'sweep-%A_%a.out')}`,
      '#SBATCH --open-mode=append',
      '#SBATCH --requeue',
    ]),
    'set -euo pipefail',
    ...commandLines(job),
    '# As many worker threads as the task has CPUs. The shard folder keeps every finished run,',
    '# so a task that runs again (requeued, or resubmitted with sbatch --array=K) resumes it.',
    `exec "\${clustersim[@]}" sweep ${shellWord(job.experimentFile)} \\`,
    ...(job.sets ?? []).map((t) => `  --set ${shellWord(t)} \\`),
    `  --shard auto --shards ${n} \\`,
    `  --workers "\${SLURM_CPUS_PER_TASK:-${job.cpus}}" \\`,
    `  --out ${shellWord(path.join(job.dir, shardDir('')))}"\${SLURM_ARRAY_TASK_ID:-unset}"`,
    '',
  ].join('\n');
}

export function mergeScript(job: SlurmJob): string {
  const n = job.tasks;
  return [
    '#!/bin/bash',
    `# Merge the ${n} shard folders of ${path.basename(job.experimentFile)} into ${MERGED_DIR}/ (written by \`clustersim slurm\`).`,
    '# Submitted with --dependency=afterok:<array job>, it runs once every task has succeeded;',
    '# if one fails or is cancelled, Slurm drops this job (--kill-on-invalid-dep). Run on its',
    '# own, it refuses while any run is missing and names the folders that lack runs.',
    ...header(job, [
      `#SBATCH --job-name=clustersim-${job.name}-merge`,
      '#SBATCH --ntasks=1',
      '#SBATCH --cpus-per-task=1',
      `#SBATCH --output=${path.join(job.dir, LOGS_DIR, 'merge-%j.out')}`,
      '#SBATCH --kill-on-invalid-dep=yes',
    ]),
    'set -euo pipefail',
    ...commandLines(job),
    `exec "\${clustersim[@]}" merge ${shellWord(path.join(job.dir, shardDir('')))}{1..${n}} \\`,
    `  --out ${shellWord(path.join(job.dir, MERGED_DIR))}`,
    '',
  ].join('\n');
}

/**
 * The shell command that submits the array and then the merge, after the array. With
 * `array` (e.g. "2" or "2,5"), only those tasks, and a new merge after them.
 */
export function submitCommand(job: SlurmJob, array?: string): string {
  const sweep = shellWord(path.join(job.dir, SWEEP_SCRIPT));
  const merge = shellWord(path.join(job.dir, MERGE_SCRIPT));
  const what = array === undefined ? `${job.tasks} tasks` : 'the tasks rerun';
  return (
    `a=$(sbatch --parsable${array === undefined ? '' : ` --array=${array}`} ${sweep}) && ` +
    `m=$(sbatch --parsable --dependency=afterok:\${a%%;*} ${merge}) && ` +
    `echo "submitted: sweep array \${a%%;*} (${what}), merge \${m%%;*} (after every task has succeeded)"`
  );
}
