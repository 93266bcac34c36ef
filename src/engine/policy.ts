/**
 * The policy phase: every lever instance of the scenario, resolved once (expressions
 * compiled, instance names assigned), then applied each step it is active. Targets are the
 * living rows matching the instance's targeting rule. Spending is checked against the
 * budget: a lever can never spend more than the step's budget (per-step mode) or what is
 * left of its total budget (total mode).
 */
import type { Lever, LeverContext, State } from './contract.js';
import type { Policy, Scenario } from '../scenario/schema.js';
import { LEVERS } from './levers/index.js';
import { Kind } from './population.js';
import { compileSetting, type CompiledExpr } from './leverSetting.js';
import { stream, type Rng } from './rng.js';
import { instanceNames } from './levers/common.js';

export { instanceNames };

export interface LeverInstance {
  name: string;
  policy: Policy;
  lever: Lever<unknown>;
  budget: CompiledExpr;
  intensity: CompiledExpr;
  rng: Rng;
  regions: Set<number> | null;
  sectors: Set<number> | null;
  kinds: Set<number> | null;
  ids: Set<number> | null;
}

export function resolvePolicies(sc: Scenario, state: State, seed: number): LeverInstance[] {
  const names = instanceNames(sc.policies);
  const regionIndex = new Map(state.regions.map((r, k) => [r.id, k]));
  const sectorIndex = new Map(state.sectors.map((s, k) => [s.id, k]));
  return sc.policies.map((p, k) => {
    const t = p.target;
    const inst: LeverInstance = {
      name: names[k],
      policy: p,
      lever: LEVERS[p.lever] as Lever<unknown>,
      budget: compileSetting(p.budget),
      intensity: compileSetting(p.intensity),
      rng: stream(seed, `lever/${names[k]}`),
      regions: t.regions ? new Set(t.regions.map((r) => regionIndex.get(r)!)) : null,
      sectors: t.sectors ? new Set(t.sectors.map((s) => sectorIndex.get(s)!)) : null,
      kinds: t.kinds ? new Set(t.kinds.map((kd) => Kind[kd])) : null,
      ids: t.ids ? new Set(t.ids) : null,
    };
    inst.lever.init?.(state, p.params, inst.rng, inst.name);
    return inst;
  });
}

function targets(state: State, inst: LeverInstance): Int32Array {
  const pop = state.pop;
  const t = inst.policy.target;
  const out: number[] = [];
  for (let i = 0; i < pop.n; i++) {
    if (!pop.alive[i]) continue;
    if (inst.regions && !inst.regions.has(pop.region[i])) continue;
    if (inst.sectors && !inst.sectors.has(pop.sector[i])) continue;
    if (inst.kinds && !inst.kinds.has(pop.kind[i])) continue;
    if (inst.ids && !inst.ids.has(pop.id[i])) continue;
    if (t.employees && (pop.employees[i] < t.employees[0] || pop.employees[i] > t.employees[1])) continue;
    if (t.ict && (pop.ict[i] < t.ict[0] || pop.ict[i] > t.ict[1])) continue;
    if (t.leading !== undefined && (pop.leading[i] === 1) !== t.leading) continue;
    out.push(i);
  }
  if (t.max !== undefined && out.length > t.max) {
    // A seeded shuffle, then the first `max`: no systematic bias toward low rows.
    for (let a = out.length - 1; a > 0; a--) {
      const b = inst.rng.int(a + 1);
      [out[a], out[b]] = [out[b], out[a]];
    }
    out.length = t.max;
    out.sort((a, b) => a - b);
  }
  return Int32Array.from(out);
}

export function isActive(inst: LeverInstance, t: number, steps: number): boolean {
  const end = inst.policy.end ?? steps - 1;
  return t >= inst.policy.start && t <= end;
}

/**
 * Add spending to the regions it went to: the region of `row`, or else spread over the
 * step's targets (by their count in each region), or else over all regions equally.
 */
function attribute(state: State, amount: number, row: number | undefined, targetRows: Int32Array): void {
  const by = state.acc.spendByRegion, pop = state.pop;
  if (row !== undefined && row >= 0 && row < pop.n) { by[pop.region[row]] += amount; return; }
  if (targetRows.length > 0) {
    const each = amount / targetRows.length;
    for (let q = 0; q < targetRows.length; q++) by[pop.region[targetRows[q]]] += each;
    return;
  }
  for (let r = 0; r < by.length; r++) by[r] += amount / by.length;
}

/** Run the policy phase of step `state.t`. */
export function applyPolicies(state: State, instances: LeverInstance[], steps: number): void {
  const t = state.t;
  const scope = { ...state.lastMetrics, t };
  for (const inst of instances) {
    if (!isActive(inst, t, steps)) continue;
    const raw = Math.max(0, inst.budget.evaluate(scope));
    const spentSoFar = state.spentTotal.get(inst.name) ?? 0;
    const budget = inst.policy.budgetMode === 'total' ? Math.max(0, raw - spentSoFar) : raw;
    if (budget <= 0) continue; // no money, no effect
    let spent = 0;
    const targetRows = targets(state, inst);
    const ctx: LeverContext<unknown> = {
      state,
      params: inst.policy.params,
      rng: inst.rng,
      name: inst.name,
      targets: targetRows,
      intensity: Math.max(0, inst.intensity.evaluate(scope)), // a negative intensity does nothing, never the reverse
      budget,
      base: inst.policy,
      spend(amount: number, row?: number) {
        if (!(amount >= 0)) throw new Error(`lever ${inst.name}: negative spending ${amount}`);
        if (spent + amount > budget * (1 + 1e-9)) throw new Error(`lever ${inst.name}: spending ${spent + amount} exceeds the step budget ${budget}`);
        spent += amount;
        attribute(state, amount, row, targetRows);
      },
    };
    inst.lever.apply(ctx);
    state.acc.spend.set(inst.name, (state.acc.spend.get(inst.name) ?? 0) + spent);
    state.spentTotal.set(inst.name, spentSoFar + spent);
  }
}
