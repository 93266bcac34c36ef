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
import { cognitiveDistance, distanceKm, geographical, learningValue, optimalDistance } from '../proximity.js';

export const SpilloverParams = mechanismParams({
  rate: prob().default(0.02).describe('Share of the knowledge gap absorbed per step at full capacity and proximity.'),
  radiusKm: positive().default(10).describe('Neighbourhood radius (km).'),
  maxNeighbours: z.number().int().min(1).max(256).default(8).describe('Neighbours sampled per agent and step.'),
});
export type SpilloverParams = z.infer<typeof SpilloverParams>;

// Per-run buffers, grown with the population (no allocation inside the step).
let candidates = new Int32Array(0);
/** Snapshot of tacit + codified knowledge at the start of the phase, n x D. */
let know = new Float64Array(0);
/** Euclidean norm of each row of `know` (for the cosine of cognitive distance). */
let norm = new Float64Array(0);
/** Gains of the current receiver, by domain. */
let gain = new Float64Array(0);

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
    const maxN = params.maxNeighbours;
    const pool = maxN * 4;
    if (candidates.length < pool) candidates = new Int32Array(pool);
    if (know.length < n * D) {
      know = new Float64Array(pop.capacity * D);
      norm = new Float64Array(pop.capacity);
    }
    if (gain.length < D) gain = new Float64Array(D);
    const T = pop.tacit, C = pop.codified, X = pop.x, Y = pop.y, alive = pop.alive, absorptive = pop.absorptive;
    // Synchronous update: every gain is computed from this snapshot, so a receiver's tacit
    // stock can be raised in place as soon as its own gains are known.
    for (let i = 0, q = 0; i < n; i++) {
      let ss = 0;
      for (let k = 0; k < D; k++, q++) {
        const v = T[q] + C[q];
        know[q] = v;
        ss += v * v;
      }
      norm[i] = Math.sqrt(ss);
    }
    const flowByRow = state.acc.flowByRow;
    const grid = state.grid, radius = params.radiusKm, rate = params.rate;
    const invGeo = 1 / prox.geoScaleKm;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      const ac = absorptive[i];
      if (ac <= 0) continue;
      const px = X[i], py = Y[i];
      const found = grid.query(px, py, radius, X, Y, i, candidates, pool);
      if (found === 0) continue;
      const m = found < maxN ? found : maxN;
      const ni = norm[i];
      const invDs = 1 / optimalDistance(ac, prox);
      const base = rate * ac;
      const bi = i * D;
      for (let k = 0; k < D; k++) gain[k] = 0;
      let gained = 0;
      for (let s = 0; s < m; s++) {
        let j: number;
        if (found > maxN) {
          // Partial Fisher-Yates: an unbiased sample of m of the candidates found (when all
          // are taken, no draw is needed: the order of the sum does not matter).
          const r = s + rng.int(found - s);
          j = candidates[r];
          candidates[r] = candidates[s];
          candidates[s] = j;
        } else j = candidates[s];
        const bj = j * D;
        const nj = norm[j];
        let cd = 1; // cognitive distance: 1 - cosine similarity (proximity.ts)
        if (ni > 0 && nj > 0) {
          let dot = 0;
          for (let k = 0; k < D; k++) dot += know[bi + k] * know[bj + k];
          const cos = dot / (ni * nj);
          cd = cos >= 1 ? 0 : 1 - cos;
        }
        const dx = X[j] - px, dy = Y[j] - py;
        const km = Math.sqrt(dx * dx + dy * dy);
        // geographical(km) * learningValue(cd, ac) = exp(-km/scale) * r * exp(1 - r), r = cd/d*.
        const r = cd * invDs;
        const w = base * r * Math.exp(1 - r - km * invGeo);
        if (!(w > 0)) continue;
        for (let k = 0; k < D; k++) {
          const gap = know[bj + k] - know[bi + k];
          if (gap > 0) {
            const g = w * gap;
            gain[k] += g;
            gained += g;
          }
        }
      }
      if (gained > 0) {
        for (let k = 0; k < D; k++) T[bi + k] += gain[k];
        total += gained;
        flowByRow[i * 4 + 0] += gained;
      }
    }
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
