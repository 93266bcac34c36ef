/**
 * For the benchmark suite: time a whole sweep (load, plan, run on N workers, assemble) of
 * an experiment file into a fresh temporary folder, removed afterwards.
 *
 *   const t = await timeSweep({ experimentFile: 'experiments/replicates.yaml', workers: 2 });
 *   // { runs, workers, wallSeconds, cpuSeconds, runsPerSecond, outDir? }
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSweep } from './sweep.js';

export interface SweepTiming {
  experimentFile: string;
  runs: number;
  workers: number;
  wallSeconds: number;
  /**
   * CPU time of the whole process over the sweep: every thread, the workers and V8's own
   * background threads (optimising compiler, garbage collector) included.
   */
  cpuSeconds: number;
  runsPerSecond: number;
  /** Set when `keep` is true: where the tables are. */
  outDir?: string;
}

export async function timeSweep(opts: { experimentFile: string; workers: number; parquet?: boolean; keep?: boolean }): Promise<SweepTiming> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clustersim-bench-'));
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await runSweep({ experimentFile: opts.experimentFile, out: outDir, workers: opts.workers, parquet: opts.parquet ?? false, quiet: true });
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return {
      experimentFile: opts.experimentFile,
      runs: r.runs,
      workers: opts.workers,
      wallSeconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      runsPerSecond: r.runs / wallSeconds,
      ...(opts.keep ? { outDir } : {}),
    };
  } finally {
    if (!opts.keep) fs.rmSync(outDir, { recursive: true, force: true });
  }
}
