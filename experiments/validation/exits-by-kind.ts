/**
 * Do the established business-service firms (KIBS) outlast the established SMEs because
 * they are more capable? (docs/model/demography.md, "The kind of an entrant".) Exits a
 * firm-year of SMEs and KIBS, young (under 2 years) and established (2 years or more), and
 * the mean capability of the established ones, over the steps after the scenario's warm-up.
 *
 *   npx tsx experiments/validation/exits-by-kind.ts [scenario] [seeds] [steps] [PATH=VALUE ...]
 *   (defaults: scenarios/default.yaml, seeds 1-3, 120 steps after the warm-up)
 *
 * PATH=VALUE changes a scenario field as `--set` does, e.g. `populations.2.absorptive=[0.2,0.5]`
 * gives default.yaml's KIBS the SMEs' absorptive capacity. Per step, before it: each living
 * SME's and KIBS's stable id, kind and age class; after it, the firms whose id is gone exited
 * in it. Leading firms are left out. The capability columns are means over the firm-steps at
 * risk of the established firms: absorptive capacity, ICT adoption, product lines, quality,
 * relative knowledge and capital per employee.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { parseOverrides } from '../../src/experiments/overrides.js';
import { Simulation } from '../../src/engine/simulate.js';
import { Kind } from '../../src/engine/population.js';
import { stepsPerYear } from '../../src/engine/frontier.js';

const GROUPS = ['SME, under 2 years', 'SME, 2 years or more', 'KIBS, under 2 years', 'KIBS, 2 years or more'] as const;
const COLUMNS = ['absorptive', 'ict', 'lines', 'quality', 'knowledge', 'capital/employee'] as const;

async function main(): Promise<void> {
  const [file = 'scenarios/default.yaml', seedArg = '3', stepArg = '120', ...sets] = process.argv.slice(2);
  const seeds = Number(seedArg), steps = Number(stepArg);
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(steps) || steps < 1) throw new Error('usage: exits-by-kind.ts [scenario] [seeds >= 1] [steps >= 1] [PATH=VALUE ...]');
  const overrides = parseOverrides(sets);
  const G = GROUPS.length;
  const atRisk = new Array<number>(G).fill(0), exits = new Array<number>(G).fill(0);
  const sums = GROUPS.map(() => new Array<number>(COLUMNS.length).fill(0));
  const perSeed: string[] = [];
  let spy = 4;
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = new Simulation(await loadScenarioFile(file, overrides), { seed, steps });
    spy = stepsPerYear(sim.state);
    const seedRisk = new Array<number>(G).fill(0), seedExits = new Array<number>(G).fill(0);
    while (sim.done < steps) {
      const pop = sim.state.pop;
      const before = new Map<number, number>();
      for (let i = 0; i < pop.n; i++) {
        const k = pop.kind[i]!;
        if (!pop.alive[i] || (k !== Kind.sme && k !== Kind.kibs)) continue;
        const old = pop.age[i]! / spy >= 2;
        const g = (k === Kind.kibs ? 2 : 0) + (old ? 1 : 0);
        before.set(pop.id[i]!, g);
        atRisk[g]!++;
        seedRisk[g]!++;
        const row = [pop.absorptive[i]!, pop.ict[i]!, pop.lines[i]!, pop.quality[i]!, pop.knowledge[i]!, pop.capital[i]! / Math.max(1, pop.employees[i]!)];
        for (let c = 0; c < row.length; c++) sums[g]![c]! += row[c]!;
      }
      sim.step();
      const after = sim.state.pop;
      for (let i = 0; i < after.n; i++) if (after.alive[i]) before.delete(after.id[i]!);
      for (const g of before.values()) { exits[g]!++; seedExits[g]!++; }
    }
    perSeed.push(`seed ${seed}: ${GROUPS.map((_, g) => (seedExits[g]! / (seedRisk[g]! / spy)).toFixed(3)).join(' / ')}`);
  }
  console.log(`${file}${sets.length ? ` (${sets.join(', ')})` : ''}, seeds 1-${seeds}, ${steps} steps after the warm-up`);
  console.log(`${'group'.padEnd(24)}${'firm-years'.padStart(11)}${'exits/yr'.padStart(9)}${COLUMNS.map((c) => c.padStart(17)).join('')}`);
  for (let g = 0; g < G; g++) {
    const n = atRisk[g]!;
    console.log(`${GROUPS[g]!.padEnd(24)}${(n / spy).toFixed(0).padStart(11)}${(n ? exits[g]! / (n / spy) : NaN).toFixed(3).padStart(9)}${sums[g]!.map((s) => (n ? s / n : NaN).toFixed(3).padStart(17)).join('')}`);
  }
  console.log(`exits a firm-year by seed (${GROUPS.join(' / ')}):`);
  for (const line of perSeed) console.log(`  ${line}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
