/**
 * Own innovation (MODEL.md §5.4): each firm (and research institution) spends its R&D effort
 * and may innovate, incrementally or radically, at most once a step.
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
 * the chances this step are
 *   radical:     radicalRate     * E_i * A_i * H_i * X_i
 *   incremental: incrementalRate * E_i * L_i * (1 + A_i) / 2 * X_i
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
 * Effects (SKIN: expertise rises with use):
 *   incremental: the `focusDomains` strongest domains grow by deepenGain of their level;
 *   radical (entering a domain, a new combination): among the firm's weak domains (below its
 *     mean), the one where a tie partner is furthest ahead closes radicalJump of that gap:
 *     creativity combines "knowledge borrowed from various sectors, disciplines and
 *     regions" (002 §44), so a cluster whose firms all lack the same fields has little to
 *     recombine (lock-in). With no partner ahead, a random weak domain closes radicalJump of
 *     its gap to the firm's own mean level. The strongest domain, used in the combination,
 *     grows by deepenGain.
 * New knowledge keeps the domain's tacit/codified mix. An innovation turns knowledge into
 * product quality: q <- max(q, K_i) * (1 + qualityIncremental or qualityRadical), which the
 * market mechanism rewards. Counts go to acc.innovIncremental / acc.innovRadical.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { Kind, isFirmKind } from '../population.js';
import { mechanismParams, nonneg, positive, prob } from '../../scenario/common.js';
import { log } from '../math.js';

export const InnovationParams = mechanismParams({
  incrementalRate: prob().default(1).describe(
    'Chance of an incremental innovation per step at saturated effort and knowledge and absorptive capacity 1 (002 §37: gradual improvement dominates in SMEs).'),
  radicalRate: prob().default(0.3).describe(
    'Chance of a radical (recombinant) innovation per step at saturated effort, absorptive capacity 1 and an even knowledge profile (002 §23, §44-45).'),
  effortHalf: positive().default(0.1).describe('R&D effort (share of resources) at which the effort term is half its maximum (002 §48: sustained effort).'),
  knowledgeHalf: positive().default(0.5).describe('Knowledge level at which the knowledge term of incremental innovation is half its maximum (002 §32: internal knowledge).'),
  rdCostPerEmployee: nonneg().default(1).describe('Money per employee per step spent at R&D effort 1; own effort is paid from capital (002 §32: financial resources).'),
  focusDomains: z.number().int().min(1).max(64).default(2).describe('Strongest domains an incremental innovation deepens (path dependence, 002 §119).'),
  deepenGain: prob().default(0.05).describe('Relative growth of a domain used by an innovation (SKIN: expertise rises with use).'),
  radicalJump: prob().default(0.3).describe('Share of the gap to the best tie partner (or to the firm\'s own mean level) that a radical innovation closes in a weak domain (entering a domain, 002 §44).'),
  learningBoost: nonneg().default(1).describe('How much knowledge absorbed from others this step raises the chance to innovate: up to (1 + learningBoost) times that of an isolated firm (002 §37, §47).'),
  learningHalf: positive().default(0.005).describe('Knowledge absorbed in a step, relative to the firm\'s own stock, at which the learning stimulus is half its maximum.'),
  qualityIncremental: nonneg().default(0.02).describe('Relative product-quality gain of an incremental innovation, over max(quality, knowledge).'),
  qualityRadical: nonneg().default(0.1).describe('Relative product-quality gain of a radical innovation, over max(quality, knowledge).'),
});
export type InnovationParams = z.infer<typeof InnovationParams>;

/** Agents that run their own R&D: firms and research institutions. */
export function innovates(kind: number): boolean {
  return isFirmKind(kind) || kind === Kind.research;
}

/**
 * Record an innovation of row i (own or from a joint project) and raise its product quality
 * toward and beyond its knowledge level. Used by the projects mechanism too.
 */
export function recordInnovation(state: State, i: number, radical: boolean, p: InnovationParams): void {
  const pop = state.pop;
  const g = radical ? p.qualityRadical : p.qualityIncremental;
  pop.quality[i] = Math.max(pop.quality[i], pop.knowledgeOf(i)) * (1 + g);
  if (radical) state.acc.innovRadical[i]++;
  else state.acc.innovIncremental[i]++;
}

/** Add `gain` to domain k of row i, keeping the domain's tacit/codified mix. */
export function addKnowledge(state: State, i: number, k: number, gain: number): void {
  const pop = state.pop, D = pop.D;
  const q = i * D + k;
  const t = pop.tacit[q], c = pop.codified[q];
  let share: number;
  if (t + c > 0) share = t / (t + c);
  else {
    let st = 0, sc = 0;
    for (let h = i * D; h < (i + 1) * D; h++) { st += pop.tacit[h]; sc += pop.codified[h]; }
    share = st + sc > 0 ? st / (st + sc) : 1;
  }
  pop.tacit[q] += gain * share;
  pop.codified[q] += gain * (1 - share);
}

/** Normalised entropy of row i's knowledge over domains (0 = one domain, 1 = even). */
export function profileEntropy(state: State, i: number): number {
  const pop = state.pop, D = pop.D;
  if (D < 2) return 0;
  let all = 0;
  for (let k = 0; k < D; k++) all += pop.tacit[i * D + k] + pop.codified[i * D + k];
  if (all <= 0) return 0;
  let h = 0;
  for (let k = 0; k < D; k++) {
    const v = pop.tacit[i * D + k] + pop.codified[i * D + k];
    if (v > 0) { const p = v / all; h -= p * log(p); }
  }
  return h / log(D);
}

/** The learning factor X_i of row i with knowledge level K (see the header), in (0, 1]. */
export function stimulus(state: State, i: number, K: number, p: InnovationParams): number {
  const f = state.acc.flowByRow;
  const got = f[i * 4] + f[i * 4 + 1] + f[i * 4 + 2] + f[i * 4 + 3];
  const r = K > 0 ? got / (K * state.pop.D) : got > 0 ? Infinity : 0;
  const S = r === Infinity ? 1 : r / (r + p.learningHalf);
  return (1 + p.learningBoost * S) / (1 + p.learningBoost);
}

let chosen = new Uint8Array(0);
let weak = new Int32Array(0);

const level = (state: State, i: number, k: number) => state.pop.tacit[i * state.pop.D + k] + state.pop.codified[i * state.pop.D + k];

function strongest(state: State, i: number): number {
  let best = 0;
  for (let k = 1; k < state.pop.D; k++) if (level(state, i, k) > level(state, i, best)) best = k;
  return best;
}

/** Incremental innovation: deepen the `focusDomains` strongest domains. */
function deepen(state: State, i: number, p: InnovationParams): void {
  const D = state.pop.D;
  chosen.fill(0, 0, D);
  for (let f = 0; f < Math.min(p.focusDomains, D); f++) {
    let best = -1;
    for (let k = 0; k < D; k++) if (!chosen[k] && (best < 0 || level(state, i, k) > level(state, i, best))) best = k;
    chosen[best] = 1;
    addKnowledge(state, i, best, p.deepenGain * level(state, i, best));
  }
}

/**
 * Radical innovation: combine the strongest domain with a weak one (below the firm's mean),
 * drawing on what its tie partners know there. The weak domain where the best partner is
 * furthest ahead closes radicalJump of that gap; when no partner is ahead in any weak
 * domain, a random weak domain closes radicalJump of its gap to the firm's own mean level
 * (its own exploration). The strongest domain, used in the combination, grows by deepenGain.
 */
function recombine(state: State, i: number, p: InnovationParams, u: number): void {
  const pop = state.pop, D = pop.D, ties = state.ties, K = ties.K;
  const top = strongest(state, i);
  const topLevel = level(state, i, top);
  let mean = 0;
  for (let k = 0; k < D; k++) mean += level(state, i, k);
  mean /= D;
  let m = 0;
  for (let k = 0; k < D; k++) if (k !== top && level(state, i, k) < mean) weak[m++] = k;
  if (m === 0) for (let k = 0; k < D; k++) if (k !== top) weak[m++] = k;
  let bestW = -1, bestGap = 0;
  for (let q = 0; q < m; q++) {
    const w = weak[q], own = level(state, i, w);
    for (let s = 0; s < ties.deg[i]; s++) {
      const j = ties.partner[i * K + s];
      if (!pop.alive[j]) continue;
      const g = level(state, j, w) - own;
      if (g > bestGap) { bestGap = g; bestW = w; }
    }
  }
  if (bestW >= 0) addKnowledge(state, i, bestW, p.radicalJump * bestGap);
  else if (m > 0) {
    const w = weak[Math.min(m - 1, Math.floor(u * m))];
    addKnowledge(state, i, w, p.radicalJump * Math.max(0, mean - level(state, i, w)));
  }
  addKnowledge(state, i, top, p.deepenGain * topLevel);
}

export const innovation: Mechanism<InnovationParams> = {
  id: 'innovation',
  doc: 'Own R&D: incremental (deepening the strongest domains) and radical (entering a weak domain) innovation, costing capital and raising product quality (002 §37, §32, §44).',
  params: InnovationParams,
  reads: ['kind', 'alive', 'rdEffort', 'employees', 'capital', 'absorptive', 'tacit', 'codified', 'ties', 'policy.rdSubsidy', 'acc.flowByRow'],
  writes: ['capital', 'tacit', 'codified', 'quality', 'acc.innovIncremental', 'acc.innovRadical'],
  init(state) {
    if (chosen.length < state.pop.D) {
      chosen = new Uint8Array(state.pop.D);
      weak = new Int32Array(state.pop.D);
    }
  },
  step({ state, params, rng }) {
    const pop = state.pop;
    const subsidy = state.policy.rdSubsidy;
    if (chosen.length < pop.D) { chosen = new Uint8Array(pop.D); weak = new Int32Array(pop.D); }
    for (let i = 0; i < pop.n; i++) {
      if (!pop.alive[i] || !innovates(pop.kind[i])) continue;
      let own = pop.rdEffort[i];
      const cost = own * pop.employees[i] * params.rdCostPerEmployee;
      if (cost > 0) {
        // Short of capital, a firm does what it can pay for (002 §32).
        const paid = Math.min(cost, Math.max(0, pop.capital[i]));
        own *= paid / cost;
        pop.capital[i] -= paid;
      }
      const e = own + subsidy[i];
      if (e <= 0) continue;
      const E = e / (e + params.effortHalf);
      const K = pop.knowledgeOf(i);
      const A = pop.absorptive[i];
      const X = stimulus(state, i, K, params);
      const pInc = params.incrementalRate * E * (K / (K + params.knowledgeHalf)) * 0.5 * (1 + A) * X;
      const u = rng.next();
      // The entropy (D logarithms) is at most 1: most firms draw above any pRad + pInc and
      // need not compute it. Same draws, same outcomes (the bound has a margin for rounding).
      if (u >= params.radicalRate * E * A * X * (1 + 1e-9) + pInc) continue;
      const pRad = params.radicalRate * E * A * profileEntropy(state, i) * X;
      if (u < pRad) {
        recombine(state, i, params, u / pRad);
        recordInnovation(state, i, true, params);
      } else if (u < pRad + pInc) {
        deepen(state, i, params);
        recordInnovation(state, i, false, params);
      }
    }
  },
};
