/** Running the command line from the sources, as a user would, for tests. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  const main = path.resolve('src/cli/main.ts');
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', main, ...args], { env: { ...process.env, ...opts.env }, cwd: opts.cwd }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A stack trace line (`    at fn (file:line:col)`). */
export const STACK = /\n\s+at .+:\d+/;

export function tempDir(prefix = 'cs-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `text` to `dir/name` and returns the path. */
export function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export const TINY = path.resolve('test/scenario/fixtures/tiny.yaml');
export const tinyText = (): string => fs.readFileSync(TINY, 'utf8');
