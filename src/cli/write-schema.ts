/** Writes schema/scenario.schema.json from the zod schema (`npm run schema`). */
import { writeFileSync, mkdirSync } from 'node:fs';
import { z } from 'zod';
import { ScenarioSchema } from '../scenario/schema.js';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ ...schema, title: 'clustersim scenario' }, null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('schema', { recursive: true });
  writeFileSync('schema/scenario.schema.json', scenarioJsonSchema());
  console.log('wrote schema/scenario.schema.json');
}
