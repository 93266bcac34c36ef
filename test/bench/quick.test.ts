/**
 * The benchmark's quick mode as a smoke check: it runs end to end and every figure it
 * reports is finite. It asserts no time: timings depend on the machine and its load.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, logLogSlope, planRun, runSuite } from '../../src/bench/suite.js';
import { measureRun } from '../../src/bench/throughput.js';

describe('bench --quick', () => {
  it('runs throughput, scaling, memory and sweep measurements and reports finite figures', async () => {
    const r = await runSuite({ quick: true });
    expect(r.throughput.map((f) => `${f.mode}:${f.n}`)).toEqual(['kernel:500', 'kernel:2000', 'full:500', 'full:2000']);
    for (const f of r.throughput) {
      for (const v of [f.firmStepsPerSec, f.pairInteractionsPerSec, f.secondsPerStep, f.buildSeconds]) {
        expect(Number.isFinite(v) && v > 0).toBe(true);
      }
      // The synthetic cluster has the density the figures are defined for.
      expect(f.spatialMeetings).toBeGreaterThan(4);
      if (f.mode === 'kernel') expect(f.tieMeetings).toBeGreaterThan(4);
    }
    expect(Number.isFinite(r.scalingExponent.kernel)).toBe(true);
    expect(Number.isFinite(r.scalingExponent.full)).toBe(true);
    expect(r.bytesPerAgent.length).toBeGreaterThan(0);
    for (const m of r.bytesPerAgent) expect(Number.isFinite(m.bytes) && m.bytes > 0).toBe(true);
    for (const k of ['short', 'long'] as const) {
      const s = r.sweep![k];
      expect(s.workers).toBeGreaterThanOrEqual(1);
      expect(Number.isFinite(s.efficiency) && s.efficiency > 0).toBe(true);
      expect(Number.isFinite(s.machineSpeedup) && s.machineSpeedup > 0).toBe(true);
      expect(Number.isFinite(s.coresBusyOne) && s.coresBusyOne > 0).toBe(true);
      expect(Number.isFinite(s.coresBusyAll) && s.coresBusyAll > 0).toBe(true);
      expect(Number.isFinite(s.extraCpuPerWorker)).toBe(true);
    }
    expect(r.machine.cores).toBeGreaterThanOrEqual(1);
    expect(r.machine.node).toBe(process.version);
    expect(formatReport(r)).toContain('firm-steps/s');
  });

  it('warms up for the given steps, or on until the given time has passed, to a whole recording period', () => {
    const bySteps = measureRun({ n: 60, mode: 'full', warmup: 3, steps: 2, recordEvery: 0 });
    expect(bySteps.warmupSteps).toBe(3);
    const byTime = measureRun({ n: 60, mode: 'full', warmup: 3, warmupSeconds: 0.3, maxWarmup: 400, steps: 2, recordEvery: 4 });
    // Steps of 60 agents take well under 0.1 s, so 0.3 s takes more than 3 of them.
    expect(byTime.warmupSteps).toBeGreaterThan(3);
    expect(byTime.warmupSteps).toBeLessThanOrEqual(400);
    expect(byTime.warmupSteps % 4).toBe(0);
    expect(byTime.timedSteps).toBe(2);
  });

  it('warms the JIT up on a throwaway run, then the measured run for its fixed steps only', () => {
    const r = measureRun({ n: 60, mode: 'full', warmup: 4, jitWarmupSeconds: 0.2, steps: 2, recordEvery: 2 });
    // Steps of 60 agents take well under 0.05 s, so 0.2 s runs more than 4 of them.
    expect(r.jitWarmupSteps).toBeGreaterThan(4);
    expect(r.warmupSteps).toBe(4);
    // The timed steps are the same steps of the same cluster as without it.
    const plain = measureRun({ n: 60, mode: 'full', warmup: 4, steps: 2, recordEvery: 2 });
    expect(plain.jitWarmupSteps).toBe(0);
    expect(r.firmSteps).toBe(plain.firmSteps);
    expect(r.agentsAtEnd).toBe(plain.agentsAtEnd);
  });

  it('plans full-model runs with a warm-up of fixed steps, kernel runs with one of at least a second', () => {
    const full = planRun(10_000, 'full', false);
    expect(full.warmupSeconds ?? 0).toBe(0);
    expect(full.warmup).toBe(30);
    expect(full.warmup % full.recordEvery).toBe(0);
    expect(full.jitWarmupSeconds).toBeGreaterThan(0);
    expect(planRun(100_000, 'full', false).jitWarmupSeconds).toBe(0);
    expect(planRun(10_000, 'kernel', false).warmupSeconds).toBeGreaterThan(0);
  });

  it('fits the scaling exponent in log-log', () => {
    expect(logLogSlope([1e3, 1e4, 1e5], [2, 20, 200])).toBeCloseTo(1, 10);
    expect(logLogSlope([1e3, 1e4], [1, 100])).toBeCloseTo(2, 10);
  });
});
