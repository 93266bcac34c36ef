/**
 * Fixtures for lever tests: a small two-region, two-country scenario (wood in the north,
 * metal in the south, a few leading firms and research institutions), run with and without
 * a lever on the same seed; and the checks every lever shares (no effect at budget 0, never
 * more spending than the budget, in per-step and total mode).
 */
import { expect, it } from 'vitest';
import { Simulation, type MetricRow } from '../../../src/engine/simulate.js';
import { validateScenario } from '../../../src/scenario/validate.js';
import type { Scenario } from '../../../src/scenario/schema.js';
import type { Issue } from '../../../src/messages.js';
import type { Lever, LeverContext, State } from '../../../src/engine/contract.js';
import type { LeverBase } from '../../../src/scenario/schema.js';
import { buildState } from '../../../src/engine/build.js';
import { beginStep } from '../../../src/engine/state.js';
import { stream } from '../../../src/engine/rng.js';
import { isFirmKind } from '../../../src/engine/population.js';

export type Entry = Record<string, unknown> & { lever: string };

export const BASE = {
  name: 'levers',
  seed: 7,
  steps: 12,
  domains: ['design', 'materials', 'machining', 'ict'],
  regions: [
    { id: 'north', country: 'IT', center: [0, 0], radiusKm: 10, socialCapital: 0.6 },
    { id: 'south', country: 'SI', center: [150, 0], radiusKm: 10, socialCapital: 0.4 },
  ],
  sectors: [
    { id: 'wood', domainWeights: { design: 3, materials: 2, machining: 2, ict: 1 } },
    { id: 'metal', domainWeights: { materials: 1, machining: 3, ict: 1 } },
  ],
  populations: [
    { kind: 'sme', region: 'north', sector: 'wood', count: 60 },
    { kind: 'sme', region: 'south', sector: 'metal', count: 40 },
    { kind: 'leading', region: 'north', sector: 'wood', count: 2 },
    { kind: 'research', region: 'north', sector: 'wood', count: 2 },
    { kind: 'research', region: 'south', sector: 'metal', count: 1 },
  ],
};

/** A validated scenario: BASE with `over` and these policies (throws on validation issues). */
export function scenario(policies: Entry[], over: Record<string, unknown> = {}): Scenario {
  const v = validateScenario({ ...BASE, ...over, policies }, 'test');
  if (!v.ok) throw new Error(JSON.stringify(v.issues, null, 1));
  return v.scenario;
}

/** Validation issues of BASE with these policies. */
export function issuesOf(policies: unknown[], over: Record<string, unknown> = {}): Issue[] {
  const v = validateScenario({ ...BASE, ...over, policies }, 'test');
  return v.ok ? [] : v.issues;
}

/** Expect a validation issue at `path` whose message matches. */
export function expectIssue(policies: unknown[], path: string, message: RegExp, over: Record<string, unknown> = {}): void {
  const issues = issuesOf(policies, over);
  const hit = issues.find((i) => i.path === path && message.test(i.message));
  expect(hit, JSON.stringify(issues, null, 1)).toBeDefined();
}

export function run(sc: Scenario, seed?: number): Simulation {
  const sim = new Simulation(sc, seed === undefined ? {} : { seed });
  sim.run();
  return sim;
}

/** Run BASE (with `over`) with the policies and without any, on the same seed. */
export function pair(policies: Entry[], over: Record<string, unknown> = {}, seed?: number): { on: Simulation; off: Simulation } {
  return { on: run(scenario(policies, over), seed), off: run(scenario([], over), seed) };
}

export const value = (sim: Simulation, metric: string, step = sim.steps, scope = 'system'): number => {
  const r = sim.rows.find((x) => x.step === step && x.metric === metric && x.scope === scope);
  if (!r) throw new Error(`no row ${metric} ${scope} at ${step}`);
  return r.value;
};

/** Sum of a per-step metric over steps 1..end. */
export const total = (sim: Simulation, metric: string, scope = 'system'): number =>
  sim.rows.filter((x) => x.step > 0 && x.metric === metric && x.scope === scope).reduce((s, x) => s + x.value, 0);

/** Mean of a column over living rows passing `pick`. */
export function meanOf(state: State, col: ArrayLike<number>, pick: (i: number) => boolean = (i) => isFirmKind(state.pop.kind[i])): number {
  let s = 0, c = 0;
  for (let i = 0; i < state.pop.n; i++) if (state.pop.alive[i] && pick(i)) { s += col[i]; c++; }
  return c ? s / c : 0;
}

const modelRows = (rows: MetricRow[]) => rows.filter((r) => !r.metric.startsWith('policy.'));

/**
 * The checks every lever shares: with budget 0 the run equals the run without the lever;
 * per-step spending never exceeds the per-step budget; total spending never exceeds a
 * total budget; some money is spent when there is budget.
 */
export function sharedLeverChecks(entry: Entry, opts: { budget: number; over?: Record<string, unknown> }): void {
  const over = opts.over ?? {};
  it('does nothing with budget 0 (same run as without it)', () => {
    const zero = run(scenario([{ ...entry, budget: 0 }], over));
    const none = run(scenario([], over));
    expect(modelRows(zero.rows)).toEqual(modelRows(none.rows));
    expect(total(zero, 'policy.spend')).toBe(0);
  });
  it('never spends more than the per-step budget, and spends some', () => {
    const sim = run(scenario([{ ...entry, name: 'x', budget: opts.budget }], over));
    const spend = sim.rows.filter((r) => r.metric === 'policy.spend.x' && r.step > 0).map((r) => r.value);
    expect(spend.length).toBe(sim.steps);
    for (const v of spend) expect(v).toBeLessThanOrEqual(opts.budget * (1 + 1e-9));
    expect(Math.max(...spend)).toBeGreaterThan(0);
  });
  it('never spends more than a total budget', () => {
    const cap = opts.budget * 1.5;
    const sim = run(scenario([{ ...entry, name: 'x', budget: cap, budgetMode: 'total' }], over));
    const spent = total(sim, 'policy.spend.x');
    expect(spent).toBeLessThanOrEqual(cap * (1 + 1e-9));
    expect(spent).toBeGreaterThan(0);
    expect(value(sim, 'policy.spendCumulative')).toBeCloseTo(spent, 9);
  });
}

/** Exits switched off, so that with/without comparisons are not blurred by selection. */
export const NO_EXIT = { parameters: { mechanisms: { demography: { enabled: false } } } };

/** A built state at the start of step 0 (policy modifiers cleared), for calling a lever directly. */
export function freshState(policies: Entry[] = [], over: Record<string, unknown> = {}, seed = 1): State {
  const s = buildState(scenario(policies, over), seed);
  beginStep(s, 0);
  return s;
}

/** Rows of living agents passing `pick`. */
export function rowsWhere(state: State, pick: (i: number) => boolean = () => true): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < state.pop.n; i++) if (state.pop.alive[i] && pick(i)) out.push(i);
  return Int32Array.from(out);
}

/** Call a lever's apply once, as the policy phase would; returns what it spent (checked against the budget). */
export function applyDirect<P>(lever: Lever<P>, state: State, params: P, opts: { budget: number; intensity?: number; targets?: Int32Array; start?: number; name?: string }): number {
  let spent = 0;
  const ctx: LeverContext<P> = {
    state,
    params,
    rng: stream(1, `test/${lever.id}`),
    name: opts.name ?? lever.id,
    targets: opts.targets ?? rowsWhere(state),
    intensity: opts.intensity ?? 1,
    budget: opts.budget,
    base: { start: opts.start ?? 0, budget: opts.budget, budgetMode: 'perStep', intensity: 1, target: {} } as LeverBase,
    spend(a: number) {
      expect(a).toBeGreaterThanOrEqual(0);
      spent += a;
      expect(spent).toBeLessThanOrEqual(opts.budget * (1 + 1e-9));
    },
  };
  lever.apply(ctx);
  return spent;
}
