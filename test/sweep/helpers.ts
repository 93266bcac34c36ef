/** Small helpers for sweep tests: temporary folders and fixture paths. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string) => path.join(FIXTURES, name);

export function tempDir(prefix = 'clustersim-sweep-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
