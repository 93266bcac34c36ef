/**
 * The SMEs' share of sales by size and by kind (docs/model/indicators.md, "SMEs by size, not by
 * kind"): `market.smeShare` (firms of any kind under 250 employees, European Commission 2003)
 * against `market.smeKindShare` (firms of the SME kind, whatever their size), and what makes
 * the difference: the SME-kind firms grown to 250 employees or more, their count and share of
 * sales, and the leading firms' share.
 *
 *   npx tsx experiments/validation/sme-share.ts [scenario] [seeds] [steps]
 *   (defaults: scenarios/default.yaml, seeds 1-10, 120 steps after the scenario's warm-up)
 *
 * Each figure is the mean over the run's steps (after each step), then the mean across seeds
 * with its 95 % t interval and the range.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulate.js';
import { Kind, isFirmKind } from '../../src/engine/population.js';
import { REPORTERS, SME_MAX_EMPLOYEES, scopeRows } from '../../src/engine/metrics/index.js';
import { networkStats } from '../../src/engine/metrics/network.js';
import { tQuantile } from '../../src/experiments/stats/distributions.js';

const FIGURES = ['market.smeShare', 'market.smeKindShare', 'SME-kind firms of 250+ employees', 'their share of sales', 'leading firms\' share of sales'] as const;

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const seeds = Number(process.argv[3] ?? 10), steps = Number(process.argv[4] ?? 120);
  if (!Number.isInteger(seeds) || seeds < 2 || !Number.isInteger(steps) || steps < 1) throw new Error('usage: sme-share.ts [scenario] [seeds >= 2] [steps >= 1]');
  const reporter = (name: string) => REPORTERS.find((r) => r.name === name)!;
  const perRun: number[][] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = new Simulation(await loadScenarioFile(file), { seed, steps });
    const sum = new Array<number>(FIGURES.length).fill(0);
    while (sim.done < steps) {
      sim.step();
      const s = sim.state, pop = s.pop;
      const { scope, rows } = scopeRows(s, ['system'])[0]!;
      const d = { rows, net: networkStats(s, rows) };
      sum[0]! += reporter('market.smeShare').compute(s, d, scope);
      sum[1]! += reporter('market.smeKindShare').compute(s, d, scope);
      let all = 0, grown = 0, grownSales = 0, leading = 0;
      for (const i of rows) {
        if (!isFirmKind(pop.kind[i]!)) continue;
        all += pop.revenue[i]!;
        if (pop.kind[i] === Kind.sme && pop.employees[i]! >= SME_MAX_EMPLOYEES) { grown++; grownSales += pop.revenue[i]!; }
        if (pop.kind[i] === Kind.leading) leading += pop.revenue[i]!;
      }
      sum[2]! += grown;
      sum[3]! += all > 0 ? grownSales / all : 0;
      sum[4]! += all > 0 ? leading / all : 0;
    }
    perRun.push(sum.map((v) => v / steps));
  }
  const t = tQuantile(0.975, seeds - 1);
  console.log(`${file}, seeds 1-${seeds}, ${steps} steps after the warm-up: mean over steps; across seeds mean [95 % interval] (range)`);
  FIGURES.forEach((name, c) => {
    const v = perRun.map((r) => r[c]!);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const h = (t * Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1))) / Math.sqrt(v.length);
    console.log(`${name.padEnd(36)}${m.toFixed(3)} [${(m - h).toFixed(3)}, ${(m + h).toFixed(3)}] (${Math.min(...v).toFixed(3)}-${Math.max(...v).toFixed(3)})`);
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
