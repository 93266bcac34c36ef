/**
 * Why new firms enter at about 12 % a year (docs/model/stylised-facts.md, "Entry and exit
 * rates are about 12.2 % a year"): the factors of the entry rule of docs/model/demography.md,
 *
 *   entrants_m ~ Poisson( entryRate / (steps a year) x N_m x (1 + u_m) / (1 + u_0) x pi_m x f_r ),
 *
 * read off the state after each step, as the rule computes them (the market phase's profits
 * and costs of the firms alive after the exits; entrants hold no sales yet), and the entry
 * rate they imply against the one measured.
 *
 *   npx tsx experiments/validation/entry-factors.ts [scenario] [seeds] [steps]
 *   (defaults: scenarios/default.yaml, seeds 1-3, 120 steps after the scenario's warm-up)
 *
 * Prints per market (region and sector) the means over steps and seeds of: firms, N_m / firms
 * (the step-0 size over today's firm count), the unmet-demand factor, the profitability
 * factor pi_m and how often it sits at its cap 2, f_r, the implied rate of entrants without a
 * parent a year per firm (mean over steps of the rule's expected entrants over the firms), and
 * the measured one (firms born without a parent, over firm-steps, times steps a year).
 * Then, over all markets, the margin (profit over cost) by size class of the firms present
 * before the step (employees), with the class's share of sales and of loss-making firms:
 * which firms make the market's margin that the profitability factor reads. Last, the margin
 * of the firms under 10 employees by how their product lines changed over the last year
 * (more, as many, fewer than a year before): whether it is the firms that won lines and are
 * not yet staffed for them (market.md, step 6) that lift it.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Simulation } from '../../src/engine/simulate.js';
import { isFirmKind } from '../../src/engine/population.js';
import { stepsPerYear } from '../../src/engine/frontier.js';
import { markets } from '../../src/engine/mechanisms/market.js';
import { entryFactors } from '../../src/engine/mechanisms/demography.js';

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const seeds = Number(process.argv[3] ?? 3), steps = Number(process.argv[4] ?? 120);
  if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(steps) || steps < 1) throw new Error('usage: entry-factors.ts [scenario] [seeds >= 1] [steps >= 1]');
  const scenario = await loadScenarioFile(file);
  const S = scenario.sectors.length, M = scenario.regions.length * S;
  const sum = { firms: new Float64Array(M), scale: new Float64Array(M), unmet: new Float64Array(M), pi: new Float64Array(M), capped: new Float64Array(M), f: new Float64Array(M), implied: new Float64Array(M), born: new Float64Array(M), firmSteps: new Float64Array(M) };
  const CLASSES = [0, 5, 10, 20, 50, 100, 250, Infinity];
  const C = CLASSES.length - 1;
  const byClass = { profit: new Float64Array(C), cost: new Float64Array(C), sales: new Float64Array(C), firms: new Float64Array(C), losing: new Float64Array(C) };
  const trend = { profit: new Float64Array(3), cost: new Float64Array(3), firms: new Float64Array(3) }; // more, as many, fewer lines
  let obs = 0, spy = 4;
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = new Simulation(scenario, { seed, steps });
    spy = stepsPerYear(sim.state);
    const dp = sim.state.scenario.parameters.mechanisms.demography;
    let seen = new Set<number>();
    const pastLines = new Map<number, number[]>(); // stable id -> lines over the last year
    const ids = () => {
      const pop = sim.state.pop, out = new Set<number>();
      for (let i = 0; i < pop.n; i++) if (pop.alive[i] && isFirmKind(pop.kind[i]!)) out.add(pop.id[i]!);
      return out;
    };
    seen = ids();
    while (sim.done < steps) {
      sim.step();
      const st = sim.state, pop = st.pop, mk = markets(st);
      const firms = new Float64Array(M), lines = new Float64Array(M), profit = new Float64Array(M), cost = new Float64Array(M), born = new Float64Array(M);
      for (let i = 0; i < pop.n; i++) {
        if (!pop.alive[i] || !isFirmKind(pop.kind[i]!)) continue;
        const k = pop.region[i]! * S + pop.sector[i]!;
        firms[k]++;
        lines[k] += pop.lines[i]!;
        profit[k] += pop.profit[i]!;
        cost[k] += pop.revenue[i]! - pop.profit[i]!;
        if (!seen.has(pop.id[i]!)) {
          if (pop.parent[i]! < 0) born[k]++;
          continue;
        }
        const e = pop.employees[i]!, c = CLASSES.findIndex((lo, j) => e >= lo && e < CLASSES[j + 1]!);
        byClass.profit[c] += pop.profit[i]!;
        byClass.cost[c] += pop.revenue[i]! - pop.profit[i]!;
        byClass.sales[c] += pop.revenue[i]!;
        byClass.firms[c]++;
        if (pop.profit[i]! < 0) byClass.losing[c]++;
        const past = pastLines.get(pop.id[i]!) ?? [];
        past.push(pop.lines[i]!);
        if (past.length > spy + 1) past.shift();
        pastLines.set(pop.id[i]!, past);
        if (e < 10 && past.length === spy + 1) {
          const d = past[spy]! - past[0]!, t = d > 0 ? 0 : d === 0 ? 1 : 2;
          trend.profit[t] += pop.profit[i]!;
          trend.cost[t] += pop.revenue[i]! - pop.profit[i]!;
          trend.firms[t]++;
        }
      }
      seen = ids();
      for (let k = 0; k < M; k++) {
        if (mk.base[k] === 0 || firms[k] === 0) continue;
        // The rule's own factors (demography.ts entryFactors), from the sums above.
        const { size, unmet, profitable: pi, region: f } = entryFactors(st, mk, k, lines[k]!, profit[k]!, cost[k]!);
        // Entrants counted this step were drawn against the previous step's firms; over many
        // steps the difference is negligible.
        sum.firms[k] += firms[k]!;
        sum.scale[k] += size / firms[k]!;
        sum.unmet[k] += unmet;
        sum.pi[k] += pi;
        sum.capped[k] += pi >= 2 ? 1 : 0;
        sum.f[k] += f;
        sum.implied[k] += dp.entryRate * (size / firms[k]!) * unmet * pi * f;
        sum.born[k] += born[k]!;
        sum.firmSteps[k] += firms[k]!;
      }
      obs++;
    }
  }
  console.log('market,firms,N_m/firms,unmet,pi,pi at cap,f_r,implied entry a year,measured entry a year (no parent)');
  const per = obs; // one observation per step and seed for every market with firms
  for (let k = 0; k < M; k++) {
    if (sum.firmSteps[k] === 0) continue;
    const r = Math.floor(k / S), s = k % S;
    const m = (x: Float64Array) => x[k]! / per;
    console.log([`${scenario.regions[r]!.id}/${scenario.sectors[s]!.id}`, m(sum.firms).toFixed(1), m(sum.scale).toFixed(3), m(sum.unmet).toFixed(3), m(sum.pi).toFixed(3), `${((100 * sum.capped[k]!) / per).toFixed(0)} %`, m(sum.f).toFixed(2), `${(100 * m(sum.implied)).toFixed(1)} %`, `${((100 * sum.born[k]! * spy) / sum.firmSteps[k]!).toFixed(1)} %`].join(','));
  }
  const sales = byClass.sales.reduce((a, b) => a + b, 0);
  console.log('\nemployees,firm-steps,margin (profit / cost),share of sales,share loss-making');
  for (let c = 0; c < C; c++) {
    if (byClass.firms[c] === 0) continue;
    const label = CLASSES[c + 1] === Infinity ? `${CLASSES[c]}+` : `${CLASSES[c]}-${CLASSES[c + 1]! - 1}`;
    console.log([label, byClass.firms[c], (byClass.profit[c]! / byClass.cost[c]!).toFixed(3), (byClass.sales[c]! / sales).toFixed(3), (byClass.losing[c]! / byClass.firms[c]!).toFixed(2)].join(','));
  }
  console.log('\nfirms under 10 employees: lines against a year before,firm-steps,margin (profit / cost)');
  ['more', 'as many', 'fewer'].forEach((label, t) => {
    if (trend.firms[t]! > 0) console.log([label, trend.firms[t], (trend.profit[t]! / trend.cost[t]!).toFixed(3)].join(','));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
