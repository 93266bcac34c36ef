/**
 * A run does not depend on what ran before it in the same process. A pool worker runs many
 * runs one after another, and the engine keeps some scratch buffers at module level that
 * only grow: a run that read past its own share of such a buffer (as leadingFirmFocus did,
 * whose neighbour query took as many candidates as the buffer held) would give results
 * that depend on the worker's history, so a sweep would not be byte-identical across
 * worker counts. Every shipped scenario is run, then every one again with each integer
 * parameter (the ones that size buffers) tripled, then every one a third time: the first
 * and third runs must agree.
 */
import { describe, expect, it } from 'vitest';
import { shippedFiles } from '../fixtures/shipped.js';
import { z } from 'zod';
import { parameterSections } from '../../src/cli/write-params.js';
import { LEVERS } from '../../src/engine/levers/index.js';
import { runScenario } from '../../src/engine/simulation.js';
import { getPath, setPathInPlace } from '../../src/experiments/paths.js';
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { validateScenario } from '../../src/scenario/validate.js';
import type { Scenario } from '../../src/scenario/schema.js';

/** Integer model parameters (path and upper bound), from the parameter table. */
const modelIntegers = parameterSections()
  .flatMap((s) => s.rows)
  .filter((r) => r.range.endsWith('integer') && r.path.startsWith('parameters.'))
  .map((r) => ({ path: r.path, hi: Number(/, (\d+)\]/.exec(r.range)?.[1] ?? Infinity) }));

/** Integer parameters of each lever, with their upper bounds. */
const leverIntegers = new Map(
  Object.entries(LEVERS).map(([id, lever]) => {
    const js = z.toJSONSchema(lever.params, { io: 'input' }) as { properties?: Record<string, { type?: string; maximum?: number; default?: number }> };
    const ints = Object.entries(js.properties ?? {}).filter(([, n]) => n.type === 'integer').map(([name, n]) => ({ name, hi: n.maximum ?? Infinity, def: n.default }));
    return [id, ints] as const;
  }),
);

/** `sc` with every integer parameter (model and its levers') tripled within its bounds. */
function tripled(sc: Scenario, file: string): Scenario {
  const obj = structuredClone(sc);
  for (const { path: p, hi } of modelIntegers) {
    const v = getPath(obj, p);
    if (typeof v === 'number') setPathInPlace(obj, p, Math.min(hi, Math.max(1, v) * 3));
  }
  obj.policies.forEach((pol, k) => {
    for (const { name, hi, def } of leverIntegers.get(pol.lever) ?? []) {
      const v = (pol.params as Record<string, unknown>)[name] ?? def;
      if (typeof v === 'number') setPathInPlace(obj, `policies.${k}.params.${name}`, Math.min(hi, Math.max(1, v) * 3));
    }
  });
  const res = validateScenario(obj, file);
  if (!res.ok) throw new Error(`${file} tripled: ${res.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return res.scenario;
}

describe('a run does not depend on the runs before it in the process', () => {
  it('every shipped scenario gives the same metrics before and after runs with larger buffers', async () => {
    const runs: { file: string; sc: Scenario; steps: number }[] = [];
    for (const file of shippedFiles()) {
      const sc = await loadScenarioFile(file);
      sc.warmup = 20;
      // Long enough for every lever to act.
      const steps = Math.max(30, ...sc.policies.map((p) => p.start + 10));
      runs.push({ file, sc, steps });
    }
    const metrics = (sc: Scenario, steps: number) => JSON.stringify(runScenario(sc, { steps }).rows.map((r) => r.value));
    const first = runs.map((r) => metrics(r.sc, r.steps));
    for (const r of runs) metrics(tripled(r.sc, r.file), r.steps);
    const differ = runs.filter((r, k) => metrics(r.sc, r.steps) !== first[k]).map((r) => r.file);
    expect(differ).toEqual([]);
  }, 300_000);
});
