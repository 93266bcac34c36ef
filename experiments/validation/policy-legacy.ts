/**
 * Who carries a policy's effect after its funding ends? (docs/validation.md §3, "After the
 * horizon: do the effects last?".) Runs a base scenario and a policy scenario whose levers stop
 * at `endStep`, for the same seeds, and at each of the given steps splits the mean relative
 * knowledge (`knowledge.mean`: the mean over every living agent) into the parts carried by
 *   - "treated" firms: alive while the levers acted (age > step − endStep − 1),
 *   - "later" firms: born after the levers stopped and not recent,
 *   - "recent" firms: born after the levers stopped, under 5 years old, or under N steps with
 *     --recent=N (what entrants start from, against what the later firms reach),
 *   - institutions (research institutions and centres, which do not exit),
 * and prints each group's size, mean knowledge and capabilities (ICT, openness,
 * international reach, absorptive capacity), degree and share of members of a competence
 * centre, in both arms.
 *
 *   npx tsx experiments/validation/policy-legacy.ts [base] [policy] [runs] [endStep] [steps...] [--region=ID] [--recent=N] [--set=PATH=VALUE ...]
 *   (defaults: scenarios/default.yaml, scenarios/experiments/default-policy-until-59.yaml,
 *   20 runs: the base scenario's seed and the first 19 other seeds from 1, endStep 59, steps 60 100 200 400; every
 *   region, or only the agents of region ID with --region; each --set applies to both arms, as
 *   the CLI's --set does)
 *
 * The difference in `knowledge.mean` between the arms, policy − base, is the sum over groups of
 * w_g^P k_g^P − w_g^B k_g^B (w a group's share of the living agents, k its mean knowledge): the
 * "contribution" columns, which add up to the total. A group's own difference, k_g^P − k_g^B,
 * is printed next to it. Both arms of a seed share the warm-up (the policy starts after it), so
 * the differences are taken seed by seed; means over seeds with a 95 % t interval.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { parseOverrides, type Override } from '../../src/experiments/overrides.js';
import { Simulation } from '../../src/engine/simulate.js';
import { isFirmKind } from '../../src/engine/population.js';
import { runSeeds } from './runs.js';

const GROUPS = ['treated', 'later', 'recent', 'institutions'] as const;
/** Firms born after the levers stopped and younger than this many steps are "recent" (--recent=N; 20: 5 years). */
let recentSteps = 20;
type Group = typeof GROUPS[number];
const COLUMNS = ['knowledge', 'ict', 'openness', 'international', 'absorptive', 'degree', 'member'] as const;
type Column = typeof COLUMNS[number];

/** One group at one step of one run: its count and the sums of its columns. */
interface Cell { n: number; sums: Record<Column, number> }
type Reading = Record<Group, Cell> & { total: number };

const T975: Record<number, number> = { 1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23, 14: 2.14, 19: 2.09, 29: 2.05 };
const tCrit = (df: number) => T975[df] ?? (df < 14 ? 2.2 : df < 19 ? 2.12 : df < 29 ? 2.07 : 2.0);

function interval(xs: readonly number[]): string {
  const n = xs.length, m = xs.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return m.toFixed(3);
  const sd = Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  const h = tCrit(n - 1) * sd / Math.sqrt(n);
  return `${m >= 0 ? '+' : ''}${m.toFixed(3)} [${(m - h).toFixed(3)}, ${(m + h).toFixed(3)}]`;
}

function read(sim: Simulation, endStep: number, region: string | undefined): Reading {
  const pop = sim.state.pop, deg = sim.state.ties.deg, step = sim.done;
  const only = region === undefined ? -1 : sim.state.regions.findIndex((r) => r.id === region);
  if (region !== undefined && only < 0) throw new Error(`--region=${region}: no such region (${sim.state.regions.map((r) => r.id).join(', ')})`);
  const empty = (): Cell => ({ n: 0, sums: { knowledge: 0, ict: 0, openness: 0, international: 0, absorptive: 0, degree: 0, member: 0 } });
  const r: Reading = { treated: empty(), later: empty(), recent: empty(), institutions: empty(), total: 0 };
  for (let i = 0; i < pop.n; i++) {
    if (!pop.alive[i] || (only >= 0 && pop.region[i] !== only)) continue;
    r.total++;
    const age = pop.age[i]!;
    const g: Group = !isFirmKind(pop.kind[i]!) ? 'institutions' : age > step - endStep - 1 ? 'treated' : age < recentSteps ? 'recent' : 'later';
    const c = r[g];
    c.n++;
    c.sums.knowledge += pop.knowledge[i]!;
    c.sums.ict += pop.ict[i]!;
    c.sums.openness += pop.openness[i]!;
    c.sums.international += pop.international[i]!;
    c.sums.absorptive += pop.absorptive[i]!;
    c.sums.degree += deg[i]!;
    c.sums.member += pop.centre[i]! >= 0 ? 1 : 0;
  }
  return r;
}

async function runArm(file: string, sets: readonly Override[], seed: number, steps: readonly number[], endStep: number, region: string | undefined): Promise<Reading[]> {
  const scenario = await loadScenarioFile(file, sets);
  const last = steps[steps.length - 1]!;
  const sim = new Simulation(scenario, { seed, steps: last });
  const out: Reading[] = [];
  for (const s of steps) {
    while (sim.done < s) sim.step();
    out.push(read(sim, endStep, region));
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const option = (name: string) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const region = option('region');
  recentSteps = Number(option('recent') ?? 20);
  const sets = parseOverrides(process.argv.slice(2).filter((a) => a.startsWith('--set=')).map((a) => a.slice('--set='.length)));
  const [baseFile = 'scenarios/default.yaml', policyFile = 'scenarios/experiments/default-policy-until-59.yaml'] = args;
  const runs = Number(args[2] ?? 20), endStep = Number(args[3] ?? 59);
  const steps = args.length > 4 ? args.slice(4).map(Number) : [60, 100, 200, 400];
  if (!Number.isInteger(runs) || runs < 2 || !Number.isInteger(endStep) || endStep < 0 || !Number.isInteger(recentSteps) || recentSteps < 1
    || steps.some((s, k) => !Number.isInteger(s) || s <= endStep || (k > 0 && s <= steps[k - 1]!))) {
    throw new Error('usage: policy-legacy.ts [base] [policy] [runs >= 2] [endStep >= 0] [steps > endStep, increasing...] [--region=ID] [--recent=N >= 1] [--set=PATH=VALUE ...]');
  }
  const base = await loadScenarioFile(baseFile);
  const seeds = runSeeds(base.seed, runs);
  const readings: { base: Reading[]; policy: Reading[] }[] = [];
  for (const seed of seeds) {
    const b = await runArm(baseFile, sets, seed, steps, endStep, region), p = await runArm(policyFile, sets, seed, steps, endStep, region);
    readings.push({ base: b, policy: p });
    process.stderr.write(`seed ${seed} done\n`);
  }
  console.log(`${policyFile} − ${baseFile}, ${runs} runs, levers stopped after step ${endStep}${region === undefined ? '' : `, region ${region}`}${sets.map((o) => `, --set ${o.text}`).join('')}`);
  steps.forEach((s, k) => {
    const at = readings.map((r) => ({ b: r.base[k]!, p: r.policy[k]! }));
    const meanK = (r: Reading) => GROUPS.reduce((v, g) => v + r[g].sums.knowledge, 0) / r.total;
    console.log(`\nstep ${s}: knowledge.mean, policy − base ${interval(at.map(({ b, p }) => meanK(p) - meanK(b)))}`);
    for (const g of GROUPS) {
      const contribution = at.map(({ b, p }) => p[g].sums.knowledge / p.total - b[g].sums.knowledge / b.total);
      const count = (arm: 'b' | 'p') => (at.reduce((v, x) => v + x[arm][g].n, 0) / at.length).toFixed(1);
      const cols = COLUMNS.map((c) => {
        const paired = at.filter(({ b, p }) => b[g].n > 0 && p[g].n > 0);
        const m = (arm: 'b' | 'p') => paired.reduce((v, x) => v + x[arm][g].sums[c] / x[arm][g].n, 0) / paired.length;
        return `${c} ${m('b').toFixed(3)}/${m('p').toFixed(3)}${paired.length < at.length ? ` (${paired.length} runs)` : ''}`;
      });
      const both = at.filter(({ b, p }) => b[g].n > 0 && p[g].n > 0);
      const gap = interval(both.map(({ b, p }) => p[g].sums.knowledge / p[g].n - b[g].sums.knowledge / b[g].n));
      console.log(`  ${g}: contribution ${interval(contribution)}; its mean knowledge, policy − base ${gap}; agents base/policy ${count('b')}/${count('p')}; ${cols.join(', ')}`);
    }
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
