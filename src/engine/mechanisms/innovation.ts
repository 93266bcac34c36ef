/**
 * Own innovation (docs/model/innovation.md): each firm (and research institution) spends its
 * R&D effort and innovates, incrementally or radically, a Poisson number of times a step.
 *
 * Effort e_i = rdEffort_i (own, paid from capital: e * employees * rdCostPerEmployee a step;
 * a firm short of capital does less) + rdSubsidy_i (paid by the R&D-subsidy lever). With
 *   E_i = e_i / (e_i + effortHalf)        effort, saturating
 *   L_i = K_i / (K_i + knowledgeHalf)     knowledge level K_i, saturating
 *   H_i = entropy of i's profile over domains / log D   breadth to recombine
 *   S_i = r_i / (r_i + learningHalf)      stimulus of interactive learning, where r_i is the
 *         knowledge i absorbed this step through spillovers, ties and projects (all four
 *         channels, recorded by the earlier phases) relative to its own stock, sum_k K_ik
 *   X_i = (1 + learningBoost * S_i) / (1 + learningBoost)
 *   Z_i = max(1, employees_i / sizeRef)^sizeElasticity   scale of its R&D (Cohen & Klepper 1996)
 * the expected innovations this step are
 *   radical:     rdReturn * radical * radicalRate * Z_i * E_i * A_i * H_i * X_i
 *   incremental: rdReturn * incrementalRate     * Z_i * E_i * L_i * (1 + A_i) / 2 * X_i
 * (rdReturn, radical: the factors of the sector's knowledge base, knowledgeBase.ts: formal
 * R&D pays more, and more radically, in science-based sectors; Asheim & Gertler 2005)
 * Innovation in SMEs rests on "combinatorial capabilities and interactive learning processes
 * within networks of firms" (002 §37, §47), and usable knowledge includes what a firm
 * absorbs from others (Cohen & Levinthal: z_i = M_i + gamma_i (theta sum_j M_j + T)): a firm
 * cut off from flows innovates less (learningBoost = 1: at most half as often).
 * Radical (recombinant) innovation needs absorptive capacity A_i to understand a new field;
 * incremental innovation deepens what the firm knows, which is why SMEs of medium and low
 * tech innovate mostly incrementally (002 §37, §23) and innovation is path dependent
 * ("each change is the evolution of previous changes", 002 §119). It needs internal
 * knowledge and financial resources (002 §32) and sustained effort (002 §48).
 *
 * Knowledge levels are judged against the sector's technological frontier (best practice,
 * src/engine/frontier.ts); K_i is i's relative level. Effects (SKIN: expertise rises with use):
 *   incremental: the `focusDomains` strongest domains close deepenGain of their gap to the
 *     frontier (learning toward best practice: gains shrink as the firm nears it);
 *   radical (a new combination of domains, 002 §44-45): among the firm's weak domains
 *     (relative level below its mean), the one where a tie partner is furthest ahead closes
 *     radicalJump of that gap: creativity combines "knowledge borrowed from various sectors,
 *     disciplines and regions" (002 §44), so a cluster whose firms all lack the same fields
 *     has little to recombine (lock-in). With no partner ahead, a random weak domain closes
 *     radicalJump of its gap to the firm's own mean level, and its niche (what it does) moves
 *     radicalJump toward the new domain (SKIN's radical research swaps a capability). The strongest domain, used in the
 *     combination, gains radicalStep x H_i of the frontier (up to best practice), and the
 *     sector's frontier advances with the sector's radical innovations (pushFrontiers).
 * A larger agent innovates more often, but each innovation improves one of its Z_i units
 * (products, teams), so every gain above is divided by Z_i: the expected improvement of its
 * knowledge per step does not grow with size (as in Klette & Kortum 2004, where an innovation
 * improves one product line), and size alone does not buy a knowledge lead.
 * New knowledge keeps the domain's tacit/codified mix. An innovation renews a share
 * count / Z_i of the agent's products, whose quality becomes K_i (1 + qualityIncremental or
 * qualityRadical): q moves that share of the way there (recordInnovation), which the market
 * rewards. Counts go to acc.innovIncremental / acc.innovRadical.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { Kind, isFirmKind } from '../population.js';
import { mechanismParams, nonneg, positive, prob } from '../../scenario/common.js';
import { bySector } from '../knowledgeBase.js';
import { exp, log } from '../math.js';
import { stepProfiles } from '../profiles.js';
import { entropyInto, expInto, powInto } from '../wasm/kernel.js';

export const InnovationParams = mechanismParams({
  incrementalRate: prob().default(1).describe(
    'Incremental innovations expected per step of an agent of sizeRef employees at saturated effort and knowledge and absorptive capacity 1 (002 §37: gradual improvement dominates in SMEs).'),
  radicalRate: prob().default(0.3).describe(
    'Radical (recombinant) innovations expected per step of an agent of sizeRef employees at saturated effort, absorptive capacity 1 and an even knowledge profile (002 §23, §44-45).'),
  sizeRef: positive().default(10).describe('Employees of an agent whose expected innovations are the rates above; larger agents run more R&D (assumption: a small firm).'),
  sizeElasticity: prob().default(0.8).describe(
    'Elasticity of expected innovations to size (employees / sizeRef, at least 1): R&D grows with size, innovations per unit of R&D fall with it (Cohen & Klepper 1996; Acs & Audretsch 1990). Assumption: 0.8.'),
  effortHalf: positive().default(0.1).describe('R&D effort (share of resources) at which the effort term is half its maximum (002 §48: sustained effort).'),
  knowledgeHalf: positive().default(0.5).describe('Knowledge level at which the knowledge term of incremental innovation is half its maximum (002 §32: internal knowledge).'),
  rdCostPerEmployee: nonneg().default(1).describe('Money per employee per step spent at R&D effort 1; own effort is paid from capital (002 §32: financial resources).'),
  focusDomains: z.number().int().min(1).max(64).default(2).describe('Strongest domains an incremental innovation deepens (path dependence, 002 §119).'),
  deepenGain: prob().default(0.05).describe('Share of the gap to the frontier an incremental innovation closes in each focus domain (SKIN: expertise rises with use; learning toward best practice).'),
  radicalStep: prob().default(0.05).describe('Gain of the strongest domain in a radical innovation, as a share of the frontier, times the breadth H of the firm\'s knowledge (up to best practice); the sector\'s frontier advances by radicalStep x H per radical innovation per unit of the sector\'s R&D scale (assumption).'),
  radicalJump: prob().default(0.3).describe('Share of the gap to the best tie partner (or to the firm\'s own mean level) that a radical innovation closes in a weak domain (entering a domain, 002 §44).'),
  learningBoost: nonneg().default(1).describe('How much knowledge absorbed from others this step raises the chance to innovate: up to (1 + learningBoost) times that of an isolated firm (002 §37, §47).'),
  learningHalf: positive().default(0.005).describe('Knowledge absorbed in a step, relative to the firm\'s own stock, at which the learning stimulus is half its maximum. Assumption.'),
  qualityIncremental: nonneg().default(0.02).describe('Premium of an incremental innovation: product quality becomes at least knowledge x (1 + this). Assumption.'),
  qualityRadical: nonneg().default(0.1).describe('Premium of a radical innovation: product quality becomes at least knowledge x (1 + this). Assumption.'),
});
export type InnovationParams = z.infer<typeof InnovationParams>;

/** Agents that run their own R&D: firms and research institutions. */
export function innovates(kind: number): boolean {
  return isFirmKind(kind) || kind === Kind.research;
}

/**
 * Record `count` innovations of row i of one kind (own or from a joint project) and renew the
 * share `renewed` (at most 1) of its products: their quality becomes knowledge times 1 + the
 * innovation's premium, so q moves that share of the way to K_i (1 + premium) when it is
 * below. Premiums do not stack (a product embodies what the firm knows now plus one
 * improvement). Used by the projects mechanism too (one innovation, all products renewed).
 */
export function recordInnovation(state: State, i: number, radical: boolean, p: InnovationParams, count = 1, renewed = 1): void {
  const pop = state.pop;
  const g = radical ? p.qualityRadical : p.qualityIncremental;
  const target = pop.knowledgeOf(i) * (1 + g);
  if (target > pop.quality[i]) pop.quality[i] += Math.min(1, renewed) * (target - pop.quality[i]);
  if (radical) state.acc.innovRadical[i] += count;
  else state.acc.innovIncremental[i] += count;
}

/** The Poisson count of mean lambda whose distribution function first exceeds u (inversion). */
function poissonInverse(u: number, lambda: number): number {
  let k = 0, pk = exp(-lambda), cum = pk;
  while (u >= cum && k < 10_000) {
    k++;
    pk *= lambda / k;
    cum += pk;
    if (pk < 1e-300 && k > lambda) break;
  }
  return k;
}

/** Tacit share of cell q (in the row starting at `row`, D cells); the row's for an empty cell, 1 for an empty row. */
function tacitShareAt(T: Float64Array, C: Float64Array, row: number, D: number, q: number): number {
  const t = T[q], c = C[q];
  if (t + c > 0) return t / (t + c);
  let st = 0, sc = 0;
  for (let h = row; h < row + D; h++) { st += T[h]; sc += C[h]; }
  return st + sc > 0 ? st / (st + sc) : 1;
}

/** Add `gain` to domain k of row i, keeping the domain's tacit/codified mix. */
export function addKnowledge(state: State, i: number, k: number, gain: number): void {
  const pop = state.pop, D = pop.D;
  const q = i * D + k;
  const share = tacitShareAt(pop.tacit, pop.codified, i * D, D, q);
  pop.tacit[q] += gain * share;
  pop.codified[q] += gain * (1 - share);
}

/** Normalised entropy of row i's relative knowledge over domains (0 = one domain, 1 = even). */
export function profileEntropy(state: State, i: number): number {
  const pop = state.pop, D = pop.D;
  if (D < 2) return 0;
  let all = 0;
  for (let k = 0; k < D; k++) all += pop.levelOf(i, k);
  if (all <= 0) return 0;
  let h = 0;
  for (let k = 0; k < D; k++) {
    const v = pop.levelOf(i, k);
    if (v > 0) { const p = v / all; h -= p * log(p); }
  }
  return h / log(D);
}

/** Row i's knowledge stock, summed over domains, in absolute units (what flows are measured in). */
export function stockOf(state: State, i: number): number {
  const pop = state.pop, D = pop.D;
  let s = 0;
  for (let q = i * D, e = q + D; q < e; q++) s += pop.tacit[q] + pop.codified[q];
  return s;
}

/**
 * The learning factor X_i (see the header), in (0, 1]: from what row i took in this step
 * (`got`, its flows of every channel) relative to its stock K as the step's learning began
 * (profiles.ts): (1 + boost S) / (1 + boost), S = r / (r + half), r = got / K.
 */
function learningFactor(got: number, K: number, half: number, boost: number): number {
  const r = K > 0 ? got / K : got > 0 ? Infinity : 0;
  const S = r === Infinity ? 1 : r / (r + half);
  return (1 + boost * S) / (1 + boost);
}

let chosen = new Uint8Array(0);
/** Each row's size factor Z this step. */
let sizes = new Float64Array(0);
/** The step's candidate innovators: row, draw, incremental rate, radical rate over H, then exp(-bound). */
let cand = new Int32Array(0), candU = new Float64Array(0), candInc = new Float64Array(0), candRad = new Float64Array(0), candB = new Float64Array(0);
/** The innovators' relative levels (D each) and entropies. */
let levels = new Float64Array(0), entropies = new Float64Array(0);
let weak = new Int32Array(0);
/** The relative levels of the agent innovating (kept current by gainIn). */
let rel = new Float64Array(0);

/** Absolute level of row i in domain k (tacit + codified). */
const level = (state: State, i: number, k: number) => state.pop.tacit[i * state.pop.D + k] + state.pop.codified[i * state.pop.D + k];
/** Frontier of row i's sector in domain k. */
const frontierOf = (state: State, i: number, k: number) => state.pop.frontier[state.pop.sector[i] * state.pop.D + k];

/** Add `gain` to domain k of row i (addKnowledge) and keep its relative level in `rel` current. */
function gainIn(state: State, i: number, k: number, gain: number): void {
  if (!(gain > 0)) return;
  addKnowledge(state, i, k, gain);
  rel[k] = state.pop.levelOf(i, k);
}

/**
 * Incremental innovation: the `focusDomains` strongest domains (relative level) close
 * deepenGain of their gap to the frontier. gainIn and addKnowledge are written out here,
 * with every column, buffer and parameter in a local (called thousands of times a step);
 * the same operations in the same order.
 */
function deepen(state: State, i: number, p: InnovationParams, share: number): void {
  const pop = state.pop, D = pop.D, T = pop.tacit, C = pop.codified, f = pop.sector[i] * D, F = pop.frontier;
  const ch = chosen, r = rel, g0 = share * p.deepenGain, row = i * D;
  const focus = p.focusDomains < D ? p.focusDomains : D;
  for (let k = 0; k < D; k++) ch[k] = 0;
  for (let h = 0; h < focus; h++) {
    let best = -1;
    for (let k = 0; k < D; k++) if (!ch[k] && (best < 0 || r[k] > r[best])) best = k;
    ch[best] = 1;
    const q = row + best, t = T[q], c = C[q];
    const gain = g0 * (F[f + best] - (t + c));
    if (!(gain > 0)) continue;
    // addKnowledge: the gain keeps the domain's tacit/codified mix (the row's, for an empty domain).
    const sh = tacitShareAt(T, C, row, D, q);
    const t2 = t + gain * sh, c2 = c + gain * (1 - sh);
    T[q] = t2;
    C[q] = c2;
    r[best] = (t2 + c2) / F[f + best];
  }
}

/**
 * Radical innovation: combine the strongest domain with a weak one (relative level below
 * the firm's mean), drawing on what its tie partners know there. The weak domain where the
 * best partner is furthest ahead closes radicalJump of that gap; when no partner is ahead in
 * any weak domain, a random weak domain closes radicalJump of its gap to the firm's own mean
 * level (its own exploration). The strongest domain gains radicalStep x H of the frontier
 * (H the breadth of the firm's knowledge, `breadth`), up to best practice, and adds to the
 * push the sector's frontier gets (pushFrontiers).
 */
function recombine(state: State, i: number, p: InnovationParams, u: number, breadth: number, share: number): void {
  const pop = state.pop, D = pop.D, ties = state.ties, K = ties.K;
  let top = 0, mean = 0;
  for (let k = 0; k < D; k++) { mean += rel[k]; if (rel[k] > rel[top]) top = k; }
  mean /= D;
  let m = 0;
  for (let k = 0; k < D; k++) if (k !== top && rel[k] < mean) weak[m++] = k;
  if (m === 0) for (let k = 0; k < D; k++) if (k !== top) weak[m++] = k;
  let bestW = -1, bestGap = 0;
  // level and levelInUnitsOf (frontier.ts), read from the columns directly: this loop runs
  // over every weak domain and partner of each radical innovation.
  const T = pop.tacit, C = pop.codified, Fr = pop.frontier, sector = pop.sector, alive = pop.alive;
  const partner = ties.partner, deg = ties.deg[i], si = sector[i];
  for (let q = 0; q < m; q++) {
    const w = weak[q], own = T[i * D + w] + C[i * D + w];
    for (let s = 0; s < deg; s++) {
      const j = partner[i * K + s];
      if (!alive[j]) continue;
      // A partner of another sector: in i's units (frontier.ts frontierRatios).
      const v = T[j * D + w] + C[j * D + w], sj = sector[j];
      const g = (si === sj ? v : v * (Fr[si * D + w] / Fr[sj * D + w])) - own;
      if (g > bestGap) { bestGap = g; bestW = w; }
    }
  }
  let entered = -1;
  if (bestW >= 0) { gainIn(state, i, bestW, share * p.radicalJump * bestGap); entered = bestW; }
  else if (m > 0) {
    const w = weak[Math.min(m - 1, Math.floor(u * m))];
    gainIn(state, i, w, share * p.radicalJump * Math.max(0, mean - rel[w]) * frontierOf(state, i, w));
    entered = w;
  }
  // Entering a domain changes what the firm does (SKIN: radical research swaps a capability):
  // its niche moves toward the new domain by the same share.
  if (entered >= 0) {
    const f = share * p.radicalJump, w = pop.niche;
    for (let k = 0; k < D; k++) w[i * D + k] = (1 - f) * w[i * D + k] + (k === entered ? f : 0);
  }
  // New knowledge in the strongest domain, up to best practice; the push it gives the
  // sector's frontier is summed here and applied after the phase (pushFrontiers).
  const F = frontierOf(state, i, top);
  gainIn(state, i, top, Math.min(share * p.radicalStep * breadth * F, Math.max(0, F - level(state, i, top))));
  push[pop.sector[i] * D + top] += p.radicalStep * breadth;
}

/** Sum of pushes by sector x domain this step, and each sector's R&D scale (sum of Z_i). */
let push = new Float64Array(0);
let scale = new Float64Array(0);
/** The knowledge bases' rdReturn and radical factors by sector. */
let retTab = new Float64Array(0), radTab = new Float64Array(0);

/**
 * The sector's frontier advances with its radical innovations: by radicalStep x H for each
 * radical innovation whose strongest domain it is, divided by the sector's R&D scale (the sum
 * of Z_i over its innovating agents), so the push is an intensity (a rate per unit of R&D),
 * whatever the number or size of the innovators: a sector that innovates radically more
 * moves best practice faster.
 */
function pushFrontiers(state: State): void {
  const pop = state.pop, D = pop.D, F = pop.frontier;
  for (let s = 0; s < state.sectors.length; s++) {
    if (!(scale[s] > 0)) continue;
    for (let k = 0; k < D; k++) if (push[s * D + k] > 0) F[s * D + k] *= 1 + push[s * D + k] / scale[s];
  }
}

export const innovation: Mechanism<InnovationParams> = {
  id: 'innovation',
  doc: 'Own R&D: incremental (deepening the strongest domains) and radical (entering a weak domain) innovation, costing capital and raising product quality (002 §37, §32, §44).',
  params: InnovationParams,
  reads: ['kind', 'alive', 'rdEffort', 'employees', 'capital', 'absorptive', 'tacit', 'codified', 'ties', 'policy.rdSubsidy', 'acc.flowByRow'],
  writes: ['capital', 'tacit', 'codified', 'quality', 'acc.innovIncremental', 'acc.innovRadical', 'acc.rdPaid'],
  init(state) {
    if (chosen.length < state.pop.D) {
      chosen = new Uint8Array(state.pop.D);
      weak = new Int32Array(state.pop.D);
      rel = new Float64Array(state.pop.D);
    }
  },
  step({ state, params, rng }) {
    const pop = state.pop;
    const subsidy = state.policy.rdSubsidy;
    if (chosen.length < pop.D) { chosen = new Uint8Array(pop.D); weak = new Int32Array(pop.D); rel = new Float64Array(pop.D); }
    const S = state.sectors.length;
    if (push.length < S * pop.D) { push = new Float64Array(S * pop.D); scale = new Float64Array(S); }
    push.fill(0);
    scale.fill(0);
    if (retTab.length < S) { retTab = new Float64Array(S); radTab = new Float64Array(S); }
    bySector(state, (f) => f.rdReturn, retTab);
    bySector(state, (f) => f.radical, radTab);
    // Size factors Z_i = max(1, E_i / sizeRef)^sizeElasticity, a column at a time (the kernel's powInto).
    if (sizes.length < pop.n) sizes = new Float64Array(pop.capacity);
    // Columns, parameters and the module's buffers in locals: the loops below then load no
    // field or module binding per row (each was loaded again after every call).
    const n = pop.n, alive = pop.alive, kind = pop.kind, rdEffort = pop.rdEffort, employees = pop.employees;
    const capital = pop.capital, knowledge = pop.knowledge, absorptive = pop.absorptive, sector = pop.sector;
    const rdPaid = state.acc.rdPaid, Z = sizes, sizeRef = params.sizeRef;
    for (let i = 0; i < n; i++) { const r = employees[i] / sizeRef; Z[i] = r > 1 ? r : 1; }
    powInto(Z, n, params.sizeElasticity, Z);
    // The step's profiles after powInto, whose layout may grow the kernel's memory (their views are made anew then).
    const sp = stepProfiles(state);
    // 1. Every R&D performer pays for its effort and draws u; those that may innovate (u at
    //    least 1 - lBound, the cheap side of the bound below) are kept as candidates.
    if (cand.length < pop.n) { cand = new Int32Array(pop.capacity); candU = new Float64Array(pop.capacity); candInc = new Float64Array(pop.capacity); candRad = new Float64Array(pop.capacity); candB = new Float64Array(pop.capacity); }
    const cI = cand, cU = candU, cInc = candInc, cRad = candRad, cB = candB, sc = scale, ret0 = retTab, rad0 = radTab;
    const rdCost = params.rdCostPerEmployee, effortHalf = params.effortHalf, radicalRate = params.radicalRate;
    const incrementalRate = params.incrementalRate, knowledgeHalf = params.knowledgeHalf;
    const spN = sp.n, spStock = sp.stock;
    // The learning factor's inputs: the flows by row and its parameters in locals.
    const flow = state.acc.flowByRow, learningHalf = params.learningHalf, learningBoost = params.learningBoost;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const ki = kind[i];
      if (!alive[i] || !innovates(ki)) continue;
      let own = rdEffort[i];
      const cost = own * employees[i] * rdCost;
      if (cost > 0) {
        // Short of capital, a firm does what it can pay for (002 §32).
        const paid = Math.min(cost, Math.max(0, capital[i]));
        own *= paid / cost;
        capital[i] -= paid;
        rdPaid[i] = paid;
      }
      const e = own + subsidy[i];
      if (e <= 0) continue;
      const E = e / (e + effortHalf);
      // Relative knowledge and stock as the step began (the knowledge column, the step's profiles).
      const K = knowledge[i];
      const A = absorptive[i];
      const Ks = i < spN ? spStock[i] : stockOf(state, i);
      const X = learningFactor(flow[i * 4] + flow[i * 4 + 1] + flow[i * 4 + 2] + flow[i * 4 + 3], Ks, learningHalf, learningBoost);
      const size = Z[i];
      const s = sector[i];
      sc[s] += size;
      // The knowledge base's returns to own R&D and its chance of radical novelty.
      const ret = ret0[s], rad = radicalRate * rad0[s];
      const lInc = size * ret * incrementalRate * E * (K / (K + knowledgeHalf)) * 0.5 * (1 + A) * X;
      const radCoef = size * ret * rad * E * A * X; // lRad = radCoef x H
      const u = rng.next();
      // The entropy H is at most 1, so lBound >= lInc + lRad: an agent that draws u below
      // exp(-lBound) innovates nothing whatever its entropy (the bound has a margin for
      // rounding), and exp(-l) >= 1 - l: below 1 - lBound surely nothing.
      const lBound = radCoef * (1 + 1e-9) + lInc;
      if (u < 1 - lBound) continue;
      cI[m] = i; cU[m] = u; cInc[m] = lInc; cRad[m] = radCoef; cB[m] = -lBound;
      m++;
    }
    // 2. exp(-lBound) of the candidates in one call of the kernel; those below it drop out.
    expInto(cB, m, cB);
    let c2 = 0;
    for (let q = 0; q < m; q++) {
      if (cU[q] < cB[q]) continue;
      cI[c2] = cI[q]; cU[c2] = cU[q]; cInc[c2] = cInc[q]; cRad[c2] = cRad[q];
      c2++;
    }
    m = c2;
    // 3. The entropies of the innovators' relative levels (D logarithms each), in one call.
    const D = pop.D;
    if (levels.length < m * D) levels = new Float64Array(Math.max(m * D, 2 * levels.length));
    for (let q = 0; q < m; q++) for (let k = 0; k < D; k++) levels[q * D + k] = pop.levelOf(cI[q], k);
    if (entropies.length < m) entropies = new Float64Array(Math.max(m, 2 * entropies.length));
    entropyInto(levels, m, D, entropies);
    // 4. Each innovator's innovations, in row order (an agent's innovations change only its
    //    own knowledge, and the frontier's push waits for pushFrontiers).
    for (let q = 0; q < m; q++) {
      const i = cI[q], H = entropies[q], lInc = cInc[q], size = Z[i];
      for (let k = 0; k < D; k++) rel[k] = levels[q * D + k];
      const lRad = cRad[q] * H;
      const count = poissonInverse(cU[q], lInc + lRad);
      let radical = 0;
      for (let c = 0; c < count; c++) {
        const v = rng.next() * (lInc + lRad);
        if (v < lRad) { recombine(state, i, params, v / lRad, H, 1 / size); radical++; }
        else deepen(state, i, params, 1 / size);
      }
      if (radical > 0) recordInnovation(state, i, true, params, radical, radical / size);
      if (count > radical) recordInnovation(state, i, false, params, count - radical, (count - radical) / size);
    }
    pushFrontiers(state);
  },
};
