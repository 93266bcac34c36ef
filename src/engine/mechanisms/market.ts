/**
 * Market and selection (002 §76, §120; MODEL.md §5.5): "networks promote a dynamic process
 * of adaptation, of specialization and of selection between the firms" (§76), "an implicit
 * process of automatic selection of the most competitive innovations" (§120). Firms (SMEs,
 * leading firms, KIBS) sell in their sector's market; institutions do not. Per step:
 *
 * 1. Demand. Each sector's demand index grows by its `growth` (002 §8, §32). The market's
 *    value is M_s = demand_s * M0_s, where M0_s = (1 + normalMargin) * the costs (wages,
 *    fixed costs, R&D) of the sector's firms when the run starts: demand 1 buys the initial
 *    firms' output at a normal margin.
 * 2. Quality and competitiveness. Product quality moves toward the firm's knowledge level,
 *    q_i += qualityAdjust * (K_i - q_i) (an innovation's premium fades as products age);
 *    productivity pi_i = q_i * (1 + ictProductivity * ict_i); competitiveness
 *    c_i = q_i^qualityWeight * pi_i^priceWeight (better products, and lower prices from
 *    higher productivity; competitiveness is "a faster speed of change", not scale, §98, §36).
 * 3. Selection (replicator dynamics within each sector): with cbar_s the share-weighted mean,
 *    s_i <- s_i * max(0, 1 + selection * (c_i / cbar_s - 1)), then shares are renormalised
 *    to sum to 1 per sector. A firm entering starts with its share of the sector's
 *    employment, E_i / (E_incumbents + E_entrants).
 * 4. Accounts. Revenue R_i = s_i * M_s; profit_i = R_i - wage * E_i - fixedCost - R&D_i,
 *    R&D_i = rdEffort_i * E_i * rdCostPerEmployee (already paid from capital by the
 *    innovation phase); capital_i += R_i - wage * E_i - fixedCost. lossStreak counts
 *    consecutive steps with a loss (a profit resets a positive streak to 0; a start-up's
 *    negative grace count, set by demography, is kept).
 * 5. Adjustment. Employment moves toward the level its revenue pays at the normal margin,
 *    E*_i = (R_i / (1 + normalMargin) - fixedCost) / (wage + rdEffort_i * rdCostPerEmployee),
 *    E_i += employmentAdjust * (E*_i - E_i), at least 1. R&D effort moves toward
 *    rdMin + (rdMax - rdMin) * clamp(profit_i / (costs_i * profitRef), 0, 1) by rdAdjust a
 *    step: profit funds R&D; the capabilities phase spends profit on ICT and training.
 * All O(N) with per-sector sums; per-run figures (M0, ids seen) live in a WeakMap on the state.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { isFirmKind } from '../population.js';
import { mechanismParams, nonneg, positive, prob } from '../../scenario/common.js';
import { pow } from '../math.js';

export const MarketParams = mechanismParams({
  wage: positive().default(1).describe('Wage per employee and step (the money unit: 1 = one employee-step).'),
  fixedCost: nonneg().default(0.5).describe('Fixed cost per firm and step (money units): small firms carry it on fewer employees.'),
  normalMargin: z.number().min(0).max(2).default(0.1).describe(
    'Margin over costs the initial market pays at demand 1, and the margin at which a firm stops hiring (assumption: 10 %).'),
  qualityAdjust: prob().default(0.1).describe('Share of the gap between product quality and knowledge closed per step (an innovation\'s quality premium fades as products age).'),
  ictProductivity: nonneg().default(0.5).describe('Productivity gain of full ICT adoption (productivity = quality x (1 + ictProductivity x ict); 000 §5.1 ¶3).'),
  qualityWeight: nonneg().default(1).describe('Exponent of product quality in competitiveness (002 §98: competing by change and innovation).'),
  priceWeight: nonneg().default(1).describe('Exponent of productivity (lower unit cost, lower price) in competitiveness (002 Table 2, linear view: productivity).'),
  selection: nonneg().default(0.025).describe(
    'Speed of selection: relative share gain per step of a firm 2x as competitive as its sector\'s average is selection (002 §76, §120).'),
  employmentAdjust: prob().default(0.25).describe('Share of the gap to the employment its revenue pays closed per step.'),
  rdMin: prob().default(0.01).describe('R&D effort (share of the wage bill) of a firm with no profit.'),
  rdMax: prob().default(0.2).describe('R&D effort of a firm whose profit is at least profitRef of its costs (profit funds R&D).'),
  profitRef: positive().default(0.2).describe('Profit rate (profit / costs) at which a firm\'s R&D target reaches rdMax.'),
  rdAdjust: prob().default(0.1).describe('Share of the gap to its R&D target a firm closes per step (002 §48: sustained effort).'),
});
export type MarketParams = z.infer<typeof MarketParams>;

interface MarketMemory {
  /** Market value of each sector at demand 1 (money a step). */
  base: Float64Array;
  /** pop.nextId after the last market step: rows with a larger id are new firms. */
  seenId: number;
}
const memory = new WeakMap<State, MarketMemory>();

// Per-step scratch, by sector (grown as needed).
let shareSum = new Float64Array(0);
let compSum = new Float64Array(0);
let empSum = new Float64Array(0);
let seedScale = new Float64Array(0);
let comp = new Float64Array(0);

const rdCost = (state: State): number => {
  const inn = state.scenario.parameters.mechanisms.innovation;
  return inn.enabled ? inn.rdCostPerEmployee : 0;
};

/** Costs of row i this step: wages, fixed cost and own R&D. */
function costOf(state: State, i: number, p: MarketParams, rd: number): number {
  const pop = state.pop;
  return p.wage * pop.employees[i] + p.fixedCost + pop.rdEffort[i] * pop.employees[i] * rd;
}

/** Set the per-sector market value at demand 1 from the firms' current costs. */
function remember(state: State, p: MarketParams): MarketMemory {
  let m = memory.get(state);
  if (m) return m;
  const S = state.sectors.length, pop = state.pop, rd = rdCost(state);
  const base = new Float64Array(S);
  for (let i = 0; i < pop.n; i++) if (pop.alive[i] && isFirmKind(pop.kind[i])) base[pop.sector[i]] += costOf(state, i, p, rd);
  for (let s = 0; s < S; s++) base[s] *= 1 + p.normalMargin;
  m = { base, seenId: pop.nextId };
  memory.set(state, m);
  return m;
}

/** Market value of sector s this step (money units). */
export function marketValue(state: State, s: number, p: MarketParams = state.scenario.parameters.mechanisms.market): number {
  return state.sectors[s].demand * remember(state, p).base[s];
}

export const market: Mechanism<MarketParams> = {
  id: 'market',
  doc: 'Sector demand, competitiveness from quality and productivity, replicator selection of market shares, revenue, costs, profit, employment and R&D adjustment (002 §76, §120, §98).',
  params: MarketParams,
  reads: ['kind', 'alive', 'sector', 'employees', 'tacit', 'codified', 'quality', 'ict', 'rdEffort', 'marketShare', 'id'],
  writes: ['quality', 'marketShare', 'profit', 'capital', 'employees', 'rdEffort', 'lossStreak', 'sectors.demand'],
  init(state, params) {
    remember(state, params);
  },
  step({ state, params: p }) {
    const pop = state.pop, n = pop.n, S = state.sectors.length;
    const mem = remember(state, p);
    const rd = rdCost(state);
    if (shareSum.length < S) {
      shareSum = new Float64Array(S);
      compSum = new Float64Array(S);
      empSum = new Float64Array(S);
      seedScale = new Float64Array(S);
    }
    if (comp.length < n) comp = new Float64Array(pop.capacity);
    shareSum.fill(0, 0, S);
    compSum.fill(0, 0, S);
    empSum.fill(0, 0, S);
    for (let s = 0; s < S; s++) state.sectors[s].demand *= 1 + state.sectors[s].growth;
    const { alive, kind, sector, employees, quality, ict, marketShare, profit, capital, rdEffort, lossStreak, id } = pop;

    // Quality, competitiveness, and the sector sums the replicator needs.
    for (let i = 0; i < n; i++) {
      if (!alive[i] || !isFirmKind(kind[i])) continue;
      const fresh = id[i] >= mem.seenId; // entered since the last market step
      if (fresh) { marketShare[i] = 0; profit[i] = 0; }
      const q = Math.max(0, quality[i] + p.qualityAdjust * (pop.knowledgeOf(i) - quality[i]));
      quality[i] = q;
      const prod = q * (1 + p.ictProductivity * ict[i]);
      const c = pow(q, p.qualityWeight) * pow(prod, p.priceWeight);
      comp[i] = c;
      const s = sector[i];
      if (!fresh) empSum[s] += employees[i];
      shareSum[s] += marketShare[i];
      compSum[s] += marketShare[i] * c;
    }
    // Seed shares of entrants: after renormalisation each holds its share of the sector's
    // employment, E_i / (E_incumbents + E_entrants); then the replicator step.
    for (let s = 0; s < S; s++) seedScale[s] = empSum[s] > 0 && shareSum[s] > 0 ? shareSum[s] / empSum[s] : 1;
    for (let i = 0; i < n; i++) {
      if (!alive[i] || !isFirmKind(kind[i]) || id[i] < mem.seenId) continue;
      const s = sector[i];
      const seed = employees[i] * seedScale[s];
      marketShare[i] = seed;
      shareSum[s] += seed;
      compSum[s] += seed * comp[i];
    }
    // Mean competitiveness per sector (share-weighted), reusing compSum.
    for (let s = 0; s < S; s++) compSum[s] = shareSum[s] > 0 ? compSum[s] / shareSum[s] : 0;
    const newSum = empSum; // reuse: sum of the new shares per sector
    newSum.fill(0, 0, S);
    for (let i = 0; i < n; i++) {
      if (!alive[i] || !isFirmKind(kind[i])) continue;
      const s = sector[i];
      const cbar = compSum[s];
      const f = cbar > 0 ? 1 + p.selection * (comp[i] / cbar - 1) : 1;
      const v = marketShare[i] * (f > 0 ? f : 0);
      marketShare[i] = v;
      newSum[s] += v;
    }
    // Accounts and adjustment.
    for (let i = 0; i < n; i++) {
      if (!alive[i] || !isFirmKind(kind[i])) continue;
      const s = sector[i];
      const share = newSum[s] > 0 ? marketShare[i] / newSum[s] : 0;
      marketShare[i] = share;
      const revenue = share * state.sectors[s].demand * mem.base[s];
      const E = employees[i];
      const perEmployee = p.wage + rdEffort[i] * rd;
      const operating = p.wage * E + p.fixedCost;
      const cost = operating + rdEffort[i] * E * rd;
      const pi = revenue - cost;
      capital[i] += revenue - operating;
      profit[i] = pi;
      if (pi < 0) lossStreak[i]++;
      else if (lossStreak[i] > 0) lossStreak[i] = 0;
      const target = (revenue / (1 + p.normalMargin) - p.fixedCost) / perEmployee;
      const e = E + p.employmentAdjust * (target - E);
      employees[i] = e > 1 ? e : 1;
      const rate = cost > 0 ? pi / (cost * p.profitRef) : 0;
      const rdTarget = p.rdMin + (p.rdMax - p.rdMin) * (rate < 0 ? 0 : rate > 1 ? 1 : rate);
      rdEffort[i] += p.rdAdjust * (rdTarget - rdEffort[i]);
    }
    mem.seenId = pop.nextId;
  },
};
