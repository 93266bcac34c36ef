/**
 * Size limits, checked when a scenario or an experiment is validated, before anything is
 * built: an input must never grow a process past the machine's memory or keep it busy
 * for years (issue 19). Each check is arithmetic on the input's numbers, so a scenario of
 * a billion agents is refused in microseconds and with no memory.
 *
 * The estimates are rough on purpose (they say "about"); they come from measurements of
 * the full model (docs/performance.md): about 1.8 KB per agent at 8 knowledge domains and
 * 0.5 M agent-steps a second on one core of the project's machine.
 *
 * Browser-safe: pure functions of the scenario.
 */
import type { Scenario } from './schema.js';
import { msgLimits } from '../messages.js';

export const LIMITS = {
  /** Agents at step 0 (all populations): the default cap, raised with `--max-agents`. */
  agents: 2_000_000,
  /**
   * The cap `--max-agents` cannot lift: agents x domains must fit a typed array (2^32
   * values) with room for the population to double.
   */
  knowledgeValues: 2 ** 31,
  /** Steps of one run (also the schema's maximum). */
  steps: 100_000,
  /** Metric rows one run keeps in memory (steps / record.every x scopes x metrics). */
  metricRows: 10_000_000,
  /** Agent rows of all snapshots of one run (agents x snapshot steps). */
  snapshotRows: 10_000_000,
  /** Design points of one experiment. */
  designPoints: 100_000,
  /** Runs of one sweep or comparison (design points x replicates). */
  runs: 1_000_000,
  /** Bootstrap resamples of a sensitivity analysis. */
  bootstrap: 100_000,
  /** Worker threads, even with --oversubscribe. */
  workers: 256,
} as const;

/** Rough memory of one agent in a running simulation, in bytes. */
export function bytesPerAgent(domains: number): number {
  // State columns, tie slots, neighbour lists and the kernel's memory (~1.4 KB), plus the
  // tacit and codified knowledge rows and their scratch copies (about 50 bytes a domain).
  return 1400 + 50 * domains;
}
/** Rough memory of one recorded metric row (an object of step, scope, metric, value). */
export const BYTES_PER_METRIC_ROW = 120;
/** Rough memory of one agent in a snapshot (its columns and its ties). */
export const BYTES_PER_SNAPSHOT_AGENT = 400;
/** Full-model speed on one core, agent-steps a second (docs/performance.md). */
export const AGENT_STEPS_PER_SECOND = 500_000;

export function totalAgents(sc: Pick<Scenario, 'populations'>): number {
  return sc.populations.reduce((s, p) => s + p.count, 0);
}

/** Metric rows one run records: recorded steps x scopes x metrics per scope. */
export function metricRowCount(sc: Pick<Scenario, 'record' | 'regions' | 'sectors' | 'policies'>, steps: number, metricsPerScope: number): number {
  const recorded = Math.floor(steps / sc.record.every) + 2; // step 0 .. and the final step
  const scopes = sc.record.scopes.reduce((s, k) => s + (k === 'system' ? 1 : k === 'region' ? sc.regions.length : sc.sectors.length), 0);
  const metrics = sc.record.metrics?.length ?? metricsPerScope + sc.policies.length;
  return recorded * scopes * metrics;
}

/** Seconds of one core to run `runs` runs of `agents` agents for `steps` steps. */
export function cpuSeconds(runs: number, steps: number, agents: number): number {
  return (runs * steps * Math.max(1, agents)) / AGENT_STEPS_PER_SECOND;
}

export interface LimitOptions {
  /** The agent cap (`--max-agents`); default LIMITS.agents. */
  maxAgents?: number;
  /** Steps, when a command overrides the scenario's (`run --steps`). */
  steps?: number;
  /**
   * The last step of a run whose command sets its steps (`run --steps`, `--set steps=`):
   * snapshots may be asked up to it, not only up to the scenario's `steps` (validate.ts).
   */
  lastStep?: number;
}

/** A limit a scenario exceeds, at a field path of the scenario. */
export interface LimitProblem {
  path: (string | number)[];
  message: string;
  found: string;
  allowed: string;
}

/**
 * The limits `sc` exceeds: agents (the cap and the typed-array bound), steps, recorded
 * metric rows and snapshot rows. `metricsPerScope` is the number of metrics a scope
 * records when `record.metrics` is left out.
 */
export function scenarioLimitProblems(sc: Scenario, metricsPerScope: number, opts: LimitOptions = {}): LimitProblem[] {
  const out: LimitProblem[] = [];
  const agents = totalAgents(sc);
  const steps = opts.steps ?? sc.steps;
  const cap = opts.maxAgents ?? LIMITS.agents;
  const D = sc.domains.length;
  const largest = sc.populations.reduce((best, p, k) => (p.count > sc.populations[best]!.count ? k : best), 0);
  const at = ['populations', largest, 'count'];
  const bpa = bytesPerAgent(D);
  const cost = { memory: agents * bpa, perAgent: bpa, domains: D, steps, cpu: cpuSeconds(1, steps, agents) };
  if (agents * D > LIMITS.knowledgeValues) {
    out.push({ path: at, ...msgLimits.knowledgeValues(agents, D, LIMITS.knowledgeValues) });
  } else if (agents > cap) {
    out.push({ path: at, ...msgLimits.agents(agents, cap, cost) });
  }
  if (steps > LIMITS.steps) out.push({ path: ['steps'], ...msgLimits.steps(steps, LIMITS.steps, agents, cpuSeconds(1, steps, agents)) });
  const rows = metricRowCount(sc, steps, metricsPerScope);
  if (rows > LIMITS.metricRows) out.push({ path: ['record'], ...msgLimits.metricRows(rows, LIMITS.metricRows, rows * BYTES_PER_METRIC_ROW) });
  const snapshotRows = sc.record.snapshots.length * agents;
  if (snapshotRows > LIMITS.snapshotRows) {
    out.push({ path: ['record', 'snapshots'], ...msgLimits.snapshotRows(sc.record.snapshots.length, agents, LIMITS.snapshotRows, snapshotRows * BYTES_PER_SNAPSHOT_AGENT) });
  }
  return out;
}
