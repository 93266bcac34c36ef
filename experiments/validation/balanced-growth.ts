/**
 * Long runs of the scenarios whose sectors' demand grows or shrinks (docs/validation.md,
 * "Scenarios with demand growth"): is their firm count a balanced-growth path, firms in
 * proportion to demand, or does it run away from demand or collapse?
 *
 *   npx tsx experiments/validation/balanced-growth.ts [steps] [seeds] scenario.yaml ...
 *   (defaults: 400 steps after each scenario's warm-up, seeds 1-3)
 *
 * For each run it prints the firm count and the firms per unit of demand, sum over sectors
 * of firms_s / demand_s (demand_s the sector's demand index, 1 at step 0), at steps 0,
 * steps/4, steps/2, 3 steps/4 and steps, and the relative drift of the firms per unit of demand over the second
 * half: the least-squares slope times the window over the window's mean, the statistic the
 * dynamics check applies to the firm count itself.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulate.js';
import { isFirmKind } from '../../src/engine/population.js';

/** Relative least-squares drift of ys over steps from..to. */
function drift(ys: readonly number[], from: number, to: number): number {
  let sx = 0, sy = 0;
  const n = to - from + 1;
  for (let t = from; t <= to; t++) { sx += t; sy += ys[t]!; }
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0;
  for (let t = from; t <= to; t++) { sxy += (t - mx) * (ys[t]! - my); sxx += (t - mx) ** 2; }
  return ((sxy / sxx) * (to - from)) / my;
}

async function main(): Promise<void> {
  const [stepsArg, seedsArg, ...files] = process.argv.slice(2);
  const steps = Number(stepsArg ?? 400), seeds = Number(seedsArg ?? 3);
  if (!Number.isInteger(steps) || steps < 4 || !Number.isInteger(seeds) || seeds < 1 || files.length === 0) {
    throw new Error('usage: balanced-growth.ts [steps >= 4] [seeds >= 1] scenario.yaml ...');
  }
  const half = Math.floor(steps / 2);
  const marks = ['0', '1/4', '1/2', '3/4', 'end'];
  console.log(['scenario', 'seed', ...marks.map((m) => `firms ${m}`), ...marks.map((m) => `per demand ${m}`), 'drift of per demand over the second half'].join(','));
  for (const file of files) {
    const scenario = await loadScenarioFile(file);
    for (let seed = 1; seed <= seeds; seed++) {
      const sim = new Simulation(scenario, { seed, steps });
      const firms: number[] = [], perDemand: number[] = [];
      const observe = () => {
        const pop = sim.state.pop, sectors = sim.state.sectors;
        const bySector = new Array<number>(sectors.length).fill(0);
        for (let i = 0; i < pop.n; i++) if (pop.alive[i] && isFirmKind(pop.kind[i]!)) bySector[pop.sector[i]!]!++;
        firms.push(bySector.reduce((a, b) => a + b, 0));
        perDemand.push(bySector.reduce((a, c, s) => a + c / sectors[s]!.demand, 0));
      };
      observe();
      while (sim.done < steps) {
        sim.step();
        observe();
      }
      const pts = [0, Math.floor(steps / 4), half, Math.floor((3 * steps) / 4), steps];
      const cells = [file, seed, ...pts.map((t) => firms[t]!), ...pts.map((t) => perDemand[t]!.toFixed(0)), drift(perDemand, half, steps).toFixed(3)];
      console.log(cells.join(','));
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
