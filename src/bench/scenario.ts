/**
 * The synthetic cluster the benchmark runs: N agents, 8 knowledge domains, regions of at
 * most 10,000 agents laid out on a square grid, with the density that puts on average 8
 * agents within the spillover radius of an agent, and ~6 local ties per agent.
 *
 *   kernel: only spillovers and tie learning are switched on, tuned so that every agent meets
 *           all its spatial neighbours (maxNeighbours 16, never binding at a mean of 8) and
 *           every tie partner each step (contactRate 10: the chance of use is capped at 1);
 *   full:   every mechanism in MECHANISM_IDS on, at its default parameters.
 *
 * Ties come from `seedLocalTies`, not from the builder's initial ties (initialTies 0): the
 * builder draws partners uniformly over the region (a district's ties span the district),
 * while the benchmark wants the target's 6 partners per agent to be local (within 15 km).
 */
import { MECHANISM_IDS } from '../engine/contract.js';
import type { State } from '../engine/contract.js';
import { stream } from '../engine/rng.js';
import { TieType } from '../engine/ties.js';
import { ScenarioSchema, type Scenario, type ScenarioInput } from '../scenario/schema.js';

export type BenchMode = 'kernel' | 'full';

export const BENCH_DOMAINS = ['design', 'materials', 'machining', 'ict', 'marketing', 'logistics', 'finance', 'chemistry'] as const;
/** Mean number of agents within the spillover radius of an agent. */
export const SPATIAL_NEIGHBOURS = 8;
/** Mean number of tie partners per agent. */
export const TIE_PARTNERS = 6;
/** Agents per region (the last region holds the rest). */
export const REGION_AGENTS = 10_000;
const SPILLOVER_RADIUS_KM = 10; // the spillover mechanism's default radiusKm

export interface BenchScenarioOptions {
  n: number;
  mode: BenchMode;
  steps: number;
  seed?: number;
  /** Record metrics every k steps (system scope only). */
  recordEvery: number;
}

/** Share of each actor kind in the synthetic population (mostly SMEs, docs/model.md). */
const KIND_SHARES = [
  ['leading', 0.01],
  ['kibs', 0.03],
  ['research', 0.005],
  ['competenceCentre', 0.0025],
  ['assistanceCentre', 0.0025],
] as const;

export function benchScenario(o: BenchScenarioOptions): Scenario {
  const R = Math.max(1, Math.ceil(o.n / REGION_AGENTS));
  const side = Math.ceil(Math.sqrt(R));
  const regions: ScenarioInput['regions'] = [];
  const populations: ScenarioInput['populations'] = [];
  let left = o.n;
  // Disc radius so that n_r agents give SPATIAL_NEIGHBOURS within the spillover radius:
  // n_r * (r / radius)^2 = SPATIAL_NEIGHBOURS.
  const radiusOf = (nr: number) => SPILLOVER_RADIUS_KM * Math.sqrt(Math.max(nr, SPATIAL_NEIGHBOURS) / SPATIAL_NEIGHBOURS);
  const spacing = 2.2 * radiusOf(Math.min(o.n, REGION_AGENTS));
  for (let r = 0; r < R; r++) {
    const nr = Math.min(REGION_AGENTS, left);
    left -= nr;
    const id = `r${r}`;
    regions.push({
      id,
      country: `c${Math.floor(r / 10)}`,
      center: [(r % side) * spacing, Math.floor(r / side) * spacing],
      radiusKm: radiusOf(nr),
    });
    const sector = r % 2 === 0 ? 'furniture' : 'machinery';
    let rest = nr;
    for (const [kind, share] of KIND_SHARES) {
      const c = Math.round(nr * share);
      if (c === 0) continue;
      populations.push({ kind, region: id, sector, count: c, initialTies: 0 });
      rest -= c;
    }
    populations.push({ kind: 'sme', region: id, sector, count: rest, initialTies: 0 });
  }
  const kernel = o.mode === 'kernel';
  const mechanisms: Record<string, Record<string, unknown>> = {};
  for (const id of MECHANISM_IDS) mechanisms[id] = { enabled: !kernel || id === 'spillover' || id === 'tieLearning' };
  if (kernel) {
    mechanisms.spillover.maxNeighbours = 16;
    mechanisms.tieLearning.contactRate = 10;
  }
  const input: ScenarioInput = {
    name: `bench-${o.mode}-${o.n}`,
    description: 'Synthetic cluster for the benchmark suite (src/bench/scenario.ts).',
    seed: o.seed ?? 1,
    steps: o.steps,
    domains: [...BENCH_DOMAINS],
    regions,
    sectors: [
      { id: 'furniture', domainWeights: { design: 3, materials: 2, machining: 2, marketing: 2, logistics: 1, ict: 1, finance: 1 } },
      { id: 'machinery', domainWeights: { machining: 3, materials: 2, ict: 2, chemistry: 1, design: 1, logistics: 1, finance: 1 } },
    ],
    populations,
    parameters: { mechanisms: mechanisms as never },
    record: { every: o.recordEvery, scopes: ['system'] },
  };
  return ScenarioSchema.parse(input);
}

/**
 * Give every agent ties to about TIE_PARTNERS random agents within 1.5 spillover radii, in
 * its own region (row order; own stream, so deterministic). Returns the mean degree.
 */
export function seedLocalTies(state: State, seed = 1): number {
  const pop = state.pop, ties = state.ties;
  const rng = stream(seed, 'bench/ties');
  const buf = new Int32Array(128);
  const radius = 1.5 * SPILLOVER_RADIUS_KM;
  // Two passes: partners with at most TIE_PARTNERS ties first, then one more allowed, so
  // that the mean comes out close to TIE_PARTNERS.
  for (const cap of [TIE_PARTNERS, TIE_PARTNERS + 1].map((c) => Math.min(ties.K, c))) {
    for (let i = 0; i < pop.n; i++) {
      if (ties.deg[i] >= TIE_PARTNERS) continue;
      const m = state.grid.query(pop.x[i], pop.y[i], radius, pop.x, pop.y, i, buf);
      for (let tries = 0; tries < 3 * TIE_PARTNERS && ties.deg[i] < TIE_PARTNERS && m > 0; tries++) {
        const j = buf[rng.int(m)];
        if (ties.deg[j] >= cap || pop.region[j] !== pop.region[i]) continue;
        const type = pop.sector[i] === pop.sector[j] ? TieType.horizontal : TieType.vertical;
        ties.add(i, j, type, 0.5, state.regions[pop.region[i]].socialCapital, state.t);
      }
    }
  }
  return (2 * ties.count(pop.n)) / Math.max(1, pop.n);
}

/**
 * Mean pair meetings per agent and step of the two kernel mechanisms, from the state: the
 * spatial neighbours an agent samples (min(found, maxNeighbours)) and the tie partners it
 * learns from (each tie used with its chance of use, both ends learn).
 */
export function meetingsPerAgent(state: State): { spatial: number; tie: number } {
  const pop = state.pop, ties = state.ties, K = ties.K;
  const mp = state.scenario.parameters.mechanisms as Record<string, Record<string, unknown>>;
  const sp = mp.spillover as { enabled: boolean; radiusKm: number; maxNeighbours: number };
  const tl = mp.tieLearning as { enabled: boolean; contactRate?: number } | undefined;
  const buf = new Int32Array(1024);
  let spatial = 0, tie = 0, alive = 0;
  for (let i = 0; i < pop.n; i++) {
    if (!pop.alive[i]) continue;
    alive++;
    if (sp.enabled) spatial += Math.min(sp.maxNeighbours, state.grid.query(pop.x[i], pop.y[i], sp.radiusKm, pop.x, pop.y, i, buf));
    if (tl?.enabled) {
      for (let s = 0; s < ties.deg[i]; s++) {
        const j = ties.partner[i * K + s];
        tie += Math.min(1, (tl.contactRate ?? 1) * 0.5 * (pop.openness[i] + pop.openness[j]));
      }
    }
  }
  return { spatial: spatial / Math.max(1, alive), tie: tie / Math.max(1, alive) };
}
