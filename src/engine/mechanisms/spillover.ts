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
 *
 * Speed (docs/performance.md): neighbour lists are cached across steps and updated on
 * entries and exits (src/engine/neighbours.ts); an agent with at most `maxNeighbours`
 * neighbours takes all of them, and two such agents make one exchange (the distance and
 * cognitive distance they share computed once); gains use max(gap, 0) without a branch.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { mechanismParams, positive, prob } from '../../scenario/common.js';
import { cognitiveDistance, distanceKm, geographical, learningValue, optimalDistance } from '../proximity.js';
import { NeighbourLists } from '../neighbours.js';

export const SpilloverParams = mechanismParams({
  rate: prob().default(0.02).describe('Share of the knowledge gap absorbed per step at full capacity and proximity.'),
  radiusKm: positive().default(10).describe('Neighbourhood radius (km).'),
  maxNeighbours: z.number().int().min(1).max(256).default(8).describe('Neighbours sampled per agent and step.'),
});
export type SpilloverParams = z.infer<typeof SpilloverParams>;

/**
 * The phase's working data, in one object of fixed shape so the pair functions below stay
 * small and inlinable. Buffers grow with the population (no allocation inside the step).
 */
class Work {
  D = 0;
  /** Snapshot of tacit + codified knowledge at the start of the phase, n x D. */
  know: Float64Array = new Float64Array(0);
  /** Euclidean norm of each row of `know` (for the cosine of cognitive distance). */
  norm: Float64Array = new Float64Array(0);
  /** rate * absorptive capacity of each receiver (0 for the dead: they gain nothing). */
  base: Float64Array = new Float64Array(0);
  /** 1 / optimal cognitive distance d* of each receiver. */
  invDs: Float64Array = new Float64Array(0);
  x: Float64Array = new Float64Array(0);
  y: Float64Array = new Float64Array(0);
  tacit: Float64Array = new Float64Array(0);
  flowByRow: Float64Array = new Float64Array(0);
  invGeo = 0;
  total = 0;
}
const work = new Work();
let candidates = new Int32Array(0);

/** Neighbour lists within the radius, kept across steps (src/engine/neighbours.ts). */
const lists = new NeighbourLists();

/** Receiver i learns from j; returns what i gained (added to its tacit stock). */
function learnFrom(w: Work, i: number, j: number): number {
  const D = w.D, know = w.know, bi = i * D, bj = j * D;
  const wi = w.base[i] * 0.5 * weightTerm(w, i, j, cognitiveDist(w, bi, bj, w.norm[i] * w.norm[j]));
  if (!(wi > 0)) return 0;
  const T = w.tacit;
  let gi = 0;
  for (let k = 0; k < D; k++) {
    // 0.5 * (gap + |gap|) = max(gap, 0), without a branch the processor would mispredict.
    const gap = know[bj + k] - know[bi + k];
    const g = wi * (gap + Math.abs(gap));
    T[bi + k] += g;
    gi += g;
  }
  return gi;
}

/** i and j, both taking every neighbour, learn from each other: shared terms computed once. */
function exchange(w: Work, i: number, j: number): void {
  const D = w.D, know = w.know, bi = i * D, bj = j * D;
  const cd = cognitiveDist(w, bi, bj, w.norm[i] * w.norm[j]);
  const dx = w.x[j] - w.x[i], dy = w.y[j] - w.y[i];
  const geo = -Math.sqrt(dx * dx + dy * dy) * w.invGeo;
  const ri = cd * w.invDs[i], rj = cd * w.invDs[j];
  const wi = w.base[i] * 0.5 * ri * Math.exp(1 - ri + geo);
  const wj = w.base[j] * 0.5 * rj * Math.exp(1 - rj + geo);
  if (!(wi > 0) && !(wj > 0)) return;
  const T = w.tacit;
  let gi = 0, gj = 0;
  for (let k = 0; k < D; k++) {
    const gap = know[bj + k] - know[bi + k];
    const a = Math.abs(gap);
    const ti = wi * (gap + a), tj = wj * (a - gap);
    T[bi + k] += ti;
    T[bj + k] += tj;
    gi += ti;
    gj += tj;
  }
  w.flowByRow[i * 4] += gi;
  w.flowByRow[j * 4] += gj;
  w.total += gi + gj;
}

/** Cognitive distance (1 - cosine similarity, proximity.ts) of two rows of the snapshot. */
function cognitiveDist(w: Work, bi: number, bj: number, norms: number): number {
  if (!(norms > 0)) return 1;
  const know = w.know;
  let dot = 0;
  for (let k = 0; k < w.D; k++) dot += know[bi + k] * know[bj + k];
  const cos = dot / norms;
  return cos >= 1 ? 0 : 1 - cos;
}

/** geographical(km) * learningValue(cd, A_i) = exp(-km / scale) * r * exp(1 - r), r = cd / d*_i. */
function weightTerm(w: Work, i: number, j: number, cd: number): number {
  const dx = w.x[j] - w.x[i], dy = w.y[j] - w.y[i];
  const r = cd * w.invDs[i];
  return r * Math.exp(1 - r - Math.sqrt(dx * dx + dy * dy) * w.invGeo);
}

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
    const w = work;
    if (w.know.length < n * D || w.D !== D) {
      w.know = new Float64Array(pop.capacity * D);
      w.norm = new Float64Array(pop.capacity);
      w.base = new Float64Array(pop.capacity);
      w.invDs = new Float64Array(pop.capacity);
    }
    if (candidates.length < pool) candidates = new Int32Array(pool);
    w.D = D;
    w.x = pop.x;
    w.y = pop.y;
    w.tacit = pop.tacit;
    w.flowByRow = state.acc.flowByRow;
    w.invGeo = 1 / prox.geoScaleKm;
    w.total = 0;
    // Synchronous update: every gain is computed from this snapshot, so tacit stocks can be
    // raised in place as soon as a pair's gains are known.
    const T = pop.tacit, C = pop.codified, know = w.know, norm = w.norm;
    for (let i = 0, q = 0; i < n; i++) {
      let ss = 0;
      for (let k = 0; k < D; k++, q++) {
        const v = T[q] + C[q];
        know[q] = v;
        ss += v * v;
      }
      norm[i] = Math.sqrt(ss);
      const ac = pop.absorptive[i];
      w.base[i] = pop.alive[i] && ac > 0 ? params.rate * ac : 0;
      w.invDs[i] = 1 / optimalDistance(ac, prox);
    }
    const L = lists.get(state, params.radiusKm, pool);
    const start = L.start, items = L.items, rows = L.rows, complete = L.complete;
    for (let i = 0; i < n; i++) {
      let gained = 0;
      if (i >= rows) {
        // A row added since the lists were made: query afresh (receiver only).
        if (w.base[i] === 0) continue;
        const found = state.grid.query(pop.x[i], pop.y[i], params.radiusKm, pop.x, pop.y, i, candidates, pool);
        const m = found < maxN ? found : maxN;
        for (let s = 0; s < m; s++) {
          let j = candidates[s];
          if (found > maxN) {
            const r = s + rng.int(found - s);
            j = candidates[r];
            candidates[r] = candidates[s];
            candidates[s] = j;
          }
          gained += learnFrom(w, i, j);
        }
      } else {
        const s0 = start[i], cnt = start[i + 1] - s0;
        if (cnt <= maxN && complete[i]) {
          // i takes every neighbour. A pair of two such agents is one exchange, done once
          // from its lower row; otherwise i learns from j here, and j samples i on its own.
          for (let s = s0, e = s0 + cnt; s < e; s++) {
            const j = items[s];
            if (start[j + 1] - start[j] <= maxN && complete[j]) {
              if (j > i) exchange(w, i, j);
            } else if (w.base[i] !== 0) gained += learnFrom(w, i, j);
          }
        } else if (w.base[i] !== 0) {
          // Partial Fisher-Yates over the list (in place): an unbiased sample of maxN.
          for (let s = 0, m = cnt < maxN ? cnt : maxN; s < m; s++) {
            const r = s + rng.int(cnt - s);
            const j = items[s0 + r];
            items[s0 + r] = items[s0 + s];
            items[s0 + s] = j;
            gained += learnFrom(w, i, j);
          }
        }
      }
      if (gained > 0) {
        w.flowByRow[i * 4] += gained;
        w.total += gained;
      }
    }
    state.acc.flow.spillover += w.total;
  },
};

/** Exposed for tests: the gain receiver i would get from j this step at full sampling. */
export function spilloverWeight(state: State, params: SpilloverParams, i: number, j: number): number {
  const pop = state.pop;
  const prox = state.scenario.parameters.proximity;
  const ac = pop.absorptive[i];
  return params.rate * ac * geographical(distanceKm(pop, i, j), prox) * learningValue(cognitiveDistance(pop, i, j), ac, prox);
}
