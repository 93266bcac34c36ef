/**
 * `clustersim validate` on broken scenario files (test/scenario/broken/): each problem is
 * reported with the file, the line where the source gives one, the field path, what was
 * found and what is allowed.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadScenarioWithIssues, loadScenarioFile } from '../../src/io/scenario-file.js';
import { UserError, type Issue } from '../../src/messages.js';

const dir = 'test/scenario/broken';
const load = async (name: string): Promise<Issue[]> => (await loadScenarioWithIssues(path.join(dir, name))).issues;

interface Case {
  file: string;
  path: string;
  line?: number;
  message: RegExp;
  allowed?: RegExp;
}

const CASES: Case[] = [
  { file: 'unknown-field.yaml', path: 'regions.0.socialCapitol', line: 5, message: /unknown field 'socialCapitol' \(did you mean 'socialCapital'\?\)/, allowed: /socialCapital/ },
  { file: 'wrong-type.yaml', path: 'steps', line: 2, message: /wrong type: expected number/, allowed: /number/ },
  { file: 'negative-count.yaml', path: 'populations.0.count', line: 4, message: />=0/, allowed: />= 0/ },
  { file: 'probability-range.yaml', path: 'regions.0.socialCapital', line: 4, message: /<=1/, allowed: /<= 1/ },
  { file: 'unknown-region.yaml', path: 'populations.0.region', line: 4, message: /unknown region 'nort' \(did you mean 'north'\?\)/, allowed: /^north$/ },
  { file: 'unknown-sector.yaml', path: 'populations.0.sector', line: 4, message: /unknown sector 'textiles'/, allowed: /furniture/ },
  { file: 'unknown-domain.yaml', path: 'sectors.0.domainWeights.plastics', line: 4, message: /unknown domain 'plastics'/, allowed: /design, materials/ },
  { file: 'unknown-lever.yaml', path: 'policies.0.lever', line: 4, message: /unknown lever 'ictTrainig' \(did you mean 'ictTraining'\?\)/, allowed: /ictTraining/ },
  { file: 'unknown-kind.yaml', path: 'populations.0.kind', line: 4, message: /value not allowed/, allowed: /sme.*leading.*research/ },
  { file: 'end-before-start.yaml', path: 'policies.0.end', line: 4, message: /end \(3\) is before start \(10\)/ },
  { file: 'negative-budget.yaml', path: 'policies.0.budget', line: 4, message: /budget must not be negative/, allowed: />= 0/ },
  { file: 'bad-expression.yaml', path: 'policies.0.intensity', line: 4, message: /unknown symbol 'ictAdopton'/, allowed: /ictAdoption/ },
  { file: 'syntax-expression.yaml', path: 'policies.0.budget', line: 4, message: /syntax error/ },
  { file: 'research-not-targeted.yaml', path: 'policies.0.params.research', line: 6, message: /research is true, but target.kinds \[sme, leading\] leaves research institutions out/, allowed: /add research to target.kinds/ },
  { file: 'research-only-not-subsidised.yaml', path: 'policies.0.params.research', message: /target.kinds is \[research\], but research is false/, allowed: /set research: true/ },
  { file: 'target-kinds-none.yaml', path: 'policies.0.target.kinds', line: 6, message: /ictTraining acts only on sme; target.kinds \[kibs, research\] has none of them/, allowed: /one or more of sme/ },
  { file: 'target-not-used.yaml', path: 'policies.0.target', line: 9, message: /institutionalExchange does not use a target .*target.kinds would change nothing/, allowed: /no target/ },
  { file: 'missing-field.yaml', path: 'domains', message: /required field is missing/ },
  { file: 'unknown-metric.yaml', path: 'record.metrics.1', line: 4, message: /unknown metric 'knowlege.gini' \(did you mean 'knowledge.gini'\?\)/ },
  { file: 'malformed.yaml', path: '', line: 4, message: /malformed YAML/ },
  { file: 'malformed.json', path: '', line: 1, message: /malformed JSON/ },
];

describe('validate: broken scenario files', () => {
  it('accepts the valid base they extend', async () => {
    expect(await load('base.yaml')).toEqual([]);
  });
  for (const c of CASES) {
    it(`${c.file}: ${c.path || '(document)'}`, async () => {
      const issues = await load(c.file);
      const hit = issues.find((i) => i.path === c.path && c.message.test(i.message));
      expect(hit, JSON.stringify(issues, null, 1)).toBeDefined();
      expect(hit!.file).toBe(path.join(dir, c.file));
      if (c.line !== undefined) expect(hit!.line).toBe(c.line);
      if (c.allowed) expect(hit!.allowed).toMatch(c.allowed);
    });
  }
  it('names a missing extends target and the file naming it', async () => {
    await expect(loadScenarioFile(path.join(dir, 'extends-missing.yaml'))).rejects.toThrow(/extends-missing.yaml: extends: cannot read 'no-such-file.yaml'/);
  });
  it('throws a UserError listing every problem', async () => {
    const err = await loadScenarioFile(path.join(dir, 'end-before-start.yaml')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).issues.length).toBe(2);
    expect((err as UserError).message).toMatch(/2 problems found/);
  });
});

describe('extends', () => {
  it('merges objects key by key and replaces arrays', async () => {
    const sc = await loadScenarioFile(path.join(dir, 'base.yaml'));
    const { scenario } = await loadScenarioWithIssues(path.join('test/scenario/fixtures', 'child.yaml'));
    expect(scenario).toBeDefined();
    expect(scenario!.name).toBe('child');
    expect(scenario!.domains).toEqual(sc.domains);
    expect(scenario!.regions).toHaveLength(1);
    expect(scenario!.regions[0].socialCapital).toBe(0.2);
    expect(scenario!.parameters.mechanisms.spillover.rate).toBe(0.05);
    expect(scenario!.parameters.mechanisms.spillover.radiusKm).toBe(sc.parameters.mechanisms.spillover.radiusKm);
    expect('extends' in scenario!).toBe(false);
  });
});

describe('extends patches list entries by name, id or lever', () => {
  const fx = (f: string) => path.join('test/scenario/fixtures', f);
  it('changes only the named policies and keeps the others', async () => {
    const base = await loadScenarioFile(fx('with-policies.yaml'));
    const { scenario, warnings } = await loadScenarioWithIssues(fx('patch-policy.yaml'));
    expect(warnings).toEqual([]);
    expect(scenario!.policies).toHaveLength(3);
    expect(scenario!.policies[0]).toMatchObject({ lever: 'ictTraining', start: 1, budget: 20, target: { kinds: ['sme'] } });
    expect(scenario!.policies[1]).toEqual(base.policies[1]);
    expect(scenario!.policies[2]).toMatchObject({ name: 'mm2', start: 4, budget: 1 });
  });
  it('names a key that matches no entry, or a lever that several entries use', async () => {
    const { issues } = await loadScenarioWithIssues(fx('patch-bad.yaml'));
    expect(issues.map((i) => i.path)).toEqual(['policies.matchmaking', 'policies.ictTrainig']);
    expect(issues[0]!.message).toMatch(/2 entries use lever 'matchmaking': give them a name/);
    expect(issues[0]!.line).toBe(4);
    expect(issues[1]!.message).toMatch(/no entry has this name, id or lever/);
    expect(issues[1]!.allowed).toBe('ictTraining, matchmaking, mm2');
  });
  it('reports a bad patched value at the line of the patch', async () => {
    const { issues } = await loadScenarioWithIssues(fx('patch-invalid.yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'policies.2.budget', line: 4 });
    expect(issues[0]!.file).toMatch(/patch-invalid.yaml$/);
  });
  it('warns when a list given in full drops entries of the base', async () => {
    const { scenario, warnings } = await loadScenarioWithIssues(fx('replace-policies.yaml'));
    expect(scenario!.policies).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ path: 'policies', line: 4 });
    expect(warnings[0]!.message).toMatch(/2 of its 3 entries \(matchmaking, mm2\) are dropped; to change one entry and keep the others, give a mapping/);
  });
});

