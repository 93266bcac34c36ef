/** Sweep charts for sampled designs and over time, and the LOWESS trend behind them. */
import { describe, expect, it } from 'vitest';
import { MAX_LABELLED_POINTS, replicateFanSpec, replicateStripSpec, sweepPanelsSpec, sweepTimeSeriesSpec } from '../../src/charts/sweep-panels.js';
import { smoothTrend } from '../../src/charts/smooth.js';
import { prccSpec } from '../../src/charts/sensitivity.js';
import type { SummaryRow } from '../../src/charts/types.js';
import { checkConventions, countMarks, renderClean, texts } from './helpers.js';
import { rng } from './fixtures.js';

const A = 'policies.0.budget';
const B = 'parameters.mechanisms.spillover.rate';

/** A sampled design: 40 points, the metric rising with A and flat in B; steps 0..4. */
function sampled(points = 40, steps = [4]): SummaryRow[] {
  const r = rng(3);
  const out: SummaryRow[] = [];
  for (let p = 0; p < points; p++) {
    const a = 0.5 + 9.5 * r();
    const b = 0.005 + 0.045 * r();
    for (const step of steps) {
      const mean = 0.2 + (0.02 * a * (step + 1)) / 5 + 0.01 * (r() - 0.5);
      out.push({ point: String(p), params: { [A]: a, [B]: b }, step, metric: 'ict.mean', n: 3, mean, sd: 0.01, ci_low: mean - 0.01, ci_high: mean + 0.01, q05: mean - 0.02, q25: mean - 0.01, q50: mean, q75: mean + 0.01, q95: mean + 0.02 });
    }
  }
  return out;
}

describe('LOWESS trend with a bootstrap band', () => {
  it('follows a straight line and brackets it', () => {
    const x = Array.from({ length: 60 }, (_, i) => i / 6);
    const y = x.map((v, i) => 2 * v + 1 + 0.3 * Math.sin(i * 2.1));
    const t = smoothTrend(x, y, { grid: 20 });
    expect(t).toHaveLength(20);
    for (const p of t) {
      expect(p.fit).toBeCloseTo(2 * p.x + 1, 0);
      expect(p.lo).toBeLessThanOrEqual(p.fit + 1e-9);
      expect(p.hi).toBeGreaterThanOrEqual(p.fit - 1e-9);
    }
    expect(smoothTrend(x, y, { grid: 20 })).toEqual(t); // the same points give the same band
    expect(smoothTrend([1, 1, 2], [1, 2, 3])).toEqual([]); // too few distinct x
  });
});

describe('sweep charts for sampled designs', () => {
  it('draw one panel per parameter with points, a trend and its band, labels as titles, no line per second parameter', async () => {
    const spec = sweepPanelsSpec({ rows: sampled(), metric: 'ict.mean', parameters: [{ path: A, label: 'training budget', log: true }, { path: B }] });
    checkConventions(spec);
    const panels = (spec as { concat: unknown[] }).concat;
    expect(panels).toHaveLength(2);
    const svg = await renderClean(spec);
    expect(countMarks(svg, 'symbol')).toBe(80); // 40 points in each of the two panels
    expect(texts(svg, 'axis-title')).toEqual(expect.arrayContaining(['training budget (log scale)', 'spillover.rate']));
    expect(svg).not.toMatch(/parameter value/);
    expect(JSON.stringify(spec)).toMatch(/"type":"log"/);
    expect(countMarks(svg, 'area')).toBe(2);
    expect(countMarks(svg, 'line')).toBe(2);
  });

  it('draw each design point over time: labelled lines for a few points, thin coloured lines for many', async () => {
    const few = sweepTimeSeriesSpec({ rows: sampled(4, [0, 1, 2, 3, 4]), metric: 'ict.mean', parameters: [{ path: A, label: 'budget' }] });
    const fewSvg = await renderClean(few);
    expect(texts(fewSvg, 'legend-label')).toHaveLength(4);
    expect(texts(fewSvg, 'legend-label')[0]).toMatch(/^0: budget=\d/);
    const many = sweepTimeSeriesSpec({ rows: sampled(MAX_LABELLED_POINTS + 5, [0, 2, 4]), metric: 'ict.mean', parameters: [{ path: A, label: 'budget' }, { path: B }], colorBy: A });
    const manySvg = await renderClean(many);
    expect(countMarks(manySvg, 'line')).toBe(MAX_LABELLED_POINTS + 5);
    expect(texts(manySvg, 'legend-title')).toEqual(['budget']);
  });

  it('draw a replicate-only sweep as its spread over time, or its runs at the one step', async () => {
    const rows = sampled(1, [0, 1, 2, 3]).map((r) => ({ ...r, params: {} }));
    const fan = await renderClean(replicateFanSpec({ rows, metric: 'ict.mean' }));
    expect(countMarks(fan, 'area')).toBe(2);
    expect(countMarks(fan, 'line')).toBe(1);
    const strip = await renderClean(replicateStripSpec({ values: [0.31, 0.32, 0.35, 0.3, 0.33], metric: 'ict.mean', step: 60 }));
    expect(strip).toContain('5 runs');
  });

  it('draw PRCC bars with intervals, sorted by strength', async () => {
    const rows = [
      { method: 'prcc' as const, metric: 'ict.gap', parameter: A, index: 'PRCC', estimate: -0.3, ci_low: -0.5, ci_high: -0.1 },
      { method: 'prcc' as const, metric: 'ict.gap', parameter: B, index: 'PRCC', estimate: 0.8, ci_low: 0.7, ci_high: 0.9 },
    ];
    const spec = prccSpec({ rows, metric: 'ict.gap', labels: { [A]: 'budget' } });
    const svg = await renderClean(spec);
    expect(texts(svg, 'axis-label').filter((t) => t === 'budget' || t === 'spillover.rate')).toEqual(['spillover.rate', 'budget']);
  });
});
