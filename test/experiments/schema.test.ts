/** The editor JSON Schema is generated from the zod schema and kept up to date. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { experimentSchemaText } from '../../src/sweep/write-schema.js';

describe('experiment JSON Schema', () => {
  it('schema/experiment.schema.json matches the zod schema (regenerate: npx tsx src/sweep/write-schema.ts)', () => {
    expect(fs.readFileSync('schema/experiment.schema.json', 'utf8')).toBe(experimentSchemaText());
  });
  it('describes every design type', () => {
    const text = experimentSchemaText();
    for (const t of ['grid', 'list', 'lhs', 'sobol', 'morris']) expect(text).toContain(`"const": "${t}"`);
  });
});
