/**
 * The scenario format, defined once. The TypeScript types (`Scenario`, ...) and the JSON
 * Schema for editors (schema/scenario.schema.json, `npm run schema`) are derived from it.
 *
 * Every model parameter has a default, so a minimal scenario is a few lines: name, domains,
 * one region, one sector and one population. Each mechanism and each lever contributes its
 * own parameter schema from its module (see src/engine/contract.ts).
 */
import { z } from 'zod';
import { KINDS } from '../engine/population.js';
import { MECHANISMS } from '../engine/mechanisms/index.js';
import { LEVERS } from '../engine/levers/index.js';
import { MECHANISM_IDS, LEVER_IDS, type MechanismId } from '../engine/contract.js';
import { count, ident, nonneg, numOrExpr, positive, prob, range } from './common.js';
import { LIMITS } from './limits.js';

export const TIME_UNITS = ['month', 'quarter', 'year'] as const;

export const RegionSchema = z.strictObject({
  id: ident().describe('Identifier other fields use to name this region.'),
  name: z.string().optional(),
  country: z.string().min(1).describe('Country (institutional framework); regions of one country share institutions.'),
  center: z.tuple([z.number(), z.number()]).describe('Centre [x, y] in km on the scenario map.'),
  radiusKm: positive().default(15).describe('Extent: firms are placed within this radius of the centre (km). Set by each scenario from its sources (docs/scenarios.md); the default is an assumption.'),
  socialCapital: prob().default(0.5).describe('Baseline trust / social capital (001: the district rests on trust).'),
  ictInfrastructure: prob().default(0.5).describe('ICT infrastructure quality; caps ICT adoption growth (000 §5.2).'),
  qualifiedWorkers: prob().default(0.3).describe('Share of qualified workers; raises absorptive capacity growth (002 §123).'),
  institutionalQuality: prob().default(0.5).describe('Strength of local institutions and associations (001; 002 §100 governance).'),
  institutionFunding: nonneg().default(0.05).describe(
    'Public budget of each research institution, competence centre and assistance centre of the region, per employee and step (money units: 1 = a step\'s wage), for their stakes in joint projects (ties cost firms only: network.ts); their wages are paid outside the model. Assumption: about 5 % of the wage bill is discretionary (docs/model/institutions.md). Budget unspent beyond one year\'s allocation returns to the funder.'),
});

export const SectorSchema = z.strictObject({
  id: ident(),
  name: z.string().optional(),
  knowledgeBase: z.enum(['analytical', 'synthetic', 'symbolic']).default('synthetic').describe(
    'Knowledge base of the sector (Asheim & Gertler 2005; 002 §8, Table 1): analytical (science-based: codified knowledge from formal R&D and university links, travels far, radical innovation), synthetic (engineering-based: tacit know-how learned with customers and suppliers, incremental innovation) or symbolic (artistic, creative: highly tacit, local, short-lived project networks). Sets the factors of parameters.knowledgeBases on the engine\'s rates (docs/model/knowledge-bases.md).'),
  techIntensity: z.enum(['low', 'medium', 'high']).default('medium').describe('OECD technology-intensity class of the sector (Hatzichronoglou 1997): sets the drift of its frontier and its firms\' R&D target.'),
  demand: positive().default(1).describe('Demand at step 0 relative to the initial firms\' costs: 1 = the market pays what the sector\'s firms cost at the start plus the normal margin (market mechanism, docs/model/market.md); 1.2 = 20 % more. Set by each scenario (docs/scenarios.md); the default is an assumption.'),
  growth: z.number().min(-0.5).max(0.5).default(0).describe('Demand growth per step (e.g. 0.005 = 0.5% a step). Set by each scenario from its sources (docs/scenarios.md); the default is an assumption.'),
  domainWeights: z.record(z.string(), nonneg()).optional().describe('Weight of each knowledge domain in the sector; default: equal.'),
});

export const PopulationSchema = z.strictObject({
  kind: z.enum(KINDS),
  region: ident(),
  sector: ident(),
  count: count().describe('Number of agents of this kind in this region and sector at step 0.'),
  employees: range(0).optional().describe('Employees, drawn log-uniformly; default by kind (SME 3-49, leading 250-2000, ...).'),
  knowledge: range(0, 10).optional().describe('Initial knowledge level per domain (tacit + codified); default by kind.'),
  tacitShare: prob().optional().describe('Share of knowledge held tacitly; default: SMEs 0.8 (002 §41-47), research 0.3.'),
  specialisation: prob().default(0.5).describe('How concentrated the initial knowledge is on a few domains (0 = even). Set by each scenario; the default is an assumption.'),
  heterogeneity: prob().default(0.5).describe(
    'How far each agent\'s specialisation is its own rather than its sector\'s: its domain weights are (1 - heterogeneity) x the sector\'s + heterogeneity x a draw uniform on the simplex (SKIN firms draw their own kenes). Assumption: half.'),
  absorptive: range(0, 1).optional().describe('Absorptive capacity in [0,1]; default by kind.'),
  ict: range(0, 1).optional().describe('ICT adoption in [0,1]; default by kind (smaller firms lower, 000 §5.2).'),
  openness: range(0, 1).optional().describe('Openness / willingness to cooperate (002 §123).'),
  international: range(0, 1).optional().describe('International orientation in [0,1].'),
  capital: range(0).optional().describe('Initial capital, in money units per employee.'),
  leadingShare: prob().default(0).describe('Share of these agents flagged as leading firms (000 §5.7).'),
  initialTies: nonneg().default(2).describe('Local tie proposals per agent at step 0; each is accepted with the pair\'s mean openness, so the mean starting degree is about initialTies x openness. Set by each scenario from its sources (docs/scenarios.md); the default is an assumption.'),
});

export const ProximitySchema = z.strictObject({
  geoScaleKm: positive().default(10).describe('Distance (km) at which geographical proximity falls to 1/e. Assumption.'),
  sameCountry: prob().default(0.6).describe('Institutional proximity between two regions of one country; within a region it is sameCountry + (1 - sameCountry) x the region\'s institutionalQuality (shared local institutions and associations on top of the national framework). Assumption.'),
  otherCountry: prob().default(0.15).describe('Institutional proximity between regions of different countries. Assumption.'),
  tacitOrgWeight: prob().default(0.8).describe('How far organisational proximity stands in for distance for tacit knowledge (002 §51, §62).'),
  tacitInstWeight: prob().default(0.5).describe('How far institutional proximity stands in for distance for tacit knowledge. Assumption.'),
  remoteEnable: prob().default(0.5).describe(
    'How well organisational and institutional proximity work across distance, relative to nearby (1: as well; geographical proximity strengthens the other proximities, Boschma 2005). Assumption: half.'),
  lockIn: prob().default(0.5).describe(
    'Cut in what a tie teaches when all five proximities are high: times the smallest of them (too much proximity locks in, Boschma 2005). Assumption.'),
  codifiedDistanceKm: positive().default(2000).describe('Distance scale for codified flows: large, distance matters little. Assumption.'),
  optimalDistanceLow: prob().default(0.15).describe('Optimal cognitive distance d* at absorptive capacity 0 (Nooteboom 2000; distance as in proximity.ts: 0 the same specialisation, 0.5 unrelated ones).'),
  optimalDistanceHigh: prob().default(0.45).describe(
    'Optimal cognitive distance d* at absorptive capacity 1: just short of unrelated (0.5), since knowledge flows between related fields, not unrelated ones (related variety, Frenken, Van Oort & Verburg 2007; Nooteboom et al. 2007).'),
});

/**
 * How a sector's knowledge base (Asheim & Gertler 2005; 002 Table 1-2, §8) changes the
 * mechanics, as factors on the engine's rates (synthetic, engineering-based: 1, the
 * reference the defaults were set for). Each factor's direction is the literature's; its
 * size is an assumption (2 or 1/2 for "much more / less", 1.5 or 0.75 for "more / less").
 */
const kbShape = (d: { codification: number; codifiedReach: number; rdReturn: number; researchLinks: number; interaction: number; radical: number; geoScale: number; tieDecay: number }) =>
  z.strictObject({
    codification: positive().default(d.codification).describe('Factor on the codified share of knowledge: of agents at step 0 and entrants, and codified in projects.'),
    codifiedReach: positive().default(d.codifiedReach).describe('Factor on the distance codified knowledge travels (codifiedDistanceKm).'),
    rdReturn: positive().default(d.rdReturn).describe('Factor on the innovations own R&D brings (incremental and radical rates).'),
    researchLinks: positive().default(d.researchLinks).describe('Factor on what a tie or a project with a research institution teaches.'),
    interaction: positive().default(d.interaction).describe('Factor on tacit learning by interacting on ties (tieLearning.rate).'),
    radical: positive().default(d.radical).describe('Factor on the chance of radical innovation (innovation.radicalRate).'),
    geoScale: positive().default(d.geoScale).describe('Factor on the distance over which geographical proximity fades (geoScaleKm): above 1 geography matters less.'),
    tieDecay: positive().default(d.tieDecay).describe('Factor on the decay of unused ties: below 1 ties last longer.'),
  }).prefault({});

export const KnowledgeBasesSchema = z.strictObject({
  analytical: kbShape({ codification: 2, codifiedReach: 2, rdReturn: 1.5, researchLinks: 2, interaction: 0.75, radical: 2, geoScale: 2, tieDecay: 1 }).describe(
    'Science-based: codified, global knowledge from formal R&D and university links, radical innovation, geography matters less, project-based ties (Asheim & Gertler 2005). Directions from the literature; factor sizes: assumption.'),
  synthetic: kbShape({ codification: 1, codifiedReach: 1, rdReturn: 1, researchLinks: 1, interaction: 1, radical: 1, geoScale: 1, tieDecay: 1 }).describe(
    'Engineering-based: tacit know-how, learning by interacting with customers and suppliers, incremental innovation (the reference: every factor 1; Asheim & Gertler 2005).'),
  symbolic: kbShape({ codification: 0.5, codifiedReach: 0.5, rdReturn: 0.75, researchLinks: 0.5, interaction: 1.25, radical: 1.5, geoScale: 0.5, tieDecay: 2 }).describe(
    'Artistic, creative: highly tacit, local and short-lived project networks, frequent novelty (Asheim, Boschma & Cooke 2011). Directions from the literature; factor sizes: assumption.'),
}).prefault({});
export type KnowledgeBases = z.infer<typeof KnowledgeBasesSchema>;

export const NetworkLimitsSchema = z.strictObject({
  maxDegree: z.number().int().min(1).max(255).default(16).describe('Tie slots per agent (bounded degree). Assumption.'),
  maxProjectMembers: z.number().int().min(2).max(64).default(12).describe('Members of one project at most (bounded, so a project step stays cheap). Assumption.'),
});

const mechanismShape = Object.fromEntries(MECHANISM_IDS.map((id) => [id, MECHANISMS[id].params])) as {
  [K in MechanismId]: (typeof MECHANISMS)[K]['params'];
};
export const MechanismsSchema = z.strictObject(mechanismShape).prefault(() => ({}) as never);

export const TargetSchema = z
  .strictObject({
    regions: z.array(ident()).optional().describe('Only agents in these regions.'),
    sectors: z.array(ident()).optional(),
    kinds: z.array(z.enum(KINDS)).optional(),
    employees: range(0).optional().describe('Size range [min, max] in employees.'),
    ict: range(0, 1).optional().describe('ICT adoption range.'),
    leading: z.boolean().optional().describe('Only leading firms (true) or only non-leading (false).'),
    ids: z.array(count()).optional().describe('An explicit list of agent ids.'),
    max: count().optional().describe('At most this many targets a step (lowest ids first after a seeded shuffle).'),
  })
  .prefault({});

/** Settings every lever instance has. */
export const LeverBaseShape = {
  name: ident().optional().describe('Instance name, unique in the scenario; default: lever id (plus #n).'),
  start: count().default(0).describe('First step the lever acts.'),
  end: count().optional().describe('Last step it acts (inclusive); default: the end of the run.'),
  budget: numOrExpr().default(0).describe('Money per step (or in total, see budgetMode); number or expression of t and metrics.'),
  budgetMode: z.enum(['perStep', 'total']).default('perStep'),
  intensity: numOrExpr().default(1).describe('Strength of the effect, usually in [0,1]; number or expression.'),
  target: TargetSchema,
};
const LeverBaseSchema = z.strictObject(LeverBaseShape);
export type LeverBase = z.infer<typeof LeverBaseSchema>;

const leverOptions = LEVER_IDS.map((id) =>
  z.strictObject({ lever: z.literal(id), ...LeverBaseShape, params: LEVERS[id].params }),
);
export const PolicySchema =
  leverOptions.length === 1
    ? leverOptions[0]
    : z.discriminatedUnion('lever', leverOptions as unknown as [typeof leverOptions[0], ...typeof leverOptions]);

export const RecordSchema = z
  .strictObject({
    every: z.number().int().min(1).default(1).describe('Record metrics every k steps (and always at the last step).'),
    scopes: z.array(z.enum(['system', 'region', 'sector'])).default(['system', 'region', 'sector']),
    metrics: z.array(z.string()).optional().describe('Metric names to keep; default: all.'),
    snapshots: z.array(count()).default([]).describe('Steps at which agent and tie snapshots are written: at most steps, or the last step of a longer run (run --steps N, --set steps=N).'),
  })
  .prefault({});

export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.string().optional().describe('Another scenario file this one starts from (relative path).'),
  name: ident().describe('Short name; used for the output folder.'),
  description: z.string().default('').describe('What the scenario represents and the assumptions behind its numbers.'),
  seed: z.number().int().min(0).max(4294967295).default(1),
  steps: z.number().int().min(1).max(LIMITS.steps).default(80),
  warmup: z.number().int().min(0).max(LIMITS.steps).default(0).describe(
    'Steps run before step 0 and not recorded, with no policy active and demand held at its step-0 level, so that step 0 starts from the model\'s steady state rather than from the scenario\'s initial values (docs/scenarios.md says which shipped scenarios use it).'),
  timeUnit: z.enum(TIME_UNITS).default('quarter').describe('What one step means.'),
  domains: z.array(ident()).min(1).max(64).describe('Knowledge domains, e.g. [design, materials, machining, ict, marketing].'),
  regions: z.array(RegionSchema).min(1),
  sectors: z.array(SectorSchema).min(1),
  populations: z.array(PopulationSchema).min(1),
  parameters: z
    .strictObject({
      proximity: ProximitySchema.prefault({}),
      knowledgeBases: KnowledgeBasesSchema,
      network: NetworkLimitsSchema.prefault({}),
      mechanisms: MechanismsSchema,
    })
    .prefault({}),
  policies: z.array(PolicySchema).default([]),
  record: RecordSchema,
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Region = z.infer<typeof RegionSchema>;
export type Sector = z.infer<typeof SectorSchema>;
export type PopulationSpec = z.infer<typeof PopulationSchema>;
export type Policy = z.infer<typeof PolicySchema>;
export type Target = z.infer<typeof TargetSchema>;
