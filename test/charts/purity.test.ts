/** src/charts must stay browser-safe: no Node modules, no process, no file access. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/charts');

describe('chart builders are pure', () => {
  it('import only each other, vega-lite types and browser-safe stdlib-js statistics', () => {
    for (const f of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(path.join(DIR, f), 'utf8');
      const imports = [...src.matchAll(/^\s*(import|export)\b[^'"]*from\s+'([^']+)'/gm)].map((m) => ({ stmt: m[0], from: m[2] }));
      for (const { stmt, from } of imports) {
        if (from.startsWith('./')) continue;
        if (/^@stdlib\/stats-[a-z0-9-]+$/.test(from)) continue; // pure functions, no Node modules
        expect(from, `${f}: ${stmt}`).toBe('vega-lite');
        expect(stmt, `${f}: vega-lite is imported for types only`).toMatch(/import type/);
      }
      expect(src, `${f} uses process`).not.toMatch(/\bprocess\./);
      expect(src, `${f} uses require`).not.toMatch(/\brequire\(/);
    }
  });
});
