/**
 * src/engine and src/experiments stay browser-safe (they will run in a web worker): no Node
 * built-ins, no process, no worker threads, no file access. The WebAssembly kernel is
 * embedded as bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('browser-safe folders', () => {
  it.each(['src/engine', 'src/experiments'].flatMap(files).filter((f) => f.endsWith('.ts')))('%s imports nothing from Node', (f) => {
    const text = fs.readFileSync(f, 'utf8');
    expect(text).not.toMatch(/from '(node:|fs|path|os|child_process|worker_threads|piscina)/);
    expect(text).not.toMatch(/\bprocess\.|\brequire\(/);
  });
});
