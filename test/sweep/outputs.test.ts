/** Sensitivity tables through the engine, parquet round trip, and compare. */
import fs from 'node:fs';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseCsvLine } from '../../src/experiments/csv.js';
import { compareScenarios } from '../../src/sweep/compare.js';
import { formatCompare } from '../../src/sweep/compare-format.js';
import { runSweep } from '../../src/sweep/sweep.js';
import { discover, formatDiscover } from '../../src/sweep/discover.js';
import { fixture, read, tempDir } from './helpers.js';

// Worker pools start slowly on a busy 2-core machine: allow minutes, not the default 60 s.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('sweep outputs', () => {
  it('writes sensitivity.csv for sobol and morris designs', async () => {
    for (const design of ['sobol', 'morris'] as const) {
      const out = path.join(root, design);
      const r = await runSweep({ experimentFile: fixture(`${design}.yaml`), out, workers: 1, quiet: true });
      expect(r.runs).toBe(design === 'sobol' ? 4 * (2 + 2) : 3 * (2 + 1));
      const lines = read(out, 'sensitivity.csv').trim().split('\n');
      expect(lines[0]).toBe('method,metric,parameter,index,estimate,ci_low,ci_high');
      const all = lines.slice(1).map(parseCsvLine);
      const rows = all.filter((c) => c[0] === design);
      const indices = design === 'sobol' ? ['S1', 'ST'] : ['mu_star', 'sigma'];
      expect(rows.length).toBe(2 * indices.length);
      expect(new Set(rows.map((c) => c[3]))).toEqual(new Set(indices));
      expect(rows.every((c) => c[1] === 'ict.mean')).toBe(true);
      expect(new Set(rows.map((c) => c[2]))).toEqual(new Set(['parameters.mechanisms.spillover.rate', 'policies.0.intensity']));
      // Every sampled design also gets partial rank correlations.
      expect(all.filter((c) => c[0] === 'prcc').map((c) => c[3])).toEqual(['PRCC', 'PRCC']);
    }
  });

  it('an LHS sweep writes PRCC rows with intervals, and discover finds a box on it', async () => {
    const out = path.join(root, 'lhs');
    await runSweep({ experimentFile: fixture('lhs.yaml'), out, workers: 1, quiet: true });
    const rows = read(out, 'sensitivity.csv').trim().split('\n').slice(1).map(parseCsvLine);
    // Three parameters (one a list of two values) x two metrics.
    expect(rows.length).toBe(6);
    for (const r of rows) {
      expect(r[0]).toBe('prcc');
      expect(r[3]).toBe('PRCC');
      const [est, lo, hi] = r.slice(4).map(Number) as [number, number, number];
      expect(est).toBeGreaterThanOrEqual(-1);
      expect(est).toBeLessThanOrEqual(1);
      expect(lo).toBeLessThanOrEqual(est);
      expect(hi).toBeGreaterThanOrEqual(est);
    }

    const values = read(out, 'results.csv').trim().split('\n').slice(1).map(parseCsvLine).filter((c) => c[c.length - 2] === 'ict.mean').map((c) => Number(c[c.length - 1]));
    const median = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const o = discover({ dir: out, metric: 'ict.mean', above: median });
    const box = o.result.boxes[0]!;
    const p = box.trajectory[box.selected]!;
    expect(o.result.casesOfInterest).toBe(values.filter((v) => v > median).length);
    expect(p.density).toBeGreaterThanOrEqual(box.trajectory[0]!.density);
    expect(p.coverage).toBeGreaterThan(0);
    expect(box.restrictions.length).toBe(p.restricted);
    const text = formatDiscover(o);
    expect(text).toMatch(/coverage \d\.\d{3}, density \d\.\d{3}/);
    expect(read(o.outDir, 'boxes.csv').split('\n')[0]).toBe('box,trajectory_point,coverage,density,mass,mean,n,cases_of_interest,restricted');
    expect(read(o.outDir, 'trajectory.csv').trim().split('\n').length).toBe(box.trajectory.length + 1);
    expect(read(o.outDir, 'limits.csv')).toMatch(/policies\.0\.budget/);
    expect(() => discover({ dir: out, metric: 'ict.mean', above: 1e9 })).toThrow(/none of the 24 runs has ict\.mean above 1000000000/);
    expect(() => discover({ dir: out, metric: 'nope', above: 1 })).toThrow(/no rows of metric 'nope'/);
  });

  it('results.parquet holds the same rows as results.csv', async () => {
    const out = path.join(root, 'sobol');
    const buf = fs.readFileSync(path.join(out, 'results.parquet'));
    const rows = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer });
    const csv = read(out, 'results.csv').trim().split('\n');
    const header = csv[0]!.split(',');
    expect(rows.length).toBe(csv.length - 1);
    csv.slice(1).forEach((line, i) => {
      const cells = parseCsvLine(line);
      const row = rows[i] as Record<string, unknown>;
      header.forEach((col, j) => {
        const v = row[col];
        expect(typeof v === 'bigint' ? v.toString() : String(v), `${col} of row ${i}`).toBe(cells[j]);
      });
    });
  });

  it('compare tells which metrics differ, by how much, with intervals, Holm per step, marginal costs, a manifest and a folder per scenario', async () => {
    const out = path.join(root, 'cmp');
    const o = await compareScenarios({ a: fixture('tiny.yaml'), b: fixture('tiny-b.yaml'), metrics: ['ict.mean', 'firms.count'], replicates: 10, workers: 2, out, quiet: true, keepSteps: { every: 2 } });
    expect(o.labels).toEqual(['tiny', 'tinyb']);
    expect(read(out, 'compare.csv').split('\n')[0]).toBe('metric,scenario,step,mean,sd,ci_low,ci_high,n');
    expect(read(out, 'runs.csv').split('\n')[0]).toBe('scenario,run_id,step,metric,value');
    const last = Math.max(...o.tests.map((t) => t.step));
    const ict = o.tests.find((t) => t.metric === 'ict.mean' && t.step === last)!;
    expect(ict.result.test).toBe('welch');
    expect(ict.differs).toBe(true); // training raises ICT adoption
    expect(ict.result.effectSize).toBeLessThan(0); // B (no budget) is lower
    expect(ict.result.diff).toBeCloseTo(ict.result.meanB - ict.result.meanA, 12);
    expect(ict.result.diffHigh).toBeLessThan(0);
    expect(ict.result.effectHigh).toBeLessThan(0);
    // Only the metrics asked for are tested, though the marginal costs' metrics were recorded too.
    expect(new Set(o.tests.map((t) => t.metric))).toEqual(new Set(['ict.mean', 'firms.count']));
    // Holm: one family per step, over the metrics of that step.
    for (const step of new Set(o.tests.map((t) => t.step))) {
      const fam = o.tests.filter((t) => t.step === step);
      const p = fam.map((t) => t.result.pValue);
      const sorted = [...p].sort((a, b) => a - b);
      const min = fam.find((t) => t.result.pValue === sorted[0])!;
      expect(min.pHolm).toBeCloseTo(Math.min(1, fam.length * sorted[0]!), 12);
    }
    expect(formatCompare(o)).toMatch(/Welch's t-test/);
    expect(formatCompare(o)).toMatch(/Holm over the 2 metrics of each step/);
    expect(read(out, 'compare-tests.csv').split('\n')[0]).toBe(
      'metric,step,test,statistic,df,p_value,p_holm,holm_family,effect,effect_size,effect_ci_low,effect_ci_high,mean_a,mean_b,diff,diff_ci_low,diff_ci_high,n_a,n_b,differs',
    );
    expect(read(out, 'compare-tests.csv')).not.toMatch(/Infinity/);
    // Marginal costs: one row per outcome, with a note when the outcome did not move.
    const costs = read(out, 'marginal-costs.csv').trim().split('\n').map(parseCsvLine);
    expect(costs[0]).toEqual(['outcome', 'metric', 'step', 'delta_spend', 'delta_spend_ci_low', 'delta_spend_ci_high', 'delta_outcome', 'delta_outcome_ci_low', 'delta_outcome_ci_high', 'p_outcome', 'marginal_cost', 'ci_low', 'ci_high', 'note']);
    expect(costs.slice(1).map((c) => c[1])).toEqual(['innovations.cumulative', 'knowledge.mean', 'ict.gap', 'firms.count']);
    const firmsCost = costs.find((c) => c[1] === 'firms.count')!;
    expect(firmsCost[13]).toMatch(/did not change significantly/); // no entry or exit in 4 steps
    expect(firmsCost[11]).toBe('');
    // The manifest, and a run folder with its provenance per scenario.
    const manifest = JSON.parse(read(out, 'manifest.json'));
    expect(manifest.kind).toBe('compare');
    expect(manifest.replicates).toBe(10);
    expect(manifest.arms.map((a: { label: string }) => a.label)).toEqual(['tiny', 'tinyb']);
    for (const arm of manifest.arms as { folder: string; seeds: number[]; scenarioHash: string }[]) {
      const m = JSON.parse(read(path.join(out, arm.folder), 'manifest.json'));
      expect(m.seeds).toEqual(arm.seeds);
      expect(m.seeds.length).toBe(10);
      expect(m.scenarioHash).toBe(arm.scenarioHash);
      expect(read(path.join(out, arm.folder), 'metrics.csv').split('\n')[0]).toBe('run_id,step,scope,metric,value');
    }
    expect(new Set(manifest.arms[0].seeds).size + new Set(manifest.arms[1].seeds).size).toBe(20);
  });

  it('compare --adjust all takes every test made as one family', async () => {
    const out = path.join(root, 'cmp-all');
    const o = await compareScenarios({ a: fixture('tiny.yaml'), b: fixture('tiny-b.yaml'), metrics: ['ict.mean', 'firms.count'], replicates: 4, workers: 2, out, quiet: true, keepSteps: { every: 2 }, adjust: 'all' });
    const p = o.tests.map((t) => t.result.pValue).filter((x) => !Number.isNaN(x));
    const min = Math.min(...p);
    expect(o.tests.find((t) => t.result.pValue === min)!.pHolm).toBeCloseTo(Math.min(1, p.length * min), 12);
    expect(read(out, 'compare-tests.csv')).toMatch(/,all,/);
  });
});
