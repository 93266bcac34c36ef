/**
 * Where does the right skew of log firm size come from? (docs/model/stylised-facts.md, "The
 * log-size distribution is right-skewed".) [Cabral 2003] find log size right-skewed among
 * young firms and nearer symmetric among older ones. This prints, by age class (years), the
 * moment skewness of ln(employees) within the class and its mean, next to the skewness over
 * all firms: if every class is near symmetric and the pooled distribution is not, the skew
 * comes from mixing classes of different mean size, not from within a cohort.
 *
 *   npx tsx experiments/validation/log-size-by-age.ts [scenario] [seeds] [steps] [fine]
 *   (defaults: scenarios/default.yaml, seeds 1-3, 120 steps after the warm-up; `fine` splits
 *   the ages into ten classes up to 80+ years instead of five up to 20+)
 *
 * Besides the log size it prints each class's mean number of product lines and mean relative
 * knowledge (a firm's knowledge over its sector's frontier): how a cohort's survivors grow
 * (Jovanovic 1982; Klette & Kortum 2004: survivors of a cohort add lines as it ages); and
 * their access to partners' learning: mean ties and the share working on a joint project.
 *
 * Firms are SMEs, leading firms and KIBS; sizes are taken at each year start (every 4th step
 * of a quarterly scenario), as the facts command does; a class's skewness is averaged over
 * the year starts at which it holds at least 8 firms.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulate.js';
import { isFirmKind } from '../../src/engine/population.js';
import { stepsPerYear } from '../../src/engine/frontier.js';

const FINE = process.argv[5] === 'fine';
const CLASSES = FINE ? [0, 2, 5, 10, 15, 20, 30, 40, 60, 80, Infinity] : [0, 2, 5, 10, 20, Infinity];
const label = (k: number) => `${CLASSES[k]}${CLASSES[k + 1] === Infinity ? '+' : `-${CLASSES[k + 1]}`}`;

function moments(xs: number[]): { mean: number; skew: number } {
  const n = xs.length, mean = xs.reduce((a, b) => a + b, 0) / n;
  let m2 = 0, m3 = 0;
  for (const v of xs) { const d = v - mean; m2 += d * d; m3 += d * d * d; }
  m2 /= n; m3 /= n;
  return { mean, skew: m2 > 0 ? m3 / m2 ** 1.5 : 0 };
}

const avg = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const seeds = Number(process.argv[3] ?? 3), steps = Number(process.argv[4] ?? 120);
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(steps) || steps < 1 || (process.argv[5] !== undefined && !FINE)) {
    throw new Error('usage: log-size-by-age.ts [scenario] [seeds >= 1] [steps >= 1] [fine]');
  }
  const C = CLASSES.length - 1;
  const skews = Array.from({ length: C }, () => [] as number[]), means = Array.from({ length: C }, () => [] as number[]);
  const firms = new Array<number>(C).fill(0), pooled: number[] = [];
  const lines = Array.from({ length: C }, () => [] as number[]), knowledge = Array.from({ length: C }, () => [] as number[]);
  const degree = Array.from({ length: C }, () => [] as number[]), inProject = Array.from({ length: C }, () => [] as number[]);
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = new Simulation(await loadScenarioFile(file), { seed, steps });
    const spy = stepsPerYear(sim.state);
    while (sim.done < steps) {
      if (sim.done % spy === 0) {
        const pop = sim.state.pop, by = Array.from({ length: C }, () => [] as number[]), all: number[] = [];
        const byLines = Array.from({ length: C }, () => [] as number[]), byKnowledge = Array.from({ length: C }, () => [] as number[]);
        const byDegree = Array.from({ length: C }, () => [] as number[]), byProject = Array.from({ length: C }, () => [] as number[]);
        for (let i = 0; i < pop.n; i++) {
          if (!pop.alive[i] || !isFirmKind(pop.kind[i]!)) continue;
          const years = pop.age[i]! / spy, k = CLASSES.findIndex((c, j) => years >= c && years < CLASSES[j + 1]!);
          const v = Math.log(Math.max(1, pop.employees[i]!));
          by[k]!.push(v);
          byLines[k]!.push(pop.lines[i]!);
          byKnowledge[k]!.push(pop.knowledge[i]!);
          byDegree[k]!.push(sim.state.ties.deg[i]!);
          byProject[k]!.push(pop.project[i]! >= 0 ? 1 : 0);
          all.push(v);
        }
        by.forEach((xs, k) => {
          if (xs.length < 8) return;
          const m = moments(xs);
          skews[k]!.push(m.skew); means[k]!.push(m.mean); firms[k]! += xs.length;
          lines[k]!.push(avg(byLines[k]!)); knowledge[k]!.push(avg(byKnowledge[k]!));
          degree[k]!.push(avg(byDegree[k]!)); inProject[k]!.push(avg(byProject[k]!));
        });
        pooled.push(moments(all).skew);
      }
      sim.step();
    }
  }
  console.log(`${file}, seeds 1-${seeds}, ${steps} steps after the warm-up, at year starts`);
  console.log(`skewness of ln(employees) over all firms: ${avg(pooled).toFixed(2)}`);
  console.log(`${'age (years)'.padEnd(24)}${Array.from({ length: C }, (_, k) => label(k).padStart(8)).join('')}`);
  console.log(`${'firms a year start'.padEnd(24)}${Array.from({ length: C }, (_, k) => (firms[k]! / Math.max(1, skews[k]!.length)).toFixed(0).padStart(8)).join('')}`);
  console.log(`${'mean ln(employees)'.padEnd(24)}${Array.from({ length: C }, (_, k) => avg(means[k]!).toFixed(2).padStart(8)).join('')}`);
  console.log(`${'skewness of ln(employees)'.padEnd(24)}${Array.from({ length: C }, (_, k) => avg(skews[k]!).toFixed(2).padStart(8)).join('')}`);
  console.log(`${'mean product lines'.padEnd(24)}${Array.from({ length: C }, (_, k) => avg(lines[k]!).toFixed(2).padStart(8)).join('')}`);
  console.log(`${'mean relative knowledge'.padEnd(24)}${Array.from({ length: C }, (_, k) => avg(knowledge[k]!).toFixed(3).padStart(8)).join('')}`);
  console.log(`${'mean ties'.padEnd(24)}${Array.from({ length: C }, (_, k) => avg(degree[k]!).toFixed(2).padStart(8)).join('')}`);
  console.log(`${'share in a project'.padEnd(24)}${Array.from({ length: C }, (_, k) => avg(inProject[k]!).toFixed(3).padStart(8)).join('')}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
