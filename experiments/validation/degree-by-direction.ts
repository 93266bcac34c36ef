/**
 * Is the north-south axis of the map special for the network? (issue 14: the old neighbour
 * scan stopped at its pool in row order, and at step 60 of default.yaml the mean degree was
 * 9.6 / 6.9 / 6.0 in the southern / middle / northern third of the map.)
 *
 *   npx tsx experiments/validation/degree-by-direction.ts [scenario] [runs] [step] [shuffles]
 *   (defaults: scenarios/default.yaml, 40 runs: the scenario's seed and seeds 1-39, step 60,
 *   2,000 shuffles a run; 0 skips the shuffle test)
 *
 * For each run, at `step`: the mean degree of the agents in each third of the map along 36
 * directions (0, 5, ..., 175 degrees; thirds of the agents' projection on the direction), the
 * ratio max/min of the three, and the rank of the north-south direction among the 36. Without
 * a directional bias that rank is uniform over runs (mean about 0.49), and the ratio along
 * north-south is typical of the ratio along any direction: what it measures then is how
 * unevenly the network's hubs and their partners happen to sit on the map, not a bias.
 * Against a shuffle: the degrees permuted over the run's agents (2,000 times, thirds kept),
 * which gives the ratio of a network whose degrees do not cluster in space; the share of
 * shuffles at or above the observed ratio is the run's p.
 * Signed: the southern minus the northern third's mean degree over the run's mean degree
 * (and western minus eastern), averaged over runs with its standard error: a bias toward one
 * side shows as a mean away from 0 by more than about two standard errors.
 * Prints one line a run and a summary.
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { stream } from '../../src/engine/rng.js';
import { quantileSorted } from '../../src/experiments/stats/describe.js';
import { runSeeds, runTo } from './runs.js';

const DIRECTIONS = 36;

function ratioAlong(pts: readonly [number, number, number][], angle: number): { ratio: number; means: number[] } {
  const c = Math.cos(angle), s = Math.sin(angle);
  const pr = pts.map(([x, y]) => x * c + y * s);
  const lo = Math.min(...pr), hi = Math.max(...pr);
  const sum = [0, 0, 0], cnt = [0, 0, 0];
  pr.forEach((v, k) => {
    const t = Math.min(2, Math.floor((3 * (v - lo)) / (hi - lo + 1e-9)));
    sum[t]! += pts[k]![2];
    cnt[t]!++;
  });
  const means = sum.map((v, t) => v / cnt[t]!);
  return { ratio: Math.max(...means) / Math.min(...means), means };
}

/** The median (the mean of the two middle values of an even count). */
const median = (a: readonly number[]) => quantileSorted([...a].sort((x, y) => x - y), 0.5);

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const runs = Number(process.argv[3] ?? 40), step = Number(process.argv[4] ?? 60), SHUFFLES = Number(process.argv[5] ?? 2000);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(step) || step < 1 || !Number.isInteger(SHUFFLES) || SHUFFLES < 0) {
    throw new Error('usage: degree-by-direction.ts [scenario] [runs >= 1] [step >= 1] [shuffles >= 0]');
  }
  const base = await loadScenarioFile(file);
  const seeds = runSeeds(base.seed, runs);
  const ranks: number[] = [], ns: number[] = [], all: number[] = [];
  const highest = [0, 0, 0];
  const shuffleMedians: number[] = [], ps: number[] = [];
  const signedNS: number[] = [], signedWE: number[] = [];
  const rng = stream(base.seed, 'degree-by-direction');
  for (const seed of seeds) {
    const sim = await runTo(file, seed, step);
    const pop = sim.state.pop, deg = sim.state.ties.deg;
    const pts: [number, number, number][] = [];
    for (let i = 0; i < pop.n; i++) if (pop.alive[i]) pts.push([pop.x[i]!, pop.y[i]!, deg[i]!]);
    const rs = Array.from({ length: DIRECTIONS }, (_, k) => ratioAlong(pts, (k * Math.PI) / DIRECTIONS).ratio);
    const north = ratioAlong(pts, Math.PI / 2), east = ratioAlong(pts, 0);
    const meanDeg = pts.reduce((a, p) => a + p[2], 0) / pts.length;
    signedNS.push((north.means[0]! - north.means[2]!) / meanDeg);
    signedWE.push((east.means[0]! - east.means[2]!) / meanDeg);
    highest[north.means.indexOf(Math.max(...north.means))]!++;
    ranks.push(rs.filter((v) => v < north.ratio).length / DIRECTIONS);
    ns.push(north.ratio);
    const d = pts.map((x) => x[2]), null_: number[] = [];
    for (let r = 0; r < SHUFFLES; r++) {
      for (let k = d.length - 1; k > 0; k--) { const j = rng.int(k + 1); const t = d[k]!; d[k] = d[j]!; d[j] = t; }
      null_.push(ratioAlong(pts.map((x, k) => [x[0], x[1], d[k]!]), Math.PI / 2).ratio);
    }
    if (SHUFFLES > 0) {
      shuffleMedians.push(median(null_));
      ps.push(null_.filter((v) => v >= north.ratio).length / SHUFFLES);
    }
    all.push(...rs);
    const shuffled = SHUFFLES > 0 ? ` (shuffled degrees: median ${shuffleMedians.at(-1)!.toFixed(2)}, p ${ps.at(-1)!.toFixed(3)})` : '';
    console.log(`seed ${seed}: ${pts.length} agents, mean degree by third S/M/N ${north.means.map((m) => m.toFixed(2)).join(' / ')}, max/min ${north.ratio.toFixed(2)}${shuffled}; along all directions median ${median(rs).toFixed(2)}`);
  }
  const meanSe = (a: readonly number[]) => {
    const m = a.reduce((x, y) => x + y, 0) / a.length;
    const sd = Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / Math.max(1, a.length - 1));
    return `${(100 * m).toFixed(1)} % ± ${(100 * sd / Math.sqrt(a.length)).toFixed(1)} % (sd ${(100 * sd).toFixed(0)} %)`;
  };
  const q = (p: number) => [...ranks].sort((a, b) => a - b)[Math.floor(p * ranks.length)]!.toFixed(2);
  console.log(`${seeds.length} runs at step ${step}: max/min of the thirds' mean degree north-south median ${median(ns).toFixed(2)} (<= 1.25 in ${ns.filter((v) => v <= 1.25).length} runs), along any direction median ${median(all).toFixed(2)} (<= 1.25 in ${((100 * all.filter((v) => v <= 1.25).length) / all.length).toFixed(0)} %); rank of north-south among ${DIRECTIONS} directions mean ${(ranks.reduce((a, b) => a + b, 0) / ranks.length).toFixed(2)} (about 0.49 without a bias), quartiles ${q(0.25)} ${q(0.5)} ${q(0.75)}; the highest third is S/M/N in ${highest.join('/')} runs; signed (S - N) / mean degree ${meanSe(signedNS)}, (W - E) / mean degree ${meanSe(signedWE)}${SHUFFLES > 0 ? `; shuffled degrees give a median ratio of ${median(shuffleMedians).toFixed(2)}, and the observed one exceeds them at p < 0.05 in ${ps.filter((p) => p < 0.05).length} runs` : ''}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
