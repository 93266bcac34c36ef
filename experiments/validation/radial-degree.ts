/**
 * Why is the middle third of the map the highest in degree more often than the outer two?
 * (issue 14; docs/model/network.md, "Degree across the map": on the settled map the highest
 * north-south third was the southern, middle and northern in 59, 86 and 55 of 200 runs.)
 *
 *   npx tsx experiments/validation/radial-degree.ts [scenario] [runs] [step] [warmup]
 *   (defaults: scenarios/default.yaml, 20 runs: the scenario's seed and seeds 1-19, step 60,
 *   the scenario's own warm-up)
 *
 * The thirds are bands of equal width across the region's disc, so the outer two are caps
 * whose agents sit nearer the rim than the middle band's. A firm near the rim has fewer
 * neighbours within reach: its partner candidates (the nearest `pool` agents) and its
 * spillover neighbours lie further away, at lower geographical proximity. If that lowers
 * degree, the middle band is the highest more often, in every direction alike.
 * For each run, at `step`, the alive agents are split into 5 rings of equal area by their
 * distance r from the region's centre (r/R below sqrt(1/5), sqrt(2/5), ...). Printed, over the
 * runs: each ring's share of the agents over its area share (1 without a radial pattern), the
 * mean degree of the SMEs in it that do not hold the leading role, the mean distance (km) to
 * their 48 nearest agents (network.pool), and where the leading role's holders sit: their
 * mean r/R (2/3 for a uniform place in the disc), also apart for the firms the scenario built
 * and those the role passed to (docs/model/demography.md), and their share in the middle band
 * |y - cy| < R/3 (0.416 of the disc's area); and the share of the agents beyond the rim
 * (spin-offs settle near their parent, docs/model/demography.md; they count in the outermost ring). Then the north-south thirds as
 * degree-by-direction.ts cuts them, twice: with the agents' own degrees, and with each agent
 * given the mean degree of its ring in its run (all agents), which keeps only the radial
 * pattern, and with each agent's degree divided by its ring's mean degree over all runs
 * (times the overall mean), which takes the radial pattern out: how often each third is the
 * highest, the middle third's mean degree over the mean of the outer two (each averaged
 * over the runs), and the median max/min.
 * The region is the disc of the scenario's first region (centre and radius).
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Kind } from '../../src/engine/population.js';
import { correlation, mean, runSeeds, runTo } from './runs.js';

const RINGS = 5;
const POOL = 48;
const meanSe = (a: readonly number[]) => {
  const m = mean(a);
  const sd = Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / Math.max(1, a.length - 1));
  return `${m.toFixed(3)} ± ${(sd / Math.sqrt(a.length)).toFixed(3)}`;
};

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const runs = Number(process.argv[3] ?? 20), step = Number(process.argv[4] ?? 60);
  const warmup = process.argv[5] === undefined ? undefined : Number(process.argv[5]);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(step) || step < 1
    || (warmup !== undefined && (!Number.isInteger(warmup) || warmup < 0))) {
    throw new Error('usage: radial-degree.ts [scenario] [runs >= 1] [step >= 1] [warmup >= 0]');
  }
  const base = await loadScenarioFile(file);
  const seeds = runSeeds(base.seed, runs);
  const region = base.regions[0]!;
  const [cx, cy] = region.center, R = region.radiusKm;
  const density: number[][] = Array.from({ length: RINGS }, () => []);
  const degree: number[][] = Array.from({ length: RINGS }, () => []);
  const reach: number[][] = Array.from({ length: RINGS }, () => []);
  const holderR: number[] = [], holderMiddle: number[] = [], corr: number[] = [];
  const builtR: number[] = [], passedR: number[] = [];
  const outside: number[] = [];
  let farthest = 0;
  const observed: number[][] = [], radial: number[][] = [];
  // Every run's agents as (third, ring, degree), for the thirds with the radial pattern taken out.
  const agents: { third: number; ring: number; degree: number }[][] = [];
  const pooled = new Array<number>(RINGS).fill(0), pooledN = new Array<number>(RINGS).fill(0);
  for (const seed of seeds) {
    const sim = await runTo(file, seed, step, warmup);
    const pop = sim.state.pop, deg = sim.state.ties.deg;
    const alive: number[] = [];
    for (let i = 0; i < pop.n; i++) if (pop.alive[i]) alive.push(i);
    const ringOf = (i: number) => Math.min(RINGS - 1, Math.floor(RINGS * (((pop.x[i]! - cx) ** 2 + (pop.y[i]! - cy) ** 2) / (R * R))));
    const count = new Array<number>(RINGS).fill(0);
    const ringDeg: number[][] = Array.from({ length: RINGS }, () => []);
    const ringReach: number[][] = Array.from({ length: RINGS }, () => []);
    const rs: number[] = [], ds: number[] = [];
    for (const i of alive) {
      const ring = ringOf(i);
      count[ring]!++;
      if (pop.kind[i] !== Kind.sme || pop.leading[i]) continue;
      ringDeg[ring]!.push(deg[i]!);
      const km = alive.filter((j) => j !== i).map((j) => Math.hypot(pop.x[i]! - pop.x[j]!, pop.y[i]! - pop.y[j]!)).sort((a, b) => a - b);
      ringReach[ring]!.push(mean(km.slice(0, POOL)));
      rs.push(Math.hypot(pop.x[i]! - cx, pop.y[i]! - cy) / R);
      ds.push(deg[i]!);
    }
    for (let k = 0; k < RINGS; k++) {
      density[k]!.push((count[k]! / alive.length) * RINGS);
      if (ringDeg[k]!.length > 0) degree[k]!.push(mean(ringDeg[k]!));
      if (ringReach[k]!.length > 0) reach[k]!.push(mean(ringReach[k]!));
    }
    // Spin-offs settle within spinoffRadiusKm of their parent, so a few lie beyond the rim
    // (counted in the outermost ring).
    const beyond = alive.map((i) => Math.hypot(pop.x[i]! - cx, pop.y[i]! - cy) / R).filter((r) => r > 1);
    outside.push(beyond.length / alive.length);
    farthest = Math.max(farthest, ...beyond);
    corr.push(correlation(rs, ds));
    // North-south thirds as degree-by-direction.ts cuts them (equal widths of the agents'
    // span), with each agent's own degree and with its ring's mean degree (all agents).
    const ringAll = new Array<number>(RINGS).fill(0);
    for (const i of alive) ringAll[ringOf(i)]! += deg[i]!;
    const ys = alive.map((i) => pop.y[i]!), lo = Math.min(...ys), hi = Math.max(...ys);
    const own = [0, 0, 0], byRing = [0, 0, 0], cnt = [0, 0, 0];
    const run: { third: number; ring: number; degree: number }[] = [];
    for (const i of alive) {
      const t = Math.min(2, Math.floor((3 * (pop.y[i]! - lo)) / (hi - lo + 1e-9)));
      run.push({ third: t, ring: ringOf(i), degree: deg[i]! });
      pooled[ringOf(i)]! += deg[i]!;
      pooledN[ringOf(i)]!++;
      own[t]! += deg[i]!;
      byRing[t]! += ringAll[ringOf(i)]! / count[ringOf(i)]!;
      cnt[t]!++;
    }
    agents.push(run);
    observed.push(own.map((v, t) => v / cnt[t]!));
    radial.push(byRing.map((v, t) => v / cnt[t]!));
    const holders = alive.filter((i) => pop.leading[i]);
    // A firm the scenario built has lived through the whole warm-up and the recorded steps.
    const lived = sim.state.scenario.warmup + step;
    for (const h of holders) {
      (pop.age[h]! >= lived ? builtR : passedR).push(Math.hypot(pop.x[h]! - cx, pop.y[h]! - cy) / R);
      holderR.push(Math.hypot(pop.x[h]! - cx, pop.y[h]! - cy) / R);
      holderMiddle.push(Math.abs(pop.y[h]! - cy) < R / 3 ? 1 : 0);
    }
    console.log(`seed ${seed}: ${alive.length} agents; SME degree by ring (centre to rim) ${ringDeg.map((d) => mean(d).toFixed(2)).join(' / ')}; leading role at r/R ${holders.map((h) => (Math.hypot(pop.x[h]! - cx, pop.y[h]! - cy) / R).toFixed(2)).join(', ')}`);
  }
  console.log(`${seeds.length} runs at step ${step}${warmup === undefined ? '' : ` after a warm-up of ${warmup}`}, ${RINGS} rings of equal area from the centre to the rim (mean ± standard error over the runs):`);
  console.log(`  agents' density over uniform: ${density.map(meanSe).join(' | ')}`);
  console.log(`  SME mean degree (role holders left out): ${degree.map(meanSe).join(' | ')}`);
  console.log(`  mean distance (km) to the ${POOL} nearest agents: ${reach.map(meanSe).join(' | ')}`);
  console.log(`  correlation across SMEs of r/R and degree: ${meanSe(corr)}`);
  console.log(`  share of the agents beyond the rim (spin-offs settle near their parent): ${meanSe(outside)}, the farthest at r/R ${farthest.toFixed(3)}`);
  const thirds = (m: number[][]) => {
    const wins = [0, 0, 0];
    for (const r of m) wins[r.indexOf(Math.max(...r))]!++;
    // A ratio of means over the runs: a mean of per-run ratios would lie above 1 without any
    // pattern, since the outer thirds' means are noisier than the middle one's.
    const middleOverOuter = mean(m.map((r) => r[1]!)) / mean(m.map((r) => (r[0]! + r[2]!) / 2));
    const ratio = m.map((r) => Math.max(...r) / Math.min(...r)).sort((a, b) => a - b);
    return `highest S/M/N in ${wins.join('/')} runs, middle over the outer two's mean ${middleOverOuter.toFixed(3)}, max/min median ${ratio[Math.floor(ratio.length / 2)]!.toFixed(2)}`;
  };
  // The radial pattern over all runs (all agents), divided out of each agent's degree.
  const ringMean = pooled.map((v, k) => v / pooledN[k]!);
  const overall = pooled.reduce((a, b) => a + b, 0) / pooledN.reduce((a, b) => a + b, 0);
  const adjusted = agents.map((run) => {
    const sum = [0, 0, 0], cnt = [0, 0, 0];
    for (const a of run) { sum[a.third]! += (a.degree * overall) / ringMean[a.ring]!; cnt[a.third]!++; }
    return sum.map((v, t) => v / cnt[t]!);
  });
  console.log(`  all agents' mean degree by ring over all runs: ${ringMean.map((v) => v.toFixed(3)).join(' | ')}`);
  console.log(`  north-south thirds, own degrees: ${thirds(observed)}`);
  console.log(`  north-south thirds, degrees divided by their ring's mean over all runs (the rim taken out): ${thirds(adjusted)}`);
  console.log(`  north-south thirds, each agent given its ring's mean degree (the rim alone): ${thirds(radial)}`);
  console.log(`  leading role's holders (${holderR.length}): mean r/R ${meanSe(holderR)} (2/3 uniform), share in the middle band |y| < R/3 ${meanSe(holderMiddle)} (0.416 uniform); built by the scenario (${builtR.length}) r/R ${builtR.length > 0 ? meanSe(builtR) : '-'}, the role passed to them (${passedR.length}) ${passedR.length > 0 ? meanSe(passedR) : '-'}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
