/**
 * Each lever's `targetKinds` is true: validation rejects a target whose kinds are all
 * outside it as a policy that changes nothing (src/scenario/validate.ts), so a run with
 * the lever aimed only at such kinds must equal the run without the lever. Checked for
 * every lever, in every shipped scenario that uses it, for each kind outside its list.
 */
import { describe, expect, it } from 'vitest';
import { shippedFiles } from '../../fixtures/shipped.js';
import { LEVERS } from '../../../src/engine/levers/index.js';
import { KINDS } from '../../../src/engine/population.js';
import { runScenario } from '../../../src/engine/simulation.js';
import { loadScenarioFile } from '../../../src/io/scenario-file.js';
import type { Scenario } from '../../../src/scenario/schema.js';

const scenarios: { file: string; sc: Scenario }[] = [];
for (const file of shippedFiles()) {
  const sc = await loadScenarioFile(file);
  sc.warmup = 10;
  scenarios.push({ file, sc });
}

/** Metric values of a run, without the rows that name lever instances (absent without the lever). */
function outcome(sc: Scenario, steps: number): string {
  return JSON.stringify(runScenario(sc, { steps }).rows.filter((r) => !r.metric.startsWith('policy.spend.')).map((r) => `${r.step} ${r.scope} ${r.metric} ${r.value}`));
}

describe('targetKinds: a lever aimed at no kind it acts on changes nothing', () => {
  for (const [id, lever] of Object.entries(LEVERS)) {
    if (lever.targetKinds === null) continue;
    const outside = KINDS.filter((k) => !lever.targetKinds!.includes(k));
    const uses = scenarios.filter((s) => s.sc.policies.some((p) => p.lever === id));
    it.skipIf(outside.length === 0)(`${id}: ${outside.join(', ')}`, () => {
      expect(uses.length).toBeGreaterThan(0);
      for (const { file, sc } of uses) {
        const steps = Math.max(30, ...sc.policies.filter((p) => p.lever === id).map((p) => p.start + 10));
        const without = { ...sc, policies: sc.policies.filter((p) => p.lever !== id) };
        const base = outcome(without, steps);
        for (const kind of outside) {
          const aimed = { ...sc, policies: sc.policies.map((p) => (p.lever === id ? { ...p, target: { ...p.target, kinds: [kind] } } : p)) } as Scenario;
          expect(outcome(aimed, steps), `${id} aimed at ${kind} in ${file}`).toBe(base);
        }
      }
    });
  }
});
