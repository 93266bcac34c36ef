/**
 * Size limits are checked when a scenario is validated, from its numbers alone (issue 19):
 * 30 million agents are refused in well under a second and with little memory, with a
 * message giving the number, the limit and the memory and time it implies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioWithIssues } from '../../src/io/scenario-file.js';
import { bytesPerAgent, scenarioLimitProblems } from '../../src/scenario/limits.js';
import { smallScenario } from '../fixtures/scenarios.js';
import { STACK, cli, tempDir, tinyText, write } from '../cli/helpers.js';

/** tiny.yaml with `count` SMEs, and no snapshots unless kept. */
function scenarioWith(count: string, snapshots = false): string {
  const text = tinyText().replace('count: 40', `count: ${count}`);
  return snapshots ? text : text.replace(/record:\n  snapshots: \[0, 4\]\n/, '');
}

/** A preload that prints the process's peak memory when it exits. */
function rssProbe(dir: string): string {
  return write(dir, 'rss.mjs', "process.on('exit', () => process.stderr.write(`\\nmaxRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");
}

describe('agent limit', () => {
  it('refuses 30 million agents in under a second, with little memory, naming file, line, field, value and limit', async () => {
    const dir = tempDir();
    const file = write(dir, 'big.yaml', scenarioWith('30000000'));
    await loadScenarioWithIssues(write(dir, 'warm.yaml', scenarioWith('10'))); // modules loaded: time the check itself
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const { scenario, issues } = await loadScenarioWithIssues(file);
    const ms = performance.now() - t0;
    const grown = Math.max(process.memoryUsage().heapUsed - heap0, process.memoryUsage().rss - rss0);
    expect(scenario).toBeUndefined();
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(50e6);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue).toMatchObject({ file, line: 10, path: 'populations.0.count', found: '30,000,001 agents' });
    expect(issue!.message).toMatch(/^30,000,001 agents in all populations is more than the limit of 2,000,000: a run would need about [\d.]+ GB of memory/);
    expect(issue!.allowed).toMatch(/--max-agents/);
  });

  it('the command line refuses it with a message, exit 1, no output folder and a small peak memory', async () => {
    const dir = tempDir();
    const file = write(dir, 'big.yaml', scenarioWith('30000000', true));
    const r = await cli(['run', file, '--out', path.join(dir, 'out')], { env: { NODE_OPTIONS: `--import=${pathToFileURL(rssProbe(dir)).href}` } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/big\.yaml:10:\d+: populations\.0\.count: 30,000,001 agents in all populations is more than the limit of 2,000,000/);
    expect(r.stderr).toMatch(/record\.snapshots: 2 snapshots of 30,000,001 agents/);
    expect(r.stderr).not.toMatch(STACK);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    const kb = Number(/maxRSS_KB=(\d+)/.exec(r.stderr)?.[1]);
    expect(kb).toBeGreaterThan(0);
    expect(kb).toBeLessThan(400_000); // the run itself grew past 6 GB before the limit
  });

  it('a billion agents is refused as more than any process can hold, even with --max-agents', async () => {
    const dir = tempDir();
    const file = write(dir, 'huge.yaml', scenarioWith('1e9'));
    const { issues } = await loadScenarioWithIssues(file, { maxAgents: 2e9 });
    expect(issues.map((i) => i.path)).toEqual(['populations.0.count']);
    expect(issues[0]!.message).toMatch(/1,000,000,001 agents x 3 domains is 3,000,000,003 knowledge values, more than one process can hold/);
  });

  it('--max-agents raises the cap', async () => {
    const dir = tempDir();
    const file = write(dir, 'big.yaml', scenarioWith('3000000'));
    expect((await loadScenarioWithIssues(file)).issues).toHaveLength(1);
    expect((await loadScenarioWithIssues(file, { maxAgents: 4_000_000 })).issues).toEqual([]);
    const r = await cli(['validate', file, '--max-agents', '4000000']);
    expect(r.code).toBe(0);
    const bad = await cli(['validate', file, '--max-agents', '-5']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--max-agents: expected a whole number >= 1, found '-5'.");
  });

  it('estimates memory from the measured 1.8 KB an agent at 8 domains', () => {
    expect(bytesPerAgent(8)).toBe(1800);
    expect(bytesPerAgent(64)).toBeGreaterThan(bytesPerAgent(8));
  });
});

describe('steps, recorded rows and snapshots', () => {
  it('steps beyond the limit give the time they imply', () => {
    const sc = smallScenario();
    const [p] = scenarioLimitProblems(sc, 40, { steps: 1_000_000 });
    expect(p).toMatchObject({ path: ['steps'], found: '1,000,000', allowed: '1 .. 100,000 steps' });
    expect(p!.message).toMatch(/would take about .+ of one core/);
  });

  it('run --steps is checked against the limits before anything runs', async () => {
    const dir = tempDir();
    const file = write(dir, 's.yaml', scenarioWith('10'));
    const t0 = Date.now();
    const r = await cli(['run', file, '--steps', '1000000', '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/s\.yaml \(with 1000000 steps\): 2 problems found/);
    expect(r.stderr).toMatch(/steps: 1,000,000 steps is more than the limit of 100,000/);
    expect(r.stderr).toMatch(/record: the run would record about [\d,]+ metric rows/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('a scenario with too many steps says what they would cost', async () => {
    const dir = tempDir();
    const file = write(dir, 's.yaml', scenarioWith('10').replace('steps: 5', 'steps: 500000'));
    const { issues } = await loadScenarioWithIssues(file);
    expect(issues[0]).toMatchObject({ path: 'steps', line: 3, found: '500,000' });
    expect(issues[0]!.message).toMatch(/500,000 steps is more than the limit of 100,000: with 11 agents a run would take about/);
  });

  it('too many recorded metric rows and snapshot rows are refused with what to change', () => {
    const sc = smallScenario();
    const regions = Array.from({ length: 200 }, (_, i) => ({ ...sc.regions[0]!, id: `r${i}` }));
    const many = { ...sc, steps: 100_000, regions };
    const rows = scenarioLimitProblems(many, 40).find((p) => p.path.join('.') === 'record');
    expect(rows?.allowed).toMatch(/record\.every/);
    expect(scenarioLimitProblems({ ...many, record: { ...many.record, every: 1000 } }, 40).find((p) => p.path.join('.') === 'record')).toBeUndefined();
    const snaps = { ...sc, populations: [{ ...sc.populations[0]!, count: 1_000_000 }], record: { ...sc.record, snapshots: Array.from({ length: 20 }, (_, i) => i) } };
    expect(scenarioLimitProblems(snaps, 40).find((p) => p.path.join('.') === 'record.snapshots')?.message).toMatch(/20 snapshots of [\d,]+ agents/);
  });
});
