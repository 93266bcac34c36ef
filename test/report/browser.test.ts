/**
 * The HTML report in a real browser: Debian's headless Chromium opens it from disk, with
 * no network. It must log no console error, request nothing but itself, and draw every
 * chart. A screenshot is kept under out/test-artifacts/ (not committed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { writeReport } from '../../src/report/index.js';
import { standardCharts } from '../../src/report/standard.js';
import { loadFolder } from '../../src/report/load.js';
import { writeCompareFolder, writeRunFolder, writeSweepFolder } from '../charts/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/test-artifacts');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (install it with 'apt-get install -y chromium')`);

describe.skipIf(!hasChromium)('HTML report in headless Chromium', () => {
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    profile = mkdtempSync(path.join(tmpdir(), 'clustersim-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(dir: string, shot: string) {
    const file = await writeReport(dir);
    const expected = standardCharts(loadFolder(dir)).length;
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url);
    await page.waitForFunction(() => document.body.getAttribute('data-charts-drawn') !== null, null, { timeout: 45_000 });
    const drawn = Number(await page.evaluate(() => document.body.getAttribute('data-charts-drawn')));
    const marks = await page.$$eval('.chart', (els) => els.map((el) => el.querySelectorAll('svg .role-mark > *').length));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, shot), fullPage: true });
    return { page, url, expected, drawn, marks, problems, requests };
  }

  it('draws every chart of a run with no console error and no network request', async () => {
    const r = await open(writeRunFolder(undefined, { runs: 2 }), 'report-run.png');
    expect(r.problems).toEqual([]);
    expect(r.requests).toEqual([r.url]);
    expect(r.expected).toBeGreaterThanOrEqual(10);
    expect(r.drawn).toBe(r.expected);
    expect(r.marks).toHaveLength(r.expected);
    for (const n of r.marks) expect(n).toBeGreaterThan(0);
    // text in the embedded font, tooltips on hover
    expect(await r.page.evaluate(() => document.fonts.check("11px 'DejaVu Sans'"))).toBe(true);
    await r.page.locator('.chart[data-name="map"] svg .mark-symbol.role-mark path').last().hover({ force: true });
    await r.page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5_000 });
    expect(await r.page.textContent('#vg-tooltip-element')).toContain('Employees');
    await r.page.close();
  });

  it('draws a sweep report and a comparison report', async () => {
    for (const [dir, shot] of [
      [writeSweepFolder(), 'report-sweep.png'],
      [writeCompareFolder(), 'report-compare.png'],
    ] as const) {
      const r = await open(dir, shot);
      expect(r.problems).toEqual([]);
      expect(r.requests).toEqual([r.url]);
      expect(r.drawn).toBe(r.expected);
      for (const n of r.marks) expect(n).toBeGreaterThan(0);
      await r.page.close();
    }
  });
});
