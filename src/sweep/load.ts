/**
 * Load an experiment file (Node side): read and validate it, load its base scenario
 * (a path relative to the experiment file), and plan the sweep.
 */
import fs from 'node:fs';
import path from 'node:path';
import { invalidFile, UserError } from '../messages.js';
import { parseExperiment } from '../experiments/parse.js';
import { planSweep, type SweepPlan } from '../experiments/plan.js';
import { loadScenarioFile } from '../io/scenario-file.js';
import { validateScenario } from '../scenario/validate.js';
import type { Scenario } from '../scenario/schema.js';
import { fingerprint, type SweepMeta } from './manifest.js';
import { msgSweep } from '../messages.js';

export interface LoadedExperiment {
  plan: SweepPlan;
  meta: SweepMeta;
  base: Scenario;
}

export async function loadExperimentFile(file: string): Promise<LoadedExperiment> {
  if (!/\.(ya?ml|json)$/i.test(file)) throw new UserError(msgSweep.unsupportedExperiment(file));
  if (!fs.existsSync(file)) throw new UserError(msgSweep.experimentNotFound(file));
  const experiment = parseExperiment(fs.readFileSync(file, 'utf8'), file);
  const scenarioPath = path.join(path.dirname(file), experiment.scenario);
  if (!fs.existsSync(scenarioPath)) {
    throw invalidFile(file, [
      {
        file,
        path: 'scenario',
        message: `the base scenario '${experiment.scenario}' does not exist (looked for ${scenarioPath}; the path is relative to the experiment file)`,
        found: experiment.scenario,
        allowed: 'a .yaml or .json scenario file, relative to the experiment file',
      },
    ]);
  }
  const base = await loadScenarioFile(scenarioPath);
  const plan = planSweep(experiment, base, file, validateScenario);
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
  };
  // What the runs depend on: the experiment, the resolved base scenario and the points.
  meta.fingerprint = fingerprint({ experiment, base, points: plan.points, masterSeed: plan.masterSeed, steps: plan.steps });
  return { plan, meta, base };
}
