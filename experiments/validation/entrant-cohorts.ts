/**
 * Do the model's entrants go Jovanovic's path? (docs/model/stylised-facts.md, "Surviving
 * entrants hardly grow".) Follows every firm born in the recorded window, entrant or
 * spin-off, by its stable id, and splits the change of the entrants' standing with age into
 * what happens within the firms that survive and what selection does:
 *
 *   npx tsx experiments/validation/entrant-cohorts.ts [scenario] [seeds] [steps]
 *   (defaults: scenarios/default.yaml, seeds 1-3, 120 steps after the scenario's warm-up)
 *
 * In [Jovanovic 1982] an entrant does not know its efficiency; the efficient ones survive and
 * grow, so survivors started better (selection) and the survivors' standing rises with age.
 * Here a firm's standing is its competitiveness, what a contested product line goes by
 * (market.ts varietyWeight of its quality and unit price), with its quality, unit price and
 * relative knowledge, each over the lines-weighted mean of its market at that step (the
 * districts measured are one market each), and its product lines.
 *
 * For each age a (years), over the born firms whose age a falls inside the window:
 *   - survive: the share alive at age a;
 *   - at birth, all: their mean standing when first seen (the step after their birth);
 *   - at birth, survivors: the same, of those alive at age a. Above "all" means selection
 *     keeps the firms that started better;
 *   - at a, survivors: the survivors' standing at age a. Its change from "at birth,
 *     survivors" is what happened within the same firms.
 * Then the chance of surviving 3 years by third of the standing at birth, and by third of the
 * absorptive capacity (persistent: it changes only through training levers).
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulate.js';
import { isFirmKind } from '../../src/engine/population.js';
import { stepsPerYear } from '../../src/engine/frontier.js';
import { unitPrice, varietyWeight } from '../../src/engine/mechanisms/market.js';

const AGES = [0, 1, 2, 3, 5, 10];
const MEASURES = ['competitiveness', 'quality', 'unit price', 'rel. knowledge', 'lines'] as const;
type Standing = number[];

interface Born {
  /** born without a parent, spun off from a firm, or from a research institution */
  origin: 'entrant' | 'firm' | 'research';
  birthStep: number;
  absorptive: number;
  /** standing when first seen, then at each age of AGES reached (index as AGES), else undefined */
  at: (Standing | undefined)[];
  exitStep: number;
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const seeds = Number(process.argv[3] ?? 3), steps = Number(process.argv[4] ?? 120);
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(steps) || steps < 1) throw new Error('usage: entrant-cohorts.ts [scenario] [seeds >= 1] [steps >= 1]');
  const born: Born[] = [];
  let spy = 4;
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = new Simulation(await loadScenarioFile(file), { seed, steps });
    spy = stepsPerYear(sim.state);
    const mine = new Map<number, Born>();
    while (sim.done < steps) {
      const pop = sim.state.pop, mp = sim.state.scenario.parameters.mechanisms;
      const rdCost = mp.innovation.enabled ? mp.innovation.rdCostPerEmployee : 0;
      const t = sim.done;
      const stand = new Map<number, Standing>();
      let L = 0, wL = 0, qL = 0, pL = 0, kL = 0;
      for (let i = 0; i < pop.n; i++) {
        if (!pop.alive[i] || !isFirmKind(pop.kind[i]!)) continue;
        const p = unitPrice(pop.employees[i]!, pop.ict[i]!, pop.rdEffort[i]!, rdCost, mp.market, pop.efficiency[i]!);
        const s = [varietyWeight(pop.quality[i]!, p, mp.market), pop.quality[i]!, p, pop.knowledge[i]!, pop.lines[i]!];
        stand.set(i, s);
        const l = pop.lines[i]!;
        L += l; wL += l * s[0]!; qL += l * s[1]!; pL += l * s[2]!; kL += l * s[3]!;
      }
      const mean = [wL / L, qL / L, pL / L, kL / L, 1];
      const alive = new Set<number>();
      const kindOf = new Map<number, number>();
      for (let i = 0; i < pop.n; i++) if (pop.alive[i]) kindOf.set(pop.id[i]!, pop.kind[i]!);
      for (const [i, s] of stand) {
        const rel = s.map((v, m) => v / mean[m]!);
        const id = pop.id[i]!;
        alive.add(id);
        let b = mine.get(id);
        // Born in the last step (the initial population's birthStep is that of the build, so
        // it is told apart by age, not by birthStep).
        if (!b && pop.age[i] === 1 && t > 0) {
          const parent = pop.parent[i]!;
          b = { origin: parent < 0 ? 'entrant' : isFirmKind(kindOf.get(parent) ?? -1) ? 'firm' : 'research', birthStep: t - 1, absorptive: pop.absorptive[i]!, at: [rel], exitStep: -1 };
          mine.set(id, b);
          born.push(b);
        }
        if (!b) continue;
        const age = pop.age[i]!;
        AGES.forEach((a, k) => { if (k > 0 && age === a * spy) b!.at[k] = rel; });
      }
      for (const [id, b] of mine) if (b.exitStep < 0 && !alive.has(id)) b.exitStep = t;
      sim.step();
    }
  }
  const kinds: [string, Born['origin']][] = [['entrants (no parent)', 'entrant'], ['spin-offs of firms', 'firm'], ['spin-offs of research institutions', 'research']];
  console.log(`${file}, seeds 1-${seeds}, ${steps} steps after the warm-up; firms born in the window, standing over the market's lines-weighted mean`);
  for (const [name, origin] of kinds) {
    const group = born.filter((b) => b.origin === origin);
    if (group.length === 0) continue;
    console.log(`\n${name}: ${group.length}`);
    const head = ['age (years)', 'observable', 'survive', ...MEASURES.flatMap((m) => [`${m}: birth all`, 'birth surv.', 'at age surv.'])];
    console.log(head.join('\t'));
    AGES.forEach((a, k) => {
      if (k === 0) return;
      // Observable at age a: born early enough that age a falls inside the window.
      const obs = group.filter((b) => b.birthStep + a * spy < steps);
      const surv = obs.filter((b) => b.at[k] !== undefined);
      const avg = (xs: Born[], idx: number, m: number) => xs.reduce((s, b) => s + b.at[idx]![m]!, 0) / xs.length;
      const cells = [String(a), String(obs.length), (surv.length / obs.length).toFixed(3)];
      MEASURES.forEach((_, m) => cells.push(avg(obs, 0, m).toFixed(3), avg(surv, 0, m).toFixed(3), avg(surv, k, m).toFixed(3)));
      console.log(cells.join('\t'));
    });
    const horizon = 3 * spy;
    const obs = group.filter((b) => b.birthStep + horizon < steps);
    const byThird = (label: string, value: (b: Born) => number) => {
      if (obs.length < 3) { console.log(`survive 3 years by third of ${label}: too few firms observed for 3 years (${obs.length})`); return; }
      const sorted = [...obs].sort((x, y) => value(x) - value(y));
      const parts = [0, 1, 2].map((j) => sorted.slice(Math.floor((j * sorted.length) / 3), Math.floor(((j + 1) * sorted.length) / 3)));
      const share = parts.map((p) => p.filter((b) => b.exitStep < 0 || b.exitStep - b.birthStep > horizon).length / p.length);
      const range = parts.map((p) => `${value(p[0]!).toFixed(2)}-${value(p[p.length - 1]!).toFixed(2)}`);
      console.log(`survive 3 years by third of ${label} (${range.join(', ')}): ${share.map((s) => s.toFixed(3)).join(', ')}`);
    };
    byThird('competitiveness at birth', (b) => b.at[0]![0]!);
    byThird('quality at birth', (b) => b.at[0]![1]!);
    byThird('absorptive capacity', (b) => b.absorptive);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
