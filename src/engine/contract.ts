/**
 * The engine's contract: the types every piece of the simulator implements or receives.
 * The engine (everything under src/engine, src/scenario, src/charts) imports nothing from
 * Node, so it also runs in a browser web worker.
 *
 * HOW TO ADD A MECHANISM (one file, one registry entry)
 *   1. Create src/engine/mechanisms/<id>.ts exporting `const <id>: Mechanism<Params>` with
 *      its parameter schema (built with `mechanismParams` from src/scenario/common.ts, every
 *      field with a documented default and the seed paragraph it comes from), the state
 *      columns it reads and writes, and `step` (plus `init` if it needs per-run buffers).
 *   2. Add the id to MECHANISM_IDS below (its position is its phase in the step) and the
 *      object to MECHANISMS in src/engine/mechanisms/index.ts: the registry is typed
 *      `Record<MechanismId, Mechanism>`, so forgetting either is a compile error.
 *   3. Record the knowledge it moves in `ctx.acc.flow[channel]` and the events it causes.
 *   4. Test it in test/engine/mechanisms/<id>.test.ts: a small hand-built state where the
 *      test fails if the mechanism is removed or its sign flipped.
 *
 * HOW TO ADD A POLICY LEVER: the same in src/engine/levers/, with `Lever`, LEVER_IDS and
 *   LEVERS. A lever acts in the policy phase, before the mechanisms, by changing state
 *   (ties, ICT, openness...) or by setting the per-agent `policy` modifiers that mechanisms
 *   read; it reports what it spent through `spend`.
 *
 * HOW TO ADD A METRIC: add a `Reporter` to src/engine/metrics/index.ts.
 */
import type { z } from 'zod';
import type { Rng } from './rng.js';
import type { Population, Kind as KindName } from './population.js';
import type { TieTable } from './ties.js';
import type { SpatialGrid } from './spatial.js';
import type { ProjectTable } from './projects.js';
import type { Scenario, LeverBase } from '../scenario/schema.js';

/**
 * Mechanisms in phase order: the order in which they run within a step (docs/odd.md, process overview).
 * The full order is: spillover, tieLearning, projects, innovation, capabilities (ICT and
 * absorptive capacity), market, network, demography.
 */
export const MECHANISM_IDS = ['spillover', 'tieLearning', 'projects', 'innovation', 'capabilities', 'market', 'network', 'demography'] as const;
export type MechanismId = (typeof MECHANISM_IDS)[number];

/**
 * Policy levers (docs/levers.md). The fourteen are: businessAnimation, ictTraining,
 * valueChainStudies, serviceNetwork, institutionalExchange, matchmaking, leadingFirmFocus,
 * researchAggregation, ictFinance, competenceCentre, lifelongLearning, spinoffSupport,
 * interClusterCooperation, rdSubsidy.
 */
export const LEVER_IDS = [
  'businessAnimation',
  'ictTraining',
  'valueChainStudies',
  'serviceNetwork',
  'institutionalExchange',
  'matchmaking',
  'leadingFirmFocus',
  'researchAggregation',
  'ictFinance',
  'competenceCentre',
  'lifelongLearning',
  'spinoffSupport',
  'interClusterCooperation',
  'rdSubsidy',
] as const;
export type LeverId = (typeof LEVER_IDS)[number];

/** Knowledge-flow channels (docs/model/indicators.md). */
export const CHANNELS = ['spillover', 'tie', 'project', 'codified'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A region as the engine sees it (resolved from the scenario, numeric indices). */
export interface RegionInfo {
  id: string;
  country: string;
  cx: number;
  cy: number;
  radiusKm: number;
  socialCapital: number;
  ictInfrastructure: number;
  qualifiedWorkers: number;
  institutionalQuality: number;
  /** Public budget of each institution, per employee and step. */
  institutionFunding: number;
}

export interface SectorInfo {
  id: string;
  knowledgeBase: 'analytical' | 'synthetic' | 'symbolic';
  techIntensity: 'low' | 'medium' | 'high';
  /** Current demand index (1 = the market pays the initial firms' costs plus the normal margin, see the market mechanism); grows by `growth` a step. */
  demand: number;
  growth: number;
  /** Normalised weights over domains (sums to 1). */
  domainWeights: Float64Array;
}

/**
 * Per-agent modifiers that levers set in the policy phase and mechanisms read. All are
 * reset to 0 at the start of every step, so a lever acts only while it runs.
 */
export interface PolicyModifiers {
  /** value-chain studies: share of extra, better-matched partner candidates (0..1). */
  searchBoost: Float64Array;
  /** integrated service network: cut in the cost of forming and keeping ties (0..1). */
  coopCostCut: Float64Array;
  /** lifelong learning: extra absorptive-capacity growth per step. */
  acBoost: Float64Array;
  /** spin-off support: extra spin-off probability multiplier (0 = none) and start-up survival. */
  spinoffBoost: Float64Array;
  /** R&D subsidy: extra R&D effort (share of the firm's resources) paid by the policy. */
  rdSubsidy: Float64Array;
  /** financial support for ICT: share of ICT investment co-funded (0..1). */
  ictCofund: Float64Array;
  /** leading-firm focus: extra probability of coordinating a project (0..1). */
  projectBoost: Float64Array;
}
export const POLICY_MODIFIERS = [
  'searchBoost',
  'coopCostCut',
  'acBoost',
  'spinoffBoost',
  'rdSubsidy',
  'ictCofund',
  'projectBoost',
] as const satisfies readonly (keyof PolicyModifiers)[];

/** Counters of one step, reset at its start, read by the metrics. */
export interface StepAccumulators {
  /** Knowledge moved this step, by channel (sum over receivers and domains). */
  flow: Record<Channel, number>;
  /** Knowledge moved this step into each row, by channel (for per-scope metrics): n x 4. */
  flowByRow: Float64Array;
  /** Innovations this step credited to each row (a joint project's one innovation is shared among its members). */
  innovIncremental: Float64Array;
  innovRadical: Float64Array;
  /**
   * Innovations of the step by scope, tallied at its end before exits remove rows (so a firm
   * that innovated and then left still counts): [system, regions..., sectors...].
   */
  innovTally: { incremental: Float64Array; radical: Float64Array };
  /** Tie-learning exchanges this step in which each row learned, and those at a distance beyond its optimum. */
  exchanges: Float64Array;
  pastOptimum: Float64Array;
  /** What each row paid for its own R&D this step (the innovation mechanism; the market books it as a cost). */
  rdPaid: Float64Array;
  births: number;
  deaths: number;
  birthsByRegion: Int32Array;
  deathsByRegion: Int32Array;
  birthsBySector: Int32Array;
  deathsBySector: Int32Array;
  projectsStarted: number;
  projectsSucceeded: number;
  projectsFailed: number;
  tiesFormed: number;
  tiesDropped: number;
  /** Spending this step by lever instance name. */
  spend: Map<string, number>;
  /** Lever spending this step by region (of the agent it was spent on; see LeverContext.spend). */
  spendByRegion: Float64Array;
}

/** The whole simulation state of one run. */
export interface State {
  t: number;
  readonly scenario: Scenario;
  readonly domains: readonly string[];
  readonly regions: RegionInfo[];
  readonly sectors: SectorInfo[];
  pop: Population;
  ties: TieTable;
  grid: SpatialGrid;
  projects: ProjectTable;
  /**
   * Institutional proximity between regions, R x R in [0,1]: 1 within a region, a
   * same-country or other-country baseline between regions; raised by levers.
   */
  institutional: Float64Array;
  policy: PolicyModifiers;
  acc: StepAccumulators;
  /** System metrics of the previous recorded step, by expression symbol (for lever expressions). */
  lastMetrics: Record<string, number>;
  /** Cumulative spending by lever instance name. */
  spentTotal: Map<string, number>;
}

/** What a mechanism receives each step. */
export interface StepContext<P> {
  state: State;
  params: P;
  rng: Rng;
}

export interface Mechanism<P = unknown> {
  id: MechanismId;
  /** Plain-words summary with its seed paragraph, shown in docs and `--help`. */
  doc: string;
  /** Parameter schema with defaults (built with `mechanismParams`). */
  params: z.ZodType<P>;
  /** State columns read and written (names of Population columns or other state parts). */
  reads: readonly string[];
  writes: readonly string[];
  /** Prepare per-run buffers; called once after the state is built. */
  init?(state: State, params: P, rng: Rng): void;
  step(ctx: StepContext<P>): void;
}

/** A lever instance's common settings, resolved (expressions compiled). */
export interface LeverContext<P> {
  state: State;
  params: P;
  rng: Rng;
  /** This instance's name (unique per scenario; used in spending metrics). */
  name: string;
  /** Rows targeted this step (alive rows matching the targeting rule), in row order. */
  targets: Int32Array;
  /** Intensity this step (evaluated once per step). */
  intensity: number;
  /** Money available this step (per-step budget, or what is left of a total budget). */
  budget: number;
  /**
   * Record spending (never more than `budget`; the engine checks). `row` is the agent it was
   * spent on, whose region it is attributed to; without it, the amount is spread over the
   * regions of the step's targets.
   */
  spend(amount: number, row?: number): void;
  /** Common settings as written in the scenario. */
  base: LeverBase;
}

/** A problem a lever finds in its own settings against the rest of the scenario. */
export interface LeverProblem {
  /** Path below the policy entry, e.g. `params.regions.1`. */
  path: string;
  message: string;
  allowed?: string;
}

export interface Lever<P = unknown> {
  id: LeverId;
  doc: string;
  params: z.ZodType<P>;
  writes: readonly string[];
  /**
   * The kinds of agent the lever can act on among its targets, or null for a lever that
   * does not use its target (it acts on what its params name). Validation rejects a
   * target whose kinds include none of these, or any target on a null lever: either would
   * configure a policy that changes nothing.
   */
  targetKinds: readonly KindName[] | null;
  /**
   * Cross-checks against the scenario (e.g. named regions exist) and against the policy
   * entry's own settings (e.g. its target); run at validation.
   */
  check?(params: P, scenario: Scenario, policy: LeverBase): LeverProblem[];
  init?(state: State, params: P, rng: Rng, name: string): void;
  apply(ctx: LeverContext<P>): void;
}
