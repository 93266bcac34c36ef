/**
 * How often do the model's surviving firms change their product lines over five years?
 * (docs/model/market.md, `lineTurnover`.) [Bernard et al. 2010] find that one half of US
 * manufacturing firms alter their mix of five-digit products every five years (the working
 * paper, [Bernard et al. 2006], said two thirds). The model's counterpart: among the firms
 * alive at the start of a five-year window and still alive at its end, the share whose number
 * of product lines differs. A firm that lost one line and won another holds as many as before
 * and is not counted, so the share is a lower bound on the model's switching.
 *
 *   npx tsx experiments/validation/product-switching.ts [scenario] [seeds] [steps] [PATH=VALUE ...]
 *   (defaults: scenarios/default.yaml, seeds 1-3, 120 steps after the warm-up)
 *
 * PATH=VALUE changes a scenario field as `--set` does, e.g.
 * `parameters.mechanisms.market.lineTurnover=0.13`. Windows are consecutive, five years each.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { parseOverrides } from '../../src/experiments/overrides.js';
import { Simulation } from '../../src/engine/simulate.js';
import { isFirmKind } from '../../src/engine/population.js';
import { stepsPerYear } from '../../src/engine/frontier.js';

async function main(): Promise<void> {
  const [file = 'scenarios/default.yaml', seedArg = '3', stepArg = '120', ...sets] = process.argv.slice(2);
  const seeds = Number(seedArg), steps = Number(stepArg);
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(steps) || steps < 1) throw new Error('usage: product-switching.ts [scenario] [seeds >= 1] [steps >= 1] [PATH=VALUE ...]');
  const overrides = parseOverrides(sets);
  let atStart = 0, survived = 0, changed = 0, oneLine = 0, oneLineChanged = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = new Simulation(await loadScenarioFile(file, overrides), { seed, steps });
    const window = 5 * stepsPerYear(sim.state);
    const lines = () => {
      const pop = sim.state.pop, m = new Map<number, number>();
      for (let i = 0; i < pop.n; i++) if (pop.alive[i] && isFirmKind(pop.kind[i]!)) m.set(pop.id[i]!, pop.lines[i]!);
      return m;
    };
    let before = lines();
    while (sim.done + window <= steps) {
      for (let s = 0; s < window; s++) sim.step();
      const after = lines();
      for (const [id, n] of before) {
        atStart++;
        const m = after.get(id);
        if (m === undefined) continue;
        survived++;
        if (m !== n) changed++;
        if (n === 1) { oneLine++; if (m !== 1) oneLineChanged++; }
      }
      before = after;
    }
  }
  console.log(`${file}${sets.length ? ` (${sets.join(', ')})` : ''}, seeds 1-${seeds}, ${steps} steps after the warm-up, five-year windows`);
  console.log(`firms alive at a window's start: ${atStart}; alive at its end: ${(survived / atStart).toFixed(3)}`);
  console.log(`survivors whose number of lines changed: ${(changed / survived).toFixed(3)} (of ${survived})`);
  console.log(`  of those that held one line at the start: ${(oneLineChanged / oneLine).toFixed(3)} (of ${oneLine})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
