/**
 * `clustersim slurm EXPERIMENT --tasks N`: write a Slurm job array that runs the sweep in N
 * shards and a merge job that depends on it, and print the sbatch command that submits
 * both. The experiment is loaded and every design point validated first, so a bad file is
 * reported here and not by N jobs on the cluster.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandModule } from 'yargs';
import { msgSlurm, UserError } from '../../messages.js';
import { writeAtomicSync } from '../../io/files.js';
import { checkOutDir, claimOutDir } from '../../io/out-dir.js';
import { readManifest } from '../../sweep/manifest.js';
import { overridesOf, setOption, setTexts } from '../set-option.js';
import {
  isPartitionList,
  isSlurmTime,
  LOGS_DIR,
  MERGE_SCRIPT,
  MERGED_DIR,
  mergeScript,
  shardDir,
  submitCommand,
  SWEEP_SCRIPT,
  sweepScript,
  unsafeForDirective,
  type SlurmJob,
} from '../../sweep/slurm.js';

export interface SlurmArgs {
  experiment: string;
  tasks: number;
  partition?: string;
  time?: string;
  cpus: number;
  out?: string;
  set?: string | string[];
}

/** Slurm's default MaxArraySize is 1001: task ids up to 1000. */
const DEFAULT_MAX_ARRAY = 1000;

/** Node, its flags and the CLI's main module, as this process was started. */
function clustersimCommand(): string[] {
  const here = fileURLToPath(import.meta.url);
  const main = path.resolve(path.dirname(here), '..', `main${path.extname(here)}`);
  return [process.execPath, ...process.execArgv, main];
}

/** Shard folders already in the job folder must hold this experiment, in as many shards. */
function checkExistingShards(dir: string, fingerprint: string, tasks: number): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    if (!/^shard-\d+$/.test(entry)) continue;
    const m = readManifest(path.join(dir, entry));
    if (!m) continue;
    if (m.meta.fingerprint !== fingerprint) throw new UserError(msgSlurm.otherExperiment(dir, entry));
    if (m.shard && m.shard.count !== tasks) throw new UserError(msgSlurm.otherTasks(dir, entry, m.shard.count, tasks));
  }
}

export const slurmCommand: CommandModule<object, SlurmArgs> = {
  command: 'slurm <experiment>',
  describe: 'Write a Slurm job array that runs a sweep in shards, and a merge job after it; prints the sbatch command',
  builder: (y) =>
    y
      .positional('experiment', { type: 'string', demandOption: true, describe: 'Experiment file (.yaml or .json), see docs/experiments.md' })
      .option('tasks', { type: 'number', demandOption: true, describe: 'Array tasks, one shard each' })
      .option('partition', { type: 'string', describe: 'Slurm partition(s) for both jobs (default: the cluster\'s default)' })
      .option('time', { type: 'string', describe: 'Time limit of each task and of the merge, HH:MM:SS (or any Slurm time format)' })
      .option('cpus', { type: 'number', default: 1, describe: 'CPUs of each task; the sweep runs that many worker threads' })
      .option('out', { type: 'string', describe: 'Job folder: scripts, logs, shard folders, merged/ (default: out/<experiment name>-slurm)' })
      .option('set', { ...setOption, describe: `${setOption.describe}; applies to the base scenario, passed on to every task` })
      .example('$0 slurm experiments/sobol.yaml --tasks 10 --cpus 16 --time 04:00:00', 'ten tasks of 16 CPUs; prints the sbatch command')
      .example('$0 slurm experiments/sobol.yaml --tasks 3 --partition short --out /scratch/me/sobol', 'scripts and results on a shared file system'),
  handler: async (args) => {
    const tasks = args.tasks;
    if (!Number.isInteger(tasks) || tasks < 1) throw new UserError(msgSlurm.badTasks(String(args.tasks)));
    if (!Number.isInteger(args.cpus) || args.cpus < 1) throw new UserError(msgSlurm.badCpus(String(args.cpus)));
    if (args.time !== undefined && !isSlurmTime(String(args.time))) throw new UserError(msgSlurm.badTime(String(args.time)));
    if (args.partition !== undefined && !isPartitionList(String(args.partition))) throw new UserError(msgSlurm.badPartition(String(args.partition)));
    const name = path.basename(args.experiment).replace(/\.(ya?ml|json)$/i, '');
    const dir = path.resolve(args.out ?? path.join('out', `${name}-slurm`));
    if (unsafeForDirective(dir)) throw new UserError(msgSlurm.badOut(dir));
    // New, empty or an earlier job folder of this command; never a system folder or one that
    // holds something else (the shared --out rules).
    checkOutDir(dir, 'slurm');

    const overrides = overridesOf(args.set);
    const { loadExperimentFile } = await import('../../sweep/load.js');
    const { meta } = await loadExperimentFile(args.experiment, { overrides });
    if (tasks > meta.runCount) throw new UserError(msgSlurm.tooManyTasks(tasks, meta.runCount));
    checkExistingShards(dir, meta.fingerprint, tasks);

    const job: SlurmJob = {
      experimentFile: path.resolve(args.experiment),
      name: name.replace(/[^A-Za-z0-9._-]/g, '_'),
      dir,
      tasks,
      cpus: args.cpus,
      partition: args.partition,
      time: args.time,
      workdir: process.cwd(),
      command: clustersimCommand(),
      sets: setTexts(args.set),
    };
    const folder = claimOutDir(dir, 'slurm', 'keep', (line) => process.stderr.write(`${line}\n`));
    try {
      fs.mkdirSync(path.join(dir, LOGS_DIR), { recursive: true });
      writeAtomicSync(path.join(dir, SWEEP_SCRIPT), sweepScript(job));
      writeAtomicSync(path.join(dir, MERGE_SCRIPT), mergeScript(job));
      for (const f of [SWEEP_SCRIPT, MERGE_SCRIPT]) fs.chmodSync(path.join(dir, f), 0o755);
    } finally {
      folder.release();
    }

    const rel = (p: string) => {
      const r = path.relative(process.cwd(), p);
      return r === '' ? '.' : r.startsWith('..') || path.isAbsolute(r) ? p : r;
    };
    const perTask = Math.ceil(meta.runCount / tasks);
    process.stderr.write(
      `${msgSlurm.wrote(rel(path.join(dir, SWEEP_SCRIPT)), rel(path.join(dir, MERGE_SCRIPT)), tasks, args.cpus, meta.runCount, perTask)}\n` +
        `${msgSlurm.layout(rel(path.join(dir, shardDir(''))), tasks, rel(path.join(dir, LOGS_DIR)), rel(path.join(dir, MERGED_DIR)))}\n`,
    );
    if (tasks > DEFAULT_MAX_ARRAY) process.stderr.write(`${msgSlurm.bigArray(tasks)}\n`);
    process.stderr.write(`${msgSlurm.submit()}\n`);
    process.stdout.write(`${submitCommand(job)}\n`);
    process.stderr.write(`${msgSlurm.rerun(submitCommand(job, 'K'))}\n`);
  },
};
