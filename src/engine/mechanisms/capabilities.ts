/**
 * ICT adoption, absorptive-capacity dynamics and knowledge obsolescence (docs/model/capabilities.md).
 * Three updates per agent and step, all O(N * (D + K)):
 *
 * ICT adoption (000 §5.2, §5.9). Own ICT spending of row i (money a step)
 *   own_i = ictBase * E_i + ictProfitShare * max(0, profit_i)      (firms pay it from capital)
 * is matched by the policy's co-funding share c_i (the `ictCofund` modifier, financial
 * support for ICT, 000 §5.9 ¶2): total_i = own_i / (1 - c_i), c_i capped at 0.9. With
 * spending per employee x_i = total_i / E_i,
 *   invest_i  = ictEfficiency * x_i * S_i * (1 + A_i) / 2 * max(0, cap_r - ict_i)
 *   imitate_i = imitation * sum_j strength_ij * max(0, ict_j - ict_i) / deg_i * S_i   (tie partners)
 *   ict_i    <- min(cap_r, ict_i + invest_i + imitate_i) * (1 - ictDepreciation)
 * S_i = E_i / (E_i + sizeHalf): smaller firms adopt more slowly ("the smaller the company,
 * the less it uses ICT", 000 §5.2 ¶1 - the digital divide); (1 + A_i) / 2: ICT needs "new
 * work practices, culture and knowledge management systems" (000 §5.9 ¶1); firms imitate
 * their partners (000 §5.2 ¶3); cap_r = min(1, infraScale * ictInfrastructure_r): the
 * region's infrastructure limits adoption (gains stop at the cap; an agent above it is not
 * pushed down, it only depreciates). Institutions invest at the base rate from their own
 * (public) budgets: they are not charged.
 *
 * Absorptive capacity (Cohen & Levinthal 1989, 1990; 002 §61, §87, §123). Learning effort
 *   e_i = rdEffort_i + rdSubsidy_i + training_i / E_i + qualifiedWeight * qualifiedWorkers_r
 * where training_i = trainingShare * max(0, profit_i) is paid from capital (firms invest
 * profit in further education, 002 §27). Use u_i = r_i / (r_i + useHalf), with r_i the
 * knowledge absorbed this step through all channels relative to its own stock (1 when it
 * innovated this step). Then
 *   A_i <- A_i + acGrowth * e_i / (e_i + effortHalf) * (1 - A_i)      concave in effort
 *              + acBoost_i * (1 - A_i)                                lifelong learning (002 §126 b4)
 *              - acDecay * (1 - u_i) * A_i                            decays without use
 *
 * Outside knowledge (Cohen & Levinthal 1989: usable knowledge z_i = M_i + gamma_i (theta
 * sum_j M_j + T), gamma_i absorptive capacity, T knowledge from outside the industry's firms).
 * The advance of the sector's frontier since the last step (its drift and the sector's
 * radical pushes) is knowledge made public outside the cluster: publications, standards,
 * machines that embody it (002 §32). Absorptive capacity rests on prior related knowledge
 * (Cohen & Levinthal 1990): an agent absorbs, in domain k, the share A_i a_ik of it, a_ik its
 * affinity for the domain (the domain's weight in its niche over its main domain's,
 * proximity.ts affinityInto): dK_ik = A_i a_ik dF_sk, split as the domain's tacit / codified
 * mix (knowledge put to use becomes know-how, Nonaka & Takeuchi 1995). Alone, this keeps an
 * agent's relative level in domain k at A_i a_ik (d r / dt = (A_i a_ik - r) dF / F): a firm
 * that never invests in absorptive capacity is locked out of the frontier's progress, one
 * that does keeps up with it in its own fields.
 *
 * Knowledge obsolescence (002 §94, §98; src/engine/frontier.ts). The frontier of each sector
 * moves by frontierDrift of its technology intensity a year: knowledge not renewed loses
 * that much of its value relative to best practice each year (obsolescence relative to the
 * frontier). On top of it, knowledge in a domain the agent does not use is forgotten (SKIN:
 * expertise falls without use): domain k loses f_step * (1 - w_ik) of its level a step,
 * f_step = 1 - (1 - forgetting)^(1 / steps a year) (a wholly unused domain loses `forgetting`
 * a year) and w_ik = min(1, D * niche_ik) (1 for a domain of at least average weight in the
 * agent's niche). The frontier's drift is converted to the step in the same way.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { isFirmKind } from '../population.js';
import { mechanismParams, nonneg, positive, prob } from '../../scenario/common.js';
import { profilesAndLayout, type StepProfiles } from '../profiles.js';
import type { Views } from '../wasm/kernel.js';
import { affinityInto } from '../proximity.js';
import { driftFrontier, frontierAdvance, growthPerStep, lossPerStep, stepsPerYear } from '../frontier.js';

export const CapabilitiesParams = mechanismParams({
  ictBase: nonneg().default(0.01).describe(
    'Own ICT spending per employee and step every agent makes (replacement investment; money units, 1 = a step\'s wage; 000 §5.9).'),
  ictProfitShare: prob().default(0.1).describe('Share of last step\'s profit a firm spends on ICT (000 §5.9 ¶3: SMEs\' ICT investments).'),
  ictEfficiency: nonneg().default(12).describe(
    'ICT adoption gained per unit of ICT spending per employee, times the remaining gap to the regional cap, for a large firm of absorptive capacity 1. Assumption.'),
  sizeHalf: positive().default(50).describe(
    'Employees at which a firm adopts ICT at half the speed of a very large one: 50, the small/large boundary of the ict.gap metric (000 §5.2 ¶1: "the smaller the company, the less it uses ICT").'),
  imitation: prob().default(0.05).describe('Share of the ICT gap to its tie partners (times tie strength) an agent closes per step by imitation (000 §5.2 ¶3).'),
  ictDepreciation: prob().default(0.02).describe(
    'Share of ICT adoption lost per step without renewal: technology ages (assumption: ~8 % a year with quarterly steps).'),
  infraScale: positive().default(1.5).describe(
    'ICT cap of a region = min(1, infraScale x its ictInfrastructure): adoption cannot grow beyond what the infrastructure supports (000 §5.2).'),
  trainingShare: prob().default(0.1).describe('Share of last step\'s profit a firm spends on training its employees (002 §27: "further education").'),
  qualifiedWeight: nonneg().default(0.3).describe(
    'Learning effort contributed by the region\'s share of qualified workers (002 §123: education builds the ability to use external knowledge).'),
  acGrowth: prob().default(0.02).describe(
    'Share of the gap to absorptive capacity 1 closed per step at saturated learning effort (Cohen & Levinthal 1990: capacity grows with own effort; the rate is an assumption).'),
  effortHalf: positive().default(0.1).describe('Learning effort (share of the wage bill) at which the growth of absorptive capacity is half its maximum (concave). Assumption.'),
  acDecay: prob().default(0.02).describe('Share of absorptive capacity lost per step by an agent that neither learns nor innovates (decays without use). Assumption.'),
  useHalf: positive().default(0.002).describe('Knowledge absorbed in a step, relative to the agent\'s own stock, at which it counts as half used. Assumption.'),
  frontierDrift: z
    .strictObject({
      low: prob().default(0.1).describe('Frontier growth a year of a low-technology sector: how fast its knowledge gets out of date (assumption, below the 15 % typical of R&D knowledge).'),
      medium: prob().default(0.15).describe('Frontier growth a year of a medium-technology sector (Griliches 1979; Hall 2005: about 15 %).'),
      high: prob().default(0.25).describe('Frontier growth a year of a high-technology sector (Pakes & Schankerman 1984: 25 %; Li & Hall 2020: 15-40 %).'),
    })
    .prefault({})
    .describe(
      'Growth a year of the technological frontier of a sector of low, medium and high technology intensity: the rate at which knowledge not renewed loses value relative to best practice (002 §94, §98). The obsolescence (depreciation) of R&D knowledge is estimated at about 15 % a year (Griliches 1979; Hall 2005), higher where technology moves fast (Pakes & Schankerman 1984: 25 % for patents; Li & Hall 2020: 15-40 % across R&D-intensive industries). Assumption: 10, 15 and 25 %.'),
  dispositionFade: prob().default(0).describe(
    'Share a year of the gain in openness and international orientation a lever gave a firm (business animation) that fades, back toward the levels the firm was born with. 0 (the default): a gain lasts as long as the firm. No source gives the rate (behavioural additionality, Buisseret et al. 1995, is the claim that such changes outlast the support, not how long); an assumption, and the one that carries the long-run effects of packages that change dispositions (docs/validation.md §3).'),
  forgetting: prob().default(0.04).describe(
    'Share a year of the knowledge in a domain the agent does not use at all that is forgotten, on top of the frontier\'s drift; a domain it uses a little loses this times 1 - D x its weight in the agent\'s niche (SKIN: expertise falls without use; docs/sources.md §3 row 8: 5-10 % a year without use).'),
});
export type CapabilitiesParams = z.infer<typeof CapabilitiesParams>;

/** Co-funding shares above this are treated as this (the firm always pays a part). */
export const MAX_COFUND = 0.9;

// Per-run scratch buffers, grown with the population (no allocation inside the step).
let ictPrev = new Float64Array(0);

/** ICT cap of region r. */
export function ictCap(state: State, r: number, p: CapabilitiesParams): number {
  return Math.min(1, p.infraScale * state.regions[r].ictInfrastructure);
}

/**
 * Own ICT spending row i plans this step, before co-funding (money units). The financial
 * support lever can pay `cofundCost(own, share)` on top of it.
 */
export function plannedIctSpend(state: State, i: number, p: CapabilitiesParams = state.scenario.parameters.mechanisms.capabilities): number {
  const pop = state.pop;
  const want = p.ictBase * pop.employees[i] + (isFirmKind(pop.kind[i]) ? p.ictProfitShare * Math.max(0, pop.profit[i]) : 0);
  return isFirmKind(pop.kind[i]) ? Math.min(want, Math.max(0, pop.capital[i])) : want;
}

/** What the policy pays when it co-funds a share of an investment whose own part is `own`. */
export function cofundCost(own: number, share: number): number {
  const c = Math.min(MAX_COFUND, Math.max(0, share));
  return (own * c) / (1 - c);
}

export const capabilities: Mechanism<CapabilitiesParams> = {
  id: 'capabilities',
  doc: 'ICT adoption (investment co-funded by policy, imitation of partners, regional cap, depreciation; smaller firms slower), absorptive capacity (grows with effort, decays without use) and knowledge obsolescence (000 §5.2, §5.9; Cohen & Levinthal; 002 §94).',
  params: CapabilitiesParams,
  reads: ['kind', 'alive', 'region', 'sector', 'employees', 'capital', 'profit', 'rdEffort', 'absorptive', 'ict', 'tacit', 'codified', 'ties',
    'policy.ictCofund', 'policy.acBoost', 'policy.rdSubsidy', 'acc.flowByRow', 'acc.innovIncremental', 'acc.innovRadical',
    'openness', 'international', 'opennessBase', 'internationalBase'],
  writes: ['ict', 'absorptive', 'capital', 'tacit', 'codified', 'openness', 'international'],
  step({ state, params: p }) {
    const pop = state.pop, n = pop.n, D = pop.D;
    const ties = state.ties, K = ties.K, partner = ties.partner, strength = ties.strength;
    if (ictPrev.length < n) ictPrev = new Float64Array(pop.capacity);
    // The kernel's buffers of the per-domain pass and the step's profiles (profiles.ts).
    const { v, sp } = profilesAndLayout(state, () => (views = pop.kernel.reuse(views, spec(pop.capacity, D, state.sectors.length))));
    // Module buffers read into locals: the loop below then reads no module binding.
    const prev = ictPrev, absorbing = v.A;
    prev.set(pop.ict.subarray(0, n));
    const { alive, kind, region, employees, capital, profit, rdEffort, absorptive, ict, tacit, codified } = pop;
    const spy = stepsPerYear(state);
    // What a wholly unused domain loses a step: 1 - (1 - forgetting)^(1 / steps a year).
    const lost = lossPerStep(p.forgetting, spy);
    const { ictCofund, acBoost, rdSubsidy } = state.policy;
    const flow = state.acc.flowByRow, inc = state.acc.innovIncremental, rad = state.acc.innovRadical;
    const R = state.regions.length;
    // Obsolescence rate by sector and domain, and caps by region: small per-step tables.
    const S = state.sectors.length;
    const caps = capTable(state, p, R);
    driftFrontier(state, driftTable(state, p, S));
    if (advance.length < S * D) advance = new Float64Array(S * D);
    const adv = advance;
    frontierAdvance(state, adv);
    // Locals for everything the loop reads per row (parameters, the step's profiles, the
    // regions' qualified workers): loads V8 would otherwise repeat at every row, since the
    // loop's stores into the columns could, for all it knows, change them. Same arithmetic.
    const useHalf = p.useHalf, ictBase = p.ictBase, ictProfitShare = p.ictProfitShare, sizeHalf = p.sizeHalf;
    const ictEfficiency = p.ictEfficiency, imitation = p.imitation, ictDepreciation = p.ictDepreciation;
    const trainingShare = p.trainingShare, qualifiedWeight = p.qualifiedWeight, acGrowth = p.acGrowth;
    const effortHalf = p.effortHalf, acDecay = p.acDecay;
    const spN = sp.n, spStock = sp.stock, deg = ties.deg;
    if (qualBuf.length < R) qualBuf = new Float64Array(R);
    const qual = qualBuf;
    for (let r = 0; r < R; r++) qual[r] = state.regions[r].qualifiedWorkers;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      const firm = isFirmKind(kind[i]);
      const E = Math.max(1, employees[i]);
      const r = region[i];
      // Use of absorptive capacity this step: what it took in, relative to the stock it had
      // when the step's learning began (profiles.ts; rows added since: their stock now).
      let stock = 0;
      if (i < spN) stock = spStock[i];
      else for (let k = i * D, e = k + D; k < e; k++) stock += tacit[k] + codified[k];
      const got = flow[i * 4] + flow[i * 4 + 1] + flow[i * 4 + 2] + flow[i * 4 + 3];
      const rel = stock > 0 ? got / stock : got > 0 ? Infinity : 0;
      const used = inc[i] + rad[i] > 0 || rel === Infinity ? 1 : rel / (rel + useHalf);

      // ICT: own spending (firms pay it), co-funding, investment, imitation, depreciation.
      let own = ictBase * E + (firm ? ictProfitShare * Math.max(0, profit[i]) : 0);
      if (firm) {
        own = Math.min(own, Math.max(0, capital[i]));
        capital[i] -= own;
      }
      const c = Math.min(MAX_COFUND, Math.max(0, ictCofund[i]));
      const perEmployee = own / (1 - c) / E;
      const size = E / (E + sizeHalf);
      const A = absorptive[i];
      const x0 = prev[i];
      const cap = caps[r];
      const invest = ictEfficiency * perEmployee * size * 0.5 * (1 + A) * Math.max(0, cap - x0);
      let imitate = 0;
      const d = deg[i];
      if (d > 0 && imitation > 0) {
        let g = 0;
        for (let s = 0, q = i * K; s < d; s++, q++) {
          const gap = prev[partner[q]] - x0;
          if (gap > 0) g += strength[q] * gap;
        }
        imitate = (imitation * g * size) / d;
      }
      let x = x0 + invest + imitate;
      if (x > cap && x0 < cap) x = cap;
      else if (x0 >= cap) x = x0;
      x *= 1 - ictDepreciation;
      ict[i] = x < 0 ? 0 : x > 1 ? 1 : x;

      // Absorptive capacity: effort (R&D, subsidy, training, qualified workers), lifelong
      // learning, decay without use.
      let training = 0;
      if (firm && trainingShare > 0 && profit[i] > 0) {
        training = Math.min(trainingShare * profit[i], Math.max(0, capital[i]));
        capital[i] -= training;
      }
      const effort = rdEffort[i] + rdSubsidy[i] + training / E + qualifiedWeight * qual[r];
      const grow = (acGrowth * effort) / (effort + effortHalf) + acBoost[i];
      const a = A + grow * (1 - A) - acDecay * (1 - used) * A;
      absorptive[i] = a < 0 ? 0 : a > 1 ? 1 : a;

      // Outside knowledge takes the share A of the frontier's advance (A before its update):
      // kept for the per-domain pass below.
      absorbing[i] = A;
    }
    outsideKnowledge(state, v, sp, adv, lost);
    if (p.dispositionFade > 0) fadeDispositions(pop, lossPerStep(p.dispositionFade, stepsPerYear(state)));
  },
};

/**
 * Lever gains in openness and international orientation fade toward the levels each agent
 * was born with, by the share r of the gap a step (dispositionFade a year, compounded over the
 * steps of a year). Only a lever raises them above birth, so only lever gains fade.
 */
function fadeDispositions(pop: State['pop'], r: number): void {
  const { alive, openness, international, opennessBase, internationalBase } = pop;
  for (let i = 0; i < pop.n; i++) {
    if (!alive[i]) continue;
    openness[i] += r * (opennessBase[i] - openness[i]);
    international[i] += r * (internationalBase[i] - international[i]);
  }
}

/** The kernel buffers of the per-domain pass, for a capacity of rows, D domains and S sectors. */
const spec = (capacity: number, D: number, S: number) => ({
  aff: ['f64', capacity * D],
  adv: ['f64', S * D],
  sector: ['i32', capacity],
  A: ['f64', capacity],
  live: ['i32', capacity],
}) as const;
let views: Views<ReturnType<typeof spec>> | undefined;

/**
 * The per-domain part of the step, for every living row i and domain k, in the kernel
 * (kernel.as.ts `outsideKnowledge`: two domains a SIMD operation, each cell with the scalar
 * operations, so the bits are those of the scalar loop; a pass over four n x D matrices that
 * took about half of the step's time in JavaScript):
 *   - outside knowledge: got = A_i a_ik dF_sk (a_ik the affinity, niche weight over that of
 *     the main domain, as the step began: profiles.ts) goes into the domain's own tacit /
 *     codified mix (half and half when it is empty): outside knowledge that is used in
 *     production becomes know-how too (internalisation, Nonaka & Takeuchi 1995);
 *   - then forgetting in domains the agent does not use (obsolescence is the frontier's
 *     drift): both parts keep 1 - lost (1 - D w_ik), nothing lost where D w_ik >= 1.
 */
function outsideKnowledge(state: State, v: Views<ReturnType<typeof spec>>, sp: StepProfiles, adv: Float64Array, lost: number): void {
  const pop = state.pop, n = pop.n, D = pop.D, S = state.sectors.length, covered = Math.min(sp.n, n);
  // The step's affinities where they are, in the kernel's resident area (profiles.ts); with rows
  // added since the profiles were made, a copy and those rows' affinities now.
  let aff = sp.aff.byteOffset;
  if (covered < n) {
    v.aff.set(sp.aff.subarray(0, covered * D));
    for (let i = covered; i < n; i++) affinityInto(pop, i, v.aff, i * D);
    aff = v.aff.byteOffset;
  }
  v.adv.set(adv.subarray(0, S * D));
  v.sector.set(pop.sector.subarray(0, n));
  v.live.set(pop.alive.subarray(0, n));
  // Tacit, codified and niche where they live, in the kernel's knowledge area (population.ts):
  // changed in place.
  pop.kernel.fn.outsideKnowledge(pop.tacit.byteOffset, pop.codified.byteOffset, pop.niche.byteOffset, aff, v.adv.byteOffset,
    v.sector.byteOffset, v.A.byteOffset, v.live.byteOffset, n, D, lost);
}

let capBuf = new Float64Array(0);
let qualBuf = new Float64Array(0);
let driftBuf = new Float64Array(0);
let advance = new Float64Array(0);

/** Frontier growth per step of each sector, by its technology intensity. */
function driftTable(state: State, p: CapabilitiesParams, S: number): Float64Array {
  if (driftBuf.length < S) driftBuf = new Float64Array(S);
  const spy = stepsPerYear(state);
  for (let s = 0; s < S; s++) driftBuf[s] = growthPerStep(p.frontierDrift[state.sectors[s].techIntensity], spy);
  return driftBuf;
}

function capTable(state: State, p: CapabilitiesParams, R: number): Float64Array {
  if (capBuf.length < R) capBuf = new Float64Array(R);
  for (let r = 0; r < R; r++) capBuf[r] = ictCap(state, r, p);
  return capBuf;
}
