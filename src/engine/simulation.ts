/**
 * One simulation run, in phases: build the state from the scenario (rows of a large
 * population put in spatial order, state.ts sortRowsSpatially), run the scenario's
 * `warmup` steps unrecorded (steps -warmup..-1: no lever is active, demand is held), then
 * each step
 *   1. begin: reset the step's counters and the policy modifiers;
 *   2. policy: every active lever instance acts (src/engine/policy.ts);
 *   3. mechanisms, in phase order (MECHANISM_IDS), each with its own random stream;
 *   4. end: age agents, remove the exited, re-index space;
 *   5. record: reporters at the scheduled steps, snapshots at the requested ones.
 * Step 0's record describes the initial state; step t's the state after t steps.
 *
 * `Simulation` exposes the steps one by one (for an interactive explorer); `runScenario`
 * runs to the end and returns the recorded rows.
 *
 * Callers import engine/simulate.ts, which also loads the lever-expression parser. This
 * module alone runs lever expressions only once that parser is loaded (leverSetting.ts): a
 * sweep worker imports it directly and loads the parser only for scenarios that need it.
 */
import type { Mechanism, State } from './contract.js';
import { CHANNELS, MECHANISM_IDS } from './contract.js';
import { MECHANISMS } from './mechanisms/index.js';
import type { Scenario } from '../scenario/schema.js';
import { buildState } from './build.js';
import { stream, type Rng } from './rng.js';
import { beginStep, endStep, sortRowsSpatially } from './state.js';
import { applyPolicies, resolvePolicies, type LeverInstance } from './policy.js';
import { hasExpressions } from './leverSetting.js';
import { CUMULATIVE_METRICS, POLICY_METRICS, REPORTERS, scopeRows, sectorFrontiers, updateFlowWindow } from './metrics/index.js';
import { networkStats } from './metrics/network.js';
import { takeSnapshot, type Snapshot } from './snapshot.js';

export interface MetricRow {
  step: number;
  scope: string;
  metric: string;
  value: number;
}

export interface RunResult {
  rows: MetricRow[];
  snapshots: Snapshot[];
}

export interface RunOptions {
  seed?: number;
  steps?: number;
  /** Called after each step with (steps done, total). */
  onStep?: (done: number, total: number) => void;
}

export class Simulation {
  readonly state: State;
  readonly steps: number;
  readonly seed: number;
  private readonly mechs: { m: Mechanism<unknown>; params: unknown; rng: Rng }[];
  private readonly levers: LeverInstance[];
  private readonly keep: Set<string> | null;
  /** Lever budgets or intensities are expressions: refresh the system metrics every step. */
  private readonly exprMetrics: boolean;
  /** Since the start: all lever spending, innovations, knowledge moved through all channels, entries and exits. */
  private totals = { spend: 0, innovations: 0, knowledge: 0, births: 0, deaths: 0 };
  readonly rows: MetricRow[] = [];
  readonly snapshots: Snapshot[] = [];
  /** Steps completed. */
  done = 0;

  constructor(scenario: Scenario, opts: RunOptions = {}) {
    this.seed = opts.seed ?? scenario.seed;
    this.steps = opts.steps ?? scenario.steps;
    this.state = buildState(scenario, this.seed);
    // Populations of thousands: rows in spatial order, so neighbours sit close in memory.
    sortRowsSpatially(this.state);
    const mp = scenario.parameters.mechanisms as Record<string, { enabled: boolean }>;
    this.mechs = MECHANISM_IDS.filter((id) => mp[id].enabled).map((id) => {
      const m = MECHANISMS[id] as Mechanism<unknown>;
      const rng = stream(this.seed, `mechanism/${id}`);
      m.init?.(this.state, mp[id], rng);
      return { m, params: mp[id], rng };
    });
    this.levers = resolvePolicies(scenario, this.state, this.seed);
    this.keep = scenario.record.metrics ? new Set(scenario.record.metrics) : null;
    this.exprMetrics = hasExpressions(scenario.policies);
    this.state.pop.refreshDerived();
    for (let t = -scenario.warmup; t < 0; t++) this.advance(t);
    this.record(0);
  }

  /** Advance one step. */
  step(): void {
    this.advance(this.done);
    this.done++;
    this.record(this.done);
  }

  /** The phases of step t (levers act only from their start step, which is never negative). */
  private advance(t: number): void {
    const s = this.state;
    beginStep(s, t);
    applyPolicies(s, this.levers, this.steps);
    for (const { m, params, rng } of this.mechs) m.step({ state: s, params, rng });
    updateFlowWindow(s);
    if (t >= 0) this.accumulate();
    endStep(s);
  }

  run(onStep?: (done: number, total: number) => void): RunResult {
    while (this.done < this.steps) {
      this.step();
      onStep?.(this.done, this.steps);
    }
    return { rows: this.rows, snapshots: this.snapshots };
  }

  private frontiers = new Float64Array(0);

  /** Add this step's spending, innovations and knowledge flows to the run's totals (before exits). */
  private accumulate(): void {
    const acc = this.state.acc, n = this.state.pop.n;
    for (const v of acc.spend.values()) this.totals.spend += v;
    // Summed in locals, in the same order, and stored once: as fields of `totals` they were
    // loaded and stored at every row.
    const inc = acc.innovIncremental, rad = acc.innovRadical;
    let innovations = this.totals.innovations;
    for (let i = 0; i < n; i++) innovations += inc[i] + rad[i];
    this.totals.innovations = innovations;
    // Knowledge in units of the receivers' sector frontier, as the flow metrics report it.
    if (this.frontiers.length !== this.state.sectors.length) this.frontiers = new Float64Array(this.state.sectors.length);
    const fr = sectorFrontiers(this.state, this.frontiers), f = acc.flowByRow, sector = this.state.pop.sector, C = CHANNELS.length;
    let knowledge = this.totals.knowledge;
    for (let i = 0; i < n; i++) knowledge += (f[i * C] + f[i * C + 1] + f[i * C + 2] + f[i * C + 3]) / fr[sector[i]];
    this.totals.knowledge = knowledge;
    this.totals.births += acc.births;
    this.totals.deaths += acc.deaths;
  }

  private record(step: number): void {
    const rec = this.state.scenario.record;
    if (rec.snapshots.includes(step)) this.snapshots.push(takeSnapshot(this.state, step));
    const s = this.state;
    const recorded = step % rec.every === 0 || step === this.steps;
    // Lever expressions read the system metrics of the previous step: keep them fresh even
    // on steps that are not recorded, or when the system scope is not recorded.
    const kinds = recorded ? rec.scopes : [];
    const needSystem = recorded || this.exprMetrics;
    const scopes = needSystem && !kinds.includes('system') ? (['system', ...kinds] as const) : kinds;
    // A step neither recorded nor read by an expression measures nothing: do not even list the
    // living rows (a pass over the population, and a call that broke scopeRows' compiled code).
    const measured = scopes.length > 0 ? scopeRows(s, scopes) : [];
    for (const { scope, rows } of measured) {
      const data = { rows, net: networkStats(s, rows) };
      const keepRows = recorded && (scope.kind !== 'system' || rec.scopes.includes('system'));
      for (const r of REPORTERS) {
        const value = r.compute(s, data, scope);
        if (scope.kind === 'system') s.lastMetrics[r.symbol] = value;
        if (keepRows && (!this.keep || this.keep.has(r.name))) this.rows.push({ step, scope: scope.label, metric: r.name, value });
      }
    }
    // Policy spending and cost-effectiveness, and the cumulative outcomes (system scope).
    let stepSpend = 0;
    for (const v of s.acc.spend.values()) stepSpend += v;
    if (step === 0) stepSpend = 0;
    const t = this.totals;
    const policy: Record<string, number> = {
      'policy.spend': stepSpend,
      'policy.spendCumulative': t.spend,
      'policy.costPerInnovation': t.spend / Math.max(1, t.innovations),
      'policy.costPerKnowledge': t.spend / Math.max(1, t.knowledge),
      'innovations.cumulative': t.innovations,
      'births.cumulative': t.births,
      'deaths.cumulative': t.deaths,
    };
    for (const m of POLICY_METRICS) s.lastMetrics[m.symbol] = policy[m.name];
    for (const m of CUMULATIVE_METRICS) s.lastMetrics[m.symbol] = policy[m.name];
    if (!recorded) return;
    const want = (name: string) => !this.keep || this.keep.has(name) || (name.startsWith('policy.spend') && this.keep.has('policy.spend'));
    if (want('policy.spend')) {
      for (const inst of this.levers) {
        const v = step === 0 ? 0 : s.acc.spend.get(inst.name) ?? 0;
        this.rows.push({ step, scope: 'system', metric: `policy.spend.${inst.name}`, value: v });
      }
    }
    for (const [name, value] of Object.entries(policy)) if (want(name)) this.rows.push({ step, scope: 'system', metric: name, value });
    // Spending by the region of the agents it went to (LeverContext.spend).
    if (want('policy.spend') && rec.scopes.includes('region')) {
      s.regions.forEach((r, k) => this.rows.push({ step, scope: `region:${r.id}`, metric: 'policy.spend', value: step === 0 ? 0 : s.acc.spendByRegion[k] }));
    }
  }
}

export function runScenario(scenario: Scenario, opts: RunOptions = {}): RunResult {
  return new Simulation(scenario, opts).run(opts.onStep);
}
