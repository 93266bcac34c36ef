/**
 * How dispersed is productivity across the firms of the steady state? (docs/model/market.md,
 * "Efficiency": why the persistent efficiency option is off.) The 90:10 gap, across the living
 * firms (SMEs, leading firms, KIBS), of
 *
 * - ln(q a): quality times productivity, a = efficiency x (1 + ictProductivity x ict), the
 *   model's counterpart of ln TFP ([Syverson 2004]: 0.65 within US 4-digit industries);
 * - ln(revenue / employee): labour productivity in sales;
 * - ln(q / unit price): what a contested line goes by (market.ts unitPrice), narrower since
 *   larger firms produce dearer per unit.
 *
 *   npx tsx experiments/validation/productivity-dispersion.ts [scenario] [seeds] [steps]
 *   (defaults: scenarios/default.yaml, seeds 1-3, 120 steps after the warm-up)
 *
 * Each gap is taken every 10th step and averaged over those steps, per seed.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulate.js';
import { isFirmKind } from '../../src/engine/population.js';
import { unitPrice } from '../../src/engine/mechanisms/market.js';

/** The p-quantile of xs (the element at floor(p (n - 1)) of the sorted values). */
function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(p * (s.length - 1))]!;
}

const gap = (xs: number[]) => quantile(xs, 0.9) - quantile(xs, 0.1);
const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const seeds = Number(process.argv[3] ?? 3), steps = Number(process.argv[4] ?? 120);
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(steps) || steps < 10) throw new Error('usage: productivity-dispersion.ts [scenario] [seeds >= 1] [steps >= 10]');
  console.log(`${file}, ${steps} steps after the warm-up; 90:10 gaps, mean over every 10th step`);
  console.log(`${'seed'.padEnd(6)}${'ln(q a)'.padStart(10)}${'ln(rev/emp)'.padStart(13)}${'ln(q/price)'.padStart(13)}`);
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = new Simulation(await loadScenarioFile(file), { seed, steps });
    const tfp: number[] = [], labour: number[] = [], offer: number[] = [];
    while (sim.done < steps) {
      sim.step();
      if (sim.done % 10 !== 0) continue;
      const pop = sim.state.pop, mp = sim.state.scenario.parameters.mechanisms;
      const rd = mp.innovation.enabled ? mp.innovation.rdCostPerEmployee : 0;
      const a: number[] = [], b: number[] = [], c: number[] = [];
      for (let i = 0; i < pop.n; i++) {
        if (!pop.alive[i] || !isFirmKind(pop.kind[i]!)) continue;
        const q = Math.max(1e-9, pop.quality[i]!), E = Math.max(1, pop.employees[i]!);
        a.push(Math.log(q * pop.efficiency[i]! * (1 + mp.market.ictProductivity * pop.ict[i]!)));
        b.push(Math.log(Math.max(1e-9, pop.revenue[i]!) / E));
        c.push(Math.log(q / unitPrice(E, pop.ict[i]!, pop.rdEffort[i]!, rd, mp.market, pop.efficiency[i]!)));
      }
      tfp.push(gap(a)); labour.push(gap(b)); offer.push(gap(c));
    }
    console.log(`${String(seed).padEnd(6)}${mean(tfp).toFixed(3).padStart(10)}${mean(labour).toFixed(3).padStart(13)}${mean(offer).toFixed(3).padStart(13)}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
