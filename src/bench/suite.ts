/**
 * The benchmark suite (`npm run bench`, docs/performance.md), in phases:
 *   1. throughput: each (size, mode) in a fresh child process (child.ts) so sizes share no
 *      heap or JIT state: build, warm-up steps, timed steps, and for the memory sizes more
 *      steps up to 100 with memory read after the build and after the last step;
 *   2. scaling: the exponent b of time per step ~ N^b, a least-squares fit in log-log;
 *   3. sweep: runs per second with 1 worker and with all cores (sweep.ts);
 *   4. targets: each figure against the issue's target, met or not.
 * The result is one JSON object (`BenchReport`), written by main.ts to out/bench/bench.json.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchMode } from './scenario.js';
import { measureRun, type RunResult, type RunSpec } from './throughput.js';
import { SWEEP_WORKLOADS, sweepBench, type SweepFigure } from './sweep.js';

export interface SuiteOptions {
  quick?: boolean;
  /** Skip the sweep benchmark. */
  noSweep?: boolean;
  /** Sizes to measure (default by mode: quick or full). */
  sizes?: number[];
  /**
   * Measure in this process instead of one child process per size (default: only in quick
   * mode, where spawning would cost more than the measurements; memory figures are then
   * those of a shared heap).
   */
  inProcess?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface ThroughputFigure {
  n: number;
  mode: BenchMode;
  firmStepsPerSec: number;
  pairInteractionsPerSec: number;
  /** Firm-steps per second of process CPU time (all threads): what the load of other processes does not change much. */
  cpuFirmStepsPerSec: number;
  secondsPerStep: number;
  /** Mean agents alive over the timed steps (firm-steps / timed steps). */
  meanAgents: number;
  medianStepMs: number;
  buildSeconds: number;
  timedSteps: number;
  spatialMeetings: number;
  tieMeetings: number;
  meanDegree: number;
  recordEvery: number | null;
}

export interface Target {
  name: string;
  target: string;
  value: number;
  met: boolean;
}

export interface BenchReport {
  date: string;
  quick: boolean;
  machine: { cpu: string; cores: number; memoryBytes: number; platform: string; arch: string; node: string; loadAverage: { start: number[]; end: number[] } };
  notes: string[];
  throughput: ThroughputFigure[];
  scalingExponent: { kernel: number; full: number };
  /** The exponent fitted over 10,000 to 1,000,000 agents only (the target's range), when measured. */
  scalingExponent10kTo1M: { kernel: number | null; full: number | null };
  bytesPerAgent: { n: number; bytes: number; afterBuild: number; afterSteps: number; steps: number; maxRssBytes: number }[];
  sweep: { short: SweepFigure; long: SweepFigure } | null;
  targets: Target[];
  runs: RunResult[];
}

const FULL_SIZES = [1_000, 10_000, 100_000, 1_000_000];
const QUICK_SIZES = [500, 2_000];
/** Sizes whose memory is read after 100 steps of the full model. */
const MEMORY_SIZES = new Set([100_000, 1_000_000]);
const MEMORY_STEPS = 100;
/** Full mode records metrics (system scope) every this many steps. */
export const FULL_RECORD_EVERY = 10;
/** Least wall time of the warm-up of a full-suite measurement (throughput.ts `warmupSeconds`). */
const WARMUP_SECONDS = 1;

/** Warm-up and timed steps by size: about the same work per measurement, at least a few steps. */
export function planRun(n: number, mode: BenchMode, quick: boolean): RunSpec {
  if (quick) return { n, mode, warmup: 1, steps: 3, totalSteps: mode === 'full' ? 6 : undefined, recordEvery: mode === 'full' ? 3 : 0 };
  // Full-model populations drift (entry, exit), so full runs stay short at small N too.
  const steps = n <= 1_000 ? (mode === 'kernel' ? 200 : 60) : n <= 10_000 ? 60 : n <= 100_000 ? 20 : 10;
  const memory = mode === 'full' && MEMORY_SIZES.has(n);
  const recordEvery = mode === 'full' ? FULL_RECORD_EVERY : 0;
  // Warm-up: the JIT compiles the hot paths in the first steps, and swaps the compiled code
  // in some tens of milliseconds later, so it lasts at least WARMUP_SECONDS. In the kernel
  // nothing changes the cluster, so the measured simulation itself warms up, for at least
  // that long (at most 2,000 steps). In full mode entry and exit change the cluster as it
  // runs, so its warm-up is a fixed number of steps (a whole number of recording periods,
  // so the reporters are compiled before the timing starts): 100 at 1,000 agents, 30 at
  // 10,000 (what the time-based warm-up gave on a quiet machine, run J), 10 from 100,000 on (already
  // longer than WARMUP_SECONDS); up to 10,000 agents a throwaway simulation warms the JIT up
  // first (jitWarmupSeconds).
  if (mode === 'kernel') {
    const warmup = n <= 10_000 ? 5 : n <= 100_000 ? 2 : 1;
    return { n, mode, warmup, warmupSeconds: WARMUP_SECONDS, maxWarmup: 2000, steps, recordEvery };
  }
  const warmup = n <= 1_000 ? 100 : n <= 10_000 ? 30 : FULL_RECORD_EVERY;
  return { n, mode, warmup, jitWarmupSeconds: n <= 10_000 ? WARMUP_SECONDS : 0, steps, totalSteps: memory ? MEMORY_STEPS : undefined, recordEvery };
}

/** The child entry and the flags it needs: compiled JS from dist/, or .ts through tsx. */
function childEntry(): { file: string; flags: string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const file = path.join(path.dirname(here), fromSource ? 'child.ts' : 'child.js');
  return { file, flags: fromSource ? ['--import', import.meta.resolve('tsx')] : [] };
}

/** Run one measurement in a fresh Node process with --expose-gc and a heap sized for it. */
export function runChild(spec: RunSpec): Promise<RunResult> {
  const { file, flags } = childEntry();
  const heapMb = spec.n >= 500_000 ? 8192 : spec.n >= 50_000 ? 4096 : 2048;
  const args = [...flags, '--expose-gc', `--max-old-space-size=${heapMb}`, file, JSON.stringify(spec)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as RunResult);
      else reject(new Error(`benchmark child (${spec.mode}, n=${spec.n}) exited with ${code}: ${err.trim().slice(-2000)}`));
    });
  });
}

/** Least-squares slope of log(y) on log(x). */
export function logLogSlope(x: number[], y: number[]): number {
  const lx = x.map(Math.log), ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length, my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0, sxx = 0;
  for (let k = 0; k < lx.length; k++) {
    sxy += (lx[k] - mx) * (ly[k] - my);
    sxx += (lx[k] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

function figure(r: RunResult): ThroughputFigure {
  return {
    n: r.n,
    mode: r.mode,
    firmStepsPerSec: r.firmStepsPerSec,
    pairInteractionsPerSec: r.pairInteractionsPerSec,
    cpuFirmStepsPerSec: r.firmSteps / r.cpuSeconds,
    secondsPerStep: r.secondsPerStep,
    meanAgents: r.firmSteps / r.timedSteps,
    medianStepMs: median(r.stepMs),
    buildSeconds: r.buildSeconds,
    timedSteps: r.timedSteps,
    spatialMeetings: r.spatialMeetings,
    tieMeetings: r.tieMeetings,
    meanDegree: r.meanDegree,
    recordEvery: r.recordEvery > 0 ? r.recordEvery : null,
  };
}

function scaling(figs: ThroughputFigure[], mode: BenchMode, lo = 0, hi = Infinity): number | null {
  // N is the mean number of agents over the timed steps: the full model's population
  // grows or shrinks during a run.
  const f = figs.filter((x) => x.mode === mode && x.n >= lo && x.n <= hi);
  return f.length >= 2 ? logLogSlope(f.map((x) => x.meanAgents), f.map((x) => x.secondsPerStep)) : null;
}

export function targets(report: Omit<BenchReport, 'targets'>): Target[] {
  const out: Target[] = [];
  const tp = (n: number, mode: BenchMode) => report.throughput.find((f) => f.n === n && f.mode === mode);
  for (const n of [10_000, 1_000_000]) {
    const f = tp(n, 'kernel');
    if (f) out.push({ name: `kernel firm-steps/s, N=${n}`, target: '>= 2,000,000', value: f.firmStepsPerSec, met: f.firmStepsPerSec >= 2e6 });
  }
  const full = tp(10_000, 'full');
  if (full) out.push({ name: 'full model firm-steps/s, N=10000', target: '>= 500,000', value: full.firmStepsPerSec, met: full.firmStepsPerSec >= 5e5 });
  const mem = report.runs.find((r) => r.n === 1_000_000 && r.mode === 'full' && r.totalSteps >= MEMORY_STEPS);
  if (mem) {
    const peak = Math.max(mem.memory.maxRssBytes, mem.memory.afterSteps.heapUsed + mem.memory.afterSteps.arrayBuffers);
    out.push({ name: 'N=1,000,000, 100 steps, full model: peak memory (bytes, RSS)', target: '< 4 GiB', value: peak, met: peak < 4 * 2 ** 30 });
  }
  for (const mode of ['kernel', 'full'] as const) {
    const b = report.scalingExponent10kTo1M[mode];
    if (b !== null) out.push({ name: `scaling exponent b, ${mode}, 10,000 to 1,000,000`, target: '<= 1.1', value: b, met: b <= 1.1 });
  }
  if (report.sweep) {
    out.push({ name: 'parallel efficiency, long runs', target: '>= 0.85', value: report.sweep.long.efficiency, met: report.sweep.long.efficiency >= 0.85 });
    out.push({ name: 'parallel efficiency, short runs', target: '>= 0.7', value: report.sweep.short.efficiency, met: report.sweep.short.efficiency >= 0.7 });
  }
  return out;
}

export async function runSuite(opts: SuiteOptions = {}): Promise<BenchReport> {
  const quick = opts.quick ?? false;
  const log = opts.log ?? (() => {});
  const start = os.loadavg();
  const sizes = opts.sizes ?? (quick ? QUICK_SIZES : FULL_SIZES);
  const runs: RunResult[] = [];
  for (const mode of ['kernel', 'full'] as const) {
    for (const n of sizes) {
      const spec = planRun(n, mode, quick);
      log(`throughput: ${mode}, N=${n}, ${spec.warmup} warm-up steps${spec.warmupSeconds ? ` (at least ${spec.warmupSeconds} s)` : ''}${spec.jitWarmupSeconds ? ` after ${spec.jitWarmupSeconds} s of JIT warm-up on a throwaway run` : ''} + ${spec.steps} timed steps${spec.totalSteps ? `, ${spec.totalSteps} in all` : ''} ...`);
      const r = (opts.inProcess ?? quick) ? measureRun(spec) : await runChild(spec);
      runs.push(r);
      log(`  ${Math.round(r.firmStepsPerSec).toLocaleString('en-US')} firm-steps/s (build ${r.buildSeconds.toFixed(1)} s, ${r.warmupSteps} warm-up steps${r.jitWarmupSteps ? `, ${r.jitWarmupSteps} JIT warm-up steps` : ''})`);
    }
  }
  const throughput = runs.map(figure);
  const sweepKinds = SWEEP_WORKLOADS[quick ? 'quick' : 'full'];
  let sweep: BenchReport['sweep'] = null;
  if (!opts.noSweep) {
    log(`sweep: ${sweepKinds.map((w) => `${w.runs} ${w.label} runs (${w.agents} agents x ${w.steps} steps)`).join(', ')}, 1 worker and ${os.availableParallelism()} ...`);
    const s = await sweepBench(sweepKinds);
    sweep = { short: s.short, long: s.long };
  }
  const base: Omit<BenchReport, 'targets'> = {
    date: new Date().toISOString(),
    quick,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memoryBytes: os.totalmem(),
      platform: os.platform(),
      arch: os.arch(),
      node: process.version,
      loadAverage: { start, end: os.loadavg() },
    },
    notes: [
      'firm-steps/s = agents alive x timed steps / wall time of those steps (model build timed apart, warm-up steps untimed; the warm-up lasts at least 1 s, up to 2,000 steps, in kernel mode; in full mode it is a fixed number of steps, after at least 1 s on a throwaway run up to 10,000 agents, so the JIT has swapped in its compiled code and the timed steps are the same whatever the machine\'s speed).',
      `kernel: spillover and tieLearning only; no metrics recorded during the timed steps. full: every mechanism at its defaults, metrics (system scope) recorded every ${quick ? 3 : FULL_RECORD_EVERY} steps.`,
      'pair interactions/s = firm-steps/s x (spatial neighbours met + tie partners learned from) per agent and step, both read from the built state.',
      'memory = V8 heap used + array buffers after a forced GC, per living agent; peak RSS of the child process besides.',
      (opts.inProcess ?? quick)
        ? 'all sizes measured in one process (quick mode): memory figures include the shared heap.'
        : 'each (size, mode) runs in a fresh child process (node --expose-gc --max-old-space-size=...).',
    ],
    throughput,
    scalingExponent: { kernel: scaling(throughput, 'kernel') ?? NaN, full: scaling(throughput, 'full') ?? NaN },
    scalingExponent10kTo1M: { kernel: scaling(throughput, 'kernel', 10_000, 1_000_000), full: scaling(throughput, 'full', 10_000, 1_000_000) },
    bytesPerAgent: runs
      .filter((r) => r.mode === 'full' && (quick || MEMORY_SIZES.has(r.n)))
      .map((r) => ({
        n: r.n,
        bytes: Math.max(r.memory.afterBuild.bytesPerAgent, r.memory.afterSteps.bytesPerAgent),
        afterBuild: r.memory.afterBuild.bytesPerAgent,
        afterSteps: r.memory.afterSteps.bytesPerAgent,
        steps: r.totalSteps,
        maxRssBytes: r.memory.maxRssBytes,
      })),
    sweep,
    runs,
  };
  return { ...base, targets: targets(base) };
}

const num = (v: number, d = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : String(v));

/** The report as a plain-text table. */
export function formatReport(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`clustersim benchmark${r.quick ? ' (quick)' : ''}: ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}, load average ${r.machine.loadAverage.start[0].toFixed(1)} at start`);
  lines.push('');
  lines.push('mode       agents  mean agents   firm-steps/s  pair interactions/s  firm-steps/CPU-s    s/step  median ms/step  build s  meetings (spatial+tie)');
  for (const f of r.throughput) {
    lines.push(
      `${f.mode.padEnd(7)} ${num(f.n).padStart(9)}  ${num(f.meanAgents).padStart(11)}  ${num(f.firmStepsPerSec).padStart(13)}  ${num(f.pairInteractionsPerSec).padStart(19)}  ${num(f.cpuFirmStepsPerSec).padStart(16)}  ${num(f.secondsPerStep, 4).padStart(8)}  ${num(f.medianStepMs, 1).padStart(14)}  ${num(f.buildSeconds, 1).padStart(7)}  ${num(f.spatialMeetings, 1)} + ${num(f.tieMeetings, 1)}`,
    );
  }
  lines.push('');
  lines.push(`scaling exponent b (time/step ~ N^b), all sizes: kernel ${num(r.scalingExponent.kernel, 3)}, full ${num(r.scalingExponent.full, 3)}`);
  if (r.scalingExponent10kTo1M.kernel !== null) lines.push(`  10,000 to 1,000,000: kernel ${num(r.scalingExponent10kTo1M.kernel, 3)}, full ${num(r.scalingExponent10kTo1M.full ?? NaN, 3)}`);
  for (const m of r.bytesPerAgent) lines.push(`memory, N=${num(m.n)}: ${num(m.afterBuild)} bytes/agent after build, ${num(m.afterSteps)} after ${m.steps} steps; peak RSS ${num(m.maxRssBytes / 2 ** 20)} MiB`);
  if (r.sweep) {
    for (const k of ['short', 'long'] as const) {
      const s = r.sweep[k];
      lines.push(`sweep, ${s.runs} ${k} runs (${num(s.agents)} agents x ${s.steps} steps): ${num(s.runsPerSecOne, 2)} runs/s on 1 worker, ${num(s.runsPerSecAll, 2)} on ${s.workers}; speed-up ${num(s.speedup, 2)}, efficiency ${num(s.efficiency, 2)} (a pure CPU loop got a speed-up of ${num(s.machineSpeedup, 2)} on ${s.workers} threads just before)`);
      lines.push(`  cores busy: ${num(s.coresBusyOne, 2)} with 1 worker, ${num(s.coresBusyAll, 2)} with ${s.workers}; each worker beyond the first added ${num(s.extraCpuPerWorker, 2)} CPU-seconds to the sweep`);
    }
  }
  lines.push('');
  for (const t of r.targets) lines.push(`${t.met ? 'MET    ' : 'NOT MET'}  ${t.name}: ${num(t.value, t.value < 10 ? 3 : 0)} (target ${t.target})`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}
