/**
 * Is the settled district's distribution of product lines per firm the logarithmic one of
 * Klette & Kortum (2004)? In their model every line is won and lost at rates proportional to
 * a firm's number of lines (Gibrat's law for lines), and the stationary distribution of lines
 * per firm, given entry at one line, is the logarithmic series
 *   P(n) = -x^n / (n ln(1 - x)),  0 < x < 1,
 * a skewed distribution with a geometric tail, thinner than any Pareto tail (Luttmer 2011:
 * a K-K economy needs persistent differences in firms' growth for a Zipf tail). The model's
 * line process is of that kind (docs/model/market.md), so after the warm-up's legacy has gone
 * its size tail should be thinner than Zipf's (docs/model/stylised-facts.md, "The Zipf tail
 * holds after the shipped warm-up only").
 *
 * This runs a scenario with a given warm-up, counts every firm's product lines at each year
 * start of the recorded steps, fits x by maximum likelihood (the sample mean equals the
 * series' mean -x / ((1 - x) ln(1 - x))) and prints observed against fitted shares, and the
 * Hill index of the top decile of lines for comparison with the facts' Hill index of
 * employees.
 *
 *   npx tsx experiments/validation/lines-distribution.ts [scenario] [warmup] [seeds] [steps] [PATH=VALUE ...]
 *   (defaults: scenarios/default.yaml, warm-up 1200, seeds 1-10, 120 recorded steps; each
 *   PATH=VALUE changes a field of the scenario as --set does on the command line)
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { parseOverrides } from '../../src/experiments/overrides.js';
import { Simulation } from '../../src/engine/simulate.js';
import { isFirmKind } from '../../src/engine/population.js';
import { stepsPerYear } from '../../src/engine/frontier.js';

/** Mean of the logarithmic series with parameter x. */
const seriesMean = (x: number) => -x / ((1 - x) * Math.log(1 - x));

/** x whose series mean is m (m > 1), by bisection: the mean rises with x. */
function fitX(m: number): number {
  let lo = 1e-12, hi = 1 - 1e-12;
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (seriesMean(mid) < m) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Hill estimate of the tail index over the largest `share` of the values (all > 0). */
function hill(values: number[], share: number): number {
  const v = [...values].sort((a, b) => b - a);
  const k = Math.max(2, Math.floor(share * v.length));
  const xk = v[k]!;
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.log(v[i]! / xk);
  return s > 0 ? k / s : Infinity;
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const warmup = Number(process.argv[3] ?? 1200), seeds = Number(process.argv[4] ?? 10), steps = Number(process.argv[5] ?? 120);
  if (![warmup, seeds, steps].every(Number.isInteger) || warmup < 0 || seeds < 1 || steps < 1) {
    throw new Error('usage: lines-distribution.ts [scenario] [warmup >= 0] [seeds >= 1] [steps >= 1]');
  }
  const overrides = parseOverrides(process.argv.slice(6));
  const lines: number[] = [], employees: number[] = [], knowledge: number[] = [];
  const hillLines: number[] = [], hillEmployees: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const scenario = await loadScenarioFile(file, overrides);
    const sim = new Simulation({ ...scenario, warmup }, { seed, steps });
    const spy = stepsPerYear(sim.state);
    const runLines: number[] = [], runEmployees: number[] = [], runKnowledge: number[] = [];
    while (sim.done < steps) {
      if (sim.done % spy === 0) {
        const pop = sim.state.pop;
        for (let i = 0; i < pop.n; i++) {
          if (!pop.alive[i] || !isFirmKind(pop.kind[i]!) || pop.lines[i]! < 1) continue;
          runLines.push(pop.lines[i]!);
          runEmployees.push(Math.max(1, pop.employees[i]!));
          runKnowledge.push(pop.knowledge[i]!);
        }
      }
      sim.step();
    }
    hillLines.push(hill(runLines, 0.1));
    hillEmployees.push(hill(runEmployees, 0.1));
    lines.push(...runLines);
    employees.push(...runEmployees);
    knowledge.push(...runKnowledge);
  }
  const n = lines.length, mean = lines.reduce((a, b) => a + b, 0) / n, x = fitX(mean);
  const p = (k: number) => -(x ** k) / (k * Math.log(1 - x));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`${file}${overrides.length ? ` (${process.argv.slice(6).join(', ')})` : ''}, warm-up ${warmup}, seeds 1-${seeds}, ${steps} recorded steps; ${n} firm-years, mean lines ${mean.toFixed(3)}, fitted x ${x.toFixed(4)}`);
  console.log('lines      observed share   logarithmic series');
  const bins: [number, number][] = [[1, 1], [2, 2], [3, 3], [4, 5], [6, 10], [11, 20], [21, 50], [51, Infinity]];
  for (const [a, b] of bins) {
    const obs = lines.filter((v) => v >= a && v <= b).length / n;
    let fit = 0;
    if (b === Infinity) { fit = 1; for (let k = 1; k < a; k++) fit -= p(k); }
    else for (let k = a; k <= b; k++) fit += p(k);
    console.log(`${(b === Infinity ? `${a}+` : a === b ? `${a}` : `${a}-${b}`).padEnd(11)}${obs.toExponential(2).padStart(14)}${fit.toExponential(2).padStart(21)}`);
  }
  console.log(`largest line count: ${Math.max(...lines)}; the series gives at most this many firm-years above it: ${(n * (x ** (Math.max(...lines) + 1)) / (-(Math.max(...lines) + 1) * Math.log(1 - x) * (1 - x))).toExponential(2)}`);
  console.log(`Hill index of the top 10 %, mean over runs: lines ${avg(hillLines).toFixed(2)}, employees ${avg(hillEmployees).toFixed(2)}`);
  // Relative knowledge (knowledge over the sector's frontier) by line count: how much more
  // the firms of the upper tier know.
  const byClass = [[1, 1], [2, 5], [6, 10], [11, Infinity]].map(([a, b]) => {
    const k = knowledge.filter((_, q) => lines[q]! >= a! && lines[q]! <= b!);
    return `${b === Infinity ? `${a}+` : a === b ? `${a}` : `${a}-${b}`} lines ${k.length ? avg(k).toFixed(3) : '-'}`;
  });
  console.log(`mean relative knowledge: ${byClass.join(', ')}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
