/**
 * The explorer's whole setup (scenario, seed, slider values, choices, lever settings, view), its
 * form in the page's URL, and the scenario it makes: the shipped scenario with the
 * student's changes applied. A shared link therefore reproduces the run exactly.
 *
 * URL keys: scenario, seed, steps, speed, color, autoplay; each slider's key (`trust=0.9`) and
 * each choice's (`lineLoss=relative`); per lever instance `lever.<name>=on|off`,
 * `budget.<name>=<money per step>`, `start.<name>=<step>`. A lever the scenario lacks is added
 * by `lever.<lever id>=on`.
 */
import { LEVERS } from '../engine/levers/index.js';
import { LEVER_IDS, type LeverId } from '../engine/contract.js';
import { instanceNames } from '../engine/policy.js';
import type { Policy } from '../scenario/schema.js';
import { applyChoice, applySlider, type Controls } from './controls.js';

export const COLOR_BY = ['knowledge', 'ict', 'kind'] as const;
export type ColorBy = (typeof COLOR_BY)[number];

/** Speeds offered, in steps per second; 0 runs as fast as the worker can. */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 0] as const;

export interface LeverSetting {
  on?: boolean;
  budget?: number;
  start?: number;
}

export interface Setup {
  scenario: string;
  seed?: number;
  steps?: number;
  /** Slider key -> value, only for sliders moved from the scenario's value. */
  values: Record<string, number>;
  /** Choice key -> one of its options, only for choices changed from the scenario's value. */
  choices: Record<string, string>;
  /** Lever instance name (or lever id, for an added lever) -> its settings. */
  levers: Record<string, LeverSetting>;
  speed: number;
  color: ColorBy;
  autoplay: boolean;
}

export const DEFAULT_SCENARIO = 'brianza';
/** Budget and first step of a lever a student adds to a scenario that lacks it. */
export const ADDED_LEVER = { budget: 5, start: 4 } as const;

export function emptySetup(scenario = DEFAULT_SCENARIO): Setup {
  return { scenario, values: {}, choices: {}, levers: {}, speed: 10, color: 'knowledge', autoplay: false };
}

/** The setup without the student's changes to the model (the baseline's, and Undo's): scenario, seed, steps and view kept. */
export function withoutChanges(setup: Setup): Setup {
  return { ...setup, values: {}, choices: {}, levers: {} };
}

const num = (s: string | null): number | undefined => {
  if (s === null || s.trim() === '') return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
};

/** Read a setup from a URL query; unknown keys and unreadable values (a choice's value not among its options) are ignored. */
export function setupFromQuery(query: string | URLSearchParams, { sliders, choices }: Controls): Setup {
  const q = typeof query === 'string' ? new URLSearchParams(query) : query;
  const setup = emptySetup(q.get('scenario') || DEFAULT_SCENARIO);
  const seed = num(q.get('seed'));
  if (seed !== undefined && Number.isInteger(seed) && seed >= 0) setup.seed = seed;
  const steps = num(q.get('steps'));
  if (steps !== undefined && Number.isInteger(steps) && steps >= 1) setup.steps = steps;
  const speed = num(q.get('speed'));
  if (speed !== undefined && (SPEEDS as readonly number[]).includes(speed)) setup.speed = speed;
  const color = q.get('color');
  if (color && (COLOR_BY as readonly string[]).includes(color)) setup.color = color as ColorBy;
  setup.autoplay = q.get('autoplay') === '1' || q.get('autoplay') === 'true';
  for (const s of sliders) {
    const v = num(q.get(s.key));
    if (v !== undefined) setup.values[s.key] = Math.min(s.max, Math.max(s.min, v));
  }
  for (const c of choices) {
    const v = q.get(c.key);
    if (v !== null && c.options.includes(v)) setup.choices[c.key] = v;
  }
  for (const [k, v] of q) {
    const m = /^(lever|budget|start)\.(.+)$/.exec(k);
    if (!m) continue;
    const l = (setup.levers[m[2]] ??= {});
    if (m[1] === 'lever' && (v === 'on' || v === 'off')) l.on = v === 'on';
    const n = num(v);
    if (m[1] === 'budget' && n !== undefined && n >= 0) l.budget = n;
    if (m[1] === 'start' && n !== undefined && Number.isInteger(n) && n >= 0) l.start = n;
  }
  return setup;
}

/** The query string of a setup (without the leading '?'), keys in a stable order. */
export function setupToQuery(setup: Setup, { sliders, choices }: Controls): string {
  const q = new URLSearchParams();
  q.set('scenario', setup.scenario);
  if (setup.seed !== undefined) q.set('seed', String(setup.seed));
  if (setup.steps !== undefined) q.set('steps', String(setup.steps));
  for (const s of sliders) if (setup.values[s.key] !== undefined) q.set(s.key, String(setup.values[s.key]));
  for (const c of choices) if (setup.choices[c.key] !== undefined) q.set(c.key, setup.choices[c.key]);
  for (const name of Object.keys(setup.levers).sort()) {
    const l = setup.levers[name];
    if (l.on !== undefined) q.set(`lever.${name}`, l.on ? 'on' : 'off');
    if (l.budget !== undefined) q.set(`budget.${name}`, String(l.budget));
    if (l.start !== undefined) q.set(`start.${name}`, String(l.start));
  }
  if (setup.speed !== emptySetup().speed) q.set('speed', String(setup.speed));
  if (setup.color !== emptySetup().color) q.set('color', setup.color);
  if (setup.autoplay) q.set('autoplay', '1');
  return q.toString();
}

/** Levers a student may add to a scenario without it: their parameters all have defaults. */
export const ADDABLE_LEVERS: readonly LeverId[] = LEVER_IDS.filter((id) => LEVERS[id].params.safeParse(undefined).success);

/** The lever instances of a scenario object: name, lever id and position in its list. */
export function leverInstances(raw: unknown): { name: string; lever: string; index: number; policy: Record<string, unknown> }[] {
  const policies = (raw as { policies?: unknown }).policies;
  if (!Array.isArray(policies)) return [];
  const names = instanceNames(policies as Policy[]);
  return policies.map((p, index) => ({ name: names[index], lever: String((p as Policy).lever), index, policy: p as Record<string, unknown> }));
}

/** Whether a setup changes anything in the model (seed and view settings aside). */
export function changesModel(setup: Setup): boolean {
  return Object.keys(setup.values).length > 0 || Object.keys(setup.choices).length > 0 || Object.values(setup.levers).some((l) => l.on !== undefined || l.budget !== undefined || l.start !== undefined);
}

/**
 * The scenario object a setup makes from the shipped scenario's (merged, `extends` resolved):
 * a new object, the original is left alone. Seed and steps are written into it, so the
 * exported file runs the same in the CLI with no option.
 */
export function applySetup(raw: unknown, setup: Setup, { sliders, choices }: Controls): Record<string, unknown> {
  const out = structuredClone(raw) as Record<string, unknown>;
  delete out.extends;
  if (setup.seed !== undefined) out.seed = setup.seed;
  if (setup.steps !== undefined) {
    out.steps = setup.steps;
    // Snapshots after the new last step would make the file invalid; they do not change the metrics.
    const rec = out.record as { snapshots?: unknown } | undefined;
    if (rec && Array.isArray(rec.snapshots)) out.record = { ...rec, snapshots: rec.snapshots.filter((s) => typeof s !== 'number' || s <= setup.steps!) };
  }
  for (const s of sliders) if (setup.values[s.key] !== undefined) applySlider(out, s, setup.values[s.key]);
  for (const c of choices) if (setup.choices[c.key] !== undefined) applyChoice(out, c, setup.choices[c.key]);
  const instances = leverInstances(out);
  const kept: Record<string, unknown>[] = [];
  const removed = instances.some((i) => setup.levers[i.name]?.on === false);
  for (const inst of instances) {
    const l = setup.levers[inst.name] ?? {};
    if (l.on === false) continue;
    // Removing one instance renumbers unnamed instances of the same lever (and their random
    // streams): name the kept ones as they were named.
    const p: Record<string, unknown> = removed ? { ...inst.policy, name: inst.name } : { ...inst.policy };
    if (l.budget !== undefined) p.budget = l.budget;
    if (l.start !== undefined) p.start = l.start;
    kept.push(p);
  }
  const present = new Set(instances.map((i) => i.name));
  for (const id of ADDABLE_LEVERS) {
    const l = setup.levers[id];
    if (present.has(id) || l?.on !== true) continue;
    kept.push({ lever: id, start: l.start ?? ADDED_LEVER.start, budget: l.budget ?? ADDED_LEVER.budget });
  }
  if (kept.length > 0 || instances.length > 0) out.policies = kept;
  return out;
}
