/**
 * `npm run bench`: the benchmark suite (suite.ts), printed as a table and written to
 * out/bench/bench.json. `npm run bench -- --help` lists the options. See docs/performance.md
 * for what each figure means and the targets.
 */
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { writeAtomic } from '../io/files.js';
import { formatReport, runSuite } from './suite.js';

export interface BenchArgs {
  quick: boolean;
  sweep: boolean;
  sizes?: number[];
  out: string;
}

/** The benchmark's options; an unknown option or a bad size throws a message that says what is allowed. */
export async function parseBenchArgs(argv: string[]): Promise<BenchArgs> {
  const a = await yargs(argv)
    .scriptName('npm run bench --')
    .usage('$0 [options]\n\nThroughput, scaling, memory and sweep efficiency of the simulation (docs/performance.md).')
    .option('quick', { type: 'boolean', default: false, describe: 'a smoke run of a few seconds: a few thousand agents, a few steps, a tiny sweep' })
    .option('sweep', { type: 'boolean', default: true, describe: 'measure sweep efficiency (--no-sweep skips it)' })
    .option('sizes', { type: 'string', describe: 'agent counts to measure, comma-separated (default 1000,10000,100000,1000000)' })
    .option('out', { type: 'string', default: path.join('out', 'bench', 'bench.json'), describe: 'where to write the JSON report' })
    .strict()
    .version(false)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new Error(`${msg} (npm run bench -- --help lists the options)`);
    })
    .help()
    .parseAsync();
  const sizes = a.sizes?.split(',').map(Number);
  if (sizes && sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error(`--sizes takes whole numbers >= 10, comma-separated, got: ${a.sizes}`);
  return { quick: a.quick, sweep: a.sweep, sizes, out: a.out };
}

async function main(): Promise<void> {
  const argv = hideBin(process.argv);
  const opts = await parseBenchArgs(argv);
  // --help has printed the options: nothing to run.
  if (argv.includes('--help') || argv.includes('-h')) return;
  const report = await runSuite({ quick: opts.quick, sizes: opts.sizes, noSweep: !opts.sweep, log: (l) => process.stderr.write(`${l}\n`) });
  // Written whole or not at all: an interrupted benchmark leaves no half-written bench.json.
  await writeAtomic(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${formatReport(report)}\n\nwritten: ${opts.out}\n`);
}

// Run only as the entry point, so tests can import parseBenchArgs.
if (process.argv[1] && path.resolve(process.argv[1]).replace(/\.ts$/, '.js').endsWith(path.join('bench', 'main.js'))) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
