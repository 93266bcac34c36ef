/**
 * Ecological spillovers (002 §81): unintended flows of tacit knowledge to geographically
 * close agents, whether or not they cooperate. Neighbours come from the spatial index
 * (never all pairs), at most `maxNeighbours` a step, sampled with the mechanism's stream.
 *
 * Receiver i gains, in each domain k where neighbour j knows more (Cowan & Jonard 2004):
 *   rate * A_i * geo_ij * f(cog_ij, A_i) * a_ik * (K_jk - K_ik)
 * where A_i is i's absorptive capacity (Cohen & Levinthal: zero capacity gains nothing),
 * geo_ij = exp(-km (1/scale_i + 1/scale_j) / 2) the geographical proximity at the two
 * knowledge bases' distance scales (knowledgeBase.ts: geoScaleKm x geoScale), f the
 * inverted-U learning value of cognitive distance and a_ik i's affinity for domain k (prior
 * related knowledge, profiles.ts).
 * K is tacit + codified knowledge of the sender; the gain is added to i's tacit stock.
 * Updates are synchronous: gains are computed from the state at the start of the phase.
 *
 * Speed (docs/performance.md): neighbour lists are cached across steps and updated on
 * entries and exits (src/engine/neighbours.ts); an agent with at most `maxNeighbours`
 * neighbours takes all of them, and two such agents make one exchange (the distance and
 * cognitive distance they share computed once). This file picks the pairs (sampling with
 * the mechanism's stream); the WebAssembly kernel (src/engine/wasm/kernel.as.ts,
 * `spillExchanges`, `spillLearn`) computes the gains with SIMD.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { mechanismParams, positive, prob } from '../../scenario/common.js';
import { cognitiveDistance, distanceKm, geographical, learningValue } from '../proximity.js';
import { fillCount, profilesAndLayout } from '../profiles.js';
import { bySector, knowledgeBaseOfRow } from '../knowledgeBase.js';
import { NeighbourLists } from '../neighbours.js';
import type { KernelExports, Views } from '../wasm/kernel.js';
import { frontierRatios } from '../frontier.js';
import { addChannelFlow } from '../state.js';
import type { Rng } from '../rng.js';

export const SpilloverParams = mechanismParams({
  rate: prob().default(0.02).describe('Share of the knowledge gap absorbed per step at full capacity and proximity. Assumption.'),
  radiusKm: positive().default(10).describe('Neighbourhood radius (km). Assumption.'),
  maxNeighbours: z.number().int().min(1).max(256).default(8).describe('Neighbours sampled per agent and step. Assumption.'),
});
export type SpilloverParams = z.infer<typeof SpilloverParams>;

/** Pairs handed to the kernel at a time (per list): bounds the pair buffers at any size. */
const CHUNK = 1 << 12;

/** The phase's buffers in the kernel's memory (src/engine/wasm/kernel.ts). */
const spec = (capacity: number, D: number, S: number) => ({
  /** Snapshot of tacit + codified knowledge at the start of the phase, n x D. */
  know: ['f64', capacity * D],
  /** 1 / the geographical scale of each row's sector (geoScaleKm x its knowledge base's factor). */
  invGeo: ['f64', capacity],
  /** rate * absorptive capacity of each receiver (0 for the dead: they gain nothing). */
  base: ['f64', capacity],
  /** 1 / optimal cognitive distance d* of each receiver. */
  invDs: ['f64', capacity],
  x: ['f64', capacity],
  y: ['f64', capacity],
  /** Each row's sector, and the frontier ratios of every pair of sectors (frontier.ts frontierRatios): gaps across sectors in the learner's units. */
  sector: ['i32', capacity],
  ratio: ['f64', S * S * D],
  /** What each row gained in the phase. */
  gain: ['f64', capacity],
  /** Pairs (i, j) that learn from each other, and pairs where only i learns from j. */
  exchanges: ['i32', 2 * CHUNK],
  learners: ['i32', 2 * CHUNK],
}) as const;
let views: Views<ReturnType<typeof spec>> | undefined;

let candidates = new Int32Array(0);

/** Neighbour lists within the radius, kept across steps (src/engine/neighbours.ts). */
const lists = new NeighbourLists();

/**
 * The pairs of the rows that take every neighbour (no sampling): they depend only on the
 * lists, so they are found once per change of the lists (`generation`), not every step.
 * Exchanges (both take every neighbour, once from the lower row), then one-sided pairs.
 */
class FixedPairs {
  lists: NeighbourLists | null = null;
  generation = -1;
  maxN = -1;
  exchanges = new Int32Array(0);
  nEx = 0;
  learners = new Int32Array(0);
  nLe = 0;

  /** The fixed pairs for these lists and sample size, found again if either changed. */
  of(L: NeighbourLists, maxN: number): this {
    if (this.lists === L && this.generation === L.generation && this.maxN === maxN) return this;
    // Room for every item listed, and one pair more (findFixedPairs writes a pair past the end).
    const all = L.start[L.rows];
    if (this.exchanges.length < all + 2) this.exchanges = new Int32Array(all + 2);
    if (this.learners.length < 2 * all + 2) this.learners = new Int32Array(2 * all + 2);
    this.nEx = findFixedPairs(L, maxN, this.exchanges, this.learners);
    this.nLe = learnersFound;
    this.lists = L;
    this.generation = L.generation;
    this.maxN = maxN;
    return this;
  }
}
const fixed = new FixedPairs();

/** The number of one-sided pairs the last findFixedPairs found. */
let learnersFound = 0;

/**
 * The scan behind FixedPairs.of, in a function of its own that ends with its loop: V8
 * compiles the loop on-stack during its first run, before any line after it has run, and
 * a property store after the loop threw that code away at every later call (the counts
 * leave as the return value and a module variable, which need no type feedback). Returns
 * the number of exchanges.
 */
function findFixedPairs(L: NeighbourLists, maxN: number, ex: Int32Array, le: Int32Array): number {
  const start = L.start, items = L.items, rows = L.rows;
  const fixed = fixedRows(L, maxN);
  let nEx = 0, nLe = 0;
  for (let i = 0; i < rows; i++) {
    if (!fixed[i]) continue;
    // Each neighbour is written to both lists and kept by the count that moves on (one slot
    // of room past the end): no branch on whether it is fixed or above i, which the
    // processor guessed wrong about half the time. The same pairs in the same order.
    for (let s = start[i], e = start[i + 1]; s < e; s++) {
      const j = items[s], f = fixed[j];
      ex[2 * nEx] = i; ex[2 * nEx + 1] = j;
      nEx += f & ((i - j) >>> 31); // fixed and j > i
      le[2 * nLe] = i; le[2 * nLe + 1] = j;
      nLe += f ^ 1;
    }
  }
  learnersFound = nLe;
  return nEx;
}

let fixedFlags = new Uint8Array(0);

/** 1 for each row of the lists that takes every neighbour (a complete list of at most maxN), else 0. */
function fixedRows(L: NeighbourLists, maxN: number): Uint8Array {
  const start = L.start, complete = L.complete, rows = L.rows;
  if (fixedFlags.length < rows) fixedFlags = new Uint8Array(Math.max(rows, 2 * fixedFlags.length));
  const fixed = fixedFlags;
  for (let i = 0; i < rows; i++) fixed[i] = start[i + 1] - start[i] <= maxN && complete[i] ? 1 : 0;
  return fixed;
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
    if (candidates.length < pool) candidates = new Int32Array(pool);
    // Profiles and affinities as the agents size each other up this step, around this phase's
    // buffers (profiles.ts). The kernel reads them where they are, in its resident area
    // (profOffset, affOffset).
    const made = fillCount();
    const { v, sp } = profilesAndLayout(state, () => (views = pop.kernel.reuse(views, spec(pop.capacity, D, state.sectors.length))));
    profOffset = sp.prof.byteOffset;
    affOffset = sp.aff.byteOffset;
    const fn = pop.kernel.fn;
    // Synchronous update: every gain is computed from the snapshot `know` (tacit + codified
    // at the start of the phase, made by the kernel with the row norms), so tacit stocks can
    // be raised in place as soon as a pair's gains are known. The tacit stocks are raised where
    // they live, in the kernel's knowledge area (population.ts; read after the layout).
    // When the profiles were made at the start of this phase (as they are when spillover is the
    // first phase that asks for them), the kernel wrote that snapshot with them (profiles.ts
    // knowAt); otherwise it is made here, codified then tacit added (the same doubles).
    const nD = n * D, base = v.base, invDs = v.invDs, invGeo = v.invGeo;
    tacitOffset = pop.tacit.byteOffset;
    if (fillCount() !== made && sp.n === n) knowOffset = sp.knowAt;
    else {
      v.know.set(pop.codified.subarray(0, nD));
      fn.addRows(v.know.byteOffset, tacitOffset, n, D);
      knowOffset = v.know.byteOffset;
    }
    const alive = pop.alive, absorptive = pop.absorptive, rate = params.rate, sector = pop.sector;
    const dLow = prox.optimalDistanceLow, dSpan = prox.optimalDistanceHigh - prox.optimalDistanceLow;
    const geoScale = bySector(state, (f) => 1 / (prox.geoScaleKm * f.geoScale), scales(state.sectors.length));
    for (let i = 0; i < n; i++) {
      const ac = absorptive[i];
      base[i] = alive[i] && ac > 0 ? rate * ac : 0;
      invDs[i] = 1 / (dLow + dSpan * ac); // 1 / optimalDistance(ac)
      invGeo[i] = geoScale[sector[i]];
    }
    v.x.set(pop.x.subarray(0, n));
    v.y.set(pop.y.subarray(0, n));
    v.sector.set(pop.sector.subarray(0, n));
    frontierRatios(state, v.ratio);
    const S = state.sectors.length;
    v.gain.fill(0, 0, n);
    const ex = v.exchanges, le = v.learners;
    nEx = nLe = 0;
    total = 0;
    const L = lists.get(state, params.radiusKm, pool);
    // Rows that take every neighbour: their pairs, copied to the kernel a chunk at a time.
    const F = fixed.of(L, maxN);
    for (let p = 0; p < F.nEx; p += CHUNK) {
      nEx = Math.min(CHUNK, F.nEx - p);
      ex.set(F.exchanges.subarray(2 * p, 2 * (p + nEx)));
      flush(fn, v, D, S);
    }
    for (let p = 0; p < F.nLe; p += CHUNK) {
      nLe = Math.min(CHUNK, F.nLe - p);
      le.set(F.learners.subarray(2 * p, 2 * (p + nLe)));
      flush(fn, v, D, S);
    }
    sampleOthers(state, params, rng, v, fn, L);
    flush(fn, v, D, S);
    addChannelFlow(state.acc.flowByRow, 'spillover', v.gain, n);
    state.acc.flow.spillover += total;
  },
};

/** Pairs queued for the kernel (exchanges, learners) and the knowledge moved so far this step. */
let nEx = 0, nLe = 0, total = 0;
/** Byte offsets of the step's profiles and affinities in the kernel's memory (profiles.ts). */
let profOffset = 0, affOffset = 0;
/** Byte offset of the population's tacit knowledge in the kernel's memory (population.ts). */
let tacitOffset = 0;
/** Byte offset of the phase's snapshot of tacit + codified (profiles.ts knowAt, or the phase's own `know`). */
let knowOffset = 0;

/** Send the queued exchanges and learners to the kernel, which raises the learners' tacit stocks in place. */
function flush(fn: KernelExports, v: Views<ReturnType<typeof spec>>, D: number, S: number): void {
  total += fn.spillExchanges(v.exchanges.byteOffset, nEx, knowOffset, tacitOffset, profOffset, v.base.byteOffset,
    v.invDs.byteOffset, v.x.byteOffset, v.y.byteOffset, v.gain.byteOffset, D, v.invGeo.byteOffset, affOffset, v.sector.byteOffset, v.ratio.byteOffset, S);
  total += fn.spillLearn(v.learners.byteOffset, nLe, knowOffset, tacitOffset, profOffset, v.base.byteOffset,
    v.invDs.byteOffset, v.x.byteOffset, v.y.byteOffset, v.gain.byteOffset, D, v.invGeo.byteOffset, affOffset, v.sector.byteOffset, v.ratio.byteOffset, S);
  nEx = nLe = 0;
}

/**
 * The rows that do not take every neighbour sample maxN of them afresh each step (j samples
 * i on its own), queued for the kernel a chunk at a time. A function whose loop is its last
 * statement: with the loop inline in `step`, V8 compiled `step` on-stack during its first
 * call and threw that code out again at every later step (docs/performance.md, item 16).
 */
function sampleOthers(state: State, params: SpilloverParams, rng: Rng, v: Views<ReturnType<typeof spec>>, fn: KernelExports, L: NeighbourLists): void {
  const pop = state.pop, n = pop.n, D = pop.D, S = state.sectors.length;
  const maxN = params.maxNeighbours, pool = maxN * 4, base = v.base, le = v.learners;
  const start = L.start, items = L.items, rows = L.rows, complete = L.complete;
  let k = nLe; // the queue's length, kept in a local and handed back to nLe around flush
  for (let i = 0; i < n; i++) {
    if (base[i] === 0) continue;
    if (k + maxN > CHUNK) {
      nLe = k;
      flush(fn, v, D, S);
      k = 0;
    }
    if (i >= rows) {
      // A row added since the lists were made: query afresh.
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
        le[2 * k] = i; le[2 * k + 1] = j; k++;
      }
    } else {
      const s0 = start[i], cnt = start[i + 1] - s0;
      if (cnt <= maxN && complete[i]) continue; // a fixed row
      // Partial Fisher-Yates over the list (in place): an unbiased sample of maxN.
      for (let s = 0, m = cnt < maxN ? cnt : maxN; s < m; s++) {
        const r = s + rng.int(cnt - s);
        const j = items[s0 + r];
        items[s0 + r] = items[s0 + s];
        items[s0 + s] = j;
        le[2 * k] = i; le[2 * k + 1] = j; k++;
      }
    }
  }
  nLe = k;
}

/** Per-sector scratch table. */
let scaleBuf = new Float64Array(0);
function scales(S: number): Float64Array {
  if (scaleBuf.length < S) scaleBuf = new Float64Array(S);
  return scaleBuf;
}

/** Exposed for tests: the gain receiver i would get from j this step at full sampling. */
export function spilloverWeight(state: State, params: SpilloverParams, i: number, j: number): number {
  const pop = state.pop;
  const prox = state.scenario.parameters.proximity;
  const ac = pop.absorptive[i];
  const scale = 2 / (1 / (prox.geoScaleKm * knowledgeBaseOfRow(state, i).geoScale) + 1 / (prox.geoScaleKm * knowledgeBaseOfRow(state, j).geoScale));
  return params.rate * ac * geographical(distanceKm(pop, i, j), prox, scale) * learningValue(cognitiveDistance(pop, i, j), ac, prox);
}
