/**
 * Why is degree clustered in space, more so the longer the warm-up? (issue 14; docs/model/
 * network.md, "Degree across the map".) Measures the SMEs around the district's leading firms.
 *
 *   npx tsx experiments/validation/hub-neighbourhood.ts [scenario] [runs] [step] [warmup] [radiusKm]
 *   (defaults: scenarios/default.yaml, 20 runs: the scenario's seed and seeds 1-19, step 60,
 *   the scenario's own warm-up, 5 km)
 *
 * For each run, at `step`, the alive SMEs (those holding the role left out) are split into those within `radiusKm` of a leading
 * firm ("near") and the others ("far"). Printed per run and averaged over the runs that still
 * hold a leading firm:
 * - the density ratio: the near SMEs' share of all SMEs over the share of the region's disc
 *   that lies within `radiusKm` of a leading firm (a 0.25 km grid). Entrants without a parent
 *   settle uniformly in the region ([demography.md]), so without selection by place it is
 *   about 1;
 * - the mean degree, age (steps) and relative knowledge of the near and the far SMEs;
 * - the correlation across SMEs of the distance to the nearest leading firm and the degree;
 * - the ages of the firms holding the leading role, and how many of them the scenario built
 *   (as opposed to firms the role passed to, docs/model/demography.md).
 * The region is taken as the disc of the scenario's first region (centre and radius).
 */
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { Kind } from '../../src/engine/population.js';
import { correlation, mean, runSeeds, runTo } from './runs.js';

interface RunSummary { density: number; degree: [number, number]; age: [number, number]; knowledge: [number, number]; corr: number }

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'scenarios/default.yaml';
  const runs = Number(process.argv[3] ?? 20), step = Number(process.argv[4] ?? 60);
  const warmup = process.argv[5] === undefined ? undefined : Number(process.argv[5]);
  const radius = Number(process.argv[6] ?? 5);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(step) || step < 1
    || (warmup !== undefined && (!Number.isInteger(warmup) || warmup < 0)) || !(radius > 0)) {
    throw new Error('usage: hub-neighbourhood.ts [scenario] [runs >= 1] [step >= 1] [warmup >= 0] [radiusKm > 0]');
  }
  const base = await loadScenarioFile(file);
  const seeds = runSeeds(base.seed, runs);
  const region = base.regions[0]!;
  const [cx, cy] = region.center, R = region.radiusKm;
  const summaries: RunSummary[] = [];
  let roleHolders = 0, builtHolders = 0;
  for (const seed of seeds) {
    const sim = await runTo(file, seed, step, warmup);
    const pop = sim.state.pop, deg = sim.state.ties.deg;
    const hubs: number[] = [];
    for (let i = 0; i < pop.n; i++) if (pop.alive[i] && pop.leading[i]) hubs.push(i);
    // A firm the scenario built has lived through the whole warm-up and the recorded steps.
    const lived = sim.state.scenario.warmup + step;
    const built = hubs.filter((h) => pop.age[h]! >= lived).length;
    roleHolders += hubs.length;
    builtHolders += built;
    const distToHub = (x: number, y: number) => Math.min(...hubs.map((h) => Math.hypot(x - pop.x[h]!, y - pop.y[h]!)));
    if (hubs.length === 0) {
      console.log(`seed ${seed}: no firm holds the leading role; left out of the summary`);
      continue;
    }
    const near = { degree: [] as number[], age: [] as number[], knowledge: [] as number[] };
    const far = { degree: [] as number[], age: [] as number[], knowledge: [] as number[] };
    const dists: number[] = [], degrees: number[] = [];
    for (let i = 0; i < pop.n; i++) {
      if (!pop.alive[i] || pop.kind[i] !== Kind.sme || pop.leading[i]) continue;
      const d = distToHub(pop.x[i]!, pop.y[i]!);
      const side = d < radius ? near : far;
      side.degree.push(deg[i]!);
      side.age.push(pop.age[i]!);
      side.knowledge.push(pop.knowledge[i]!);
      dists.push(d);
      degrees.push(deg[i]!);
    }
    let cells = 0, nearCells = 0;
    for (let gx = cx - R; gx <= cx + R; gx += 0.25) {
      for (let gy = cy - R; gy <= cy + R; gy += 0.25) {
        if ((gx - cx) ** 2 + (gy - cy) ** 2 > R * R) continue;
        cells++;
        if (distToHub(gx, gy) < radius) nearCells++;
      }
    }
    const nearShare = near.degree.length / dists.length, areaShare = nearCells / cells;
    const s: RunSummary = {
      density: nearShare / areaShare,
      degree: [mean(near.degree), mean(far.degree)],
      age: [mean(near.age), mean(far.age)],
      knowledge: [mean(near.knowledge), mean(far.knowledge)],
      corr: correlation(dists, degrees),
    };
    if (near.degree.length > 0) summaries.push(s);
    const ages = hubs.map((h) => (pop.age[h]! / 4).toFixed(0)).join(', ');
    console.log(`seed ${seed}: ${hubs.length} leading (aged ${ages} years; ${built} built by the scenario), ${dists.length} SMEs, ${near.degree.length} within ${radius} km of one (share ${nearShare.toFixed(3)}, area share ${areaShare.toFixed(3)}, density ratio ${s.density.toFixed(2)}); near/far: degree ${s.degree.map((v) => v.toFixed(2)).join('/')}, age ${s.age.map((v) => v.toFixed(0)).join('/')}, knowledge ${s.knowledge.map((v) => v.toFixed(3)).join('/')}; corr(distance, degree) ${s.corr.toFixed(2)}`);
  }
  const avg = (f: (s: RunSummary) => number) => mean(summaries.map(f));
  console.log(`${summaries.length} runs with a leading firm and SMEs near it: density ratio ${avg((s) => s.density).toFixed(2)} (above 1 in ${summaries.filter((s) => s.density > 1).length}); near/far degree ${avg((s) => s.degree[0]).toFixed(2)}/${avg((s) => s.degree[1]).toFixed(2)}, age ${avg((s) => s.age[0]).toFixed(0)}/${avg((s) => s.age[1]).toFixed(0)}, knowledge ${avg((s) => s.knowledge[0]).toFixed(3)}/${avg((s) => s.knowledge[1]).toFixed(3)}; corr(distance, degree) ${avg((s) => s.corr).toFixed(2)}`);
  console.log(`the leading role is held by a firm the scenario built in ${builtHolders} of ${roleHolders} places`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
