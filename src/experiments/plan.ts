/**
 * Experiment + base scenario -> sweep plan: the design points, the run count, and a
 * function giving the (validated) scenario of any design point. Pure: the caller loads the
 * files and passes the scenario validator.
 *
 * Phases: check the varied paths against the base scenario, check the design's size and
 * run count against the limits (before building anything), expand the design, apply each
 * point's values to the base scenario and validate it (so a bad path or value is reported
 * against the experiment file before any run starts).
 */
import { invalidFile, msgLimits, type Issue } from '../messages.js';
import { LIMITS, cpuSeconds, totalAgents } from '../scenario/limits.js';
import type { Scenario } from '../scenario/schema.js';
import { buildDesign, designSize, toFactor, type Factor } from './designs/index.js';
import { parseSelector, recordFor, unmatchedSelectors } from './keep.js';
import { POLICY_METRICS, REPORTERS } from '../engine/metrics/index.js';
import { instanceNames } from '../engine/policy.js';
import { describe } from './parse.js';
import { getPath, resolvePath, setPathInPlace } from './paths.js';
import type { Experiment, ParamValue } from './schema.js';
import { applyOverrides, overrideNumber, type Override } from './overrides.js';

export type ValidateScenario = (obj: unknown, source: string) => { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] };

export interface SweepPlan {
  experiment: Experiment;
  /** Varied paths, in `vary` order: the parameter columns of the tables. */
  paths: string[];
  factors: Factor[];
  points: ParamValue[][];
  replicates: number;
  masterSeed: number;
  designSeed: number;
  runCount: number;
  steps: number;
  /** The scenario of design point `p`, validated, with the sweep's steps and record. */
  scenarioFor(p: number): Scenario;
}

/** How many invalid points to report before stopping (a sweep can have thousands). */
const MAX_POINT_ISSUES = 5;

export function planSweep(experiment: Experiment, base: Scenario, file: string, validate: ValidateScenario, overrides: readonly Override[] = []): SweepPlan {
  const vary = experiment.vary ?? [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  vary.forEach((v, i) => {
    if (seen.has(v.path)) issues.push({ file, path: `vary.${i}.path`, message: `'${v.path}' is varied twice`, found: v.path, allowed: 'each path once' });
    seen.add(v.path);
    const res = resolvePath(base, v.path);
    if (!res.ok) {
      issues.push({
        file,
        path: `vary.${i}.path`,
        message: `unknown parameter path '${v.path}' in the scenario ${experiment.scenario}: ${res.reason} (at '${res.at}')`,
        found: v.path,
        allowed: res.allowed,
      });
    }
  });
  if (issues.length > 0) throw invalidFile(file, issues);

  const factors = vary.map(toFactor);
  sizeLimits(experiment, factors, base, file);
  const masterSeed = experiment.seed ?? base.seed;
  const designSeed = ('seed' in experiment.design ? experiment.design.seed : undefined) ?? masterSeed;
  const built = buildDesign(factors, experiment.design, designSeed);
  if (Array.isArray(built)) throw invalidFile(file, built.map((p) => ({ file, ...p })));
  const points = vary.length === 0 ? [[]] : built.points;

  // `--set steps=N` wins over the experiment's steps, which win over the scenario's.
  const steps = overrideNumber(overrides, 'steps') ?? experiment.steps ?? base.steps;
  // The overrides are checked on the scenario as the sweep runs it (its steps, no snapshots).
  const withSets = overrides.length === 0 ? base : applyOverrides(base, overrides, experiment.scenario, validate, (obj) => {
    obj.steps = steps;
    obj.record = { ...obj.record, snapshots: [] };
  });
  const keepIssues = keepProblems(experiment.keep, withSets, steps).map((p) => ({ file, ...p }));
  if (keepIssues.length > 0) throw invalidFile(file, keepIssues);
  const prepared = structuredClone(withSets) as Scenario;
  prepared.steps = steps;
  prepared.record = { ...prepared.record, ...recordFor(experiment.keep, steps) } as Scenario['record'];
  const paths = vary.map((v) => v.path);

  const build = (p: number): { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] } => {
    const obj = structuredClone(prepared) as unknown;
    paths.forEach((path, i) => setPathInPlace(obj, path, points[p]![i]));
    const res = validate(obj, `${file} (design point ${p})`);
    if (!res.ok) return { ok: false, issues: res.issues.map((issue) => pointIssue(issue, p, points[p]!, paths, file)) };
    // A field the scenario format does not know would be dropped silently: check it stuck.
    const lost = paths.findIndex((path, i) => !sameValue(getPath(res.scenario, path), points[p]![i]!));
    if (lost >= 0) {
      return {
        ok: false,
        issues: [{ file, path: `vary.${lost}.path`, message: `the scenario has no field '${paths[lost]}' (the value was dropped when validating)`, found: paths[lost], allowed: 'a path to an existing scenario field' }],
      };
    }
    return res;
  };

  // Validate every point up front; report the first few that fail.
  const pointIssues: Issue[] = [];
  let bad = 0;
  for (let p = 0; p < points.length && bad < MAX_POINT_ISSUES; p++) {
    const res = build(p);
    if (!res.ok) {
      bad++;
      pointIssues.push(...res.issues);
    }
  }
  if (pointIssues.length > 0) throw invalidFile(file, dedupe(pointIssues));

  return {
    experiment,
    paths,
    factors,
    points,
    replicates: experiment.replicates,
    masterSeed,
    designSeed,
    runCount: points.length * experiment.replicates,
    steps,
    scenarioFor(p) {
      const res = build(p);
      if (!res.ok) throw invalidFile(file, res.issues);
      return res.scenario;
    },
  };
}

/**
 * Design points and runs against LIMITS, from the design's numbers alone: nothing of the
 * size asked for is built before this passes.
 */
function sizeLimits(experiment: Experiment, factors: Factor[], base: Scenario, file: string): void {
  const size = designSize(factors, experiment.design);
  const at = (field: string) => ({ file, path: field });
  if (size.points > LIMITS.designPoints) {
    throw invalidFile(file, [{ ...at(size.field), ...msgLimits.designPoints(size.points, size.how, LIMITS.designPoints, size.points * (64 + 24 * factors.length)) }]);
  }
  const runs = size.points * experiment.replicates;
  if (runs > LIMITS.runs) {
    const steps = experiment.steps ?? base.steps;
    const issue = msgLimits.runs(runs, size.points, experiment.replicates, LIMITS.runs, runs * BYTES_PER_RUN, cpuSeconds(runs, steps, totalAgents(base)));
    throw invalidFile(file, [{ ...at(experiment.replicates > 1 ? 'replicates' : size.field), ...issue }]);
  }
}

/**
 * keep.steps and keep.metrics against what the runs will produce, before any run: a step
 * after the last one, or a selector (name@scope) that matches no metric of any scope of the
 * scenario, would otherwise be dropped silently or found only after the first batch.
 */
function keepProblems(keep: Experiment['keep'], sc: Scenario, steps: number): { path: string; message: string; found: string; allowed: string }[] {
  const out: { path: string; message: string; found: string; allowed: string }[] = [];
  if (Array.isArray(keep.steps)) {
    keep.steps.forEach((s, i) => {
      if (s > steps) out.push({ path: `keep.steps.${i}`, message: `step ${s} is after the last step of the runs (${steps})`, found: String(s), allowed: `0 .. ${steps}` });
    });
  } else if (typeof keep.steps === 'object' && keep.steps.every > steps) {
    out.push({ path: 'keep.steps.every', message: `every ${keep.steps.every} steps is more than the ${steps} steps of the runs: only the final step would be kept`, found: String(keep.steps.every), allowed: `1 .. ${steps}, or steps: final` });
  }
  if (keep.metrics) {
    const scopes = ['system', ...sc.regions.map((r) => `region:${r.id}`), ...sc.sectors.map((s) => `sector:${s.id}`)];
    const pairs: [string, string][] = scopes.flatMap((scope) => REPORTERS.map((r) => [scope, r.name] as [string, string]));
    for (const m of POLICY_METRICS) pairs.push(['system', m.name]);
    for (const name of instanceNames(sc.policies)) pairs.push(['system', `policy.spend.${name}`]);
    const unmatched = new Set(unmatchedSelectors(keep.metrics, pairs));
    keep.metrics.forEach((sel, i) => {
      if (!unmatched.has(sel)) return;
      const { name, scope } = parseSelector(sel);
      // An unknown name is reported by the scenario's validation, with a did-you-mean.
      if (name !== '*' && !pairs.some(([, m]) => m === name)) return;
      out.push({
        path: `keep.metrics.${i}`,
        message: `'${sel}' matches no metric: no scope '${scope}' in the scenario has it${name.startsWith('policy.') ? ' (policy metrics are system-wide only)' : ''}`,
        found: sel,
        allowed: `name, or name@scope with scope one of: ${scopes.join(', ')}, region:*, sector:*`,
      });
    });
  }
  return out;
}

/** Memory a sweep holds per run: its id in the run lists, its journal entry, its status line. */
const BYTES_PER_RUN = 300;

/** A scenario validation issue for a design point, reported against the experiment file. */
function pointIssue(issue: Issue, p: number, values: ParamValue[], paths: string[], file: string): Issue {
  if (issue.path.startsWith('record.metrics')) {
    return { file, path: 'keep.metrics', message: issue.message, found: issue.found, allowed: issue.allowed };
  }
  const i = paths.findIndex((path) => issue.path === path || issue.path.startsWith(`${path}.`));
  if (i < 0) return { ...issue, file, path: issue.path, message: `design point ${p} gives an invalid scenario: ${issue.message}` };
  return {
    file,
    path: `vary.${i}`,
    message: `the value ${describe(values[i])} for '${paths[i]}' (design point ${p}) is not valid in the scenario: ${issue.message}`,
    found: issue.found ?? describe(values[i]),
    allowed: issue.allowed,
  };
}

function sameValue(a: unknown, b: ParamValue): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
