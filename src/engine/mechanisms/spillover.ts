/**
 * Ecological spillovers (002 §81): unintended flows of tacit knowledge to geographically
 * close agents, whether or not they cooperate. Neighbours come from the spatial index
 * (never all pairs), at most `maxNeighbours` a step, sampled with the mechanism's stream.
 *
 * Receiver i gains, in each domain k where neighbour j knows more (Cowan & Jonard 2004):
 *   rate * A_i * geo(d_ij) * f(cog_ij, A_i) * (K_jk - K_ik)
 * where A_i is i's absorptive capacity (Cohen & Levinthal: zero capacity gains nothing),
 * geo the geographical proximity and f the inverted-U learning value of cognitive distance.
 * K is tacit + codified knowledge of the sender; the gain is added to i's tacit stock.
 * Updates are synchronous: gains are computed from the state at the start of the phase.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { mechanismParams, positive, prob } from '../../scenario/common.js';
import { cognitiveDistance, distanceKm, geographical, learningValue } from '../proximity.js';

export const SpilloverParams = mechanismParams({
  rate: prob().default(0.02).describe('Share of the knowledge gap absorbed per step at full capacity and proximity.'),
  radiusKm: positive().default(10).describe('Neighbourhood radius (km).'),
  maxNeighbours: z.number().int().min(1).max(256).default(8).describe('Neighbours sampled per agent and step.'),
});
export type SpilloverParams = z.infer<typeof SpilloverParams>;

let candidates = new Int32Array(0);
let delta = new Float64Array(0);

export const spillover: Mechanism<SpilloverParams> = {
  id: 'spillover',
  doc: 'Unintended tacit knowledge spillovers to geographically close agents, scaled by absorptive capacity (002 §81).',
  params: SpilloverParams,
  reads: ['x', 'y', 'tacit', 'codified', 'absorptive', 'alive'],
  writes: ['tacit', 'acc.flow.spillover'],
  step({ state, params, rng }) {
    const pop = state.pop;
    const n = pop.n, D = pop.D;
    const prox = state.scenario.parameters.proximity;
    const pool = params.maxNeighbours * 4;
    if (candidates.length < pool) candidates = new Int32Array(pool);
    if (delta.length < n * D) delta = new Float64Array(pop.capacity * D);
    delta.fill(0, 0, n * D);
    const T = pop.tacit, C = pop.codified;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!pop.alive[i]) continue;
      const ac = pop.absorptive[i];
      if (ac <= 0) continue;
      const found = state.grid.query(pop.x[i], pop.y[i], params.radiusKm, pop.x, pop.y, i, candidates.subarray(0, pool));
      const m = Math.min(found, params.maxNeighbours);
      for (let s = 0; s < m; s++) {
        // Partial Fisher-Yates: an unbiased sample of m of the candidates found.
        const r = s + rng.int(found - s);
        const j = candidates[r];
        candidates[r] = candidates[s];
        candidates[s] = j;
        const w = params.rate * ac * geographical(distanceKm(pop, i, j), prox) *
          learningValue(cognitiveDistance(pop, i, j), ac, prox);
        if (w <= 0) continue;
        let gained = 0;
        for (let k = 0; k < D; k++) {
          const gap = T[j * D + k] + C[j * D + k] - T[i * D + k] - C[i * D + k];
          if (gap > 0) gained += (delta[i * D + k] += w * gap, w * gap);
        }
        total += gained;
        state.acc.flowByRow[i * 4 + 0] += gained;
      }
    }
    for (let q = 0; q < n * D; q++) T[q] += delta[q];
    state.acc.flow.spillover += total;
  },
};

/** Exposed for tests: the gain receiver i would get from j this step at full sampling. */
export function spilloverWeight(state: State, params: SpilloverParams, i: number, j: number): number {
  const pop = state.pop;
  const prox = state.scenario.parameters.proximity;
  const ac = pop.absorptive[i];
  return params.rate * ac * geographical(distanceKm(pop, i, j), prox) * learningValue(cognitiveDistance(pop, i, j), ac, prox);
}
