/**
 * A scenario's business-service firms (KIBS) survive its warm-up: entrants are KIBS at the
 * share KIBS have among the firms the scenario builds in their region and sector
 * (`demography.entrantKinds: scenarioMix`, the default; 002 §73; docs/model/demography.md,
 * "The kind of an entrant"). Run on the shipped ikinet/hamburg.yaml, the scenario whose
 * question is what many business-service firms add (30 KIBS among 153 firms built), after its
 * 300-step warm-up, as a user runs it.
 *
 * Measured December 2026 at step 0, seeds 1-3: 26, 26, 37 KIBS with scenarioMix; 7, 10, 12
 * with `sme`, under which only a KIBS's own spin-offs renew them.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulation.js';
import { KINDS } from '../../src/engine/population.js';

const KIBS = KINDS.indexOf('kibs');

async function kibsAtStepZero(entrantKinds: 'scenarioMix' | 'sme'): Promise<{ kibs: number; built: number }> {
  const sc = await loadScenarioFile('scenarios/ikinet/hamburg.yaml');
  sc.parameters.mechanisms.demography.entrantKinds = entrantKinds;
  const built = sc.populations.filter((p) => p.kind === 'kibs').reduce((s, p) => s + p.count, 0);
  const p = new Simulation(sc, { seed: 1, steps: 1 }).state.pop; // the warm-up runs in the constructor
  let kibs = 0;
  for (let i = 0; i < p.n; i++) if (p.kind[i] === KIBS) kibs++;
  return { kibs, built };
}

describe('ikinet/hamburg.yaml: business-service firms through the warm-up', () => {
  it('keeps at least half of the KIBS it builds with entrantKinds scenarioMix, and fewer than half with sme', async () => {
    const mix = await kibsAtStepZero('scenarioMix');
    const sme = await kibsAtStepZero('sme');
    expect(mix.built).toBe(30);
    // In a steady state the KIBS keep about their built share of the step-0 firms, which are
    // 141-163 of the 153 built (docs/scenarios.md): about 30. Half is the margin for one
    // seed's turnover; without KIBS entrants the count falls to what spin-offs renew.
    expect(mix.kibs).toBeGreaterThanOrEqual(mix.built / 2);
    expect(sme.kibs).toBeLessThan(mix.built / 2);
  });
});
