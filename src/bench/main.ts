/**
 * `npm run bench`: the benchmark suite (suite.ts), printed as a table and written to
 * out/bench/bench.json. Options:
 *   --quick        a small smoke run (CI): a few thousand agents, a few steps, a tiny sweep;
 *   --no-sweep     skip the sweep benchmark;
 *   --sizes a,b,c  agent counts to measure (default 1000,10000,100000,1000000);
 *   --out FILE     where to write the JSON (default out/bench/bench.json).
 * See docs/performance.md for what each figure means and the targets.
 */
import path from 'node:path';
import { writeAtomic } from '../io/files.js';
import { formatReport, runSuite } from './suite.js';

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(name);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = arg('--sizes')?.split(',').map(Number);
  if (sizes && sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error(`--sizes takes whole numbers >= 10, comma-separated: ${arg('--sizes')}`);
  const out = arg('--out') ?? path.join('out', 'bench', 'bench.json');
  const report = await runSuite({ quick, sizes, noSweep: process.argv.includes('--no-sweep'), log: (l) => process.stderr.write(`${l}\n`) });
  // Written whole or not at all: an interrupted benchmark leaves no half-written bench.json.
  await writeAtomic(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${formatReport(report)}\n\nwritten: ${out}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
