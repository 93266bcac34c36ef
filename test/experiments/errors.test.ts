/**
 * Bad experiment files get errors naming the file, the line, the field and what is
 * allowed: unknown parameter path, empty list, min > max, zero replicates, and more.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError, type Issue } from '../../src/messages.js';
import { parseExperiment } from '../../src/experiments/parse.js';
import { planSweep } from '../../src/experiments/plan.js';
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { loadExperimentFile } from '../../src/sweep/load.js';

const TINY = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'sweep', 'fixtures', 'tiny.yaml');

function issuesOf(fn: () => unknown): Issue[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).issues;
  }
  throw new Error('expected a UserError');
}

const parse = (text: string) => issuesOf(() => parseExperiment(text, 'exp.yaml'));

describe('experiment file errors', () => {
  it('zero replicates', () => {
    const [i] = parse('scenario: s.yaml\nreplicates: 0\n');
    expect(i).toMatchObject({ file: 'exp.yaml', line: 2, path: 'replicates', found: '0', allowed: 'a number >= 1' });
  });

  it('an empty list of values, and an empty vary', () => {
    const [i] = parse('scenario: s.yaml\nvary:\n  - path: a.b\n    values: []\n');
    expect(i).toMatchObject({ path: 'vary.0.values', line: 4, message: 'the list is empty', allowed: 'at least one value' });
    const [j] = parse('scenario: s.yaml\nvary: []\n');
    expect(j).toMatchObject({ path: 'vary', message: 'the list is empty' });
    expect(j!.allowed).toMatch(/leave out vary/);
  });

  it('a range with min > max', () => {
    const [i] = parse('scenario: s.yaml\nvary:\n  - { path: a.b, min: 2, max: 1 }\n');
    expect(i).toMatchObject({ path: 'vary.0.min', line: 3, allowed: 'min <= max (1)' });
    expect(i!.message).toMatch(/min \(2\) is greater than max \(1\)/);
  });

  it('unknown fields and design types list what is allowed', () => {
    const [i] = parse('scenario: s.yaml\nreplicate: 3\n');
    expect(i).toMatchObject({ path: '', line: 2, found: 'replicate' });
    expect(i!.allowed).toContain('replicates');
    const [j] = parse('scenario: s.yaml\ndesign: { type: factorial }\n');
    expect(j).toMatchObject({ path: 'design.type', found: '"factorial"', allowed: 'grid, list, lhs, sobol, morris' });
    const [k] = parse('scenario: s.yaml\ndesign: { type: lhs, samples: 4, trajectories: 3 }\n');
    expect(k!.allowed).toBe('type, samples, seed');
  });

  it('a missing scenario and bad YAML', () => {
    expect(parse('replicates: 2\n')[0]).toMatchObject({ path: 'scenario', message: 'this field is required' });
    expect(parse('scenario: [\n')[0]!.message).toMatch(/malformed YAML/);
  });

  it('an unknown parameter path names the field, the missing key and the keys there are', async () => {
    const base = await loadScenarioFile(TINY);
    const exp = parseExperiment('scenario: tiny.yaml\nvary:\n  - { path: parameters.mechanisms.spilover.rate, values: [0.1] }\n', 'exp.yaml');
    const [i] = issuesOf(() => planSweep(exp, base, 'exp.yaml', validateScenario));
    expect(i).toMatchObject({ file: 'exp.yaml', path: 'vary.0.path', found: 'parameters.mechanisms.spilover.rate' });
    expect(i!.message).toMatch(/unknown parameter path.*no field 'spilover'/);
    expect(i!.allowed).toContain('spillover');
    const exp2 = parseExperiment('scenario: tiny.yaml\nvary:\n  - { path: policies.3.budget, values: [1] }\n', 'exp.yaml');
    expect(issuesOf(() => planSweep(exp2, base, 'exp.yaml', validateScenario))[0]).toMatchObject({ path: 'vary.0.path', allowed: '0..0' });
  });

  it('a value the scenario rejects is reported against the varied field', async () => {
    const base = await loadScenarioFile(TINY);
    const exp = parseExperiment('scenario: tiny.yaml\nvary:\n  - { path: parameters.mechanisms.spillover.rate, values: [0.5, 2] }\n', 'exp.yaml');
    const [i] = issuesOf(() => planSweep(exp, base, 'exp.yaml', validateScenario));
    expect(i).toMatchObject({ file: 'exp.yaml', path: 'vary.0' });
    expect(i!.message).toMatch(/value 2 for 'parameters.mechanisms.spillover.rate' \(design point 1\)/);
  });

  it('an unknown metric is reported against keep.metrics', async () => {
    const base = await loadScenarioFile(TINY);
    const exp = parseExperiment('scenario: tiny.yaml\nkeep: { metrics: [knowledge.meen] }\n', 'exp.yaml');
    const [i] = issuesOf(() => planSweep(exp, base, 'exp.yaml', validateScenario));
    expect(i).toMatchObject({ path: 'keep.metrics', found: '"knowledge.meen"' });
    expect(i!.allowed).toContain('knowledge.mean');
  });

  it('loading names the experiment file and a base scenario that does not exist', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clustersim-exp-'));
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'scenario: nowhere.yaml\n');
    await expect(loadExperimentFile(file)).rejects.toThrow(new RegExp(`${file}: 1 problem found[\\s\\S]*scenario: the base scenario 'nowhere.yaml' does not exist`));
    fs.rmSync(dir, { recursive: true });
  });
});

describe('keep is checked before any run', () => {
  it('a kept step after the last step, and every k beyond the steps', async () => {
    const base = await loadScenarioFile(TINY);
    const list = parseExperiment('scenario: tiny.yaml\nsteps: 4\nkeep: { steps: [0, 2, 9] }\n', 'exp.yaml');
    expect(issuesOf(() => planSweep(list, base, 'exp.yaml', validateScenario))).toEqual([
      { file: 'exp.yaml', path: 'keep.steps.2', message: 'step 9 is after the last step of the runs (4)', found: '9', allowed: '0 .. 4' },
    ]);
    const every = parseExperiment('scenario: tiny.yaml\nsteps: 4\nkeep: { steps: { every: 10 } }\n', 'exp.yaml');
    expect(issuesOf(() => planSweep(every, base, 'exp.yaml', validateScenario))[0]).toMatchObject({ path: 'keep.steps.every', found: '10' });
  });

  it('a scope that does not exist, and a policy metric asked for a region', async () => {
    const base = await loadScenarioFile(TINY);
    const exp = parseExperiment('scenario: tiny.yaml\nkeep: { metrics: [knowledge.mean@region:nowhere, knowledge.mean@region:*, policy.spend@region:north, "*@sector:furniture"] }\n', 'exp.yaml');
    const issues = issuesOf(() => planSweep(exp, base, 'exp.yaml', validateScenario));
    expect(issues.map((i) => i.path)).toEqual(['keep.metrics.0', 'keep.metrics.2']);
    expect(issues[0]!.message).toBe("'knowledge.mean@region:nowhere' matches no metric: no scope 'region:nowhere' in the scenario has it");
    expect(issues[0]!.allowed).toContain('region:north, region:south, sector:furniture');
    expect(issues[1]!.message).toMatch(/policy metrics are system-wide only/);
  });

  it('a scenario given as an experiment, and an experiment given as a scenario, say which command takes them', async () => {
    const [i, ...rest] = parse('name: x\nextends: base.yaml\npolicies: []\n');
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ file: 'exp.yaml', path: '' });
    expect(i!.message).toMatch(/is a scenario file/);
    expect(i!.allowed).toContain('clustersim run exp.yaml');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kind-'));
    const exp = path.join(dir, 'exp.yaml');
    fs.writeFileSync(exp, `scenario: ${TINY}\nreplicates: 2\n`);
    const err = await loadScenarioFile(exp).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const issues = (err as UserError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: exp, path: 'scenario' });
    expect(issues[0]!.allowed).toContain(`clustersim sweep ${exp}`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
