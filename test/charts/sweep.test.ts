import { describe, expect, it } from 'vitest';
import { sweepHeatmapSpec, sweepLineSpec, sweepParameters } from '../../src/charts/sweep.js';
import type { SummaryRow } from '../../src/charts/types.js';
import { checkConventions, checkSvgConventions, countMarks, renderClean, texts } from './helpers.js';
import { P1, P2, rng, summaryRows } from './fixtures.js';

describe('sweep charts', () => {
  it('finds the varied parameters', () => {
    expect(sweepParameters(summaryRows())).toEqual([P1, P2]);
  });

  it('draws a heatmap cell per grid point at the last step', async () => {
    const spec = sweepHeatmapSpec({ rows: summaryRows(), metric: 'knowledge.mean', x: P1, y: P2 });
    checkConventions(spec);
    const svg = await renderClean(spec);
    checkSvgConventions(svg);
    expect(countMarks(svg, 'rect')).toBe(9);
    expect(texts(svg, 'legend-title')).toEqual(['Mean knowledge (knowledge units)']);
    expect(svg).toContain('step 5');
  });

  it('draws a scatter for a sampled (non-grid) design', async () => {
    const r = rng(5);
    const rows: SummaryRow[] = Array.from({ length: 30 }, (_, k) => ({ point: String(k), params: { [P1]: r(), [P2]: r() }, step: 3, metric: 'm', n: 2, mean: r(), sd: 0, ci_low: 0, ci_high: 1 }));
    const svg = await renderClean(sweepHeatmapSpec({ rows, metric: 'm', x: P1, y: P2 }));
    expect(countMarks(svg, 'rect')).toBe(0);
    expect(countMarks(svg, 'symbol')).toBe(30);
  });

  it('draws a line over one parameter with its interval', async () => {
    const spec = sweepLineSpec({ rows: summaryRows(), metric: 'knowledge.mean', x: P1 });
    checkConventions(spec);
    const svg = await renderClean(spec);
    checkSvgConventions(svg);
    expect(countMarks(svg, 'line')).toBe(1);
    expect(countMarks(svg, 'area')).toBe(1);
    expect(countMarks(svg, 'symbol')).toBe(3);
    expect(svg).toContain('averaged over regions.trust');
  });

  it('draws one line per value of a second parameter', async () => {
    const svg = await renderClean(sweepLineSpec({ rows: summaryRows(), metric: 'knowledge.mean', x: P1, colorBy: P2 }));
    expect(countMarks(svg, 'line')).toBe(3);
    expect(texts(svg, 'legend-label')).toEqual(['0.2', '0.5', '0.8']);
  });

  it('draws dots with intervals for a parameter with text values', async () => {
    const rows: SummaryRow[] = ['none', 'linear', 'systemic'].map((policy, k) => ({ point: String(k), params: { 'policies.0.lever': policy }, step: 4, metric: 'm', n: 3, mean: k, sd: 0.1, ci_low: k - 0.2, ci_high: k + 0.2 }));
    const svg = await renderClean(sweepLineSpec({ rows, metric: 'm', x: 'policies.0.lever' }));
    expect(countMarks(svg, 'line')).toBe(0);
    expect(countMarks(svg, 'symbol')).toBe(3);
    expect(countMarks(svg, 'rule')).toBe(3);
  });
});
