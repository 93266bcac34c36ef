/**
 * One simulation run, in phases: build the state from the scenario, then each step
 *   1. begin: reset the step's counters and the policy modifiers;
 *   2. policy: every active lever instance acts (src/engine/policy.ts);
 *   3. mechanisms, in phase order (MECHANISM_IDS), each with its own random stream;
 *   4. end: age agents, remove the exited, re-index space;
 *   5. record: reporters at the scheduled steps, snapshots at the requested ones.
 * Step 0's record describes the initial state; step t's the state after t steps.
 *
 * `Simulation` exposes the steps one by one (for an interactive explorer); `runScenario`
 * runs to the end and returns the recorded rows.
 */
import type { Mechanism, State } from './contract.js';
import { MECHANISM_IDS } from './contract.js';
import { MECHANISMS } from './mechanisms/index.js';
import type { Scenario } from '../scenario/schema.js';
import { buildState } from './build.js';
import { stream, type Rng } from './rng.js';
import { beginStep, endStep } from './state.js';
import { applyPolicies, resolvePolicies, type LeverInstance } from './policy.js';
import { REPORTERS, scopeRows } from './metrics/index.js';
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
  readonly rows: MetricRow[] = [];
  readonly snapshots: Snapshot[] = [];
  /** Steps completed. */
  done = 0;

  constructor(scenario: Scenario, opts: RunOptions = {}) {
    this.seed = opts.seed ?? scenario.seed;
    this.steps = opts.steps ?? scenario.steps;
    this.state = buildState(scenario, this.seed);
    const mp = scenario.parameters.mechanisms as Record<string, { enabled: boolean }>;
    this.mechs = MECHANISM_IDS.filter((id) => mp[id].enabled).map((id) => {
      const m = MECHANISMS[id] as Mechanism<unknown>;
      const rng = stream(this.seed, `mechanism/${id}`);
      m.init?.(this.state, mp[id], rng);
      return { m, params: mp[id], rng };
    });
    this.levers = resolvePolicies(scenario, this.state, this.seed);
    this.keep = scenario.record.metrics ? new Set(scenario.record.metrics) : null;
    this.state.pop.refreshDerived();
    this.record(0);
  }

  /** Advance one step. */
  step(): void {
    const s = this.state;
    beginStep(s, this.done);
    applyPolicies(s, this.levers, this.steps);
    for (const { m, params, rng } of this.mechs) m.step({ state: s, params, rng });
    endStep(s);
    this.done++;
    this.record(this.done);
  }

  run(onStep?: (done: number, total: number) => void): RunResult {
    while (this.done < this.steps) {
      this.step();
      onStep?.(this.done, this.steps);
    }
    return { rows: this.rows, snapshots: this.snapshots };
  }

  private record(step: number): void {
    const rec = this.state.scenario.record;
    if (rec.snapshots.includes(step)) this.snapshots.push(takeSnapshot(this.state, step));
    if (step % rec.every !== 0 && step !== this.steps) return;
    const s = this.state;
    for (const { scope, rows } of scopeRows(s, rec.scopes)) {
      const data = { rows, net: networkStats(s, rows) };
      for (const r of REPORTERS) {
        const value = r.compute(s, data, scope);
        if (scope.kind === 'system') s.lastMetrics[r.symbol] = value;
        if (!this.keep || this.keep.has(r.name)) this.rows.push({ step, scope: scope.label, metric: r.name, value });
      }
    }
    if (!this.keep || this.keep.has('policy.spend')) {
      let total = 0;
      for (const [name, v] of s.acc.spend) {
        total += v;
        this.rows.push({ step, scope: 'system', metric: `policy.spend.${name}`, value: step === 0 ? 0 : v });
      }
      this.rows.push({ step, scope: 'system', metric: 'policy.spend', value: step === 0 ? 0 : total });
    }
  }
}

export function runScenario(scenario: Scenario, opts: RunOptions = {}): RunResult {
  return new Simulation(scenario, opts).run(opts.onStep);
}
