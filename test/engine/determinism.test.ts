import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/simulate.js';
import { metricsCsv } from '../../src/io/run-output.js';
import { smallScenario } from '../fixtures/scenarios.js';

describe('determinism', () => {
  it('gives byte-identical metrics for the same scenario and seed', () => {
    const sc = smallScenario({ steps: 8 });
    const a = metricsCsv('r', runScenario(sc, { seed: 5 }).rows);
    const b = metricsCsv('r', runScenario(sc, { seed: 5 }).rows);
    expect(a).toBe(b);
  });
  it('gives different metrics for another seed', () => {
    const sc = smallScenario({ steps: 8 });
    expect(metricsCsv('r', runScenario(sc, { seed: 5 }).rows)).not.toBe(metricsCsv('r', runScenario(sc, { seed: 6 }).rows));
  });
});
