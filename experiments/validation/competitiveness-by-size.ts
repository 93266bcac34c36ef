/**
 * Where do firms of each size stand in competitiveness per line, the weight a contested
 * product line goes by, (q / p)^(elasticity - 1) (docs/model/market.md)? Under `lineLoss:
 * relative` a line is lost with chance 2 l c_avg / (c + c_avg), so a size class below the
 * market's lines-weighted average c_avg loses its lines faster than the lapse l.
 *
 *   npx tsx experiments/validation/competitiveness-by-size.ts [scenario] [seeds] [steps]
 *   (defaults: scenarios/default.yaml, 3 seeds, 120 steps after the scenario's warm-up)
 *
 * Every 4th step, for each firm: c / c_avg of its market (region x sector), and the
 * per-step chance of losing a line under `relative` over that under `uniform`, 2 c_avg / (c +
 * c_avg). Prints, by size class (employees), the firms' share of lines, their lines-weighted
 * mean c / c_avg and that loss factor.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulate.js';
import { isFirmKind } from '../../src/engine/population.js';
import { unitPrice, varietyWeight } from '../../src/engine/mechanisms/market.js';

const CLASSES = [0, 10, 20, 50, 100, 250, Infinity];

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const seeds = Number(process.argv[3] ?? 3), steps = Number(process.argv[4] ?? 120);
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(steps) || steps < 1) throw new Error('usage: competitiveness-by-size.ts [scenario] [seeds >= 1] [steps >= 1]');
  const K = CLASSES.length - 1;
  const lines = new Float64Array(K), rel = new Float64Array(K), loss = new Float64Array(K), firms = new Float64Array(K);
  let total = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = new Simulation(await loadScenarioFile(file), { seed, steps });
    while (sim.done < steps) {
      if (sim.done % 4 === 0) {
        const pop = sim.state.pop, mp = sim.state.scenario.parameters.mechanisms;
        const rdCost = mp.innovation.enabled ? mp.innovation.rdCostPerEmployee : 0;
        const S = sim.state.sectors.length;
        const c = new Map<number, number>(), wL = new Map<number, number>(), L = new Map<number, number>();
        const marketOf = (i: number) => pop.region[i]! * S + pop.sector[i]!;
        for (let i = 0; i < pop.n; i++) {
          if (!pop.alive[i] || !isFirmKind(pop.kind[i]!)) continue;
          const p = unitPrice(pop.employees[i]!, pop.ict[i]!, pop.rdEffort[i]!, rdCost, mp.market, pop.efficiency[i]!);
          const w = varietyWeight(pop.quality[i]!, p, mp.market), m = marketOf(i), l = pop.lines[i]!;
          c.set(i, w);
          wL.set(m, (wL.get(m) ?? 0) + l * w);
          L.set(m, (L.get(m) ?? 0) + l);
        }
        for (const [i, w] of c) {
          const m = marketOf(i), avg = wL.get(m)! / L.get(m)!, l = pop.lines[i]!, e = pop.employees[i]!;
          const k = CLASSES.findIndex((lo, j) => e >= lo && e < CLASSES[j + 1]!);
          firms[k]!++;
          lines[k]! += l;
          rel[k]! += l * (w / avg);
          loss[k]! += l * ((2 * avg) / (w + avg));
          total += l;
        }
      }
      sim.step();
    }
  }
  console.log(`${file}, seeds 1-${seeds}, ${steps} steps after the warm-up, every 4th step; lines-weighted means`);
  console.log(['employees', 'firms (share)', 'lines (share)', 'c / c_avg', 'loss factor under relative'].join('\t'));
  const nf = firms.reduce((a, b) => a + b, 0);
  for (let k = 0; k < K; k++) {
    if (lines[k] === 0) continue;
    const label = CLASSES[k + 1] === Infinity ? `${CLASSES[k]}+` : `${CLASSES[k]}-${CLASSES[k + 1]! - 1}`;
    console.log([label, (firms[k]! / nf).toFixed(3), (lines[k]! / total).toFixed(3), (rel[k]! / lines[k]!).toFixed(3), (loss[k]! / lines[k]!).toFixed(3)].join('\t'));
  }
}

main().catch((e: unknown) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
