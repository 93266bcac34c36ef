import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../../src/cli/write-schema.js';
import { smallScenario } from '../fixtures/scenarios.js';

describe('scenario schema', () => {
  it('the shipped JSON Schema matches the zod schema (run `npm run schema` after changing it)', () => {
    expect(readFileSync('schema/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchema());
  });
  it('fills documented defaults so a minimal scenario is a few lines', () => {
    const sc = smallScenario();
    expect(sc.timeUnit).toBe('quarter');
    expect(sc.parameters.mechanisms.spillover.enabled).toBe(true);
    expect(sc.record.every).toBe(1);
  });
});
