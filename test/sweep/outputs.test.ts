/** Sensitivity tables through the engine, parquet round trip, and compare. */
import fs from 'node:fs';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseCsvLine } from '../../src/experiments/csv.js';
import { compareScenarios, formatCompare } from '../../src/sweep/compare.js';
import { runSweep } from '../../src/sweep/sweep.js';
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
      const rows = lines.slice(1).map(parseCsvLine);
      const indices = design === 'sobol' ? ['S1', 'ST'] : ['mu_star', 'sigma'];
      expect(rows.length).toBe(2 * indices.length);
      expect(new Set(rows.map((c) => c[3]))).toEqual(new Set(indices));
      expect(rows.every((c) => c[0] === design && c[1] === 'ict.mean')).toBe(true);
      expect(new Set(rows.map((c) => c[2]))).toEqual(new Set(['parameters.mechanisms.spillover.rate', 'policies.0.intensity']));
    }
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

  it('compare tells which metrics differ, with a test and an effect size', async () => {
    const out = path.join(root, 'cmp');
    const o = await compareScenarios({ a: fixture('tiny.yaml'), b: fixture('tiny-b.yaml'), metrics: ['ict.mean', 'firms.count'], replicates: 10, workers: 2, out, quiet: true });
    expect(o.labels).toEqual(['tiny', 'tinyb']);
    expect(read(out, 'compare.csv').split('\n')[0]).toBe('metric,scenario,step,mean,sd,ci_low,ci_high,n');
    expect(read(out, 'runs.csv').split('\n')[0]).toBe('scenario,run_id,step,metric,value');
    const ict = o.tests.find((t) => t.metric === 'ict.mean')!;
    expect(ict.result.test).toBe('welch');
    expect(ict.differs).toBe(true); // training raises ICT adoption
    expect(ict.result.effectSize).toBeLessThan(0); // B (no budget) is lower
    const firms = o.tests.find((t) => t.metric === 'firms.count')!;
    expect(firms.differs).toBe(false); // no entry or exit in 4 steps: identical
    expect(formatCompare(o)).toMatch(/Welch's t-test/);
    expect(read(out, 'compare-tests.csv').split('\n')[0]).toBe('metric,step,test,statistic,df,p_value,p_holm,effect,effect_size,mean_a,mean_b,n_a,n_b,differs');
  });
});
