/** `clustersim facts`: its outputs on a tiny scenario, and its errors naming file, line and field. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK, TINY, cli, tempDir, tinyText, write } from './helpers.js';

const factsText = (scenario: string, extra = '') => `name: tiny-facts
scenarios: [${scenario}]
seeds: [1, 2]
steps: 8
facts:
  - id: size-skew
    fact: The firm-size distribution is right-skewed.
    statistic: sizeSkewness
    min: 1
    literature: strongly right-skewed
    source: "[Axtell 2001]"
${extra}`;

describe('clustersim facts', () => {
  it('writes the facts table, the per-run tables, the chart and the manifest', async () => {
    const dir = tempDir();
    const file = write(dir, 'facts.yaml', factsText(JSON.stringify(TINY)));
    const out = path.join(dir, 'out');
    const r = await cli(['facts', file, '--out', out, '--no-png', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['facts.csv', 'runs.csv', 'hazard.csv', 'facts.vl.json', 'facts.svg', 'manifest.json']) expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    const lines = fs.readFileSync(path.join(out, 'facts.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('scenario,id,statistic,seeds,mean,ci_low,ci_high,min,max,reproduced,fact,literature,source');
    expect(lines[1]).toMatch(/^tiny,size-skew,sizeSkewness,2,[\d.e-]+,[\d.e-]+,[\d.e-]+,1,,(yes|no),/);
    expect(fs.readFileSync(path.join(out, 'facts.svg'), 'utf8')).toMatch(/^<svg/);
    // No temporary file is left behind.
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('changes a field of every scenario with --set, records it, and refuses seed and steps', async () => {
    const dir = tempDir();
    const file = write(dir, 'facts.yaml', factsText(JSON.stringify(TINY)));
    const plain = path.join(dir, 'plain'), set = path.join(dir, 'set');
    expect((await cli(['facts', file, '--out', plain, '--no-png', '--quiet'])).code).toBe(0);
    const r = await cli(['facts', file, '--out', set, '--no-png', '--quiet', '--set', 'parameters.mechanisms.market.efficiencySd=0.5']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(set, 'runs.csv'), 'utf8')).not.toBe(fs.readFileSync(path.join(plain, 'runs.csv'), 'utf8'));
    expect(JSON.parse(fs.readFileSync(path.join(set, 'manifest.json'), 'utf8')).overrides).toEqual(['parameters.mechanisms.market.efficiencySd=0.5']);
    const bad = await cli(['facts', file, '--out', path.join(dir, 'bad'), '--set', 'steps=4']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toMatch(STACK);
    expect(bad.stderr).toMatch(/--set steps=4: the stylised-facts file sets the seeds and steps/);
    expect(fs.existsSync(path.join(dir, 'bad'))).toBe(false);
  }, 120_000);

  it('runs every scenario after the file\'s warmup, unless --set warmup overrides it', async () => {
    const dir = tempDir();
    const plainFile = write(dir, 'plain.yaml', factsText(JSON.stringify(TINY)));
    const warmFile = write(dir, 'warm.yaml', factsText(JSON.stringify(TINY), 'warmup: 6\n'));
    const out = (name: string) => path.join(dir, name);
    const runs = (name: string) => fs.readFileSync(path.join(out(name), 'runs.csv'), 'utf8');
    expect((await cli(['facts', plainFile, '--out', out('plain'), '--no-png', '--quiet'])).code).toBe(0);
    expect((await cli(['facts', warmFile, '--out', out('warm'), '--no-png', '--quiet'])).code).toBe(0);
    // The warm-up moves the recorded panel: other statistics than the scenario's own warm-up gives.
    expect(runs('warm')).not.toBe(runs('plain'));
    expect(JSON.parse(fs.readFileSync(path.join(out('warm'), 'manifest.json'), 'utf8')).warmup).toBe(6);
    // --set warmup=N wins over the file's 6 steps: 0, the tiny scenario's own (it sets none).
    expect(tinyText()).not.toMatch(/warmup/);
    expect((await cli(['facts', warmFile, '--out', out('set'), '--no-png', '--quiet', '--set', 'warmup=0'])).code).toBe(0);
    expect(runs('set')).toBe(runs('plain'));
    const bad = write(dir, 'bad.yaml', factsText(JSON.stringify(TINY), 'warmup: -2\n'));
    const r = await cli(['facts', bad, '--out', out('bad')]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: warmup: too small[\s\S]*allowed: a number >= 0/);
  }, 120_000);

  it('names the file, line and field of a bad statistic and an unknown field', async () => {
    const dir = tempDir();
    const file = write(dir, 'bad.yaml', factsText(JSON.stringify(TINY)).replace('statistic: sizeSkewness', 'statistic: sizeSkew').replace('steps: 8', 'steps: 8\nstepz: 3'));
    const r = await cli(['facts', file, '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toMatch(/bad\.yaml:9:\d+: facts\.0\.statistic: not an allowed value[\s\S]*allowed: sizeSkewness, logSizeSkewness, hillIndex/);
    expect(r.stderr).toMatch(/bad\.yaml:5:\d+: \(document\): unknown field 'stepz'[\s\S]*allowed: name, description, scenarios, seeds, steps, warmup, measure, facts/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  }, 60_000);

  it('names the field of a scenario that cannot be read', async () => {
    const dir = tempDir();
    const file = write(dir, 'missing.yaml', factsText('no-such.yaml'));
    const r = await cli(['facts', file, '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\.yaml: scenarios\.0: cannot use 'no-such\.yaml'/);
  }, 60_000);
});
