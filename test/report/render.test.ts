import { describe, expect, it } from 'vitest';
import { renderChart, renderSvg, svgToPng } from '../../src/report/render.js';
import { timeSeriesSpec } from '../../src/charts/timeseries.js';
import { mapSpec } from '../../src/charts/map.js';
import { chartFontMetrics } from '../../src/report/fonts.js';
import { agentRows, metricRows, tieRows } from '../charts/fixtures.js';
import { decodePng, inkShare } from './png.js';

describe('rendering without a browser', () => {
  it('measures text with the shipped font', () => {
    const { regular, bold } = chartFontMetrics();
    expect(regular.width('M', 10)).toBeGreaterThan(regular.width('i', 10));
    expect(bold.width('Knowledge', 12)).toBeGreaterThan(regular.width('Knowledge', 12));
    // DejaVu Sans: about 0.6 em per character for ordinary text, well under vega's 0.8 guess
    const w = regular.width('Mean knowledge (index)', 10) / 22 / 10;
    expect(w).toBeGreaterThan(0.45);
    expect(w).toBeLessThan(0.7);
  });

  it('writes SVG text in the shipped font family', async () => {
    const svg = (await renderChart(timeSeriesSpec({ metric: 'knowledge.mean', rows: metricRows(2) }), 'svg')) as string;
    expect(svg).toContain('font-family="DejaVu Sans"');
    expect(svg).toContain('Mean knowledge over time');
  });

  it('renders a PNG of the expected size that is not blank', async () => {
    const spec = mapSpec({ agents: agentRows([0]), ties: tieRows([0]) });
    const { svg, width, height } = await renderSvg(spec);
    const png = (await renderChart(spec, 'png')) as Uint8Array;
    const img = decodePng(png);
    expect(img.width).toBe(Math.round(width * 2));
    expect(img.height).toBe(Math.round(height * 2));
    expect(inkShare(img)).toBeGreaterThan(0.02);
    // the same SVG at scale 1 gives the chart's own size
    const small = decodePng(svgToPng(svg, 1));
    expect([small.width, small.height]).toEqual([Math.round(width), Math.round(height)]);
  });

  it('draws the text (resvg has the fonts): a title-only strip has ink', async () => {
    // Crop nothing: render the chart and check the title band (top 24 px) is not empty.
    const spec = timeSeriesSpec({ metric: 'knowledge.mean', rows: metricRows(1) });
    const img = decodePng((await renderChart(spec, 'png', { scale: 1 })) as Uint8Array);
    const band = { width: img.width, height: 24, pixels: img.pixels.subarray(0, img.width * 24 * 4) };
    expect(inkShare(band)).toBeGreaterThan(0.01);
  });
});
