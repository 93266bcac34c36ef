/**
 * Writes schema/experiment.schema.json from the zod schema of experiment files
 * (`npx tsx src/sweep/write-schema.ts`). A test checks the file is up to date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { experimentJsonSchema } from '../experiments/schema.js';

export function experimentSchemaText(): string {
  return `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('schema', { recursive: true });
  writeFileSync('schema/experiment.schema.json', experimentSchemaText());
  console.log('wrote schema/experiment.schema.json');
}
