/**
 * `runSweep`: an experiment file to a sweep folder. Phases:
 *   1. load: read the experiment, load its base scenario, plan the design (every point is
 *      validated before any run starts);
 *   2. claim and resume: the output folder is checked before phase 1 and claimed after it
 *      (src/io/out-dir.ts: its lock stops a second sweep writing into it); read the
 *      folder's tables and journal, if any, and keep only the runs of this shard not yet
 *      done (the folder must hold the same experiment, unless --force starts it over);
 *   3. run: the remaining runs on the worker pool, each finished batch appended to the
 *      journal at once (memory stays flat, an interruption loses at most in-flight runs);
 *   4. assemble: once every run of the share is done, the tables in canonical order.
 * The manifest is written at the start (status running) and at the end (complete or
 * incomplete). The worker threads are started before phase 1, so their start-up (importing
 * the engine) overlaps loading and planning; they are ended once the runs are done, or at
 * once on an error (a bad experiment file is reported just as without them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../messages.js';
import { runRef, shardRunIds, type Shard } from '../experiments/runs.js';
import { provenance } from '../io/manifest.js';
import { assembleTables } from './assemble.js';
import { JournalWriter, newSession, PARTS_DIR } from './journal.js';
import { loadExperimentFile, withReplicates, type LoadedExperiment } from './load.js';
import { FileCache, folderRecords, journalRecords, runKey } from './store.js';
import type { SweepPlan } from '../experiments/plan.js';
import { readManifest, writeManifest, type SweepManifest, type SweepMeta } from './manifest.js';
import { msgSweep } from '../messages.js';
import { defaultWorkers, startPool, type WorkerPool } from './pool.js';
import { progress } from '../io/progress.js';
import { checkOutDir, claimOutDir } from '../io/out-dir.js';
import type { Override } from '../experiments/overrides.js';

export interface SweepOptions {
  experimentFile: string;
  /**
   * Replicates per design point (default: the experiment's, or as many as the folder holds
   * if more). More than the folder holds extends it: only the new replicates run.
   */
  replicates?: number;
  /** `--set PATH=VALUE` overrides of the base scenario. */
  overrides?: Override[];
  /** Output folder (default: out/<experiment file name>[-shard-i-of-N]). */
  out?: string;
  workers?: number;
  /** The agent cap (`--max-agents`); default LIMITS.agents. */
  maxAgents?: number;
  shard?: Shard;
  /** Write results.parquet besides results.csv (default true). */
  parquet?: boolean;
  /** Run again the runs that failed in an earlier session. */
  retryFailed?: boolean;
  /** Delete what the output folder holds (a sweep folder only) and start over. */
  force?: boolean;
  quiet?: boolean;
  signal?: AbortSignal;
  /** Worker module override (tests). */
  workerFile?: string;
  /**
   * Worker threads started by the caller (`startPool`), e.g. before importing this module;
   * `workers` and `workerFile` are then those of the pool. Ended by runSweep like its own.
   */
  pool?: WorkerPool;
  /** Messages for the user (default: stderr unless quiet). */
  log?: (line: string) => void;
}

export interface SweepOutcome {
  outDir: string;
  status: 'complete' | 'incomplete';
  runs: number;
  ok: number;
  failed: number;
  missing: number;
  /** Runs executed by this call. */
  executed: number;
  wallSeconds: number;
  /** The failed runs of the share (this session's and earlier ones), with their errors. */
  failures: { run: number; error: string }[];
}

/**
 * Tables computed from results.csv, and the charts and report drawn from them: removed while
 * a sweep is resumed or extended.
 */
const DERIVED_FILES = ['results.parquet', 'summary.csv', 'sensitivity.csv', 'report.html', 'charts'];

export function defaultOutDir(experimentFile: string, shard?: Shard): string {
  const base = path.basename(experimentFile).replace(/\.(ya?ml|json)$/i, '');
  return path.join('out', shard ? `${base}-shard-${shard.index}-of-${shard.count}` : base);
}

export async function runSweep(opts: SweepOptions): Promise<SweepOutcome> {
  const t0 = Date.now();
  const log = opts.log ?? ((line: string) => (opts.quiet ? undefined : process.stderr.write(`${line}\n`)));
  const workers = opts.pool?.workers ?? opts.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 1) throw new UserError(msgSweep.badWorkers(String(opts.workers)));
  const pool = opts.pool ?? startPool({ workers, workerFile: opts.workerFile });
  try {
    return await sweepOn(pool, opts, workers, t0, log);
  } finally {
    await pool.destroy();
  }
}

async function sweepOn(pool: WorkerPool, opts: SweepOptions, workers: number, t0: number, log: (line: string) => void): Promise<SweepOutcome> {
  // 1. load (the output folder checked first: a bad --out is refused before any work);
  // replicates from --replicates, else as many as the folder holds if more than the experiment's
  const outDir = opts.out ?? defaultOutDir(opts.experimentFile, opts.shard);
  checkOutDir(outDir, 'sweep');
  const loaded = await loadExperimentFile(opts.experimentFile, { overrides: opts.overrides, maxAgents: opts.maxAgents, replicates: opts.replicates });

  // 2. claim the folder (its lock stops a second sweep writing into it; --force empties it)
  const folder = claimOutDir(outDir, 'sweep', opts.force ? 'replace' : 'keep', log);
  try {
    return await resumeOn(pool, opts, loaded, outDir, workers, t0, log);
  } finally {
    folder.release();
  }
}

/** Resume or extend: the folder's runs, from its tables and its journal. */
async function resumeOn(pool: WorkerPool, opts: SweepOptions, loaded: LoadedExperiment, outDir: string, workers: number, t0: number, log: (line: string) => void): Promise<SweepOutcome> {
  const previous = readManifest(outDir);
  const held = previous?.meta.fingerprint === loaded.meta.fingerprint ? previous.meta.replicates : 0;
  const { plan, meta } = opts.replicates === undefined && held > loaded.plan.replicates ? withReplicates(loaded, held) : loaded;
  if (previous) {
    if (previous.meta.fingerprint !== meta.fingerprint) throw new UserError(msgSweep.otherExperiment(outDir));
    const was = previous.shard ? `${previous.shard.index}/${previous.shard.count}` : 'all';
    const now = opts.shard ? `${opts.shard.index}/${opts.shard.count}` : 'all';
    if (was !== now) throw new UserError(msgSweep.otherShard(outDir, was, now));
    if (plan.replicates < previous.meta.replicates) throw new UserError(msgSweep.fewerReplicates(outDir, previous.meta.replicates, plan.replicates));
    if (opts.shard && plan.replicates !== previous.meta.replicates) throw new UserError(msgSweep.extendShard(outDir));
  } else if (fs.existsSync(path.join(outDir, PARTS_DIR))) {
    throw new UserError(msgSweep.otherExperiment(outDir));
  }
  const files = new FileCache();
  try {
    return await runAndAssemble(pool, opts, workers, t0, log, { plan, meta, outDir, previous, files });
  } finally {
    files.close();
  }
}

interface Prepared {
  plan: SweepPlan;
  meta: SweepMeta;
  outDir: string;
  previous: SweepManifest | undefined;
  files: FileCache;
}

async function runAndAssemble(pool: WorkerPool, opts: SweepOptions, workers: number, t0: number, log: (line: string) => void, prep: Prepared): Promise<SweepOutcome> {
  const { plan, meta, outDir, previous, files } = prep;
  const recordsNow = () => (previous ? folderRecords(outDir, previous.meta.replicates, meta.paths.length, files) : journalRecords(outDir, plan.replicates, files));
  const keyOf = (r: number) => runKey(Math.floor(r / plan.replicates), r % plan.replicates);
  const share = shardRunIds(plan.runCount, opts.shard);
  const before = recordsNow();
  const isDone = (r: number) => {
    const e = before.get(keyOf(r));
    return e !== undefined && (e.status === 'ok' || !opts.retryFailed);
  };
  const pending = share.filter((r) => !isDone(r));
  const already = share.length - pending.length;
  // The tables derived from results.csv (and the charts and report) no longer hold;
  // results.csv and runs.csv stay, as the store of the runs already done, until the new
  // ones replace them.
  if (pending.length > 0) for (const f of DERIVED_FILES) fs.rmSync(path.join(outDir, f), { force: true, recursive: true });
  if (already > 0 && pending.length > 0) log(previous && plan.replicates > previous.meta.replicates ? msgSweep.extending(previous.meta.replicates, plan.replicates, pending.length) : msgSweep.resuming(already, share.length));

  const startedAt = new Date();
  const prov = provenance(); // once: it runs git
  const manifest = (status: SweepManifest['status'], counts: SweepManifest['counts'], files: string[]): SweepManifest => ({
    ...prov,
    kind: 'sweep',
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    seedRule: 'deriveSeed(masterSeed, point, replicate)',
    runRule: 'run_id = point * replicates + replicate',
    meta,
    shard: opts.shard ?? null,
    status,
    counts,
    files,
    workers,
    wallSeconds: (Date.now() - t0) / 1000,
  });
  writeManifest(outDir, manifest('running', { runs: share.length, ok: 0, failed: 0, missing: pending.length }, []));

  // 3. run
  let executed = 0;
  let failedNow = 0;
  if (pending.length > 0) {
    const writer = new JournalWriter(outDir, newSession(), plan.replicates);
    const bar = progress(path.basename(opts.experimentFile), share.length, { unit: 'runs', already, quiet: opts.quiet });
    let metricProblem: UserError | undefined;
    try {
      await pool.run(
        {
          runIds: pending,
          specOf: (r) => {
            const ref = runRef(r, plan.replicates, plan.masterSeed);
            return { runId: r, point: ref.point, seed: ref.seed };
          },
          scenarioOf: (p) => plan.scenarioFor(p),
          keep: plan.experiment.keep,
          onBatch: (reply) => {
            writer.append(reply.runs, reply.bytes);
            executed += reply.runs.length;
            failedNow += reply.runs.filter((o) => !o.ok).length;
            bar.update(already + executed, failedNow);
            const unmatched = reply.runs.find((o) => o.unmatched && o.unmatched.length > 0);
            if (unmatched && !metricProblem) {
              metricProblem = new UserError(`${opts.experimentFile}: ${msgSweep.unknownMetric(unmatched.unmatched!, unmatched.available ?? [])}`);
              throw metricProblem;
            }
          },
        },
        opts.signal,
      );
    } finally {
      bar.stop();
      writer.close();
    }
  }

  // 4. assemble, while the threads end
  void pool.destroy();
  const records = recordsNow();
  const missing = share.filter((r) => !records.has(keyOf(r))).length;
  const failed = share.filter((r) => records.get(keyOf(r))?.status === 'failed').length;
  const ok = share.length - missing - failed;
  const counts = { runs: share.length, ok, failed, missing };
  const failures = share.filter((r) => records.get(keyOf(r))?.status === 'failed').map((r) => ({ run: r, error: records.get(keyOf(r))!.error ?? 'failed' }));
  if (missing > 0) {
    writeManifest(outDir, manifest('incomplete', counts, []));
    log(msgSweep.interrupted(outDir));
    return { outDir, status: 'incomplete', ...counts, executed, wallSeconds: (Date.now() - t0) / 1000, failures };
  }
  if (pending.length === 0) log(msgSweep.nothingToRun(share.length));
  const assembled = assembleTables(outDir, meta, records, share, { parquet: opts.parquet ?? true, summaries: !opts.shard });
  writeManifest(outDir, { ...manifest('complete', counts, assembled.files), ...(assembled.warnings.length > 0 ? { warnings: assembled.warnings } : {}) });
  // The tables hold every run now (the store of a later resume, extension or merge): the
  // journal is no longer needed. Removed after the manifest, so a crash in between leaves
  // a complete folder with a redundant journal, never a folder missing runs.
  fs.rmSync(path.join(outDir, PARTS_DIR), { recursive: true, force: true });
  for (const w of assembled.warnings) log(`warning: ${w}`);
  const wallSeconds = (Date.now() - t0) / 1000;
  log(msgSweep.sweepDone(outDir, ok, failed, wallSeconds));
  return { outDir, status: 'complete', ...counts, executed, wallSeconds, failures };
}

export type { SweepMeta };
