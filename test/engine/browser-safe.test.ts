/**
 * src/engine and src/experiments stay browser-safe (they run in the explorer's web worker):
 * no Node built-ins, no process, no worker threads, no file access. The WebAssembly kernel is
 * embedded as bytes. The explorer's own modules (src/explorer, src/scenario, and the CSV
 * writer src/io/format.ts) are held to the same rule.
 *
 * And the engine computes the same bits on every JavaScript engine: it takes log, exp, pow,
 * sin and cos from src/engine/math.ts, never from Math (whose last bit differs between
 * engines, e.g. Node 20 and Chrome; math.ts explains).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const browserSafe = ['src/engine', 'src/experiments', 'src/explorer', 'src/scenario'].flatMap(files).concat('src/io/format.ts').filter((f) => f.endsWith('.ts'));

describe('browser-safe folders', () => {
  it.each(browserSafe)('%s imports nothing from Node', (f) => {
    const text = fs.readFileSync(f, 'utf8');
    expect(text).not.toMatch(/from '(node:|fs|path|os|child_process|worker_threads|piscina)/);
    expect(text).not.toMatch(/\bprocess\.|\brequire\(/);
  });
});

describe('engine arithmetic', () => {
  // AssemblyScript sources (*.as.ts) compile their Math to WebAssembly, which is the same everywhere.
  const engine = files('src/engine').filter((f) => f.endsWith('.ts') && !f.endsWith('.as.ts') && !f.endsWith('math.ts'));
  it.each(engine)('%s takes transcendental functions from src/engine/math.ts, not Math', (f) => {
    const code = fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bMath\.(log|exp|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|log2|log10|log1p|expm1|cbrt|hypot)\b/);
  });
});
