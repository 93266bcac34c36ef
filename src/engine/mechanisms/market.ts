/**
 * Market and selection (002 §76, §120; docs/model/market.md): "networks promote a dynamic
 * process of adaptation, of specialization and of selection between the firms" (§76). Firms
 * (SMEs, leading firms, KIBS) sell differentiated products in the market of their sector in
 * their region; institutions do not sell. The market is a set of product lines (customer
 * relationships, products) that firms hold, win and lose (Klette & Kortum 2004), shared by
 * a CES choice over quality and price (Dixit-Stiglitz; Anderson, de Palma & Thisse 1992),
 * with production at decreasing returns (Lucas 1978). Per step, in market m (region r,
 * sector s):
 *
 * 1. Demand. Market m is worth V_m = demand_s * V0_m a step, V0_m = what its firms cost at
 *    step 0 plus the normal margin, over 1 - outsideShare: at demand 1 the cluster's firms
 *    serve 1 - outsideShare of their region's demand and firms outside the cluster (imports)
 *    the rest, the unmet demand that entrants can take (demography). Its product lines (its
 *    varieties, customer relationships) number L_m = round(B_m * demand_s), B_m the lines its
 *    firms held at step 0 / (1 - outsideShare). demand_s grows by `growth` a step (not during
 *    a warm-up).
 * 2. Quality and price. Product quality moves toward the firm's relative knowledge,
 *    q_i += qualityAdjust * (K_i - q_i) (an innovation's premium fades as products age);
 *    productivity a_i = phi_i (1 + ictProductivity * ict_i). phi_i, the firm's own
 *    efficiency, is 1 unless the scenario asks for a spread (efficiencySd > 0, an option
 *    for experiments; by default productivity comes from knowledge, through quality, and
 *    ICT alone, docs/model/market.md "Efficiency"): then it is lognormal of mean 1 and sd
 *    efficiencySd in logs across firms, a new firm draws it (Jovanovic 1982's efficiency
 *    type; a spin-off's is the geometric mean of its parent's and its own draw, demography),
 *    and ln phi_i follows an AR(1) of yearly autocorrelation efficiencyPersistence
 *    around -sd^2 / 2 (Hopenhayn 1992; 0.93, Hopenhayn & Rogerson 1993). Output takes
 *    labour at decreasing returns, Y_i = a_i (E_i / e0)^theta (span of control, Lucas
 *    1978; theta = 0.85 as in Restuccia & Rogerson 2008), and the firm prices at a markup
 *    over its full unit cost (as the K+S models of Dosi et al. 2010): p_i = (1 +
 *    normalMargin) C_i / Y_i, C_i = wage E_i + fixedCost + R&D_i. Larger firms produce dearer; ICT makes them cheaper.
 * 3. Turnover and choice. Each line lapses with chance lineTurnover (products age, customers
 *    re-tender; Bernard, Redding & Schott 2010 on product switching); the lapsed lines, plus
 *    any growth of L_m, are contested. Each goes to holder j with probability proportional to
 *    w_j = n_j (q_j / p_j)^(elasticity - 1): the CES demand for a variety of quality-adjusted
 *    price p_j / q_j (Dixit & Stiglitz 1977), times the customer base n_j that makes a firm
 *    known (the self-reinforcing capture of business opportunities of Bottazzi & Secchi
 *    2006; Klette & Kortum 2004). The outside holder competes like the cluster's average line
 *    at step 0. Growth is random and about proportional to size (Gibrat), its variance falls
 *    with size, and decreasing returns bound firm size. With lineLoss relative (an option)
 *    lines are re-tendered at twice the rate and the holder keeps one with chance c / (c +
 *    c_avg), so a worse firm loses lines faster (Klemperer 1995; Dosi et al. 2010).
 * 4. Sales. Customers spend V_m across the varieties by the same CES weights: R_i = V_m w_i / W_m,
 *    W_m the sum over the firms and the outside holder. More firms, or better rivals, leave
 *    each firm less (the crowding of monopolistic competition, Dixit & Stiglitz 1977).
 * 5. Accounts. profit_i = R_i - wage E_i - fixedCost - R&D_i (R&D was paid from capital by the
 *    innovation phase). A share payoutShare of a positive profit goes to the owners (Lintner
 *    1956), the rest is retained: capital_i += R_i - wage E_i - fixedCost - payout_i.
 * 6. Adjustment. Employment moves by employmentAdjust a step toward the level its sales pay
 *    at the normal margin, E*_i = (R_i / (1 + normalMargin) - fixedCost) / (wage + R&D per
 *    employee), at least 1: a firm staffed for its sales earns the normal margin less what
 *    its fixed cost takes from a small firm, one that lost sales and is still overstaffed
 *    makes a loss. R&D effort moves toward f_s (rdMin + (rdMax - rdMin) clamp(profit_i /
 *    (costs_i profitRef), 0, 1)), f_s the factor of the sector's technology intensity.
 * 7. Institutions get their region's public budget, institutionFunding x employees a step;
 *    what would take their cash beyond one year's budget returns to the funder (annual
 *    budgeting). The budget they keep is their `revenue` of the step (their income).
 * All O(N) per step: firms grouped by market with a counting sort, one binomial per holder.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import { isFirmKind } from '../population.js';
import { binomial, type Rng } from '../rng.js';
import { mechanismParams, nonneg, positive, prob } from '../../scenario/common.js';
import { lossPerStep, stepsPerYear } from '../frontier.js';
import { exp, log, pow } from '../math.js';
import { powInto } from '../wasm/kernel.js';

export const MarketParams = mechanismParams({
  wage: positive().default(1).describe('Wage per employee and step (the money unit: 1 = one employee-step). A normalisation, not an estimate: assumption.'),
  fixedCost: nonneg().default(0.5).describe('Fixed cost per firm and step (money units): small firms carry it on fewer employees. Assumption.'),
  normalMargin: z.number().min(0).max(2).default(0.1).describe(
    'Margin over costs the initial market pays at demand 1 (assumption: 10 %).'),
  elasticity: z.number().min(1.05).max(20).default(4).describe(
    'Elasticity of substitution between the firms\' products (CES demand): how strongly customers move to better quality-adjusted prices. 4: Bernard, Eaton, Jensen & Kortum (2003) estimate 3.8; Broda & Weinstein (2006) find medians of 3-4 for differentiated goods.'),
  returnsToScale: z.number().min(0.5).max(0.98).default(0.85).describe(
    'Returns to scale of labour (span of control, Lucas 1978): output = a (E / employeesPerLine)^returnsToScale; 0.85 as in Restuccia & Rogerson (2008). Below 1, larger firms produce dearer, which bounds firm size.'),
  employeesPerLine: positive().default(8).describe(
    'Employees a single product line takes at productivity 1 (sets how many lines a firm of a given size holds). Assumption: about half the SMEs of the default district start with one line, as about half of manufacturing firms make one product (Bernard, Redding & Schott 2010).'),
  lineTurnover: prob().default(0.13).describe(
    'Share of a firm\'s product lines that lapse in a year and are contested again (products age, customers re-tender). 0.13: a one-line firm\'s line lapses within five years with chance one half, the share of US manufacturing firms that alter their mix of five-digit products every five years (Bernard, Redding & Schott 2010); the model\'s surviving firms then change their number of lines within five years at about that share too (docs/model/market.md, "The line turnover"). The earlier default, 0.2, was read the same way from the working paper\'s two thirds (Bernard, Redding & Schott 2006).'),
  lineLoss: z.enum(['uniform', 'relative']).default('uniform').describe(
    'Whether a firm\'s chance of losing a line depends on its competitiveness. uniform (the default, the rule of Klette & Kortum 2004): every line lapses at lineTurnover a year, whoever holds it, and goes to the pool. relative (an option): customers re-tender twice as often, and the holder keeps a re-tendered line in a CES choice against a rival of the market\'s average competitiveness per line, with chance c / (c + c_avg); a line of average competitiveness is still lost at lineTurnover a year, a better firm\'s less often, a worse firm\'s up to twice as often (selection on the loss side, as the quasi-replicator dynamics of Dosi et al. 2010 select on market shares; switching costs keep customers with a supplier that serves them well, Klemperer 1995). docs/model/market.md, "Losing lines by competitiveness".'),
  outsideShare: z.number().min(0).max(0.95).default(0.25).describe(
    'Share of a region\'s demand for its sector served from outside the cluster at step 0 (imports): the unmet demand that attracts entrants; with outsideSupplier persistent also the outside supplier\'s customer base, as a share of the market\'s lines. Assumption.'),
  outsideSupplier: z.enum(['held', 'persistent']).default('persistent').describe(
    'How the outside holder (imports) competes for contested lines and sales. persistent (the default): as a supplier whose customer base is outsideShare of the market\'s lines whatever it holds, at the competitiveness per line of the cluster\'s average line: followed through the warm-up, then fixed from step 0, so that the world keeps the steady state\'s level and a local policy that makes the cluster\'s firms more competitive wins lines from imports (docs/model/market.md, "The outside supplier"; assumption). held (the rule of earlier versions): with the lines it holds, at the average line\'s competitiveness of the first step, frozen; in the shipped districts it loses all its lines early in the warm-up and the unmet demand that draws entrants with them.'),
  entrantLine: z.enum(['importsFirst', 'anyLine']).default('anyLine').describe(
    'Where a new firm\'s first product line comes from (a spin-off takes one from its parent when the parent has more than one). importsFirst: from the outside holder while it holds any (the unmet demand that drew the entrant), else from a random firm of the market with more than one line. anyLine (the default): a line drawn uniformly from all the market\'s lines, the outside holder\'s included, as an entrant in Klette & Kortum (2004) takes over a random product line; a firm that loses its last line this way exits (entry displaces incumbents, Geroski 1995). docs/model/market.md, "Entrants\' first line".'),
  qualityAdjust: prob().default(0.1).describe('Share of the gap between product quality and relative knowledge closed per step (an innovation\'s quality premium fades as products age). Assumption.'),
  ictProductivity: nonneg().default(0.5).describe('Productivity gain of full ICT adoption (productivity = 1 + ictProductivity x ict; 000 §5.1 ¶3).'),
  efficiencySd: z.number().min(0).max(1).default(0).describe(
    'Standard deviation of ln efficiency across firms: a firm\'s own productivity factor beyond its knowledge and ICT, lognormal of mean 1, that a new firm draws and that then moves by efficiencyPersistence (Jovanovic 1982; Hopenhayn 1992). 0 (the default) draws none, and productivity comes from knowledge (product quality) and ICT alone: their dispersion already spans a 90:10 gap in ln (quality x productivity) of 0.7-1.0 in the shipped districts, as wide as the 0.65 in ln TFP that Syverson (2011) reports within US 4-digit manufacturing industries (Syverson 2004), so the literature\'s 0.25 (= 0.65 / 2.56) would count that dispersion twice (docs/model/market.md, "Efficiency"). An option for experiments.'),
  efficiencyPersistence: prob().default(0.93).describe(
    'Autocorrelation of a firm\'s ln efficiency over a year (AR(1), converted to the step): 0.93 as in Hopenhayn & Rogerson (1993). 1 keeps a firm\'s draw for life, as in Jovanovic (1982).'),
  employmentAdjust: prob().default(0.25).describe('Share of the gap to the employment its product lines need closed per step. Assumption.'),
  payoutShare: prob().default(0.5).describe(
    'Share of a positive profit paid out to the owners each step; the rest is retained as capital (Lintner 1956: target payout ratios about one half).'),
  rdMin: prob().default(0.01).describe('R&D effort (share of the wage bill) of a firm with no profit. Assumption.'),
  rdMax: prob().default(0.2).describe('R&D effort of a firm whose profit is at least profitRef of its costs (profit funds R&D). Assumption.'),
  profitRef: positive().default(0.2).describe('Profit rate (profit / costs) at which a firm\'s R&D target reaches rdMax. Assumption.'),
  rdAdjust: prob().default(0.1).describe('Share of the gap to its R&D target a firm closes per step (002 §48: sustained effort).'),
  rdIntensity: z
    .strictObject({
      low: positive().default(0.5).describe('R&D factor of a low-technology sector.'),
      medium: positive().default(1).describe('R&D factor of a medium-technology sector (the reference).'),
      high: positive().default(2).describe('R&D factor of a high-technology sector.'),
    })
    .prefault({})
    .describe('Factor on rdMin and rdMax by the sector\'s technology intensity: the classification is by R&D intensity, several times higher in high-technology sectors than in low-technology ones (OECD; Hatzichronoglou 1997). Assumption: 1/2, 1, 2.'),
});
export type MarketParams = z.infer<typeof MarketParams>;

/** Per-run figures of the markets (one per region x sector, index r * S + s). */
export interface MarketMemory {
  /** Lines of market m at demand index 1. */
  base: Float64Array;
  /** Money market m is worth a step at demand index 1 (V0_m). */
  value: Float64Array;
  /** Lines held outside the cluster. */
  outside: Int32Array;
  /** Competitiveness per line of the outside holder: the cluster's line-weighted mean at the first step (held); followed through the warm-up and kept from step 0 on (persistent). */
  outsideComp: Float64Array;
  /** Firms in market m at step 0 (a market-size scale for entry). */
  firms0: Float64Array;
  /** Lines to remove from later pools (demand fell faster than lines lapsed). */
  deficit: Float64Array;
  /** Each sector's demand index at step 0. */
  demand0: Float64Array;
  /** Firm rows grouped by market at this step's market phase: market k's rows are byMarket[start[k]..start[k+1]). */
  byMarket: Int32Array;
  start: Int32Array;
  /** Times `group` ran (which step's grouping byMarket holds). */
  groups: number;
  /** entrantLine anyLine's line tree (lineTree): one Fenwick tree per market over its rows in byMarket. */
  tree: LineTree;
}
/**
 * Lines held by each firm of byMarket, as one Fenwick tree [Fenwick 1994] per market: market
 * k's tree is fen[start[k]..start[k+1]) (1-based within the market). `pos[row]` is the row's
 * place in byMarket, -1 if none; built for grouping `groups` at step `t`.
 */
interface LineTree { fen: Float64Array; pos: Int32Array; groups: number; t: number }
const memory = new WeakMap<State, MarketMemory>();

const marketIndex = (state: State, i: number): number => state.pop.region[i] * state.sectors.length + state.pop.sector[i];

const rdCost = (state: State): number => {
  const inn = state.scenario.parameters.mechanisms.innovation;
  return inn.enabled ? inn.rdCostPerEmployee : 0;
};

/** Lines per firm at build: a_i (E_i / e0)^theta, at least 1 (the inverse of E*); eff is the firm's efficiency. */
export function initialLines(employees: number, ict: number, p: MarketParams, eff = 1): number {
  const a = eff * (1 + p.ictProductivity * ict);
  return Math.max(1, Math.round(a * pow(employees / p.employeesPerLine, p.returnsToScale)));
}

/** Full cost a step of a firm of E employees at R&D effort rd: wages, fixed cost, R&D. */
export function fullCost(E: number, rd: number, rdCostPerEmployee: number, p: MarketParams): number {
  return p.wage * E + p.fixedCost + rd * E * rdCostPerEmployee;
}

/** Unit price: (1 + margin) full cost / output, output a (E / e0)^theta, a = eff (1 + ictProductivity ict). */
export function unitPrice(E: number, ict: number, rd: number, rdCostPerEmployee: number, p: MarketParams, eff = 1): number {
  const Y = eff * (1 + p.ictProductivity * ict) * pow(Math.max(1, E) / p.employeesPerLine, p.returnsToScale);
  return ((1 + p.normalMargin) * fullCost(Math.max(1, E), rd, rdCostPerEmployee, p)) / Y;
}

/** Competitiveness of one variety: (quality / price)^(elasticity - 1). */
export function varietyWeight(q: number, price: number, p: MarketParams): number {
  return pow(Math.max(q, 1e-9) / price, p.elasticity - 1);
}

/**
 * varietyWeight(q, unitPrice(E, ...)) in one pass, by logarithms: exp((elasticity - 1)
 * (ln(q a / ((1 + margin) cost)) + theta ln(max(1, E) / e0))) (two logarithms and one
 * exponential instead of two powers: the market's hot loop).
 */
export function weightOf(q: number, E: number, ict: number, rd: number, rdCostPerEmployee: number, p: MarketParams, eff = 1): number {
  const e = E > 1 ? E : 1;
  const cost = (1 + p.normalMargin) * fullCost(e, rd, rdCostPerEmployee, p);
  const a = eff * (1 + p.ictProductivity * ict);
  return exp((p.elasticity - 1) * (log(((q > 1e-9 ? q : 1e-9) * a) / cost) + p.returnsToScale * log(e / p.employeesPerLine)));
}

/** Employees whose full cost, marked up, equals sales R at R&D effort rd (at least 1). */
export function employeesFor(R: number, rd: number, rdCostPerEmployee: number, p: MarketParams): number {
  const E = (R / (1 + p.normalMargin) - p.fixedCost) / (p.wage + rd * rdCostPerEmployee);
  return E > 1 ? E : 1;
}

/** The markets of a run, set up from the firms at the first call (step 0). */
export function markets(state: State, p: MarketParams = state.scenario.parameters.mechanisms.market): MarketMemory {
  let m = memory.get(state);
  if (m) return m;
  const S = state.sectors.length, M = state.regions.length * S, pop = state.pop, rd = rdCost(state);
  const lines = new Float64Array(M), comp = new Float64Array(M), firms0 = new Float64Array(M), sales = new Float64Array(M);
  for (let i = 0; i < pop.n; i++) {
    if (!pop.alive[i] || !isFirmKind(pop.kind[i])) continue;
    const k = marketIndex(state, i);
    const n = initialLines(pop.employees[i], pop.ict[i], p, pop.efficiency[i]);
    pop.lines[i] = n;
    lines[k] += n;
    comp[k] += n * varietyWeight(pop.quality[i], unitPrice(pop.employees[i], pop.ict[i], pop.rdEffort[i], rd, p, pop.efficiency[i]), p);
    sales[k] += (1 + p.normalMargin) * fullCost(pop.employees[i], pop.rdEffort[i], rd, p);
    firms0[k]++;
  }
  const base = new Float64Array(M), value = new Float64Array(M), outside = new Int32Array(M), outsideComp = new Float64Array(M);
  for (let k = 0; k < M; k++) {
    if (lines[k] === 0) continue;
    base[k] = lines[k] / (1 - p.outsideShare);
    value[k] = sales[k] / (1 - p.outsideShare);
    outside[k] = Math.max(0, Math.round(base[k] * state.sectors[k % S].demand) - lines[k]);
    outsideComp[k] = comp[k] / lines[k];
  }
  const demand0 = Float64Array.from(state.sectors, (sec) => sec.demand);
  m = { base, value, outside, outsideComp, firms0, deficit: new Float64Array(M), demand0, byMarket: new Int32Array(0), start: new Int32Array(M + 1),
    groups: 0, tree: { fen: new Float64Array(0), pos: new Int32Array(0), groups: -1, t: 0 } };
  memory.set(state, m);
  return m;
}

/**
 * Lines held outside the cluster (imports) in the markets of a scope: all markets, those of
 * region `region`, or those of sector `sector` (-1: any). 0 before the market's first step.
 */
export function importedLines(state: State, region = -1, sector = -1): number {
  const m = memory.get(state);
  if (!m) return 0;
  const S = state.sectors.length;
  let out = 0;
  for (let k = 0; k < m.outside.length; k++) {
    if ((region < 0 || Math.floor(k / S) === region) && (sector < 0 || k % S === sector)) out += m.outside[k];
  }
  return out;
}

/** Share of market m's lines held outside the cluster: the unmet demand. */
export function unmetShare(state: State, k: number, held: number): number {
  const m = markets(state);
  const all = held + m.outside[k];
  return all > 0 ? m.outside[k] / all : 0;
}

/**
 * Give a new firm (row i) its first product line: taken from the demand served from outside
 * the cluster when there is any (an entrant starts by serving unmet demand), else from
 * `from` (a parent with more than one line), else from a firm of its market with more than
 * one line (one of up to 32 drawn at random from the market's firms of this step's market
 * phase), else it is a new line of the market.
 */
export function enterMarket(state: State, i: number, rng: Rng, from = -1): void {
  const pop = state.pop, m = markets(state), k = marketIndex(state, i), { byMarket, start } = m;
  pop.revenue[i] = 0;
  pop.profit[i] = 0;
  pop.lines[i] = 1;
  if (from >= 0 && pop.lines[from] > 1) { pop.lines[from]--; lineChanged(state, from, -1); return; }
  const first = k + 1 < start.length ? start[k] : 0, count = k + 1 < start.length ? start[k + 1] - first : 0;
  if (state.scenario.parameters.mechanisms.market.entrantLine === 'anyLine') {
    if (takeAnyLine(state, k, first, count, rng)) return;
  } else if (m.outside[k] > 0) { m.outside[k]--; return; }
  for (let tries = 0; tries < 32 && count > 0; tries++) {
    const j = byMarket[first + rng.int(count)];
    if (j !== i && j < pop.n && pop.alive[j] && pop.lines[j] > 1 && marketIndex(state, j) === k) { pop.lines[j]--; lineChanged(state, j, -1); return; }
  }
  m.base[k] += 1; // no line to take: the market grows by one
}

/**
 * entrantLine anyLine: a new firm takes over a line drawn uniformly from market k's lines,
 * the outside holder's and those of its firms (rows byMarket[first, first + count) as the
 * market grouped them this step), as an entrant in Klette & Kortum (2004) improves on a
 * random product line and takes it. A firm whose last line goes exits (demography: nothing
 * left to sell). Returns false when the market holds no line to take.
 *
 * One uniform u over the market's lines picks the first firm, in byMarket order, whose
 * running sum of lines exceeds u - outside. A scan of the market per entrant made a step
 * O(N x entrants), a third of the bench's speed at 10,000 agents in one market; the line
 * tree finds the same firm in O(log N) (the sums are of whole lines, exact in doubles, so
 * the draw is the scan's to the bit).
 */
function takeAnyLine(state: State, k: number, first: number, count: number, rng: Rng): boolean {
  const pop = state.pop, m = markets(state);
  const fen = lineTree(state, m).fen;
  // The market's lines held by its firms: the tree's prefix sum over all count rows.
  let held = 0;
  for (let q = count; q > 0; q -= q & -q) held += fen[first + q - 1];
  const total = m.outside[k] + held;
  if (!(total > 0)) return false;
  let u = rng.next() * total - m.outside[k];
  if (u < 0) { m.outside[k]--; return true; }
  // Fenwick descent: the largest q whose prefix sum is <= u; row q (0-based) is the first
  // whose running sum exceeds u. Each subtraction takes whole lines from a smaller
  // non-negative double, so it is exact.
  let q = 0;
  for (let step = highestBit(count); step > 0; step >>= 1) {
    const next = q + step;
    if (next <= count && fen[first + next - 1] <= u) { u -= fen[first + next - 1]; q = next; }
  }
  if (q >= count) return false; // rounding: nothing taken, the market grows by one
  const j = m.byMarket[first + q];
  pop.lines[j]--;
  lineChanged(state, j, -1);
  return true;
}

const highestBit = (n: number): number => (n <= 0 ? 0 : 1 << (31 - Math.clz32(n)));

/** The lines grouped row j of market k holds, for lineTree: 0 for one that left. */
function heldLines(state: State, j: number, k: number): number {
  const pop = state.pop;
  return j < pop.n && pop.alive[j] && marketIndex(state, j) === k && pop.lines[j] > 0 ? pop.lines[j] : 0;
}

/** This step's line tree, built at its first use after the market phase grouped the firms. */
function lineTree(state: State, m: MarketMemory): LineTree {
  const tree = m.tree;
  if (tree.groups === m.groups && tree.t === state.t) return tree;
  const pop = state.pop, M = m.start.length - 1, total = M >= 0 ? m.start[M] : 0;
  if (tree.fen.length < total) tree.fen = new Float64Array(Math.max(total, pop.capacity));
  if (tree.pos.length < pop.capacity) tree.pos = new Int32Array(pop.capacity);
  tree.pos.fill(-1);
  const fen = tree.fen;
  for (let k = 0; k < M; k++) {
    const first = m.start[k], count = m.start[k + 1] - first;
    for (let q = 1; q <= count; q++) {
      const j = m.byMarket[first + q - 1];
      if (j < tree.pos.length) tree.pos[j] = first + q - 1;
      fen[first + q - 1] = heldLines(state, j, k);
    }
    // Linear build: each node passes its sum to its parent.
    for (let q = 1; q <= count; q++) {
      const parent = q + (q & -q);
      if (parent <= count) fen[first + parent - 1] += fen[first + q - 1];
    }
  }
  tree.groups = m.groups;
  tree.t = state.t;
  return tree;
}

/**
 * Row j's lines changed by `delta` after the market phase grouped the firms (a line taken by
 * an entrant, a firm leaving): keeps this step's line tree, if one was built, in step.
 */
function lineChanged(state: State, j: number, delta: number): void {
  const m = markets(state), tree = m.tree;
  if (tree.groups !== m.groups || tree.t !== state.t || j >= tree.pos.length) return;
  const at = tree.pos[j];
  if (at < 0) return;
  const k = marketIndex(state, j), first = m.start[k], count = m.start[k + 1] - first;
  for (let q = at - first + 1; q <= count; q += q & -q) tree.fen[first + q - 1] += delta;
}

/** A firm that exits leaves its lines to the firms outside the cluster until they are contested. */
export function leaveMarket(state: State, i: number): void {
  const pop = state.pop;
  if (pop.lines[i] <= 0) return;
  markets(state).outside[marketIndex(state, i)] += pop.lines[i];
  lineChanged(state, i, -pop.lines[i]);
  pop.lines[i] = 0;
}

// Per-step scratch (grown as needed). byMarket and start alias the state's own MarketMemory
// arrays (set by group), so nothing of one simulation leaks into another run in the same worker.
let byMarket: Int32Array = new Int32Array(0);
let start: Int32Array = new Int32Array(0);
let weight = new Float64Array(0);
/** Each firm's weight per variety this step, (q / p)^(elasticity - 1). */
let comp = new Float64Array(0);
/** R&D factor of each sector's technology intensity. */
let rdScale = new Float64Array(0);
/** The outside holder's lines in each market at the start of the step (its capture weight). */
let outsideStart = new Float64Array(0);

/** Firm rows grouped by market (counting sort): rows of market k are byMarket[start[k]..start[k+1]). */
function group(state: State, M: number): void {
  const pop = state.pop, n = pop.n, m = markets(state);
  if (outsideStart.length < M) outsideStart = new Float64Array(M);
  if (m.byMarket.length < n) m.byMarket = new Int32Array(pop.capacity);
  byMarket = m.byMarket;
  start = m.start;
  m.groups++;
  if (weight.length < n) { weight = new Float64Array(pop.capacity); comp = new Float64Array(pop.capacity); }
  start.fill(0, 0, M + 1);
  countByMarket(state, start);
  for (let k = 0; k < M; k++) start[k + 1] += start[k];
  placeByMarket(state, start.slice(0, M), byMarket);
}

// The two passes of `group` over the rows, each a function whose loop is its last statement:
// inline, V8 compiled `group` on-stack during its first call and threw that code out again
// at every later step (docs/performance.md, item 16).

/** Firms per market, into counts[k + 1]. */
function countByMarket(state: State, counts: Int32Array): void {
  const pop = state.pop, n = pop.n, S = state.sectors.length, alive = pop.alive, kind = pop.kind, region = pop.region, sector = pop.sector;
  for (let i = 0; i < n; i++) if (alive[i] && isFirmKind(kind[i])) counts[region[i] * S + sector[i] + 1]++; // marketIndex
}

/** Each firm's row among rows [0, n) at its market's cursor, which moves on (demography groups its firms with it too). */
export function placeByMarket(state: State, cursor: Int32Array, byMarket: Int32Array, n = state.pop.n): void {
  const pop = state.pop, S = state.sectors.length, alive = pop.alive, kind = pop.kind, region = pop.region, sector = pop.sector;
  for (let i = 0; i < n; i++) if (alive[i] && isFirmKind(kind[i])) byMarket[cursor[region[i] * S + sector[i]]++] = i; // marketIndex
}

/** Quality and capture weight of every firm (from its lines at the start of the step), then the lapse of lines. */
function lapse(state: State, p: MarketParams, m: MarketMemory, M: number, turnover: number, rng: Rng): void {
  const all = start[M];
  if (powCol.length < all) powCol = new Float64Array(state.pop.capacity);
  // The weights of all firms, as weightOf computes one, with the two powers taken a column at
  // a time by the kernel (powInto): (E / e0)^theta, then (q a (E / e0)^theta / cost)^(elasticity - 1).
  // Each loop is a function of its own, so no loop is compiled on-stack inside a function whose
  // later code has no type feedback yet (docs/performance.md, item 16).
  adjustQuality(state, p, all);
  powInto(powCol, all, p.returnsToScale, powCol);
  priceAdjusted(state, p, all);
  powInto(powCol, all, p.elasticity - 1, powCol);
  lapseLines(state, p, m, M, turnover, rng);
}

/**
 * Each firm's ln efficiency takes one AR(1) step around -sd^2 / 2 (stationary sd efficiencySd,
 * mean efficiency 1): ln phi' = mu + r (ln phi - mu) + sd sqrt(1 - r^2) eps, r the yearly
 * efficiencyPersistence converted to the step (Hopenhayn 1992). Firms in market order.
 */
function moveEfficiency(state: State, p: MarketParams, all: number, rng: Rng): void {
  const eff = state.pop.efficiency, sd = p.efficiencySd, mu = -0.5 * sd * sd;
  const r = pow(p.efficiencyPersistence, 1 / stepsPerYear(state)), shock = sd * Math.sqrt(1 - r * r);
  for (let q = 0; q < all; q++) {
    const i = byMarket[q];
    eff[i] = exp(mu + r * (log(eff[i]) - mu) + shock * rng.normal());
  }
}

/** Quality moves toward the relative knowledge of the end of the last step; powCol gets E / e0. */
function adjustQuality(state: State, p: MarketParams, all: number): void {
  const { quality, employees, knowledge } = state.pop;
  for (let q = 0; q < all; q++) {
    const i = byMarket[q];
    quality[i] = Math.max(0, quality[i] + p.qualityAdjust * (knowledge[i] - quality[i]));
    powCol[q] = (employees[i] > 1 ? employees[i] : 1) / p.employeesPerLine;
  }
}

/** powCol, holding (E / e0)^theta, becomes q a (E / e0)^theta / cost. */
function priceAdjusted(state: State, p: MarketParams, all: number): void {
  const { quality, ict, rdEffort, employees, efficiency } = state.pop, rd = rdCost(state);
  for (let q = 0; q < all; q++) {
    const i = byMarket[q], e = employees[i] > 1 ? employees[i] : 1;
    const cost = (1 + p.normalMargin) * fullCost(e, rdEffort[i], rd, p);
    powCol[q] = ((quality[i] > 1e-9 ? quality[i] : 1e-9) * efficiency[i] * (1 + p.ictProductivity * ict[i]) * powCol[q]) / cost;
  }
}

/** Each firm's weight from its lines at the start of the step, then the lapse of lines (firms', then the outside holder's). */
function lapseLines(state: State, p: MarketParams, m: MarketMemory, M: number, turnover: number, rng: Rng): void {
  const lines = state.pop.lines, track = p.outsideSupplier === 'persistent' && state.t < 0;
  const relative = p.lineLoss === 'relative';
  // The module's buffers in locals: read through the module binding, they were loaded again
  // after every call of binomial (the loop's header was the costliest line of the function).
  const st = start, rows = byMarket, cmp = comp, wt = weight, pc = powCol;
  for (let k = 0; k < M; k++) {
    let held = 0, w = 0;
    for (let q = st[k], e = st[k + 1]; q < e; q++) {
      const i = rows[q];
      const n = lines[i];
      cmp[i] = pc[q];
      wt[i] = n * cmp[i];
      held += n;
      w += wt[i];
      if (!relative) lines[i] = n - binomial(rng, n, turnover);
    }
    // outsideSupplier persistent: through the warm-up the outside holder competes like the
    // firms' average line as the step began; from step 0 on it keeps the level it had.
    if (track && held > 0) m.outsideComp[k] = w / held;
    if (relative && held > 0) loseByCompetitiveness(state, st[k], st[k + 1], w / held, turnover, rng);
    outsideStart[k] = m.outside[k];
    m.outside[k] -= binomial(rng, m.outside[k], turnover);
  }
}
/**
 * lineLoss relative: each of a firm's lines is re-tendered with chance 2 l a step (l the
 * lapse of lineTurnover) and kept with chance c / (c + cAvg), the CES choice between the
 * holder (competitiveness per line c) and a rival of the market's line-weighted average cAvg.
 * So a line is lost with chance 2 l cAvg / (c + cAvg): l at c = cAvg, falling toward 0 for a
 * far better holder and rising toward 2 l for a far worse one. Rows from..to of byMarket.
 */
function loseByCompetitiveness(state: State, from: number, to: number, cAvg: number, l: number, rng: Rng): void {
  const lines = state.pop.lines, rows = byMarket, cmp = comp;
  for (let q = from; q < to; q++) {
    const i = rows[q], n = lines[i];
    lines[i] = n - binomial(rng, n, Math.min(1, (2 * l * cAvg) / (cmp[i] + cAvg)));
  }
}

/** A column of the lapse's powers, in market order. */
let powCol = new Float64Array(0);

/**
 * Contest each market's pool: the lapsed lines, plus (or minus) the change of the market's
 * size, go one by one to the holders in proportion to their weights. A multinomial draw: P
 * uniform points on [0, W), sorted, counted off against the holders' cumulative weights
 * (firms in row order, the outside holder last): O(P log P + holders), no power per holder.
 */
function capture(state: State, p: MarketParams, m: MarketMemory, M: number, rng: Rng): void {
  const lines = state.pop.lines, S = state.sectors.length, persistent = p.outsideSupplier === 'persistent';
  // The market grouping and weights in locals (as in lapseLines): not reallocated here.
  const st = start, rows = byMarket, wt = weight;
  for (let k = 0; k < M; k++) {
    if (m.base[k] === 0) continue;
    let heldNow = m.outside[k];
    for (let q = st[k], e = st[k + 1]; q < e; q++) heldNow += lines[rows[q]];
    // Lines the market should hold now: what is held after the lapse, plus the pool, plus
    // growth (or minus a fall of demand, taken first from the pool, then from outside).
    const target = Math.round(m.base[k] * state.sectors[k % S].demand);
    const P = target - heldNow - m.deficit[k];
    m.deficit[k] = 0;
    if (P < 0) {
      const cut = Math.min(-P, m.outside[k]);
      m.outside[k] -= cut;
      m.deficit[k] = -P - cut;
      continue;
    }
    // The outside holder's weight (outsideSupplier, docs/model/market.md "The outside
    // supplier"). persistent: a customer base of outsideShare of the market's lines, whatever
    // it holds, at its competitiveness per line (its share of the pool is outsideShare / (1 +
    // outsideShare) while the firms compete like it). held: the lines it held as the step
    // began; then entrants drain it and imports vanish early in a warm-up.
    let W = (persistent ? p.outsideShare * target : outsideStart[k]) * m.outsideComp[k];
    for (let q = st[k], e = st[k + 1]; q < e; q++) W += wt[rows[q]];
    if (P === 0 || !(W > 0)) { m.outside[k] += P; continue; }
    if (points.length < P) points = new Float64Array(Math.max(P, 2 * points.length));
    for (let u = 0; u < P; u++) points[u] = rng.next() * W;
    const pts = points.subarray(0, P).sort();
    let u = 0, cum = 0;
    for (let q = st[k], e = st[k + 1]; q < e && u < P; q++) {
      const i = rows[q];
      cum += wt[i];
      let x = 0;
      while (u < P && pts[u] < cum) { x++; u++; }
      lines[i] += x;
    }
    m.outside[k] += P - u; // the rest fall in the outside holder's share
  }
}
let points = new Float64Array(0);

/** Sales, profit, payout, capital; employment and R&D toward their targets. */
function accounts(state: State, p: MarketParams, m: MarketMemory, M: number): void {
  const pop = state.pop, rd = rdCost(state), S = state.sectors.length, rdPaid = state.acc.rdPaid;
  if (rdScale.length < S) rdScale = new Float64Array(S);
  state.sectors.forEach((sec, s) => { rdScale[s] = p.rdIntensity[sec.techIntensity]; });
  const { lines, employees, capital, profit, revenue, rdEffort, sector } = pop;
  // The grouping, weights and parameters in locals: as module bindings and fields they were
  // loaded again for every firm. The same arithmetic in the same order (rdMax - rdMin is the
  // same double computed once).
  const st = start, rows = byMarket, cmp = comp, scale = rdScale;
  const wage = p.wage, fixedCost = p.fixedCost, payoutShare = p.payoutShare, employmentAdjust = p.employmentAdjust;
  const profitRef = p.profitRef, rdMin = p.rdMin, rdSpan = p.rdMax - p.rdMin, rdAdjust = p.rdAdjust;
  for (let k = 0; k < M; k++) {
    if (m.base[k] === 0) continue;
    const first = st[k], end = st[k + 1];
    // Customers spend the market's value across the varieties by their CES weights.
    let W = m.outside[k] * m.outsideComp[k];
    for (let q = first; q < end; q++) { const i = rows[q]; W += lines[i] * cmp[i]; }
    const V = m.value[k] * state.sectors[k % S].demand;
    for (let q = first; q < end; q++) {
      const i = rows[q];
      const R = W > 0 ? (V * lines[i] * cmp[i]) / W : 0;
      const E = employees[i];
      const operating = wage * E + fixedCost;
      // R&D as paid this step (innovation.ts): a firm short of capital spent less than its effort asks.
      const cost = operating + rdPaid[i];
      const pi = R - cost;
      const payout = pi > 0 ? payoutShare * pi : 0;
      capital[i] += R - operating - payout;
      revenue[i] = R;
      profit[i] = pi;
      const e0 = rdEffort[i];
      employees[i] = E + employmentAdjust * (employeesFor(R, e0, rd, p) - E);
      const rate = cost > 0 ? pi / (cost * profitRef) : 0;
      const f = scale[sector[i]];
      const rdTarget = f * (rdMin + rdSpan * (rate < 0 ? 0 : rate > 1 ? 1 : rate));
      rdEffort[i] = e0 + rdAdjust * (rdTarget - e0);
    }
  }
}

/** Public budgets of the institutions; cash beyond one year's budget returns to the funder. */
function fundInstitutions(state: State): void {
  const pop = state.pop, spy = stepsPerYear(state);
  for (let i = 0; i < pop.n; i++) {
    if (!pop.alive[i] || isFirmKind(pop.kind[i])) continue;
    const b = state.regions[pop.region[i]].institutionFunding * pop.employees[i];
    const c = pop.capital[i] + b, cap = spy * b;
    // Only this step's budget goes back: an endowment the institution started with stays.
    const back = c > cap ? Math.min(b, c - cap) : 0;
    pop.capital[i] = c - back;
    pop.revenue[i] = b - back;
  }
}

export const market: Mechanism<MarketParams> = {
  id: 'market',
  doc: 'Product lines shared by CES choice over quality and price with decreasing returns to scale, line turnover and capture (Klette & Kortum; Bottazzi & Secchi), revenue, profit, payout, capital, employment and R&D; public budgets of institutions (002 §76, §120).',
  params: MarketParams,
  reads: ['kind', 'alive', 'region', 'sector', 'employees', 'tacit', 'codified', 'quality', 'ict', 'efficiency', 'rdEffort', 'lines', 'capital', 'acc.rdPaid'],
  writes: ['quality', 'efficiency', 'lines', 'revenue', 'profit', 'capital', 'employees', 'rdEffort', 'sectors.demand'],
  init(state, params) {
    markets(state, params);
  },
  step({ state, params: p, rng }) {
    const m = markets(state, p);
    const M = state.regions.length * state.sectors.length;
    // Demand grows on the recorded clock only: a warm-up holds it at its step-0 level.
    if (state.t >= 0) for (const sec of state.sectors) sec.demand *= 1 + sec.growth;
    group(state, M);
    if (p.efficiencySd > 0) moveEfficiency(state, p, start[M], rng);
    lapse(state, p, m, M, lossPerStep(p.lineTurnover, stepsPerYear(state)), rng);
    capture(state, p, m, M, rng);
    accounts(state, p, m, M);
    fundInstitutions(state);
  },
};
