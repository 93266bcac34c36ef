/**
 * One benchmark measurement, in the current process (the suite runs each in a fresh child,
 * see child.ts): build the synthetic cluster, then run warm-up steps (JIT), timed steps
 * and, for a memory run, more steps up to `totalSteps`. The warm-up lasts `warmup` steps
 * and, with `warmupSeconds`, at least that long: V8 compiles the hot functions on a
 * background thread and swaps them in only some tens of milliseconds after they become
 * hot, so a warm-up of a few fast steps left slower code in the first timed steps. Model
 * build is timed apart from the steps; memory (V8 heap plus array buffers, after a forced
 * GC when --expose-gc is on) is read after the build and after the last step.
 */
import { Simulation } from '../engine/simulate.js';
import type { Scenario } from '../scenario/schema.js';
import { benchScenario, meetingsPerAgent, seedLocalTies, type BenchMode } from './scenario.js';

export interface RunSpec {
  n: number;
  mode: BenchMode;
  /** Untimed steps before the timed ones (at least). */
  warmup: number;
  /**
   * Go on warming up until this much wall time has passed, up to `maxWarmup` steps in all.
   * With recordEvery > 0 the warm-up then ends at a multiple of it, so the timed steps
   * record as often whatever the warm-up. Default 0: `warmup` steps only.
   */
  warmupSeconds?: number;
  /** Cap of the time-based warm-up, in steps (default `warmup`). */
  maxWarmup?: number;
  /**
   * Warm the JIT up on a throwaway simulation of the same scenario for this much wall time
   * (up to JIT_WARMUP_MAX_STEPS steps) before building the measured one. The measured
   * simulation then warms up its own `warmup` steps only, so that the timed steps are the
   * same steps of the same cluster whatever the machine's speed: a time-based warm-up of the
   * full model times a later, cheaper part of its shake-out on a fast machine than on a slow
   * one (docs/performance.md, item 17). Default 0: none.
   */
  jitWarmupSeconds?: number;
  /** Timed steps. */
  steps: number;
  /** Run on to this many steps in all (for memory after a long run); default warmup + steps. */
  totalSteps?: number;
  /** Record metrics every k steps; 0: not at all during the run. */
  recordEvery: number;
  seed?: number;
}

export interface RunResult {
  n: number;
  mode: BenchMode;
  buildSeconds: number;
  /** Untimed steps run before the timed ones. */
  warmupSteps: number;
  /** Steps of the throwaway simulation that warmed the JIT up (RunSpec.jitWarmupSeconds). */
  jitWarmupSteps: number;
  timedSteps: number;
  stepSeconds: number;
  /** CPU time of the process (all its threads, GC included) during the timed steps. */
  cpuSeconds: number;
  /** Wall time of each timed step (ms). */
  stepMs: number[];
  /** Agents alive at the start of each timed step, summed. */
  firmSteps: number;
  firmStepsPerSec: number;
  secondsPerStep: number;
  meanDegree: number;
  spatialMeetings: number;
  tieMeetings: number;
  pairInteractionsPerSec: number;
  totalSteps: number;
  recordEvery: number;
  agentsAtEnd: number;
  memory: { afterBuild: Mem; afterSteps: Mem; maxRssBytes: number };
}

export interface Mem {
  heapUsed: number;
  arrayBuffers: number;
  /** heapUsed + arrayBuffers, per agent alive at that point. */
  bytesPerAgent: number;
}

function memNow(agents: number): Mem {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) { gc(); gc(); }
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, bytesPerAgent: (m.heapUsed + m.arrayBuffers) / Math.max(1, agents) };
}

function alive(sim: Simulation): number {
  const pop = sim.state.pop;
  let c = 0;
  for (let i = 0; i < pop.n; i++) c += pop.alive[i];
  return c;
}

/** Cap of the JIT warm-up's throwaway simulation, in steps. */
export const JIT_WARMUP_MAX_STEPS = 2000;

/** Step a throwaway simulation of `scenario` for `seconds` of wall time (RunSpec.jitWarmupSeconds); returns its steps. */
function warmJit(scenario: Scenario, seconds: number): number {
  if (seconds <= 0) return 0;
  const sim = new Simulation({ ...scenario, steps: JIT_WARMUP_MAX_STEPS + 1 });
  seedLocalTies(sim.state, scenario.seed);
  const until = performance.now() + seconds * 1000;
  let steps = 0;
  while (steps < JIT_WARMUP_MAX_STEPS && performance.now() < until) {
    sim.step();
    steps++;
  }
  return steps;
}

export function measureRun(spec: RunSpec): RunResult {
  const extra = (spec.warmupSeconds ?? 0) > 0 ? Math.max(0, (spec.maxWarmup ?? spec.warmup) - spec.warmup) : 0;
  const longest = Math.max(spec.totalSteps ?? 0, spec.warmup + extra + Math.max(0, spec.recordEvery) + spec.steps);
  // One step more than can be run, so the record the simulation always makes at its last
  // step does not fall among the timed steps; recordEvery <= 0: record nothing after step 0.
  const recordEvery = spec.recordEvery > 0 ? spec.recordEvery : longest + 1;
  const scenario = benchScenario({ n: spec.n, mode: spec.mode, steps: longest + 1, seed: spec.seed, recordEvery });
  const jitWarmupSteps = warmJit(scenario, spec.jitWarmupSeconds ?? 0);
  const t0 = performance.now();
  const sim = new Simulation(scenario);
  const meanDegree = seedLocalTies(sim.state, scenario.seed);
  const buildSeconds = (performance.now() - t0) / 1000;
  const meet = meetingsPerAgent(sim.state);
  const afterBuild = memNow(alive(sim));
  const warmUntil = performance.now() + (spec.warmupSeconds ?? 0) * 1000;
  let warmupSteps = 0;
  while (warmupSteps < spec.warmup || (warmupSteps < spec.warmup + extra && performance.now() < warmUntil)) {
    sim.step();
    warmupSteps++;
  }
  if (spec.recordEvery > 0) {
    while (warmupSteps % spec.recordEvery !== 0) {
      sim.step();
      warmupSteps++;
    }
  }
  let firmSteps = 0;
  let stepMs = 0, cpuUs = 0;
  const perStep: number[] = [];
  for (let s = 0; s < spec.steps; s++) {
    firmSteps += alive(sim);
    const c = process.cpuUsage();
    const a = performance.now();
    sim.step();
    const ms = performance.now() - a;
    stepMs += ms;
    perStep.push(Math.round(ms * 100) / 100);
    const d = process.cpuUsage(c);
    cpuUs += d.user + d.system;
  }
  const total = Math.max(spec.totalSteps ?? 0, sim.done);
  while (sim.done < total) sim.step();
  const agentsAtEnd = alive(sim);
  const afterSteps = memNow(agentsAtEnd);
  const stepSeconds = stepMs / 1000;
  const firmStepsPerSec = firmSteps / stepSeconds;
  return {
    n: spec.n,
    mode: spec.mode,
    buildSeconds,
    warmupSteps,
    jitWarmupSteps,
    timedSteps: spec.steps,
    stepSeconds,
    cpuSeconds: cpuUs / 1e6,
    stepMs: perStep,
    firmSteps,
    firmStepsPerSec,
    secondsPerStep: stepSeconds / spec.steps,
    meanDegree,
    spatialMeetings: meet.spatial,
    tieMeetings: meet.tie,
    pairInteractionsPerSec: firmStepsPerSec * (meet.spatial + meet.tie),
    totalSteps: total,
    recordEvery: spec.recordEvery,
    agentsAtEnd,
    memory: { afterBuild, afterSteps, maxRssBytes: process.resourceUsage().maxRSS * 1024 },
  };
}
