/**
 * Build the initial state of a run from a validated scenario: regions, sectors, the
 * institutional matrix, the population (with per-kind defaults for every attribute the
 * scenario leaves out), and initial local ties. Draws come from the `build` stream.
 */
import type { Scenario, PopulationSpec } from '../scenario/schema.js';
import type { RegionInfo, SectorInfo, State } from './contract.js';
import { Population, Kind, isFirmKind, type Kind as KindName } from './population.js';
import { TieTable, TieType } from './ties.js';
import { SpatialGrid } from './spatial.js';
import { ProjectTable } from './projects.js';
import { stream, type Rng } from './rng.js';
import { addAgent, newAccumulators, newModifiers } from './state.js';
import { initFrontier } from './frontier.js';
import { cos, exp, log, sin } from './math.js';

type R2 = [number, number];
interface KindDefaults {
  employees: R2; knowledge: R2; tacitShare: number; absorptive: R2; ict: R2; openness: R2; international: R2; capital: R2;
}

/**
 * Defaults by actor kind (docs/model.md, "Actors"): SMEs are small, tacit-knowledge based,
 * with low ICT and absorptive capacity (002 §22-37, 000 §5.2); leading firms are large and
 * international (000 §5.7, 002 §73); research institutions hold analytical, more codified
 * knowledge (000 §5.8, 002 §126); bridging institutions are open by mandate (002 §133-152).
 */
export const KIND_DEFAULTS: Record<KindName, KindDefaults> = {
  sme: { employees: [3, 49], knowledge: [0.2, 0.5], tacitShare: 0.8, absorptive: [0.1, 0.4], ict: [0.05, 0.4], openness: [0.2, 0.6], international: [0, 0.3], capital: [5, 15] },
  leading: { employees: [250, 2000], knowledge: [0.5, 0.8], tacitShare: 0.5, absorptive: [0.5, 0.8], ict: [0.5, 0.9], openness: [0.4, 0.7], international: [0.5, 1], capital: [10, 30] },
  kibs: { employees: [5, 100], knowledge: [0.4, 0.7], tacitShare: 0.5, absorptive: [0.4, 0.7], ict: [0.5, 0.9], openness: [0.5, 0.9], international: [0.1, 0.5], capital: [5, 15] },
  research: { employees: [50, 500], knowledge: [0.6, 0.9], tacitShare: 0.3, absorptive: [0.7, 0.9], ict: [0.6, 0.9], openness: [0.4, 0.8], international: [0.4, 0.9], capital: [5, 10] },
  competenceCentre: { employees: [10, 50], knowledge: [0.5, 0.8], tacitShare: 0.4, absorptive: [0.6, 0.9], ict: [0.6, 0.9], openness: [0.8, 1], international: [0.5, 0.9], capital: [5, 10] },
  assistanceCentre: { employees: [5, 30], knowledge: [0.3, 0.5], tacitShare: 0.4, absorptive: [0.4, 0.6], ict: [0.6, 0.9], openness: [0.8, 1], international: [0.1, 0.4], capital: [5, 10] },
};

const draw = (rng: Rng, r: R2) => rng.uniform(r[0], r[1]);

let ownBuf = new Float64Array(0);
/** Weights uniform on the simplex (Dirichlet(1, ..., 1): normalised exponential draws). */
function ownWeights(rng: Rng, D: number): Float64Array {
  if (ownBuf.length < D) ownBuf = new Float64Array(D);
  let sum = 0;
  for (let k = 0; k < D; k++) { const e = -log(1 - rng.next()); ownBuf[k] = e; sum += e; }
  for (let k = 0; k < D; k++) ownBuf[k] /= sum;
  return ownBuf;
}
/** Log-uniform: firm sizes are skewed (many small, few large). */
const drawLog = (rng: Rng, r: R2) => (r[0] <= 0 ? draw(rng, r) : exp(rng.uniform(log(r[0]), log(Math.max(r[0], r[1])))));

// state.regions and state.sectors are filled with push, not Array.prototype.map: map returns
// a packed or a holey array depending on which JIT tier runs it, and every hot loop compiled
// for one kind was thrown away and recompiled when a run got the other (a sweep worker did
// this every few dozen runs; docs/performance.md).
export function buildRegions(sc: Scenario): RegionInfo[] {
  const out: RegionInfo[] = [];
  for (const r of sc.regions) {
    out.push({
      id: r.id, country: r.country, cx: r.center[0], cy: r.center[1], radiusKm: r.radiusKm,
      socialCapital: r.socialCapital, ictInfrastructure: r.ictInfrastructure,
      qualifiedWorkers: r.qualifiedWorkers, institutionalQuality: r.institutionalQuality,
      institutionFunding: r.institutionFunding,
    });
  }
  return out;
}

export function buildSectors(sc: Scenario): SectorInfo[] {
  const D = sc.domains.length;
  const out: SectorInfo[] = [];
  for (const s of sc.sectors) {
    const w = new Float64Array(D);
    if (s.domainWeights) for (let k = 0; k < D; k++) w[k] = s.domainWeights[sc.domains[k]] ?? 0;
    let sum = 0;
    for (let k = 0; k < D; k++) sum += w[k];
    if (sum <= 0) w.fill(1 / D);
    else for (let k = 0; k < D; k++) w[k] /= sum;
    out.push({ id: s.id, knowledgeBase: s.knowledgeBase, techIntensity: s.techIntensity, demand: s.demand, growth: s.growth, domainWeights: w });
  }
  return out;
}

/**
 * Institutional proximity: within a region sameCountry + (1 - sameCountry) x its
 * institutionalQuality (the national framework plus shared local institutions and
 * associations, 001 VC1; 002 §88), sameCountry or otherCountry between regions.
 */
export function buildInstitutional(regions: RegionInfo[], sameCountry: number, otherCountry: number): Float64Array {
  const R = regions.length;
  const m = new Float64Array(R * R);
  for (let a = 0; a < R; a++)
    for (let b = 0; b < R; b++)
      m[a * R + b] = a === b ? sameCountry + (1 - sameCountry) * regions[a].institutionalQuality : regions[a].country === regions[b].country ? sameCountry : otherCountry;
  return m;
}

/** Fill row i's attributes from a population spec (also used for entrants). */
export function initAgent(state: State, i: number, spec: PopulationSpec, rng: Rng): void {
  const pop = state.pop;
  const kindName = spec.kind;
  const def = KIND_DEFAULTS[kindName];
  const region = state.regions[pop.region[i]];
  const sector = state.sectors[pop.sector[i]];
  // Uniform position in the region's disc.
  const a = rng.uniform(0, 2 * Math.PI);
  const rad = region.radiusKm * Math.sqrt(rng.next());
  pop.x[i] = region.cx + rad * cos(a);
  pop.y[i] = region.cy + rad * sin(a);
  pop.employees[i] = Math.max(1, Math.round(drawLog(rng, (spec.employees as R2) ?? def.employees)));
  const level = draw(rng, (spec.knowledge as R2) ?? def.knowledge);
  // The knowledge base sets how much of the knowledge is codified unless the spec says (Asheim & Gertler 2005).
  const kb = state.scenario.parameters.knowledgeBases[sector.knowledgeBase];
  const tacitShare = spec.tacitShare ?? 1 - Math.min(0.95, (1 - def.tacitShare) * kb.codification);
  const D = pop.D;
  const spec01 = spec.specialisation;
  // The agent's niche (pop.niche): a mix of its sector's domain weights and a draw uniform
  // on the simplex (SKIN's firms draw their own kenes), so that firms of one sector differ in
  // what they do and know best and meet partners on both sides of the optimal cognitive
  // distance; its initial knowledge follows it.
  const own = ownWeights(rng, D);
  const h = spec.heterogeneity;
  // Levels are stated relative to the sector's frontier (best practice); an agent that
  // enters during a run gets them in the absolute units of the moment (src/engine/frontier.ts).
  const F = pop.frontier, f = pop.sector[i] * D, scaled = F.length > 0;
  for (let k = 0; k < D; k++) {
    // A profile between even (1) and the sector's domain weights (D * w_k), with noise.
    const w = (1 - h) * sector.domainWeights[k] + h * own[k];
    pop.niche[i * D + k] = w;
    const profile = (1 - spec01) + spec01 * D * w;
    const v = level * profile * rng.uniform(0.7, 1.3) * (scaled ? F[f + k] : 1);
    pop.tacit[i * D + k] = v * tacitShare;
    pop.codified[i * D + k] = v * (1 - tacitShare);
  }
  pop.absorptive[i] = draw(rng, (spec.absorptive as R2) ?? def.absorptive);
  pop.ict[i] = draw(rng, (spec.ict as R2) ?? def.ict);
  pop.openness[i] = draw(rng, (spec.openness as R2) ?? def.openness);
  pop.international[i] = draw(rng, (spec.international as R2) ?? def.international);
  pop.opennessBase[i] = pop.openness[i];
  pop.internationalBase[i] = pop.international[i];
  pop.capital[i] = pop.employees[i] * draw(rng, (spec.capital as R2) ?? def.capital);
  pop.rdEffort[i] = 0.02 + 0.08 * pop.absorptive[i];
  if (kindName !== 'leading' && spec.leadingShare > 0 && rng.chance(spec.leadingShare)) pop.leading[i] = 1;
  // A firm's own efficiency (Jovanovic 1982), lognormal of mean 1; drawn only when the market
  // that uses it runs and the scenario asks for a spread (docs/model/market.md).
  const mp = state.scenario.parameters.mechanisms.market;
  if (mp.enabled && mp.efficiencySd > 0 && isFirmKind(pop.kind[i])) {
    pop.efficiency[i] = exp(mp.efficiencySd * rng.normal() - 0.5 * mp.efficiencySd * mp.efficiencySd);
  }
  if (scaled) {
    pop.knowledge[i] = pop.knowledgeOf(i);
    pop.quality[i] = pop.knowledge[i];
  }
}

export function buildState(sc: Scenario, seed: number): State {
  const rng = stream(seed, 'build');
  const regions = buildRegions(sc);
  const sectors = buildSectors(sc);
  const D = sc.domains.length;
  const total = sc.populations.reduce((s, p) => s + p.count, 0);
  const pop = new Population(D, Math.max(64, Math.ceil(total * 1.25)));
  const net = sc.parameters.network;
  const prox = sc.parameters.proximity;
  // The per-row tables start empty and reach the population's capacity through the same
  // growth path as when agents enter later (addAgent): V8 embeds a field stored only once
  // as a constant in optimised code, so the first growth of a run would otherwise throw
  // away every mechanism's optimised code (see Population's constructor).
  const state: State = {
    t: 0,
    scenario: sc,
    domains: sc.domains,
    regions,
    sectors,
    pop,
    ties: new TieTable(net.maxDegree, 0),
    grid: new SpatialGrid(Math.max(1, sc.parameters.mechanisms.spillover.radiusKm)),
    projects: new ProjectTable(net.maxProjectMembers),
    institutional: buildInstitutional(regions, prox.sameCountry, prox.otherCountry),
    policy: newModifiers(0),
    acc: newAccumulators(0, regions.length, sectors.length),
    lastMetrics: {},
    spentTotal: new Map(),
  };
  const regionIndex = new Map(regions.map((r, k) => [r.id, k]));
  const sectorIndex = new Map(sectors.map((s, k) => [s.id, k]));
  for (const spec of sc.populations) {
    const r = regionIndex.get(spec.region)!;
    const s = sectorIndex.get(spec.sector)!;
    for (let c = 0; c < spec.count; c++) {
      const i = addAgent(state, Kind[spec.kind], r, s, false);
      initAgent(state, i, spec, rng);
    }
  }
  // Best practice at step 0, then the levels relative to it (product quality starts there).
  initFrontier(state);
  pop.refreshDerived();
  for (let i = 0; i < pop.n; i++) pop.quality[i] = pop.knowledge[i];
  state.grid.rebuild(pop.x, pop.y, pop.n, () => true);
  seedTies(state, rng);
  return state;
}

/**
 * Initial ties: each agent proposes `initialTies / 2` ties (a tie has two ends, so an agent
 * takes part in about `initialTies` proposals) to a random agent of its region, accepted
 * with the pair's mean openness: the mean starting degree is about initialTies x openness.
 * The partner is drawn uniformly over the region without scanning it: a random point of the
 * region's disc (agents are placed uniformly in it), then a random agent among the few
 * around that point. Same sector: horizontal tie; otherwise vertical (supply chain). Trust
 * starts at the region's social capital (001: the district's ties rest on trust).
 */
function seedTies(state: State, rng: Rng): void {
  const pop = state.pop;
  const buf = new Int32Array(32);
  const perAgent = new Float64Array(pop.n);
  let row = 0;
  for (const spec of state.scenario.populations) for (let c = 0; c < spec.count; c++) perAgent[row++] = spec.initialTies / 2;
  const inRegion = new Float64Array(state.regions.length);
  for (let i = 0; i < pop.n; i++) inRegion[pop.region[i]]++;
  for (let i = 0; i < pop.n; i++) {
    let tries = Math.floor(perAgent[i]) + (rng.chance(perAgent[i] % 1) ? 1 : 0);
    const r = pop.region[i];
    const reg = state.regions[r];
    // A circle around the random point holding about 8 of the region's agents.
    const probe = reg.radiusKm * Math.sqrt(Math.min(1, 8 / Math.max(1, inRegion[r])));
    while (tries-- > 0) {
      let m = 0;
      for (let attempt = 0; attempt < 4 && m === 0; attempt++) {
        const a = rng.uniform(0, 2 * Math.PI);
        const d = reg.radiusKm * Math.sqrt(rng.next());
        m = state.grid.sample(reg.cx + d * cos(a), reg.cy + d * sin(a), probe, pop.x, pop.y, i, buf, rng);
      }
      if (m === 0) continue;
      const j = buf[rng.int(m)];
      if (pop.region[j] !== r) continue;
      if (!rng.chance((pop.openness[i] + pop.openness[j]) / 2)) continue;
      const type = pop.sector[i] === pop.sector[j] ? TieType.horizontal : TieType.vertical;
      // Last used at the start of the warm-up (if any), so unused ties decay on its clock.
      state.ties.add(i, j, type, 0.5, reg.socialCapital, -state.scenario.warmup);
    }
  }
}
