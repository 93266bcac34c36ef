/**
 * `--set PATH=VALUE` overrides (run, compare, sweep): one scenario field changed without
 * copying the file. PATH has the syntax of an experiment's varied paths (dotted, list
 * entries by index, e.g. `policies.0.budget`) and is checked the same way, against the
 * scenario as it is after `extends:` and defaults; VALUE is read as YAML (`3`, `0.5`,
 * `true`, `[sme, kibs]`, `{every: 4}`, or plain text). The changed scenario is validated
 * as a whole, and a problem is reported against the `--set` that caused it. Pure: the
 * caller passes the scenario validator.
 */
import { parse as parseYaml } from 'yaml';
import { invalidFile, type Issue } from '../messages.js';
import type { Scenario } from '../scenario/schema.js';
import { describe } from './parse.js';
import { getPath, resolvePath, setPathInPlace } from './paths.js';
import type { ValidateScenario } from './plan.js';
import { PATH_PATTERN } from './schema.js';

export interface Override {
  /** As typed: `policies.0.budget=20`. */
  text: string;
  path: string;
  value: unknown;
}

export const SET_SOURCE = '--set';

/** Names that would reach an object's prototype rather than a scenario field. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Parses `PATH=VALUE`; returns an issue for anything else. */
export function parseOverride(text: string): Override | Issue {
  const eq = text.indexOf('=');
  const issue = (message: string, allowed: string): Issue => ({ file: SET_SOURCE, path: text, message, found: text, allowed });
  if (eq <= 0) return issue('expected PATH=VALUE', 'PATH=VALUE, e.g. seed=7, steps=40 or policies.0.budget=20');
  const path = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  if (!PATH_PATTERN.test(path) || path.split('.').some((s) => FORBIDDEN.has(s))) {
    return issue(`'${path}' is not a field path`, 'a dotted path such as parameters.mechanisms.spillover.rate or policies.0.intensity');
  }
  if (raw === '') return issue(`no value after '${path}='`, 'a number, true/false, text, or a YAML list or mapping');
  let value: unknown;
  try {
    value = parseYaml(raw);
  } catch (e) {
    return issue(`the value '${raw}' is not valid YAML: ${(e as Error).message.split('\n')[0]}`, 'a number, true/false, text, or a YAML list or mapping');
  }
  return { text, path, value: value === null ? raw : value };
}

/** Parses every `--set` text; throws a UserError listing all the bad ones. */
export function parseOverrides(texts: readonly string[] | undefined): Override[] {
  const parsed = (texts ?? []).map(parseOverride);
  const bad = parsed.filter((p): p is Issue => !('value' in p));
  if (bad.length > 0) throw invalidFile(SET_SOURCE, bad);
  return parsed as Override[];
}

/**
 * The scenario with every override applied (in order; a later one wins) and validated.
 * `scenarioFile` names the scenario in messages. `finish`, if given, changes the object
 * after the overrides and before validation (a sweep or comparison sets its steps and what
 * to record there).
 */
export function applyOverrides(
  base: Scenario,
  overrides: readonly Override[],
  scenarioFile: string,
  validate: ValidateScenario,
  finish?: (obj: Scenario) => void,
  /** Rewrites an issue that `finish` caused (e.g. a --metrics name); undefined: leave it. */
  mapIssue?: (issue: Issue) => Issue | undefined,
): Scenario {
  if (overrides.length === 0 && !finish) return base;
  const issues: Issue[] = [];
  for (const o of overrides) {
    const res = resolvePath(base, o.path);
    if (!res.ok) {
      issues.push({
        file: SET_SOURCE,
        path: o.text,
        message: `unknown parameter path '${o.path}' in the scenario ${scenarioFile}: ${res.reason} (at '${res.at}')`,
        found: o.path,
        allowed: res.allowed,
      });
    }
  }
  if (issues.length > 0) throw invalidFile(SET_SOURCE, issues);
  const obj = structuredClone(base) as unknown;
  for (const o of overrides) setPathInPlace(obj, o.path, o.value);
  finish?.(obj as Scenario);
  const res = validate(obj, overrides.length > 0 ? `${scenarioFile} (with ${overrides.map((o) => `--set ${o.text}`).join(' ')})` : scenarioFile);
  if (!res.ok) {
    const mapped = res.issues.map((i) => mapIssue?.(i) ?? (overrides.length > 0 ? overrideIssue(i, overrides) : i));
    throw invalidFile(mapped.every((i) => i.file === SET_SOURCE) ? SET_SOURCE : scenarioFile, mapped);
  }
  // A field the scenario format does not know would be dropped silently: check it stuck.
  const overlaps = (x: string, y: string) => x === y || x.startsWith(`${y}.`) || y.startsWith(`${x}.`);
  const final = overrides.filter((o, i) => !overrides.slice(i + 1).some((later) => overlaps(later.path, o.path)));
  const lost = final.find((o) => JSON.stringify(getPath(res.scenario, o.path)) !== JSON.stringify(o.value));
  if (lost && !isDefaulted(res.scenario, lost)) {
    throw invalidFile(SET_SOURCE, [
      { file: SET_SOURCE, path: lost.text, message: `the scenario has no field '${lost.path}' (the value was dropped when validating)`, found: lost.path, allowed: 'a path to an existing scenario field' },
    ]);
  }
  return res.scenario;
}

/**
 * `seed=N` and `steps=N` among the overrides of a single run: they act as `--seed` and
 * `--steps` do (a run setting, not checked against the policies' start steps or the
 * snapshot steps, which a shorter run simply never reaches). Returns them and the rest.
 */
export function runSettings(overrides: readonly Override[]): { seed?: number; steps?: number; rest: Override[] } {
  const out: { seed?: number; steps?: number; rest: Override[] } = { rest: [] };
  const issues: Issue[] = [];
  for (const o of overrides) {
    if (o.path === 'seed' || o.path === 'steps') {
      const v = o.value;
      const max = o.path === 'seed' ? 2 ** 32 - 1 : Number.MAX_SAFE_INTEGER;
      const min = o.path === 'seed' ? 0 : 1;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
        issues.push({ file: SET_SOURCE, path: o.text, message: `${o.path} must be a whole number ${o.path === 'seed' ? 'in [0, 2^32 - 1]' : '>= 1'}`, found: describe(v), allowed: o.path === 'seed' ? 'a whole number in [0, 2^32 - 1]' : 'a whole number >= 1' });
      } else out[o.path] = v;
    } else out.rest.push(o);
  }
  if (issues.length > 0) throw invalidFile(SET_SOURCE, issues);
  return out;
}

/** The whole-number value of a `steps=` (or other) override, if any (the last one wins). */
export function overrideNumber(overrides: readonly Override[], path: string): number | undefined {
  const o = [...overrides].reverse().find((x) => x.path === path);
  return o && typeof o.value === 'number' ? o.value : undefined;
}

/** An object value the validator filled with defaults (e.g. `{every: 4}` gained fields): it stuck. */
function isDefaulted(scenario: Scenario, o: Override): boolean {
  const got = getPath(scenario, o.path);
  if (got === undefined || o.value === null || typeof o.value !== 'object' || typeof got !== 'object' || got === null) return false;
  return Object.entries(o.value as Record<string, unknown>).every(([k, v]) => JSON.stringify((got as Record<string, unknown>)[k]) === JSON.stringify(v));
}

/** A scenario validation issue, reported against the --set that caused it. */
function overrideIssue(issue: Issue, overrides: readonly Override[]): Issue {
  const o = [...overrides].reverse().find((x) => issue.path === x.path || issue.path.startsWith(`${x.path}.`) || x.path.startsWith(`${issue.path}.`));
  if (!o) return { ...issue, message: `the scenario with the --set values is not valid: ${issue.message}` };
  return {
    file: SET_SOURCE,
    path: o.text,
    message: `the value ${describe(o.value)} for '${o.path}' is not valid in the scenario: ${issue.path === o.path ? '' : `${issue.path}: `}${issue.message}`,
    found: issue.found ?? describe(o.value),
    allowed: issue.allowed,
  };
}
