import { describe, expect, it } from 'vitest';
import { bandPointsFromCompare, bandPointsFromMetrics, timeSeriesSpec } from '../../src/charts/timeseries.js';
import { checkConventions, checkSvgConventions, countMarks, renderClean, texts } from './helpers.js';
import { compareRows, metricRows, REGIONS, SCENARIOS, STEPS } from './fixtures.js';

describe('time series', () => {
  it('summarises replicates into mean and a 95% t interval', () => {
    const rows = [1, 2, 3].map((v, k) => ({ run_id: `r${k}`, step: 0, scope: 'system', metric: 'm', value: v }));
    const [p] = bandPointsFromMetrics(rows, 'm');
    expect(p.mean).toBe(2);
    expect(p.n).toBe(3);
    // sd = 1, t(0.975, 2) = 4.302653, half width = 4.302653 / sqrt(3)
    expect(p.hi - p.mean).toBeCloseTo(4.302653 / Math.sqrt(3), 6);
  });

  it('draws one line and a replicate band for one scenario', async () => {
    const spec = timeSeriesSpec({ metric: 'knowledge.mean', rows: metricRows(3) });
    checkConventions(spec);
    const svg = await renderClean(spec);
    checkSvgConventions(svg);
    expect(countMarks(svg, 'line')).toBe(1);
    expect(countMarks(svg, 'area')).toBe(1);
    expect(texts(svg, 'axis-title')).toContain('Mean knowledge (knowledge units)');
    expect(texts(svg, 'legend-title')).toEqual([]); // one series: colour means nothing
  });

  it('draws no band without replicates', async () => {
    const svg = await renderClean(timeSeriesSpec({ metric: 'knowledge.mean', rows: metricRows(1) }));
    expect(countMarks(svg, 'line')).toBe(1);
    expect(countMarks(svg, 'area')).toBe(0);
  });

  it('draws as many lines as scenarios, with a legend', async () => {
    const spec = timeSeriesSpec({ metric: 'knowledge.mean', points: bandPointsFromCompare(compareRows(), 'knowledge.mean') });
    checkConventions(spec);
    const svg = await renderClean(spec);
    expect(countMarks(svg, 'line')).toBe(SCENARIOS.length);
    expect(countMarks(svg, 'area')).toBe(SCENARIOS.length);
    expect(texts(svg, 'legend-label')).toEqual([...SCENARIOS].sort());
    expect(texts(svg, 'legend-title')).toEqual(['Scenario']);
  });

  it('colours by scenario from metric rows tagged with a series', async () => {
    const rows = SCENARIOS.flatMap((s, i) => metricRows(2, i + 1, s, 0.1 * i));
    const svg = await renderClean(timeSeriesSpec({ metric: 'ict.mean', rows, colorTitle: 'Policy' }));
    expect(countMarks(svg, 'line')).toBe(SCENARIOS.length);
    expect(texts(svg, 'legend-title')).toEqual(['Policy']);
  });

  it('facets by region on request', async () => {
    const spec = timeSeriesSpec({ metric: 'knowledge.mean', rows: metricRows(2), facet: 'region' });
    checkConventions(spec);
    const svg = await renderClean(spec);
    expect(countMarks(svg, 'line')).toBe(REGIONS.length);
    expect(svg).toContain('>north</text>');
    expect(svg).toContain('>south</text>');
    // one invisible tooltip point per step and region
    expect(countMarks(svg, 'symbol')).toBe(REGIONS.length * (STEPS + 1));
  });

  it('facets by sector on request', async () => {
    const svg = await renderClean(timeSeriesSpec({ metric: 'knowledge.mean', rows: metricRows(2), facet: 'sector' }));
    expect(countMarks(svg, 'line')).toBe(2);
    expect(svg).toContain('>wood</text>');
  });

  it('draws a dot with its interval per scenario when only one step was recorded', async () => {
    const final = compareRows().filter((r) => r.step === STEPS);
    const spec = timeSeriesSpec({ metric: 'knowledge.mean', points: bandPointsFromCompare(final, 'knowledge.mean') });
    checkConventions(spec);
    const svg = await renderClean(spec);
    expect(countMarks(svg, 'line')).toBe(0);
    expect(countMarks(svg, 'symbol')).toBe(SCENARIOS.length);
    expect(countMarks(svg, 'rule')).toBe(SCENARIOS.length);
    expect(texts(svg, 'title-text')[0]).toBe(`Mean knowledge at step ${STEPS}`);
  });
});
