/**
 * Child-process entry of the benchmark: one measurement per process, so that sizes do not
 * share a heap or JIT state. Usage (main.ts does this):
 *   node --expose-gc --max-old-space-size=<MB> dist/src/bench/child.js '<RunSpec as JSON>'
 * Prints the RunResult as one JSON line on stdout.
 */
import { measureRun, type RunSpec } from './throughput.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as RunSpec;
process.stdout.write(`${JSON.stringify(measureRun(spec))}\n`);
