/**
 * Load an experiment file (Node side): read and validate it, load its base scenario
 * (a path relative to the experiment file), and plan the sweep.
 */
import fs from 'node:fs';
import path from 'node:path';
import { invalidFile, UserError } from '../messages.js';
import { parseExperiment } from '../experiments/parse.js';
import { planSweep, type SweepPlan } from '../experiments/plan.js';
import { loadScenarioFile, looksLikeExperiment } from '../io/scenario-file.js';
import { readInputText } from '../io/read.js';
import { parseDocumentSafely } from '../scenario/document.js';
import { validateScenario } from '../scenario/validate.js';
import type { Scenario } from '../scenario/schema.js';
import type { LimitOptions } from '../scenario/limits.js';
import { fingerprint, type SweepMeta } from './manifest.js';
import { msgSweep } from '../messages.js';
import type { Override } from '../experiments/overrides.js';

export interface LoadedExperiment {
  plan: SweepPlan;
  meta: SweepMeta;
  base: Scenario;
}

/**
 * Whether `file` looks like an experiment (a top-level `scenario:` and no `populations:`),
 * for `validate`, which takes both kinds. Unreadable or malformed files count as scenarios,
 * whose loader reports the problem.
 */
export function isExperimentFile(file: string): boolean {
  if (!/\.(ya?ml|json)$/i.test(file)) return false;
  let data: unknown;
  try {
    data = parseDocumentSafely(readInputText(file), file).parsed?.data;
  } catch {
    return false;
  }
  return looksLikeExperiment(data);
}

export interface LoadOptions extends LimitOptions {
  /** `--set PATH=VALUE` overrides of the base scenario. */
  overrides?: Override[];
  /** `--replicates N`: replicates per design point instead of the experiment's. */
  replicates?: number;
}

export async function loadExperimentFile(file: string, opts: LoadOptions = {}): Promise<LoadedExperiment> {
  if (!/\.(ya?ml|json)$/i.test(file)) throw new UserError(msgSweep.unsupportedExperiment(file));
  if (!fs.existsSync(file)) throw new UserError(msgSweep.experimentNotFound(file));
  const parsed = parseExperiment(readInputText(file), file);
  const experiment = opts.replicates !== undefined ? { ...parsed, replicates: opts.replicates } : parsed;
  const overrides = opts.overrides ?? [];
  // Relative to the experiment file; an absolute path is taken as it is.
  const scenarioPath = path.isAbsolute(experiment.scenario) ? experiment.scenario : path.join(path.dirname(file), experiment.scenario);
  if (!fs.existsSync(scenarioPath) || !fs.statSync(scenarioPath).isFile()) {
    throw invalidFile(file, [
      {
        file,
        path: 'scenario',
        message: `the base scenario '${experiment.scenario}' ${fs.existsSync(scenarioPath) ? 'is a folder, not a file' : 'does not exist'} (looked for ${scenarioPath}; a relative path is relative to the experiment file)`,
        found: experiment.scenario,
        allowed: 'a .yaml or .json scenario file: an absolute path, or a path relative to the experiment file',
      },
    ]);
  }
  const limits: LimitOptions = { maxAgents: opts.maxAgents };
  const base = await loadScenarioFile(scenarioPath, [], limits);
  // A varied or --set string may be a lever expression: the points' validation then needs the parser.
  const strings = (experiment.vary ?? []).some((v) => v.values?.some((x) => typeof x === 'string')) ||
    (experiment.design.type === 'list' && experiment.design.points.some((p) => Object.values(p).some((x) => typeof x === 'string'))) ||
    overrides.some((o) => typeof o.value === 'string');
  if (strings) await import('../engine/expr.js');
  const plan = planSweep(experiment, base, file, (obj, source) => validateScenario(obj, source, undefined, limits), overrides);
  const meta: SweepMeta = {
    fingerprint: '',
    experimentFile: file,
    scenarioFile: scenarioPath,
    experiment,
    paths: plan.paths,
    points: plan.points,
    replicates: plan.replicates,
    masterSeed: plan.masterSeed,
    designSeed: plan.designSeed,
    runCount: plan.runCount,
    steps: plan.steps,
    ...(overrides.length > 0 ? { overrides: overrides.map((o) => o.text) } : {}),
  };
  // What the runs depend on: the experiment, the resolved base scenario and the points.
  // Labels name the parameters on charts and do not change any run: they stay out of it, and
  // so does the number of replicates (runs are keyed by point and replicate, so a folder can
  // be extended by more replicates).
  const { replicates: _replicates, ...runsOf } = { ...experiment, vary: experiment.vary?.map(({ label: _label, ...v }) => v) };
  meta.fingerprint = fingerprint({ experiment: runsOf, base, points: plan.points, masterSeed: plan.masterSeed, steps: plan.steps, ...(overrides.length > 0 ? { overrides: meta.overrides } : {}) });
  return { plan, meta, base };
}

/**
 * The same experiment with another number of replicates per point (run ids and seeds follow
 * the rules in runs.ts; the fingerprint, which leaves replicates out, stays).
 */
export function withReplicates(loaded: LoadedExperiment, replicates: number): LoadedExperiment {
  const runCount = loaded.plan.points.length * replicates;
  return {
    ...loaded,
    plan: { ...loaded.plan, replicates, runCount, experiment: { ...loaded.plan.experiment, replicates } },
    meta: { ...loaded.meta, replicates, runCount, experiment: { ...loaded.meta.experiment, replicates } },
  };
}
