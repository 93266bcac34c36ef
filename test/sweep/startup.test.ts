/**
 * How a sweep starts: the workers load the lever-expression parser only for scenarios that
 * need it, and expressions give the engine's own results.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runRef } from '../../src/experiments/runs.js';
import { runScenario } from '../../src/engine/simulate.js';
import { rowsToText } from '../../src/sweep/execute.js';
import { loadExperimentFile } from '../../src/sweep/load.js';
import { runSweep } from '../../src/sweep/sweep.js';
import { fixture, read, tempDir } from './helpers.js';

// Worker pools start slowly on a busy 2-core machine: allow minutes, not the default 60 s.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('sweep start-up', () => {
  it('runs lever expressions in the workers with the engine\'s own results, on 1 and 2 workers', async () => {
    const { plan } = await loadExperimentFile(fixture('expr.yaml'));
    const tables: string[] = [];
    for (const workers of [1, 2]) {
      const out = path.join(root, `expr-${workers}`);
      const r = await runSweep({ experimentFile: fixture('expr.yaml'), out, workers, quiet: true, parquet: false });
      expect(r).toMatchObject({ status: 'complete', ok: 4, failed: 0 });
      tables.push(read(out, 'results.csv'));
    }
    expect(tables[1]).toBe(tables[0]);
    const lines = tables[0]!.trim().split('\n').slice(1);
    for (let run = 0; run < plan.runCount; run++) {
      const ref = runRef(run, plan.replicates, plan.masterSeed);
      const direct = rowsToText(runScenario(plan.scenarioFor(ref.point), { seed: ref.seed }).rows, plan.experiment.keep).text;
      const swept = lines.filter((l) => l.startsWith(`${run},`)).map((l) => `${l.split(',').slice(-3).join(',')}\n`);
      expect(swept.join('')).toBe(direct);
      expect(direct).toMatch(/policy\.spend,[1-9]/); // the expression budget was spent
    }
  });
});

/** Modules a source file imports at load time (not `import type`, not dynamic `import()`). */
function staticImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)';/gm)].map((m) => m[1]!);
}

describe('what a sweep worker imports', () => {
  it('does not reach the expression parser (mathjs) nor scenario validation', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of staticImports(file)) {
        if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
        else packages.add(spec);
      }
    };
    visit(path.resolve('src/sweep/worker.ts'));
    expect(seen.has(path.resolve('src/engine/simulation.ts'))).toBe(true);
    expect([...packages].filter((p) => p.startsWith('mathjs'))).toEqual([]);
    expect(seen.has(path.resolve('src/engine/expr.ts'))).toBe(false);
    expect(seen.has(path.resolve('src/scenario/validate.ts'))).toBe(false);
  });
});
