import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeReport, writeRunCharts } from '../../src/report/index.js';
import { finalMetricsTable } from '../../src/report/tables.js';
import { loadRun } from '../../src/report/load.js';
import { writeCompareFolder, writeRunFolder, writeSweepFolder } from '../charts/fixtures.js';

describe('standard charts and the HTML report', () => {
  it('writes the standard charts of a run as SVG files', async () => {
    const dir = writeRunFolder(undefined, { runs: 2 });
    const files = await writeRunCharts(dir);
    const names = files.map((f) => path.basename(f));
    expect(names).toEqual(
      expect.arrayContaining(['timeseries-knowledge.mean.svg', 'timeseries-knowledge.mean-region.svg', 'network.svg', 'tkm.svg', 'map.svg', 'distribution-knowledge.svg', 'distribution-employees.svg', 'policy-spending.svg']),
    );
    for (const f of files) expect(readFileSync(f, 'utf8').startsWith('<svg')).toBe(true);
    expect(readdirSync(path.join(dir, 'charts')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('skips snapshot charts when a run recorded no snapshots', async () => {
    const dir = writeRunFolder(undefined, { runs: 1, snapshots: false });
    const names = (await writeRunCharts(dir)).map((f) => path.basename(f));
    expect(names).not.toContain('map.svg');
    expect(names).toContain('network.svg');
  });

  it('tabulates final metrics with replicate intervals', () => {
    const t = finalMetricsTable(loadRun(writeRunFolder()));
    const row = t.rows.find((r) => r[1] === 'knowledge.mean');
    expect(row?.[2]).toBe('10');
    expect(row?.[4]).toMatch(/^\[[\d.]+, [\d.]+\]$/);
    expect(row?.[5]).toBe('3');
  });

  it('builds a self-contained report for a run: scripts, fonts, description, manifest, no URLs loaded', async () => {
    const dir = writeRunFolder(undefined, { runs: 2 });
    const file = await writeReport(dir);
    expect(file).toBe(path.join(dir, 'report.html'));
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('A small two-region district for tests.');
    expect(html).toContain('sha256:0123456789abcdef');
    expect(html).toContain('<code>42</code>');
    expect(html).toContain('Final metrics');
    expect(html).toContain("@font-face{font-family:'DejaVu Sans'");
    expect(html).toContain('vegaEmbed');
    // nothing to fetch: no src= or href= pointing anywhere but inside the page
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
    expect(markup.match(/\s(?:src|href)="(?!#)[^"]*"/g) ?? []).toEqual([]);
    expect(markup).toContain("default-src 'none'");
    expect(html).not.toMatch(/sourceMappingURL/);
  });

  it('builds reports for sweep and compare folders', async () => {
    const sweep = readFileSync(await writeReport(writeSweepFolder()), 'utf8');
    expect(sweep).toContain('Sweep: spillover-trust grid');
    // A sweep's charts come before its table of design points, which scrolls.
    expect(sweep.indexOf('<h2 id="charts">')).toBeLessThan(sweep.indexOf('<h2 id="final">'));
    expect(sweep).toMatch(/<div class="scroll tall"><table class="data">/);
    expect(sweep).toContain('parameters.mechanisms.spillover.rate');
    const compare = readFileSync(await writeReport(writeCompareFolder()), 'utf8');
    expect(compare).toContain('Comparison:');
    expect(compare).toContain('systemic-policy');
    expect(compare).toContain('Do the scenarios differ?');
    expect(compare).toContain('<td>welch</td>');
    expect(existsSync(path.join(writeCompareFolder(), 'report.html'))).toBe(false);
  });
});
