/**
 * The benchmark's quick mode as a smoke check: it runs end to end and every figure it
 * reports is finite. It asserts no time: timings depend on the machine and its load.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, logLogSlope, runSuite } from '../../src/bench/suite.js';

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

  it('fits the scaling exponent in log-log', () => {
    expect(logLogSlope([1e3, 1e4, 1e5], [2, 20, 200])).toBeCloseTo(1, 10);
    expect(logLogSlope([1e3, 1e4], [1, 100])).toBeCloseTo(2, 10);
  });
});
