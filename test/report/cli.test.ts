import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yargs, { type ArgumentsCamelCase } from 'yargs';
import { chartCommand, type ChartArgs } from '../../src/cli/commands/chart.js';
import { reportCommand } from '../../src/cli/commands/report.js';
import { tempDir, writeRunFolder, writeSweepFolder } from '../charts/fixtures.js';
import { decodePng } from './png.js';

let errors: string[];
let logs: string[];

beforeEach(() => {
  errors = [];
  logs = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
  process.exitCode = undefined;
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const defaults = { kind: 'auto', format: 'svg', color: 'sector', field: 'knowledge', scale: 2, _: [], $0: 'clustersim' } as const;
async function chart(args: Partial<ChartArgs> & { dir: string }) {
  await chartCommand.handler({ ...defaults, ...args } as ArgumentsCamelCase<ChartArgs>);
}

describe('clustersim chart', () => {
  it('makes one time series, faceted by region, as SVG', async () => {
    const dir = writeRunFolder(undefined, { runs: 2, snapshots: false });
    await chart({ dir, metric: 'knowledge.mean', facet: 'region' });
    const file = path.join(dir, 'charts', 'timeseries-knowledge.mean-region.svg');
    expect(process.exitCode).toBeUndefined();
    expect(logs).toEqual([`chart written to ${file}`]);
    expect(readFileSync(file, 'utf8')).toContain('>north</text>');
  });

  it('writes a PNG where asked', async () => {
    const dir = writeSweepFolder();
    const out = path.join(tempDir(), 'heat.png');
    await chart({ dir, metric: 'knowledge.mean', format: 'png', out, scale: 1 });
    expect(process.exitCode).toBeUndefined();
    expect(decodePng(readFileSync(out)).width).toBeGreaterThan(200);
  });

  it('names the folder and the recorded metrics when the metric is unknown', async () => {
    const dir = writeRunFolder(undefined, { runs: 1, snapshots: false });
    await chart({ dir, metric: 'knowledge.typo' });
    expect(process.exitCode).toBe(1);
    expect(errors[0]).toContain(`${dir}: metric 'knowledge.typo' is not recorded there. Recorded metrics: agents.count`);
  });

  it('asks for --metric, and for snapshots before a map', async () => {
    const dir = writeRunFolder(undefined, { runs: 1, snapshots: false });
    await chart({ dir });
    expect(errors[0]).toBe('--metric is required for --kind timeseries.');
    await chart({ dir, kind: 'map' });
    expect(errors[1]).toContain(`${dir}/snapshots: no agents-<step>.csv files`);
    expect(process.exitCode).toBe(1);
  });

  it('asks for a facet when a metric is recorded only per region', async () => {
    const dir = writeRunFolder(undefined, { runs: 1, snapshots: false });
    await chart({ dir, metric: 'tkm.identity' });
    expect(errors[0]).toBe(`${dir}/metrics.csv: metric 'tkm.identity' is recorded only per region, not for the whole system. Add --facet region.`);
  });

  it('refuses a facet the metric was not recorded for', async () => {
    const dir = writeRunFolder(undefined, { runs: 1, snapshots: false });
    await chart({ dir, metric: 'ict.mean', facet: 'region' });
    expect(errors[0]).toContain("metric 'ict.mean' has no rows with scope region:<id>");
  });
});

describe('clustersim report', () => {
  it('writes report.html and says where', async () => {
    const dir = writeRunFolder(undefined, { runs: 1 });
    await reportCommand.handler({ dir, _: [], $0: 'clustersim' });
    expect(process.exitCode).toBeUndefined();
    expect(existsSync(path.join(dir, 'report.html'))).toBe(true);
    expect(logs[0]).toBe(`report written to ${path.join(dir, 'report.html')}`);
  });

  it('exits non-zero naming a folder that is not an output folder', async () => {
    const dir = tempDir();
    await reportCommand.handler({ dir, _: [], $0: 'clustersim' });
    expect(process.exitCode).toBe(1);
    expect(errors[0]).toContain(`${dir}: not a run, sweep or compare folder`);
  });

  it('has a description and examples for --help', () => {
    expect(reportCommand.describe).toBeTruthy();
    expect(chartCommand.command).toBe('chart <dir>');
  });

  it('parses its options through yargs: a map at two steps', async () => {
    const dir = writeRunFolder(undefined, { runs: 1 });
    await yargs(['chart', dir, '--kind', 'map', '--step', '0', '10', '--color', 'knowledge']).command(chartCommand).strict().parseAsync();
    expect(process.exitCode).toBeUndefined();
    expect(existsSync(path.join(dir, 'charts', 'map-0-10.svg'))).toBe(true);
  });
});
