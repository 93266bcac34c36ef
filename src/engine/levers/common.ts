/**
 * Small helpers shared by the policy levers: paying per target within the step's budget
 * (in a seeded random order, so no row is favoured), combining modifiers when several
 * instances target the same agent, forming ties with the accounting mechanisms expect,
 * creating institution agents, per-instance memory, and `check` helpers.
 */
import type { LeverContext, LeverProblem, State } from '../contract.js';
import type { Policy, PopulationSpec, Scenario } from '../../scenario/schema.js';
import type { Rng } from '../rng.js';
import { TieType } from '../ties.js';
import { addAgent } from '../state.js';
import { initAgent } from '../build.js';
import { KINDS } from '../population.js';

/** Instance names: the explicit `name`, else the lever id, numbered when repeated. */
export function instanceNames(policies: readonly Policy[]): string[] {
  const seen = new Map<string, number>();
  return policies.map((p) => {
    if (p.name) return p.name;
    const n = (seen.get(p.lever) ?? 0) + 1;
    seen.set(p.lever, n);
    const repeated = policies.filter((q) => !q.name && q.lever === p.lever).length > 1;
    return repeated ? `${p.lever}${n}` : p.lever;
  });
}

/** Position of instance `name` in the scenario's policy list (e.g. for a project's `fundedBy`). */
export function instanceIndex(state: State, name: string): number {
  return instanceNames(state.scenario.policies).indexOf(name);
}

/** Shuffle the first `k` positions of `a` into a uniform random sample (partial Fisher-Yates). */
export function shuffle(a: Int32Array, rng: Rng, k = a.length): void {
  const n = a.length;
  for (let s = 0; s < Math.min(k, n - 1); s++) {
    const r = s + rng.int(n - s);
    const tmp = a[r];
    a[r] = a[s];
    a[s] = tmp;
  }
}

/**
 * Visit the step's targets in random order; for each eligible one, pay `cost(i)` and act,
 * until the budget (or `opts.budget`, what is left of it; or `opts.limit` agents) is used up. An agent whose cost exceeds what is left
 * is skipped. Returns the number of agents paid for.
 */
export function payPerTarget<P>(
  ctx: LeverContext<P>,
  eligible: (i: number) => boolean,
  cost: (i: number) => number,
  act: (i: number) => void,
  opts: { limit?: number; budget?: number } = {},
): number {
  const targets = ctx.targets;
  shuffle(targets, ctx.rng);
  const limit = opts.limit ?? Infinity;
  let left = Math.min(ctx.budget, opts.budget ?? Infinity);
  let done = 0;
  for (let q = 0; q < targets.length && done < limit; q++) {
    const i = targets[q];
    if (!eligible(i)) continue;
    const c = cost(i);
    if (!(c >= 0) || c > left + 1e-9 * ctx.budget) continue; // tolerance: 1 / 0.05 firms are 20, not 19
    ctx.spend(c, i);
    left -= c;
    act(i);
    done++;
  }
  return done;
}

/** Combine a share-type modifier (0..1) so two instances give 1 - (1-a)(1-b), never above 1. */
export function addShare(col: Float64Array, i: number, v: number): void {
  const x = Math.min(1, Math.max(0, v));
  col[i] = 1 - (1 - col[i]) * (1 - x);
}

export const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Tie type for a new tie: inter-regional across regions, else horizontal within a sector, else vertical. */
export function tieTypeFor(state: State, i: number, j: number): number {
  const pop = state.pop;
  if (pop.region[i] !== pop.region[j]) return TieType.interRegional;
  return pop.sector[i] === pop.sector[j] ? TieType.horizontal : TieType.vertical;
}

/** Add a tie i-j (if both have a free slot) and count it; returns true when formed. */
export function formTie(state: State, i: number, j: number, strength: number, trust: number, type = tieTypeFor(state, i, j)): boolean {
  if (!state.ties.add(i, j, type, strength, trust, state.t)) return false;
  state.acc.tiesFormed++;
  return true;
}

/**
 * Create an agent of `kind` in region/sector (indices) with the kind's default attributes,
 * through addAgent (an entry, counted as a birth). Population columns may be reallocated:
 * callers must re-read `state.pop.<column>` afterwards.
 */
export function createAgent(state: State, kind: (typeof KINDS)[number], region: number, sector: number, rng: Rng): number {
  const spec: PopulationSpec = {
    kind,
    region: state.regions[region].id,
    sector: state.sectors[sector].id,
    count: 1,
    specialisation: 0.5,
    heterogeneity: 0.5,
    leadingShare: 0,
    initialTies: 0,
  };
  const i = addAgent(state, KINDS.indexOf(kind), region, sector, true);
  initAgent(state, i, spec, rng);
  return i;
}

/**
 * Row of the living agent with stable id `id`, or -1 if it has exited. Rows keep creation
 * order (compaction preserves it) and ids grow with creation, so ids are sorted by row:
 * a binary search.
 */
export function rowOfId(state: State, id: number): number {
  const pop = state.pop;
  let lo = 0, hi = pop.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = pop.id[mid];
    if (v === id) return pop.alive[mid] ? mid : -1;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Per-run, per-instance memory of a lever (e.g. the competence centre it created), kept
 * outside the state so that two simulations in one thread never share it.
 */
const memory = new WeakMap<State, Map<string, unknown>>();
export function instanceMemory<T>(state: State, name: string, create: () => T): T {
  let m = memory.get(state);
  if (!m) memory.set(state, (m = new Map()));
  if (!m.has(name)) m.set(name, create());
  return m.get(name) as T;
}

/** Index of each region of a region-id list, or problems for unknown ones (for `check`). */
export function checkRegions(ids: readonly string[] | undefined, sc: Scenario, path: string): LeverProblem[] {
  if (!ids) return [];
  const known = sc.regions.map((r) => r.id);
  const out: LeverProblem[] = [];
  ids.forEach((id, k) => {
    if (!known.includes(id)) out.push({ path: `${path}.${k}`, message: `unknown region '${id}'`, allowed: known.join(', ') });
    else if (ids.indexOf(id) !== k) out.push({ path: `${path}.${k}`, message: `region '${id}' is listed twice`, allowed: 'each region once' });
  });
  return out;
}

export function checkSectors(ids: readonly string[] | undefined, sc: Scenario, path: string): LeverProblem[] {
  if (!ids) return [];
  const known = sc.sectors.map((s) => s.id);
  return ids.flatMap((id, k) => (known.includes(id) ? [] : [{ path: `${path}.${k}`, message: `unknown sector '${id}'`, allowed: known.join(', ') }]));
}
