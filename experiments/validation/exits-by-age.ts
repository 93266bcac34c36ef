/**
 * Why the exit hazard falls so little with age (docs/model/stylised-facts.md, "The hazard falls
 * with age"): how many product lines firms hold at each age, and whether the firms that exit
 * held only one line when their last step began (the line-lapse exit of Klette & Kortum 2004)
 * or more (they lost lines and then money: capital below zero or the loss hazard).
 *
 *   npx tsx experiments/validation/exits-by-age.ts [scenario] [seeds] [steps]
 *   (defaults: scenarios/default.yaml, seeds 1-3, 120 steps after the scenario's warm-up)
 *
 * Per step, before it: each living firm's stable id, age and lines; after it, the firms whose
 * id is gone exited in it. Prints, by age class (years): firm-years at risk, exits a firm-year,
 * the same exits split by the lines the firm held as the step began (one, or more), the
 * chance a year that a firm with one line holds two or more after a step (it won a line),
 * mean lines, the share of firms with one line, and the competitiveness of one of the firm's
 * lines (market.ts varietyWeight of its quality and unit price, what a contested line goes by)
 * over the mean of the market's lines, with its quality and unit price over theirs.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulate.js';
import { isFirmKind } from '../../src/engine/population.js';
import { stepsPerYear } from '../../src/engine/frontier.js';
import { unitPrice, varietyWeight } from '../../src/engine/mechanisms/market.js';

const CLASSES = [0, 1, 2, 3, 5, 10, 20, Infinity];
const classOf = (years: number) => CLASSES.findIndex((c, k) => years >= c && years < CLASSES[k + 1]!);
const label = (k: number) => `${CLASSES[k]}${CLASSES[k + 1] === Infinity ? '+' : `-${CLASSES[k + 1]}`}`;

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const seeds = Number(process.argv[3] ?? 3), steps = Number(process.argv[4] ?? 120);
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(steps) || steps < 1) throw new Error('usage: exits-by-age.ts [scenario] [seeds >= 1] [steps >= 1]');
  const C = CLASSES.length - 1;
  const atRisk = new Array<number>(C).fill(0), lines = new Array<number>(C).fill(0), single = new Array<number>(C).fill(0);
  const comp = new Array<number>(C).fill(0), qual = new Array<number>(C).fill(0), price = new Array<number>(C).fill(0);
  const exitsOne = new Array<number>(C).fill(0), exitsMore = new Array<number>(C).fill(0), grew = new Array<number>(C).fill(0);
  let spy = 4;
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = new Simulation(await loadScenarioFile(file), { seed, steps });
    spy = stepsPerYear(sim.state);
    while (sim.done < steps) {
      const pop = sim.state.pop, mp = sim.state.scenario.parameters.mechanisms;
      const rdCost = mp.innovation.enabled ? mp.innovation.rdCostPerEmployee : 0;
      // Each firm's quality, unit price and competitiveness, and the lines-weighted means
      // (the districts measured here are one market each).
      const q = new Float64Array(pop.n), pr = new Float64Array(pop.n), w = new Float64Array(pop.n);
      let L = 0, qL = 0, pL = 0, wL = 0;
      for (let i = 0; i < pop.n; i++) {
        if (!pop.alive[i] || !isFirmKind(pop.kind[i]!)) continue;
        q[i] = pop.quality[i]!;
        pr[i] = unitPrice(pop.employees[i]!, pop.ict[i]!, pop.rdEffort[i]!, rdCost, mp.market);
        w[i] = varietyWeight(q[i]!, pr[i]!, mp.market);
        const l = pop.lines[i]!;
        L += l; qL += l * q[i]!; pL += l * pr[i]!; wL += l * w[i]!;
      }
      const before = new Map<number, { cls: number; lines: number }>();
      for (let i = 0; i < pop.n; i++) {
        if (!pop.alive[i] || !isFirmKind(pop.kind[i]!)) continue;
        const cls = classOf(pop.age[i]! / spy);
        comp[cls]! += w[i]! / (wL / L);
        qual[cls]! += q[i]! / (qL / L);
        price[cls]! += pr[i]! / (pL / L);
        before.set(pop.id[i]!, { cls, lines: pop.lines[i]! });
        atRisk[cls]!++;
        lines[cls]! += pop.lines[i]!;
        if (pop.lines[i]! <= 1) single[cls]!++;
      }
      sim.step();
      const after = sim.state.pop;
      for (let i = 0; i < after.n; i++) {
        if (!after.alive[i]) continue;
        const b = before.get(after.id[i]!);
        if (b && b.lines <= 1 && after.lines[i]! >= 2) grew[b.cls]!++;
        before.delete(after.id[i]!);
      }
      for (const { cls, lines: l } of before.values()) (l <= 1 ? exitsOne : exitsMore)[cls]!++;
    }
  }
  const years = (k: number) => atRisk[k]! / spy;
  const row = (name: string, f: (k: number) => string) => console.log(`${name.padEnd(34)}${Array.from({ length: C }, (_, k) => f(k).padStart(8)).join('')}`);
  console.log(`${file}, seeds 1-${seeds}, ${steps} steps after the warm-up; firms (SMEs, leading firms, KIBS)`);
  row('age (years)', label);
  row('firm-years at risk', (k) => years(k).toFixed(0));
  row('exits a firm-year', (k) => ((exitsOne[k]! + exitsMore[k]!) / years(k)).toFixed(3));
  row('  of firms with one line', (k) => (exitsOne[k]! / years(k)).toFixed(3));
  row('  of firms with more lines', (k) => (exitsMore[k]! / years(k)).toFixed(3));
  row('one line to two or more a year', (k) => (grew[k]! / (single[k]! / spy)).toFixed(3));
  row('mean lines', (k) => (lines[k]! / atRisk[k]!).toFixed(2));
  row('share with one line', (k) => (single[k]! / atRisk[k]!).toFixed(2));
  row('competitiveness / market mean', (k) => (comp[k]! / atRisk[k]!).toFixed(2));
  row('  quality / market mean', (k) => (qual[k]! / atRisk[k]!).toFixed(2));
  row('  unit price / market mean', (k) => (price[k]! / atRisk[k]!).toFixed(2));
  const one = exitsOne.reduce((a, b) => a + b, 0), more = exitsMore.reduce((a, b) => a + b, 0);
  console.log(`exits: ${one + more}, of which ${((100 * one) / (one + more)).toFixed(0)} % held one line as their last step began`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
