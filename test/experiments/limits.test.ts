/**
 * Design points and runs are checked against the limits from the design's numbers, before
 * any point is built (issue 19): 10^9 replicates, a Sobol design of 10^9 samples and a grid
 * of 10^10 points are refused at once, with little memory and a message giving the number,
 * the limit and the memory and time implied.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError, type Issue } from '../../src/messages.js';
import { designSize, toFactor } from '../../src/experiments/designs/index.js';
import { ExperimentSchema } from '../../src/experiments/schema.js';
import { loadExperimentFile } from '../../src/sweep/load.js';
import { STACK, cli, tempDir, write } from '../cli/helpers.js';

const TINY = path.resolve('test/sweep/fixtures/tiny.yaml');

async function refusal(body: string): Promise<{ issues: Issue[]; ms: number; grown: number }> {
  const file = write(tempDir('cs-exp-'), 'exp.yaml', `scenario: ${TINY}\n${body}`);
  await loadExperimentFile(write(tempDir('cs-exp-'), 'warm.yaml', `scenario: ${TINY}\n`)); // modules loaded
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const err = await loadExperimentFile(file).catch((e: unknown) => e);
  const ms = performance.now() - t0;
  expect(err).toBeInstanceOf(UserError);
  return { issues: (err as UserError).issues, ms, grown: process.memoryUsage().rss - rss0 };
}

describe('experiment size limits', () => {
  it('a billion replicates: the run count, memory and time, at once', async () => {
    const { issues, ms, grown } = await refusal('replicates: 1000000000\n');
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(50e6);
    expect(issues[0]).toMatchObject({ path: 'replicates', found: '1,000,000,000 runs', allowed: expect.stringContaining('at most 1,000,000 runs') });
    expect(issues[0]!.message).toMatch(/^1 design point\(s\) x 1,000,000,000 replicate\(s\) is 1,000,000,000 runs, more than the limit of 1,000,000: the run list and journal would take about 300 GB of memory, and the runs about 2.8 days of one core$/);
  });

  it('a Sobol design of a billion samples', async () => {
    const { issues, ms } = await refusal(
      'vary:\n  - { path: parameters.mechanisms.spillover.rate, min: 0.01, max: 0.1 }\n  - { path: policies.0.intensity, min: 0, max: 1 }\ndesign: { type: sobol, samples: 1000000000 }\n',
    );
    expect(ms).toBeLessThan(1000);
    expect(issues[0]).toMatchObject({ path: 'design.samples', found: '4,000,000,000 design points' });
    expect(issues[0]!.message).toMatch(/sobol: 1,000,000,000 samples x \(2 varied fields \+ 2\)/);
  });

  it('a grid of 10^10 points', async () => {
    const { issues, ms, grown } = await refusal(
      'vary:\n  - { path: parameters.mechanisms.spillover.rate, min: 0.01, max: 0.1, count: 100000 }\n  - { path: policies.0.intensity, min: 0, max: 1, count: 100000 }\n',
    );
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(50e6);
    expect(issues[0]).toMatchObject({ path: 'vary', found: '10,000,000,000 design points', allowed: 'at most 100,000 design points' });
    expect(issues[0]!.message).toMatch(/grid: 100,000 x 100,000 values\), more than the limit of 100,000: listing and validating them would take about 1.12 TB/);
  });

  it('counts points without building them, for every design type', () => {
    const f = ExperimentSchema.parse({ scenario: 's', vary: [{ path: 'a', values: [1, 2, 3] }, { path: 'b', min: 0, max: 1, count: 4 }] });
    const factors = f.vary!.map(toFactor);
    expect(designSize(factors, { type: 'grid' }).points).toBe(12);
    expect(designSize(factors, { type: 'lhs', samples: 7 }).points).toBe(7);
    expect(designSize(factors, { type: 'sobol', samples: 8, bootstrap: 0, confidence: 0.95 }).points).toBe(32);
    expect(designSize(factors, { type: 'morris', trajectories: 5, levels: 4, bootstrap: 0, confidence: 0.95 }).points).toBe(15);
    expect(designSize(factors, { type: 'list', points: [{ a: 1, b: 0 }] }).points).toBe(1);
    expect(designSize([], { type: 'grid' }).points).toBe(1);
  });

  it('steps and bootstrap resamples have limits in the experiment schema', () => {
    const r = ExperimentSchema.safeParse({ scenario: 's', steps: 1e6, design: { type: 'sobol', samples: 8, bootstrap: 1e9 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['design.bootstrap', 'steps']);
  });

  it('sweep refuses it on the command line, after clamping --workers to the cores with a note', async () => {
    const file = write(tempDir('cs-exp-'), 'exp.yaml', `scenario: ${TINY}\nreplicates: 1000000000\n`);
    const r = await cli(['sweep', file, '--workers', '1000', '--out', path.join(tempDir('cs-exp-'), 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/note: --workers 1000 is more than the \d+ core\(s\) this process may use; using \d+ \(add --oversubscribe/);
    expect(r.stderr).toMatch(/exp\.yaml: replicates: 1 design point\(s\) x 1,000,000,000 replicate\(s\)/);
    expect(r.stderr).not.toMatch(STACK);
  });
});
