/**
 * The technological frontier: best practice in each knowledge domain of each sector, the
 * yardstick against which agents' knowledge is judged (docs/model/frontier.md).
 *
 * Knowledge is stored in absolute units (agents of different sectors learn from each other in
 * a shared domain in relative units: frontierRatios); an agent's relative level in domain k is
 * K_ik / F_{s(i),k}. The
 * frontier moves two ways:
 *   - an exogenous drift, by the sector's technology intensity (capabilities mechanism):
 *     F_sk <- F_sk * (1 + g_s), the world's technical progress the cluster does not make
 *     itself. Knowledge that is not renewed loses relative value at that rate: obsolescence
 *     relative to the frontier (Griliches 1979; Hall 2005 on the obsolescence of knowledge);
 *   - the sector's own radical innovations: new combinations of domains advance best
 *     practice, by an amount per radical innovation and unit of the sector's R&D scale
 *     (innovation mechanism, pushFrontiers).
 * Every gain toward a better agent or toward the frontier closes part of a gap, so relative
 * levels stay near [0, 1] and reach a stationary distribution when learning balances the
 * drift, instead of compounding without bound.
 *
 * The frontier grows exponentially; long runs of high-intensity sectors would overflow
 * doubles after thousands of years, so every level is rescaled by a power of two (exact in
 * floating point) once the frontier passes 2^RESCALE_AT; `frontierLog2` keeps the scale.
 */
import type { State } from './contract.js';
import type { Scenario } from '../scenario/schema.js';
import { pow } from './math.js';

/** Steps per year for each time unit of a scenario. */
export const STEPS_PER_YEAR: Record<Scenario['timeUnit'], number> = { month: 12, quarter: 4, year: 1 };

/** Per-step growth factor - 1 of an annual growth rate g: (1 + g)^(1 / steps a year) - 1. */
export function growthPerStep(gYear: number, stepsPerYear: number): number {
  return pow(1 + gYear, 1 / stepsPerYear) - 1;
}

/** Per-step loss of an annual loss (or event) rate r: 1 - (1 - r)^(1 / steps a year). */
export function lossPerStep(rYear: number, stepsPerYear: number): number {
  return rYear >= 1 ? 1 : 1 - pow(1 - rYear, 1 / stepsPerYear);
}

/** Steps a year of this state's scenario. */
export function stepsPerYear(state: State): number {
  return STEPS_PER_YEAR[state.scenario.timeUnit];
}

/**
 * The frontier at build: for each sector and domain the larger of 1 and the best level any
 * agent of the sector starts with (the scenario's knowledge levels are stated relative to
 * best practice at step 0, so nobody starts beyond it).
 */
export function initFrontier(state: State): void {
  const pop = state.pop, D = pop.D, S = state.sectors.length;
  const F = new Float64Array(S * D).fill(1);
  for (let i = 0; i < pop.n; i++) {
    if (!pop.alive[i]) continue;
    const f = pop.sector[i] * D;
    for (let k = 0, q = i * D; k < D; k++, q++) {
      const v = pop.tacit[q] + pop.codified[q];
      if (v > F[f + k]) F[f + k] = v;
    }
  }
  pop.frontier = F;
  pop.frontierSeen = F.slice();
  pop.frontierLog2 = 0;
}

/**
 * How far each sector's frontier has advanced (drift and radical pushes) since the last call,
 * into `out` (S x D, absolute units); then remembers where it stands.
 */
export function frontierAdvance(state: State, out: Float64Array): Float64Array {
  const F = state.pop.frontier, seen = state.pop.frontierSeen;
  for (let q = 0; q < F.length; q++) {
    out[q] = F[q] - seen[q];
    seen[q] = F[q];
  }
  return out;
}

/** Move every sector's frontier by its drift this step (`rates[s]`, per step). */
export function driftFrontier(state: State, rates: ArrayLike<number>): void {
  const pop = state.pop, D = pop.D, F = pop.frontier;
  for (let s = 0; s < state.sectors.length; s++) for (let k = 0; k < D; k++) F[s * D + k] *= 1 + rates[s];
  rescaleIfLarge(state);
}

/** Rescale once the frontier passes 2^RESCALE_AT, by 2^-RESCALE_AT (exact). */
const RESCALE_AT = 512;
function rescaleIfLarge(state: State): void {
  const pop = state.pop, F = pop.frontier;
  let max = 0;
  for (let q = 0; q < F.length; q++) if (F[q] > max) max = F[q];
  if (max < 2 ** RESCALE_AT) return;
  const f = 2 ** -RESCALE_AT, n = pop.n * pop.D;
  for (let q = 0; q < F.length; q++) { F[q] *= f; pop.frontierSeen[q] *= f; }
  for (let q = 0; q < n; q++) { pop.tacit[q] *= f; pop.codified[q] *= f; }
  pop.frontierLog2 += RESCALE_AT;
}

/**
 * The frontier ratios of every pair of sectors, S x S x D into `out` (grown if short; returned):
 * out[(a S + b) D + k] = F[a, k] / F[b, k], the factor that puts a level of a sector-b agent in
 * domain k into the units of a sector-a agent. Knowledge is stored in absolute units, but
 * sectors' frontiers drift at their own rates (frontierDrift by technology intensity, radical
 * pushes), so absolute levels of different sectors drift apart without bound: what is
 * comparable across sectors is the level relative to one's own sector's best practice. Every
 * transfer between agents (spillovers, tie learning, projects, a radical innovation's
 * recombination) measures the gap to a partner of another sector in the learner's units: a
 * partner at 70 % of its sector's frontier brings the learner toward 70 % of its own. Within a
 * sector the ratio is 1 and nothing is multiplied (the same bits as before the rule).
 */
export function frontierRatios(state: State, out: Float64Array): Float64Array {
  const S = state.sectors.length, D = state.pop.D, F = state.pop.frontier;
  if (out.length < S * S * D) out = new Float64Array(S * S * D);
  for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) for (let k = 0; k < D; k++) out[(a * S + b) * D + k] = F[a * D + k] / F[b * D + k];
  return out;
}

/** Row j's absolute level in domain k in the units of row i's sector (frontierRatios). */
export function levelInUnitsOf(state: State, i: number, j: number, k: number): number {
  const pop = state.pop, D = pop.D, q = j * D + k, v = pop.tacit[q] + pop.codified[q];
  const si = pop.sector[i], sj = pop.sector[j];
  return si === sj ? v : v * (pop.frontier[si * D + k] / pop.frontier[sj * D + k]);
}

/**
 * Holds every agent at or below its sector's frontier, domain by domain, scaling the domain's
 * tacit and codified parts alike. The frontier is the sector's best practice: nobody starts
 * beyond it (initFrontier), incremental and radical innovation stop at it (innovation.ts), and
 * learning, across sectors in relative units (frontierRatios), closes gaps to partners who are
 * at most at their own frontier. What can still pass it: tacit and codified gaps are closed
 * channel by channel, so a partner ahead in tacit knowledge teaches a learner ahead in codified
 * knowledge past the learner's total (about 2 % of the agent-domains a step in default.yaml, by 3-11 %,
 * docs/model/frontier.md). What lies beyond is not usable in the learner's field: absorptive
 * capacity is specific to the firm's own field [Cohen & Levinthal 1990], so the excess is not
 * kept. Runs at the end of every step (state.ts endStep), in one pass with the refresh of
 * every row's knowledge level (Population.knowledgeOf, same operations in the same order), so
 * the knowledge matrices are read once; dead rows are not capped but get their level.
 */
export function capAtFrontierAndRefresh(state: State): void {
  const pop = state.pop, n = pop.n, D = pop.D, F = pop.frontier, tacit = pop.tacit, codified = pop.codified;
  const alive = pop.alive, sector = pop.sector, knowledge = pop.knowledge;
  for (let i = 0; i < n; i++) {
    const f = sector[i] * D, live = alive[i] !== 0;
    let s = 0;
    for (let k = 0, q = i * D; k < D; k++, q++) {
      let t = tacit[q], c = codified[q];
      const cap = F[f + k];
      if (live) {
        const v = t + c;
        if (v > cap) { const r = cap / v; t *= r; c *= r; tacit[q] = t; codified[q] = c; }
      }
      s += (t + c) / cap;
    }
    knowledge[i] = s / D;
  }
}

/** Frontier of sector s in domain k as an index (1 at step 0 for a sector whose agents started at or below 1). */
export function frontierIndex(state: State, s: number, k: number): number {
  const pop = state.pop;
  return pop.frontier[s * pop.D + k] * 2 ** pop.frontierLog2;
}
