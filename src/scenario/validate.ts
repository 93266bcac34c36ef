/**
 * Scenario validation: the zod schema first (types, ranges, unknown fields), then the
 * references between parts of the file (regions, sectors, domains, metrics, lever
 * settings and expressions), then the size limits (limits.ts). Every problem becomes an `Issue` naming the field path, what
 * was found and what is allowed; `locate` adds the file and line where the source gives one.
 */
import { z } from 'zod';
import { ScenarioSchema, type Scenario } from './schema.js';
import { msgLimits, type Issue } from '../messages.js';
import { LEVERS } from '../engine/levers/index.js';
import type { Lever } from '../engine/contract.js';
import { METRIC_NAMES, METRIC_SYMBOLS } from '../engine/metrics/index.js';
import { checkSetting } from '../engine/leverSetting.js';
import { instanceNames } from '../engine/policy.js';
import { LIMITS, cpuSeconds, scenarioLimitProblems, type LimitOptions } from './limits.js';

export type Locate = (path: (string | number)[]) => { file: string; line?: number; column?: number };

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] };

const show = (v: unknown): string => {
  if (v === undefined) return '(missing)';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

function valueAt(obj: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** The object keys the schema allows at `path` (for "unknown field" messages). */
function allowedKeys(schema: z.ZodType, path: PropertyKey[], data: unknown): string[] {
  let cur: z.ZodType | undefined = schema;
  let val: unknown = data;
  const unwrap = (s: z.ZodType): z.ZodType => {
    let t: any = s;
    for (;;) {
      const d = t._zod.def;
      if (['default', 'prefault', 'optional', 'nullable', 'pipe'].includes(d.type)) t = d.innerType ?? d.in;
      else return t;
    }
  };
  const pickUnion = (s: any, v: unknown): z.ZodType => {
    if (s._zod.def.type !== 'union') return s;
    const lever = (v as { lever?: unknown } | undefined)?.lever;
    for (const o of s._zod.def.options) {
      const lit = o._zod.def.shape?.lever?._zod.def.values?.[0];
      if (lit !== undefined && lit === lever) return o;
    }
    return s._zod.def.options[0];
  };
  for (const k of path) {
    if (!cur) return [];
    let s: any = pickUnion(unwrap(cur), val);
    s = unwrap(s);
    if (s._zod.def.type === 'array') cur = s._zod.def.element;
    else if (s._zod.def.type === 'object') cur = s._zod.def.shape[k as string];
    else if (s._zod.def.type === 'record') cur = s._zod.def.valueType;
    else return [];
    val = (val as Record<PropertyKey, unknown> | undefined)?.[k];
  }
  if (!cur) return [];
  const s: any = unwrap(pickUnion(unwrap(cur), val));
  return s._zod.def.type === 'object' ? Object.keys(s._zod.def.shape) : [];
}

/** Closest candidate by edit distance, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined, bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

function zodIssues(error: z.ZodError, data: unknown, locate: Locate): Issue[] {
  const out: Issue[] = [];
  const add = (path: PropertyKey[], message: string, found?: string, allowed?: string) =>
    out.push({ ...locate(path as (string | number)[]), path: path.map(String).join('.'), message, found, allowed });
  const visit = (issues: readonly z.core.$ZodIssue[], base: PropertyKey[]) => {
    for (const iss of issues) {
      const path = [...base, ...iss.path];
      switch (iss.code) {
        case 'unrecognized_keys': {
          const allowed = allowedKeys(ScenarioSchema, path, data);
          for (const key of iss.keys) {
            const hint = closest(key, allowed);
            add([...path, key], `unknown field '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}`, show(valueAt(data, [...path, key])), allowed.join(', '));
          }
          break;
        }
        case 'invalid_union': {
          // The policies union: report the lever name problem, or the best option's issues.
          // (A discriminated union reports a bad `lever` at the path of the field itself.)
          if (path[path.length - 1] === 'lever') path.pop();
          const v = valueAt(data, path) as { lever?: unknown } | undefined;
          if (v && typeof v === 'object' && 'lever' in v && !(Object.keys(LEVERS) as string[]).includes(String(v.lever))) {
            const hint = closest(String(v.lever), Object.keys(LEVERS));
            add([...path, 'lever'], `unknown lever '${String(v.lever)}'${hint ? ` (did you mean '${hint}'?)` : ''}`, show(v.lever), Object.keys(LEVERS).join(', '));
          } else if (v && typeof v === 'object' && !('lever' in v)) {
            add([...path, 'lever'], 'required field is missing: which lever this policy entry switches on', '(missing)', Object.keys(LEVERS).join(', '));
          } else if (iss.errors.length) {
            visit(iss.errors.reduce((a, b) => (a.length <= b.length ? a : b)), path);
          } else add(path, iss.message, show(v));
          break;
        }
        case 'invalid_value': {
          const found = valueAt(data, path);
          const options = iss.values.map(String);
          const hint = typeof found === 'string' ? closest(found, options) : undefined;
          const what = path[path.length - 1] === 'lever' ? `unknown lever '${String(found)}'` : 'value not allowed';
          add(path, `${what}${hint ? ` (did you mean '${hint}'?)` : ''}`, show(found), options.join(', '));
          break;
        }
        case 'invalid_type':
          add(path, valueAt(data, path) === undefined ? 'required field is missing' : `wrong type: expected ${iss.expected}`, show(valueAt(data, path)), iss.expected);
          break;
        case 'too_small':
          add(path, iss.message, show(valueAt(data, path)), iss.origin === 'array' ? `at least ${iss.minimum} item(s)` : `${iss.inclusive === false ? '>' : '>='} ${iss.minimum}`);
          break;
        case 'too_big':
          if (path.length === 1 && path[0] === 'steps' && typeof valueAt(data, path) === 'number') {
            // The step limit says what the steps would cost.
            const steps = valueAt(data, path) as number;
            const pops = valueAt(data, ['populations']);
            const agents = Array.isArray(pops) ? pops.reduce((s: number, p: { count?: unknown }) => s + (typeof p?.count === 'number' ? p.count : 0), 0) : 0;
            const l = msgLimits.steps(steps, LIMITS.steps, agents, cpuSeconds(1, steps, agents));
            add(path, l.message, l.found, l.allowed);
            break;
          }
          add(path, iss.message, show(valueAt(data, path)), iss.origin === 'array' ? `at most ${iss.maximum} item(s)` : `${iss.inclusive === false ? '<' : '<='} ${iss.maximum}`);
          break;
        default:
          add(path, iss.message, show(valueAt(data, path)));
      }
    }
  };
  visit(error.issues, []);
  return out;
}

/**
 * References between parts of a schema-valid scenario. `runSteps`: the steps a command runs
 * instead of the scenario's (`run --steps`, `--set steps=`): a longer run may take snapshots
 * up to its own last step; a shorter one simply never reaches the later ones.
 */
function referenceIssues(sc: Scenario, locate: Locate, runSteps?: number): Issue[] {
  const out: Issue[] = [];
  const add = (path: (string | number)[], message: string, found: unknown, allowed: string) =>
    out.push({ ...locate(path), path: path.join('.'), message, found: show(found), allowed });
  const regions = sc.regions.map((r) => r.id), sectors = sc.sectors.map((s) => s.id);
  const dup = (list: string[], what: string, field: string) =>
    list.forEach((id, k) => { if (list.indexOf(id) !== k) add([field, k, ...(field === 'domains' ? [] : ['id'])], `duplicate ${what} '${id}'`, id, `unique ${what} names`); });
  dup(regions, 'region', 'regions');
  dup(sectors, 'sector', 'sectors');
  dup([...sc.domains], 'domain', 'domains');
  const ref = (path: (string | number)[], id: string, list: string[], what: string) => {
    if (list.includes(id)) return;
    const hint = closest(id, list);
    add(path, `unknown ${what} '${id}'${hint ? ` (did you mean '${hint}'?)` : ''}`, id, list.join(', '));
  };
  sc.populations.forEach((p, k) => {
    ref(['populations', k, 'region'], p.region, regions, 'region');
    ref(['populations', k, 'sector'], p.sector, sectors, 'sector');
  });
  sc.sectors.forEach((s, k) => {
    for (const d of Object.keys(s.domainWeights ?? {})) ref(['sectors', k, 'domainWeights', d], d, [...sc.domains], 'domain');
  });
  const names = instanceNames(sc.policies);
  sc.policies.forEach((p, k) => {
    const base: (string | number)[] = ['policies', k];
    p.target.regions?.forEach((r, q) => ref([...base, 'target', 'regions', q], r, regions, 'region'));
    p.target.sectors?.forEach((s, q) => ref([...base, 'target', 'sectors', q], s, sectors, 'sector'));
    if (p.end !== undefined && p.end < p.start) add([...base, 'end'], `end (${p.end}) is before start (${p.start})`, p.end, `a step >= start (${p.start})`);
    if (p.start >= sc.steps) add([...base, 'start'], `start is at or after the last step`, p.start, `0 .. ${sc.steps - 1}`);
    if (names.indexOf(names[k]) !== k) add([...base, 'name'], `duplicate lever instance name '${names[k]}'`, names[k], 'a unique name per policy entry');
    for (const field of ['budget', 'intensity'] as const) {
      const v = p[field];
      if (typeof v === 'string') {
        const problem = checkSetting(v, METRIC_SYMBOLS);
        if (problem) add([...base, field], `bad expression: ${problem}`, v, `a number, or an expression of t and: ${[...METRIC_SYMBOLS].filter((s) => s !== 't').join(', ')}`);
      } else if (v < 0 && field === 'budget') add([...base, field], 'budget must not be negative', v, '>= 0');
    }
    const lever = LEVERS[p.lever] as Lever<unknown>;
    // A target that can select nothing the lever acts on configures a policy that changes nothing.
    const t = p.target as Record<string, unknown>;
    if (lever.targetKinds === null) {
      const set = Object.keys(t).filter((key) => t[key] !== undefined);
      if (set.length > 0) add([...base, 'target'], `${p.lever} does not use a target (it acts on what its params name), so target.${set[0]} would change nothing`, set.join(', '), 'no target on this lever');
    } else if (p.target.kinds && !p.target.kinds.some((x) => lever.targetKinds!.includes(x))) {
      add([...base, 'target', 'kinds'], `${p.lever} acts only on ${lever.targetKinds.join(', ')}; target.kinds [${p.target.kinds.join(', ')}] has none of them, so the lever would change nothing`, p.target.kinds.join(', '), `one or more of ${lever.targetKinds.join(', ')}`);
    }
    for (const prob of lever.check?.(p.params, sc, p) ?? []) {
      const sub = prob.path ? prob.path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)) : [];
      out.push({ ...locate([...base, ...sub]), path: [...base, ...sub].join('.'), message: prob.message, allowed: prob.allowed });
    }
  });
  sc.record.metrics?.forEach((m, k) => {
    if (METRIC_NAMES.includes(m) || m === 'policy.spend') return;
    ref(['record', 'metrics', k], m, [...METRIC_NAMES, 'policy.spend'], 'metric');
  });
  const last = Math.max(sc.steps, runSteps ?? 0);
  sc.record.snapshots.forEach((s, k) => {
    if (s > last) add(['record', 'snapshots', k], 'snapshot step is after the last step', s, `0 .. ${last}`);
  });
  return out;
}

/** The size limits `sc` exceeds (limits.ts), as issues; `opts` sets --max-agents and a --steps override. */
export function limitIssues(sc: Scenario, locate: Locate, opts: LimitOptions = {}): Issue[] {
  return scenarioLimitProblems(sc, METRIC_NAMES.length, opts).map((p) => ({ ...locate(p.path), path: p.path.join('.'), message: p.message, found: p.found, allowed: p.allowed }));
}

export function validateScenario(obj: unknown, source: string, locate: Locate = () => ({ file: source }), opts: LimitOptions = {}): ValidationResult {
  const parsed = ScenarioSchema.safeParse(obj);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, obj, locate) };
  const issues = [...limitIssues(parsed.data, locate, opts), ...referenceIssues(parsed.data, locate, opts.lastStep)];
  return issues.length ? { ok: false, issues } : { ok: true, scenario: parsed.data };
}
