/**
 * Experiment + base scenario -> sweep plan: the design points, the run count, and a
 * function giving the (validated) scenario of any design point. Pure: the caller loads the
 * files and passes the scenario validator.
 *
 * Phases: check the varied paths against the base scenario, expand the design, apply each
 * point's values to the base scenario and validate it (so a bad path or value is reported
 * against the experiment file before any run starts).
 */
import { invalidFile, type Issue } from '../messages.js';
import type { Scenario } from '../scenario/schema.js';
import { buildDesign, toFactor, type Factor } from './designs/index.js';
import { recordFor } from './keep.js';
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
