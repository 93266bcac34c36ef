/**
 * How a sweep starts: the worker threads start before the experiment is loaded and planned
 * (by the command, before it even loads the sweep code), and load the lever-expression
 * parser only for scenarios that need it. A bad experiment file is still reported as before
 * and the command exits; a worker that cannot load fails the sweep instead of crashing the
 * process; expressions give the engine's own results.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runRef } from '../../src/experiments/runs.js';
import { runScenario } from '../../src/engine/simulate.js';
import { rowsToText } from '../../src/sweep/execute.js';
import { loadExperimentFile } from '../../src/sweep/load.js';
import { runSweep } from '../../src/sweep/sweep.js';
import { UserError } from '../../src/messages.js';
import { fixture, read, tempDir } from './helpers.js';

// Worker pools start slowly on a busy 2-core machine: allow minutes, not the default 60 s.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The command line in a child process: exit code and error output. */
function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], (e, _stdout, stderr) => resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stderr }));
  });
}

/** An experiment on tiny.yaml varying a parameter that does not exist. */
function badExperiment(): string {
  const dir = fs.mkdtempSync(path.join(root, 'bad-'));
  fs.copyFileSync(fixture('tiny.yaml'), path.join(dir, 'tiny.yaml'));
  const file = path.join(dir, 'bad.yaml');
  fs.writeFileSync(file, 'scenario: tiny.yaml\nreplicates: 2\nvary:\n  - { path: parameters.mechanisms.spillover.rat, values: [0.1, 0.2] }\n');
  return file;
}

describe('sweep start-up', () => {
  it('reports a bad experiment file with the loader\'s error and writes nothing', async () => {
    const file = badExperiment();
    const expected = await loadExperimentFile(file).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(expected).toBeInstanceOf(UserError);
    const out = path.join(root, 'bad-out');
    const err = await runSweep({ experimentFile: file, out, workers: 2, quiet: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe((expected as UserError).message);
    expect((err as UserError).message).toMatch(/parameters\.mechanisms\.spillover\.rat/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('the command exits 1 on a bad experiment file, with the message and no stack trace', async () => {
    const file = badExperiment();
    const r = await cli(['sweep', file, '--workers', '2', '--out', path.join(root, 'cli-out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml.*parameters\.mechanisms\.spillover\.rat/s);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('the command starts its workers before loading the sweep code and writes the same tables', async () => {
    const viaCli = path.join(root, 'cli-grid');
    const r = await cli(['sweep', fixture('grid.yaml'), '--workers', '2', '--out', viaCli, '--no-charts', '--quiet']);
    expect(r.code).toBe(0);
    const direct = path.join(root, 'direct-grid');
    await runSweep({ experimentFile: fixture('grid.yaml'), out: direct, workers: 1, quiet: true });
    for (const t of ['results.csv', 'summary.csv', 'results.parquet']) expect(fs.readFileSync(path.join(viaCli, t)).equals(fs.readFileSync(path.join(direct, t))), t).toBe(true);
  });

  it('fails the sweep with the error of a worker module that cannot load', async () => {
    const out = path.join(root, 'broken');
    await expect(runSweep({ experimentFile: fixture('grid.yaml'), out, workers: 2, quiet: true, workerFile: fixture('broken-worker.mjs') })).rejects.toThrow(
      /broken worker module/,
    );
  });

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
