/**
 * Sweep benchmark: runs per second of a whole sweep (load, plan, run on a worker pool,
 * assemble) with 1 worker and with all cores, through the sweep machinery's `timeSweep`
 * (src/sweep/bench.ts). Two workloads: many short runs (pool and task overhead show) and
 * a few long ones (pure parallel work). Parallel efficiency = speed-up / workers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { timeSweep } from '../sweep/bench.js';
import { benchScenario } from './scenario.js';

export interface SweepWorkload {
  label: 'short' | 'long';
  runs: number;
  agents: number;
  steps: number;
}

export interface SweepFigure {
  runs: number;
  agents: number;
  steps: number;
  workers: number;
  runsPerSecOne: number;
  runsPerSecAll: number;
  speedup: number;
  efficiency: number;
  /**
   * The same speed-up for a pure CPU loop on as many threads, measured just before: what
   * the machine gives at that moment (other processes share the cores), to judge the
   * sweep's efficiency against.
   */
  machineSpeedup: number;
  /**
   * Cores kept busy on average (process CPU time / wall time) with 1 worker and with all:
   * with 1 worker it is above 1, because V8 optimises code and collects garbage on
   * background threads, which then have the other cores to themselves.
   */
  coresBusyOne: number;
  coresBusyAll: number;
  /** CPU seconds each worker beyond the first added to the whole sweep (0 with 1 worker). */
  extraCpuPerWorker: number;
}

/** Wall seconds for `threads` worker threads each running the same fixed CPU loop at once. */
async function spin(threads: number, iterations: number): Promise<number> {
  const code = `const { parentPort, workerData } = require('node:worker_threads');
    let s = 0; for (let i = 0; i < workerData; i++) s += (i & 7) * 1e-9; parentPort.postMessage(s);`;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
      const w = new Worker(code, { eval: true, workerData: iterations });
      w.once('message', () => { void w.terminate(); resolve(); });
      w.once('error', reject);
    })),
  );
  return (performance.now() - t0) / 1000;
}

/** Speed-up of `threads` threads over one on a pure CPU loop (1 = no parallelism available). */
export async function machineSpeedup(threads: number, iterations = 3e8): Promise<number> {
  const one = await spin(1, iterations);
  const all = await spin(threads, iterations);
  return (threads * one) / all;
}

export const SWEEP_WORKLOADS: Record<'full' | 'quick', SweepWorkload[]> = {
  full: [
    { label: 'short', runs: 200, agents: 300, steps: 40 },
    { label: 'long', runs: 8, agents: 10_000, steps: 100 },
  ],
  quick: [
    { label: 'short', runs: 4, agents: 50, steps: 3 },
    { label: 'long', runs: 2, agents: 200, steps: 5 },
  ],
};

/** Write the workload's scenario and experiment files into `dir`; returns the experiment file. */
function writeWorkload(dir: string, w: SweepWorkload): string {
  const scenario = benchScenario({ n: w.agents, mode: 'full', steps: w.steps, recordEvery: 1 });
  fs.writeFileSync(path.join(dir, `${w.label}.scenario.json`), JSON.stringify(scenario));
  const experiment = {
    name: `bench-${w.label}`,
    scenario: `${w.label}.scenario.json`,
    replicates: w.runs,
    keep: { metrics: ['knowledge.mean', 'firms.count', 'network.meanDegree'], steps: 'final' },
  };
  const file = path.join(dir, `${w.label}.experiment.json`);
  fs.writeFileSync(file, JSON.stringify(experiment));
  return file;
}

export async function sweepBench(workloads: SweepWorkload[], workers = os.availableParallelism()): Promise<Record<string, SweepFigure>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clustersim-bench-sweep-'));
  try {
    const out: Record<string, SweepFigure> = {};
    for (const w of workloads) {
      const file = writeWorkload(dir, w);
      const machine = await machineSpeedup(workers);
      const one = await timeSweep({ experimentFile: file, workers: 1 });
      const all = await timeSweep({ experimentFile: file, workers });
      const speedup = one.wallSeconds / all.wallSeconds;
      out[w.label] = {
        runs: w.runs,
        agents: w.agents,
        steps: w.steps,
        workers,
        runsPerSecOne: one.runsPerSecond,
        runsPerSecAll: all.runsPerSecond,
        speedup,
        efficiency: speedup / workers,
        machineSpeedup: machine,
        coresBusyOne: one.cpuSeconds / one.wallSeconds,
        coresBusyAll: all.cpuSeconds / all.wallSeconds,
        extraCpuPerWorker: workers > 1 ? (all.cpuSeconds - one.cpuSeconds) / (workers - 1) : 0,
      };
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
