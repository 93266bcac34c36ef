/**
 * Runs a list of runs on a piscina pool of worker threads, in batches.
 *
 * A piscina task costs ~50-300 us, so short runs are batched: the batch size adapts so a
 * batch takes about TARGET_BATCH_MS, but never more than a quarter of each worker's share
 * of what is left (so the last batches still spread over every worker). At most two
 * batches per worker are in flight, which keeps every thread busy while results stream
 * back. Results are handed to `onBatch` as they finish; the order of completion does not
 * matter because the tables are assembled by run id.
 *
 * `startPool` starts the threads before the runs are known, so that their start-up (the
 * worker module's import) overlaps the caller's loading and planning; `runOnPool` starts a
 * pool, runs one job and destroys it.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Keep } from '../experiments/schema.js';
import type { Scenario } from '../scenario/schema.js';
import type { BatchReply, BatchTask, RunSpec } from './worker.js';

/** Aim for batches of about this long: task overhead stays well under 1%. */
const TARGET_BATCH_MS = 200;
const MAX_BATCH = 256;

/** The reason of an abort that does not wait for the batches in flight (SIGTERM). */
export const STOP_NOW = 'stop-now';

export interface PoolOptions {
  workers?: number;
  /** A worker module other than ./worker (tests use one that fails some runs on purpose). */
  workerFile?: string;
  signal?: AbortSignal;
}

export interface RunJob {
  runIds: number[];
  /** The spec and scenario of a run. */
  specOf(runId: number): RunSpec;
  scenarioOf(point: number): Scenario;
  keep: Keep;
  /** Called for each finished batch, in completion order. Throwing stops the sweep. */
  onBatch(reply: BatchReply): void;
}

export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism());
}

/** The worker file and the Node flags it needs: compiled JS from dist/, or .ts via tsx. */
export function workerEntry(workerFile?: string): { filename: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const filename = workerFile !== undefined ? path.resolve(workerFile) : path.join(path.dirname(here), fromSource ? 'worker.ts' : 'worker.js');
  // tsx resolved from here, not from the current folder (a user may run from anywhere).
  return { filename, execArgv: filename.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [] };
}

export interface WorkerPool {
  readonly workers: number;
  /**
   * Runs every job run; resolves when all are done or, after an abort, when in-flight
   * batches are (at once if the abort's reason is STOP_NOW). One job at a time.
   */
  run(job: RunJob, signal?: AbortSignal): Promise<{ aborted: boolean }>;
  /** Ends the worker threads (also while they are still starting). */
  destroy(): Promise<void>;
}

/** What the pool's 'error' listener hands to the job in progress. */
interface PoolAlarm {
  error?: unknown;
  /** Set by the running job: looks at `error` again. */
  wake?: () => void;
}

/**
 * Starts the worker threads at once: each imports the worker module (about 0.2 s) while
 * the caller goes on, e.g. loading and planning the experiment. Destroy it when done, also
 * on error.
 */
export function startPool(opts: Pick<PoolOptions, 'workers' | 'workerFile'> = {}): WorkerPool {
  const workers = opts.workers ?? defaultWorkers();
  const { filename, execArgv } = workerEntry(opts.workerFile);
  // minThreads = maxThreads: every thread starts at once and none is torn down between batches.
  const pool = new Piscina({ filename, execArgv, minThreads: workers, maxThreads: workers, idleTimeout: 60_000, concurrentTasksPerWorker: 1 });
  // A worker that fails outside a task (e.g. its module does not load) is reported here, not
  // as an uncaught 'error' event: the job in progress, or the next one, fails with it.
  const alarm: PoolAlarm = {};
  pool.on('error', (err: unknown) => {
    alarm.error ??= err;
    alarm.wake?.();
  });
  let destroyed: Promise<void> | undefined;
  return {
    workers,
    run: (job, signal) => runJob(pool, workers, job, signal, alarm),
    destroy: () => {
      if (!destroyed) {
        destroyed = pool.destroy();
        destroyed.catch(() => {}); // a caller that does not wait (sweep.ts) gets no unhandled rejection
      }
      return destroyed;
    },
  };
}

/** Runs every job run on a pool of its own, destroyed at the end. */
export async function runOnPool(job: RunJob, opts: PoolOptions = {}): Promise<{ aborted: boolean }> {
  const pool = startPool(opts);
  try {
    return await pool.run(job, opts.signal);
  } finally {
    await pool.destroy();
  }
}

async function runJob(pool: Piscina, workers: number, job: RunJob, signal: AbortSignal | undefined, alarm: PoolAlarm): Promise<{ aborted: boolean }> {
  let next = 0;
  let inFlight = 0;
  let msPerRun = 0; // running estimate; 0 until the first batch returns
  let failure: unknown;
  const scenarios = new Map<number, Scenario>(); // the last few points' scenarios

  const nextBatch = (): BatchTask => {
    const left = job.runIds.length - next;
    const fair = Math.max(1, Math.floor(left / (workers * 4)));
    const wanted = msPerRun > 0 ? Math.round(TARGET_BATCH_MS / msPerRun) : 1;
    const size = Math.max(1, Math.min(MAX_BATCH, fair, wanted));
    const runs = job.runIds.slice(next, next + size).map((r) => job.specOf(r));
    next += runs.length;
    const batchScenarios: Record<number, Scenario> = {};
    for (const r of runs) {
      let sc = scenarios.get(r.point);
      if (!sc) {
        sc = job.scenarioOf(r.point);
        if (scenarios.size > 64) scenarios.clear();
        scenarios.set(r.point, sc);
      }
      batchScenarios[r.point] = sc;
    }
    return { scenarios: batchScenarios, runs, keep: job.keep };
  };

  await new Promise<void>((resolve) => {
    let done = false;
    const pump = () => {
      if (done) return;
      failure ??= alarm.error;
      while (!failure && !signal?.aborted && inFlight < workers * 2 && next < job.runIds.length) {
        const task = nextBatch();
        inFlight++;
        (pool.run(task) as Promise<BatchReply>).then(
          (reply) => {
            inFlight--;
            if (done) return;
            // Time inside the worker, not since submission (a batch may wait in the queue).
            const perRun = reply.runs.reduce((s, r) => s + r.wallMs, 0) / Math.max(1, reply.runs.length) + 0.01;
            msPerRun = msPerRun === 0 ? perRun : 0.7 * msPerRun + 0.3 * perRun;
            try {
              job.onBatch(reply);
            } catch (err) {
              failure ??= err;
            }
            pump();
          },
          (err: unknown) => {
            inFlight--;
            if (done) return;
            failure ??= err;
            pump();
          },
        );
      }
      // A pool error may leave queued batches waiting for workers that never come, and an
      // abort with STOP_NOW (SIGTERM) does not wait for the batches in flight: stop without
      // them (the caller destroys the pool; their runs were not recorded and run again).
      if (inFlight === 0 || alarm.error !== undefined || (signal?.aborted && signal.reason === STOP_NOW)) {
        done = true;
        resolve();
      }
    };
    alarm.wake = pump;
    signal?.addEventListener('abort', () => pump(), { once: true });
    pump();
  });
  if (failure) throw failure;
  return { aborted: next < job.runIds.length || inFlight > 0 };
}
