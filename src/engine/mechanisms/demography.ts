/**
 * Demography (001 VC2 ¶1; 002 §22, §26, §113, §126, §136, §144; docs/model/demography.md):
 * exit, spin-offs and entry. Every exit goes through removeAgent, every birth through
 * addAgent, and every new firm gets its first product line through the market's enterMarket.
 *
 * Exit (firms only; institutions persist unless a scenario closes them). A firm exits
 *   - when its last product line has lapsed: it has nothing left to sell (Klette & Kortum
 *     2004); small firms, which hold few lines, are the most exposed;
 *   - when its capital is below zero: it cannot cover its losses (002 §22, "firms with
 *     severe scarcities of resources");
 *   - otherwise, when it made a loss L this step, with chance h * L / (L + C), C its capital
 *     and h = closureHazard (per year, converted to the step): the owners close a losing
 *     firm, and a capital buffer protects it.
 * No counter is involved, so firms do not leave in step with each other. No age term either:
 * the hazard falls with age as far as survivors grow out of the one-line fringe (Jovanovic
 * 1982; Audretsch 1995), which, measured, they hardly do (docs/model/stylised-facts.md,
 * "Surviving entrants hardly grow": 95 % of exits are of one-line firms).
 * An exiting firm's lines go to the firms outside the cluster until they are contested.
 *
 * Spin-offs (Klepper 2007, 2009: spin-offs come from successful incumbents and take their
 * knowledge with them; the better firms have more of them). A firm spins off with chance
 *   min(1, spinoffRate * clamp(profit_i / (E_i successProfit), 0, 1) * (E_i / E_mean)^b)
 *     * (1 + spinoffBoost_i),
 * E_mean the mean employees of the firms alive at the phase's start and b =
 * spinoffSizeElasticity (0 by default; 1: every employee a potential founder, Franco &
 * Filson 2006; an option, docs/model/demography.md),
 * a research institution with chance spinoffResearch * (1 + spinoffBoost_i) ("science-driven
 * spin-offs", 002 §26). The spin-off is an SME (a KIBS from a KIBS) of the parent's region and
 * sector (001 VC2 ¶1), settles within spinoffRadiusKm, takes its parent's knowledge profile at
 * a level u times its parent's, u ~ U(entrantSkill) as for any entrant (Agarwal et al. 2004,
 * Klepper 2009: the founders bring the knowledge they learned at their parent; a de novo
 * entrant's source is a firm it imitates, a spin-off's is the firm it comes from, so the two
 * share one draw and differ in their source), and half its parent's niche (the other half its
 * own), the geometric mean of its parent's efficiency and its own draw when firms have one
 * (market's efficiencySd), takes its employees from a firm parent and one of its product
 * lines when it has more than one, starts with the capital per employee an entrant of its
 * kind draws (or startCapital when a scenario sets it) times 1 + spinoffBoost (seed money:
 * spin-off support eases start-ups' survival through their buffer, 002 §126 b1, §144 b3),
 * records its parent and gets a tie to it.
 *
 * Entry (002 §113, §126 b1, §136). Entrants come at a base rate that does not depend on how
 * many firms there are: in market m (region r, sector s), per step,
 *   entrants ~ Poisson(entryRate / steps a year * N_m * (1 + u_m) / (1 + u_0) * pi_m * f_r)
 *   N_m  = firms the market held at step 0, times its demand since (the market's size),
 *   u_m  = share of its demand served from outside the cluster (unmet demand), u_0 = the
 *          outsideShare of step 0: the factor is 1 then, and at most 2 / (1 + u_0) when
 *          none of the demand is served by the cluster (an assumption: unmet demand draws
 *          entrants, but entry goes on in a market the cluster serves well, Geroski 1995),
 *   pi_m = clamp(profit rate of its firms / normalMargin, 0, 2) (profitability),
 *   f_r  = socialCapital_r + institutionalQuality_r (1 at 0.5 and 0.5: local banks,
 *          associations and trust foster new enterprises, 001 VC1 ¶1, VC2 ¶1).
 * An entrant is an SME initialised from the scenario's SME spec of its region and sector (or
 * the kind defaults), made small (startEmployees), with that spec's capital per employee.
 * With entrantKinds scenarioMix it is a business-service firm (KIBS; 002 §73: business
 * services are one of the cluster's six groups of actors) with the share KIBS have among the
 * firms the scenario builds in its region and sector, initialised from the scenario's KIBS
 * spec there: the service population is renewed like the rest instead of thinning out
 * (docs/scenarios.md, limitations). It
 * imitates a successful local firm, as SKIN's start-ups copy successful firms: a firm of its
 * market drawn with chance proportional to its profit, whose relative knowledge level it
 * takes times u ~ U(entrantSkill) (an entrant does not know its own efficiency until it
 * produces, Jovanovic 1982), over the specialisation initAgent drew for it (its own
 * background: entry keeps the cluster's variety, 002 §126 b1). With no profitable firm to
 * imitate it keeps the spec's knowledge.
 */
import { z } from 'zod';
import type { Mechanism, State } from '../contract.js';
import type { PopulationSpec } from '../../scenario/schema.js';
import { Kind, isFirmKind } from '../population.js';
import { addAgent, removeAgent } from '../state.js';
import { initAgent } from '../build.js';
import type { Rng } from '../rng.js';
import { mechanismParams, nonneg, positive, prob, range } from '../../scenario/common.js';
import { tieTypeOf } from './network.js';
import { enterMarket, leaveMarket, markets, placeByMarket, type MarketMemory } from './market.js';
import { lossPerStep, stepsPerYear } from '../frontier.js';
import { cos, exp, pow, sin } from '../math.js';

export const DemographyParams = mechanismParams({
  entryRate: prob().default(0.06).describe(
    'Entrants a year per firm a market held at step 0, at its step-0 unmet demand, normal profitability, and social capital and institutional quality of 0.5 (Bartelsman, Scarpetta & Schivardi 2005: entry rates of a few to ten percent a year; assumption 6 %).'),
  entrantSkill: range(0, 1).default([0.6, 1]).describe(
    'A new firm\'s relative knowledge level as a share of its source\'s, drawn uniformly: the successful local firm an entrant imitates, or a spin-off\'s parent (SKIN: start-ups copy successful firms; Agarwal et al. 2004, Klepper 2009: spin-offs inherit their parent\'s knowledge; Jovanovic 1982: entrants learn their efficiency only by producing). Assumption.'),
  closureHazard: prob().default(0.75).describe(
    'Chance a year that a loss-making firm with no capital left closes; a buffer C against a loss L lowers it to closureHazard x L / (L + C). Assumption: such a firm closes within about a year.'),
  spinoffRate: prob().default(0.004).describe('Chance per step that a fully successful firm spins off a new firm (001 VC2 ¶1; Klepper 2007; assumption).'),
  spinoffSizeElasticity: nonneg().default(0).describe(
    'How a firm\'s spin-off chance scales with its employees E: times (E / mean E of the firms)^this, so spinoffRate stays the chance of a firm of the mean size and the expected count of spin-offs about what it was. 0 (the default): every successful firm alike, whatever its size. 1: every employee a potential founder (Franco & Filson 2006: spin-outs are founded by employees who learned their employer\'s know-how), so the larger firms, which are the better ones, have more spin-offs (Klepper 2007, 2009); the small-firm effect (Elfenbein, Hamilton & Zenger 2010: employees of small firms found firms more often) puts it below 1. An option, off by default since no source gives its value (assumption): measured, it does not resolve the spin-offs\' advantage and moves the whole size distribution (docs/model/demography.md, "Spin-offs").'),
  successProfit: positive().default(0.1).describe('Profit per employee and step (money units) at which a firm counts as fully successful for spin-offs. Assumption.'),
  spinoffResearch: prob().default(0.01).describe('Chance per step that a research institution spins off a firm ("science-driven spin-offs", 002 §26; assumption).'),
  spinoffRadiusKm: positive().default(3).describe('A spin-off settles within this distance of its parent (km). Assumption.'),
  startEmployees: range(1).default([1, 5]).describe('Employees of a spin-off or entrant, drawn uniformly. Assumption.'),
  startCapital: nonneg().optional().describe('Capital per employee of a spin-off (money units), times 1 + the parent\'s spinoffBoost (seed money). Unset (the default): the capital per employee an entrant of its kind draws from the scenario\'s spec of its region and sector, since no source gives a spin-off\'s founders more or less money than other founders (Klepper 2009 traces the spin-offs\' advantage to what they know). It was 5 before this rule, an assumption below the entrants\' 6.5-19.5 in the shipped districts, which explained about half of the spin-offs\' higher early exit hazard (docs/model/stylised-facts.md).'),
  parentTieStrength: prob().default(0.5).describe('Strength of the tie between a spin-off and its parent. Assumption.'),
  parentTrust: prob().default(0.7).describe('Trust of the tie between a spin-off and its parent (they know each other). Assumption.'),
  entrantKinds: z.enum(['sme', 'scenarioMix']).default('scenarioMix').describe(
    'The kind of a new firm without a parent. scenarioMix (the default): an entrant is a KIBS with the share KIBS have among the firms (SMEs, leading firms, KIBS) the scenario builds in its region and sector (002 §73: business services are one of the cluster\'s groups of actors), so the service population keeps about its size through the warm-up. sme: every entrant is an SME, so business-service firms (KIBS) are renewed only by their own spin-offs and thin out as the market turns over (Hamburg 30 -> 7-12 in the warm-up). Assumption: services enter at the rate the market\'s other firms do (docs/model/demography.md, "Entry").'),
  leadingSuccession: z.boolean().default(true).describe(
    'When a firm holding the leading role exits, the role passes to the firm of its market (region and sector) with the most sales that does not hold it: the leading role belongs to "firms with a strong position in their markets" (000 §5.7), not to the firms a scenario started with. false: the role leaves with its holder, and with it the leading firms\' project launches and the leadingFirmFocus lever\'s targets (docs/model/demography.md, "Succession of the leading role").'),
});
export type DemographyParams = z.infer<typeof DemographyParams>;

/**
 * Per region x sector, found once per run from the scenario's populations: the SME and the
 * KIBS spec (or null: kind defaults) and the share KIBS have among the firms built there
 * (SMEs, leading firms, KIBS; entrantKinds scenarioMix).
 */
interface MarketSpecs { sme: (PopulationSpec | null)[]; kibs: (PopulationSpec | null)[]; kibsShare: Float64Array }
const specsMemory = new WeakMap<State, MarketSpecs>();

function specs(state: State): MarketSpecs {
  let m = specsMemory.get(state);
  if (m) return m;
  const S = state.sectors.length, cells = state.regions.length * S;
  m = { sme: new Array<PopulationSpec | null>(cells).fill(null), kibs: new Array<PopulationSpec | null>(cells).fill(null), kibsShare: new Float64Array(cells) };
  state.regions.forEach((reg, r) =>
    state.sectors.forEach((sec, s) => {
      const here = state.scenario.populations.filter((p) => p.region === reg.id && p.sector === sec.id);
      m!.sme[r * S + s] = here.find((p) => p.kind === 'sme') ?? null;
      m!.kibs[r * S + s] = here.find((p) => p.kind === 'kibs') ?? null;
      const firms = here.filter((p) => isFirmKind(Kind[p.kind])).reduce((n, p) => n + p.count, 0);
      const kibs = here.filter((p) => p.kind === 'kibs').reduce((n, p) => n + p.count, 0);
      m!.kibsShare[r * S + s] = firms > 0 ? kibs / firms : 0;
    }));
  specsMemory.set(state, m);
  return m;
}

/** A default spec of the kind for a region and sector without one in the scenario. */
function defaultSpec(state: State, r: number, s: number, kind: 'sme' | 'kibs'): PopulationSpec {
  return { kind, region: state.regions[r].id, sector: state.sectors[s].id, count: 1, specialisation: 0.5, heterogeneity: 0.5, leadingShare: 0, initialTies: 0 };
}

/**
 * Add a new firm of `kind` in region r, sector s, initialised from the scenario's spec of that
 * kind there (or the kind defaults) and made small; returns its row.
 */
function newFirm(state: State, kind: 'sme' | 'kibs', r: number, s: number, p: DemographyParams, rng: Rng): number {
  const found = specs(state)[kind][r * state.sectors.length + s];
  const spec = found ? { ...found, leadingShare: 0 } : defaultSpec(state, r, s, kind);
  const i = addAgent(state, Kind[kind], r, s, true);
  initAgent(state, i, spec, rng);
  const pop = state.pop; // columns may have been reallocated
  const E = Math.max(1, Math.round(rng.uniform(p.startEmployees[0], p.startEmployees[1])));
  pop.capital[i] *= E / pop.employees[i];
  pop.employees[i] = E;
  return i;
}

function spinOff(state: State, parent: number, p: DemographyParams, rng: Rng): void {
  let pop = state.pop;
  const boost = state.policy.spinoffBoost[parent];
  const kind = pop.kind[parent] === Kind.kibs ? 'kibs' : 'sme';
  const i = newFirm(state, kind, pop.region[parent], pop.sector[parent], p, rng);
  pop = state.pop;
  const D = pop.D;
  const a = rng.uniform(0, 2 * Math.PI), rad = p.spinoffRadiusKm * Math.sqrt(rng.next());
  pop.x[i] = pop.x[parent] + rad * cos(a);
  pop.y[i] = pop.y[parent] + rad * sin(a);
  // Its parent's profile at u times its level, u drawn as for an entrant and its role model.
  const u = rng.uniform(p.entrantSkill[0], p.entrantSkill[1]);
  for (let k = 0; k < D; k++) {
    pop.tacit[i * D + k] = u * pop.tacit[parent * D + k];
    pop.codified[i * D + k] = u * pop.codified[parent * D + k];
    // Its niche: half its parent's, half the one initAgent drew for it (a spin-off exploits
    // an opportunity its parent did not pursue, Klepper 2009).
    pop.niche[i * D + k] = 0.5 * (pop.niche[parent * D + k] + pop.niche[i * D + k]);
  }
  pop.knowledge[i] = pop.knowledgeOf(i);
  pop.quality[i] = pop.knowledge[i];
  pop.absorptive[i] = 0.5 * (pop.absorptive[i] + pop.absorptive[parent]);
  // Its efficiency: the geometric mean of its parent's and its own draw (the founders bring
  // their parent's routines, Klepper 2009; the new firm is also its own, as with its niche).
  pop.efficiency[i] = Math.sqrt(pop.efficiency[i] * pop.efficiency[parent]);
  pop.parent[i] = pop.id[parent];
  // Its capital: what newFirm gave it, an entrant's draw from its spec, unless the scenario
  // sets startCapital; seed money from spin-off support multiplies it.
  if (p.startCapital !== undefined) pop.capital[i] = pop.employees[i] * p.startCapital;
  pop.capital[i] *= 1 + boost;
  const firmParent = isFirmKind(pop.kind[parent]);
  if (firmParent) pop.employees[parent] = Math.max(1, pop.employees[parent] - pop.employees[i]);
  enterMarket(state, i, rng, firmParent ? parent : -1);
  const ties = state.ties;
  if (ties.full(parent)) {
    let w = 0;
    for (let s = 1; s < ties.deg[parent]; s++) if (ties.strength[parent * ties.K + s] < ties.strength[parent * ties.K + w]) w = s;
    ties.removeSlot(parent, w);
    state.acc.tiesDropped++;
  }
  if (ties.add(i, parent, tieTypeOf(state, i, parent), p.parentTieStrength, p.parentTrust, state.t)) state.acc.tiesFormed++;
}

// Per-run scratch: firm rows grouped by market, their cumulative positive profits, market sums.
let byMarket = new Int32Array(0);
let cumProfit = new Float64Array(0);
let start = new Int32Array(0);
let lines = new Float64Array(0);
let profitSum = new Float64Array(0);
let costSum = new Float64Array(0);

export const demography: Mechanism<DemographyParams> = {
  id: 'demography',
  doc: 'Exit when a firm has nothing left to sell or cannot cover its losses, with a loss hazard its capital buffers; spin-offs from successful firms and research institutions; entry at a base rate by unmet demand, profitability and the region, imitating successful local firms (001 VC2; 002 §26, §113, §144; Klepper; Jovanovic).',
  params: DemographyParams,
  reads: ['alive', 'kind', 'leading', 'region', 'sector', 'lines', 'capital', 'profit', 'revenue', 'employees', 'tacit', 'codified', 'x', 'y', 'policy.spinoffBoost'],
  writes: ['alive', 'population', 'ties', 'employees', 'parent', 'lines', 'capital', 'leading', 'acc.births', 'acc.deaths'],
  // Each phase is a function of its own that ends with its loop: V8 compiles a long loop
  // on-stack during its first run, before the lines after it have ever run, and with the
  // phases inline that code was thrown away and compiled again step after step.
  step({ state, params: p, rng }) {
    const n0 = state.pop.n;
    const vacant = exits(state, p, rng, n0);
    marketFigures(state, n0);
    if (p.leadingSuccession && vacant.length > 0) succeed(state, vacant);
    spinOffs(state, p, rng, n0);
    entries(state, p, rng);
  },
};

/**
 * Exit with no line left, with negative capital, or by the loss hazard its buffer lowers.
 * Returns the markets (region x sector index) whose leading firms left this step, one entry
 * per leading role left vacant.
 */
function exits(state: State, p: DemographyParams, rng: Rng, n0: number): number[] {
  const pop = state.pop, h = lossPerStep(p.closureHazard, stepsPerYear(state)), S = state.sectors.length;
  const vacant: number[] = [];
  // The columns in locals (an exit flags its row, it reallocates nothing): read as fields they
  // were loaded again at every row.
  const alive = pop.alive, kind = pop.kind, profit = pop.profit, capital = pop.capital, lines = pop.lines;
  for (let i = 0; i < n0; i++) {
    if (!alive[i] || !isFirmKind(kind[i])) continue;
    const loss = -profit[i], C = capital[i];
    let out = lines[i] <= 0 || C < 0;
    if (!out && loss > 0) out = rng.chance((h * loss) / (loss + C));
    if (!out) continue;
    if (pop.leading[i]) vacant.push(pop.region[i] * S + pop.sector[i]);
    leaveMarket(state, i);
    removeAgent(state, i);
  }
  return vacant;
}

/**
 * Succession of the leading role (docs/model/demography.md): each role left vacant in market
 * k goes to the surviving firm of k with the most sales this step that holds none (ties: the
 * lower row, as marketFigures lists a market's firms in row order). The leading firms of
 * 000 §5.7 are "firms with a strong position in their markets" that "play the role of
 * project manager"; the role is a market position, which a firm's exit leaves to the next
 * strongest, not an endowment of the firms a scenario started with. Sales measure the position: the market's capture and spending rules make them the
 * firm's share of its customers (docs/model/market.md). Runs after marketFigures, which
 * groups the survivors by market.
 */
function succeed(state: State, vacant: number[]): void {
  const pop = state.pop;
  for (const k of vacant) {
    let best = -1;
    for (let q = start[k]; q < start[k + 1]; q++) {
      const j = byMarket[q];
      if (pop.leading[j]) continue;
      if (best < 0 || pop.revenue[j] > pop.revenue[best]) best = j; // rows in order: ties keep the lower
    }
    if (best >= 0) pop.leading[best] = 1;
  }
}

/**
 * The surviving firms grouped by market (counting sort) with the running sum of their
 * positive profits (for imitation), and each market's lines, profits and costs.
 */
function marketFigures(state: State, n0: number): void {
  const pop = state.pop, S = state.sectors.length, M = state.regions.length * S;
  if (start.length < M + 1) {
    start = new Int32Array(M + 1);
    lines = new Float64Array(M);
    profitSum = new Float64Array(M);
    costSum = new Float64Array(M);
  }
  if (byMarket.length < n0) { byMarket = new Int32Array(pop.capacity); cumProfit = new Float64Array(pop.capacity); }
  start.fill(0, 0, M + 1);
  lines.fill(0, 0, M);
  profitSum.fill(0, 0, M);
  costSum.fill(0, 0, M);
  // Each pass over the firms is a function of its own, so that none is compiled on-stack
  // inside a function whose later code has no type feedback yet (docs/performance.md, item 16).
  sumByMarket(state, n0);
  for (let k = 0; k < M; k++) start[k + 1] += start[k];
  placeByMarket(state, start.slice(0, M), byMarket, n0);
  cumulateProfits(state, M);
}

/** Each market's firm count (into start[k + 1]), lines, profits and costs. */
function sumByMarket(state: State, n0: number): void {
  const pop = state.pop, S = state.sectors.length;
  // Columns and the module's tables in locals: loaded once, not at every row.
  const alive = pop.alive, kind = pop.kind, region = pop.region, sector = pop.sector, held = pop.lines, profit = pop.profit, revenue = pop.revenue;
  const st = start, ln = lines, ps = profitSum, cs = costSum;
  for (let i = 0; i < n0; i++) {
    if (!alive[i] || !isFirmKind(kind[i])) continue;
    const k = region[i] * S + sector[i];
    st[k + 1]++;
    ln[k] += held[i];
    ps[k] += profit[i];
    cs[k] += revenue[i] - profit[i];
  }
}

/** The running sum of positive profits within each market, in market order. */
function cumulateProfits(state: State, M: number): void {
  const profit = state.pop.profit, st = start, rows = byMarket, cum = cumProfit;
  for (let k = 0; k < M; k++) {
    let c = 0;
    for (let q = st[k], e = st[k + 1]; q < e; q++) { c += Math.max(0, profit[rows[q]]); cum[q] = c; }
  }
}

/** Spin-offs (parents are the rows present at the start of the phase). */
function spinOffs(state: State, p: DemographyParams, rng: Rng, n0: number): void {
  const boost = state.policy.spinoffBoost;
  const research = p.spinoffResearch, rate = p.spinoffRate, successProfit = p.successProfit;
  // The columns in locals, fetched again after each spin-off (which may reallocate them): read
  // through state.pop at every row, they were loaded again for each of the rows.
  let pop = state.pop, alive = pop.alive, kind = pop.kind, profit = pop.profit, employees = pop.employees;
  // A firm's chance scales with its employees over the firms' mean (spinoffSizeElasticity b):
  // the founders are employees (Franco & Filson 2006), so the larger firms spawn more.
  const b = p.spinoffSizeElasticity;
  let firms = 0, staff = 0;
  if (b !== 0) for (let i = 0; i < n0; i++) if (alive[i] && isFirmKind(kind[i])) { firms++; staff += Math.max(1, employees[i]); }
  const meanSize = firms > 0 ? staff / firms : 1;
  for (let i = 0; i < n0; i++) {
    if (!alive[i]) continue;
    const k = kind[i];
    let chance = 0;
    if (k === Kind.research) chance = research;
    else if (isFirmKind(k)) {
      const success = profit[i] / (Math.max(1, employees[i]) * successProfit);
      chance = rate * (success < 0 ? 0 : success > 1 ? 1 : success);
      if (b !== 0) chance = Math.min(1, chance * pow(Math.max(1, employees[i]) / meanSize, b));
    }
    if (chance > 0 && rng.chance(chance * (1 + boost[i]))) {
      spinOff(state, i, p, rng);
      pop = state.pop; alive = pop.alive; kind = pop.kind; profit = pop.profit; employees = pop.employees;
    }
  }
}

/** A Poisson draw of mean lambda (inversion; lambda is small: a few entrants a step). */
function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
  const u = rng.next();
  let k = 0, pk = exp(-lambda), cum = pk;
  while (u >= cum && k < 1000) { k++; pk *= lambda / k; cum += pk; }
  return k;
}

/** Entry, by market: base rate x market size x unmet demand x profitability x region. */
/**
 * The factors of market k's entry rate (docs/model/demography.md, "Entry"), from its firms'
 * lines, profits and costs: its size N_m, the unmet-demand factor, the profitability factor
 * pi_m and the region's f_r. Exported for experiments/validation/entry-factors.ts.
 */
export function entryFactors(state: State, mk: MarketMemory, k: number, firmLines: number, profit: number, cost: number): { size: number; unmet: number; profitable: number; region: number } {
  const S = state.sectors.length, s = k % S, reg = state.regions[Math.floor(k / S)];
  const mp = state.scenario.parameters.mechanisms.market;
  const size = mk.firms0[k] * (state.sectors[s].demand / mk.demand0[s]);
  const all = firmLines + mk.outside[k];
  const u = all > 0 ? mk.outside[k] / all : 0;
  // With the persistent outside supplier and entrantLine anyLine (the defaults) imports
  // hold 22-25 % of the lines in the shipped districts' steady state, so this factor sits
  // near 0.99 (0.88 with entrantLine importsFirst, imports 8-14 %); with
  // outsideSupplier held they vanish in the warm-up and it sits at 1 / (1 + outsideShare)
  // (docs/model/market.md, "The outside supplier").
  const unmet = (1 + u) / (1 + mp.outsideShare);
  const rate = cost > 0 ? profit / cost : mp.normalMargin;
  const profitable = mp.normalMargin > 0 ? Math.min(2, Math.max(0, rate / mp.normalMargin)) : rate > 0 ? 2 : 0;
  return { size, unmet, profitable, region: reg.socialCapital + reg.institutionalQuality };
}

function entries(state: State, p: DemographyParams, rng: Rng): void {
  const S = state.sectors.length, M = state.regions.length * S;
  const mk = markets(state);
  const perStep = p.entryRate / stepsPerYear(state);
  for (let k = 0; k < M; k++) {
    if (mk.base[k] === 0) continue;
    const r = Math.floor(k / S), s = k % S;
    const f = entryFactors(state, mk, k, lines[k], profitSum[k], costSum[k]);
    const lambda = perStep * f.size * f.unmet * f.profitable * f.region;
    for (let c = poisson(rng, lambda); c > 0; c--) enter(state, k, r, s, p, rng);
  }
}

/** One entrant in market k: a small SME (or KIBS, entrantKinds scenarioMix) imitating a firm drawn by profit. */
function enter(state: State, k: number, r: number, s: number, p: DemographyParams, rng: Rng): void {
  // A draw for the kind only where the scenario builds KIBS: a market without them, or
  // entrantKinds sme, keeps the random stream it had when every entrant was an SME.
  const kibsShare = p.entrantKinds === 'scenarioMix' ? specs(state).kibsShare[r * state.sectors.length + s] : 0;
  const kind = kibsShare > 0 && rng.next() < kibsShare ? 'kibs' : 'sme';
  const i = newFirm(state, kind, r, s, p, rng);
  const pop = state.pop, D = pop.D;
  const first = start[k], last = start[k + 1];
  const total = last > first ? cumProfit[last - 1] : 0;
  if (total > 0) {
    // The role model: the first firm whose running profit sum passes a uniform draw.
    const u = rng.next() * total;
    let lo = first, hi = last - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumProfit[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    // Its level: a share u of the role model's; its specialisation: its own, as initAgent
    // drew it (entrepreneurs bring their own backgrounds, 002 §126 b1: "the promotion of
    // diversity and attraction of new actors").
    const j = byMarket[lo];
    const own = pop.knowledgeOf(i);
    const f = own > 0 ? (rng.uniform(p.entrantSkill[0], p.entrantSkill[1]) * pop.knowledgeOf(j)) / own : 0;
    for (let q = i * D; q < (i + 1) * D; q++) { pop.tacit[q] *= f; pop.codified[q] *= f; }
    pop.knowledge[i] = pop.knowledgeOf(i);
    pop.quality[i] = pop.knowledge[i];
  }
  enterMarket(state, i, rng);
}
