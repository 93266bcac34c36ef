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

  it('renders a PNG cropped to the chart, at the scale asked, that is not blank', async () => {
    const spec = mapSpec({ agents: agentRows([0]), ties: tieRows([0]) });
    const { svg, width, height } = await renderSvg(spec);
    const png = (await renderChart(spec, 'png')) as Uint8Array;
    const img = decodePng(png);
    // Cropped to the drawn content plus 8 px of padding: never larger than the canvas and padding.
    expect(img.width).toBeLessThanOrEqual(Math.round((width + 16) * 2));
    expect(img.width).toBeGreaterThan(width);
    expect(inkShare(img)).toBeGreaterThan(0.02);
    // the same SVG at scale 1 is half as large
    const small = decodePng(svgToPng(svg, 1));
    expect(Math.abs(small.width * 2 - img.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(small.height * 2 - img.height)).toBeLessThanOrEqual(2);
  });

  it('leaves no empty band beside a narrow plot under a wide legend or title', async () => {
    // A spec whose canvas vega pads generously: a tiny plot with padding on every side.
    const spec = { ...timeSeriesSpec({ metric: 'knowledge.mean', rows: metricRows(2) }), padding: 60 } as ReturnType<typeof timeSeriesSpec>;
    const { width, height } = await renderSvg(spec);
    const img = decodePng(svgToPng((await renderSvg(spec)).svg, 1));
    expect(img.width).toBeLessThan(width - 80); // the 60 px of padding each side are gone, but for 8
    expect(img.height).toBeLessThan(height - 80);
    // ink reaches within the padding (8 px) and a few pixels of anti-aliasing of every edge
    const inkAt = (x: number, y: number) => img.pixels[(y * img.width + x) * 4]! < 250;
    const cols = Array.from({ length: img.width }, (_, x) => x).filter((x) => Array.from({ length: img.height }, (_, y) => y).some((y) => inkAt(x, y)));
    expect(cols[0]).toBeLessThanOrEqual(12);
    expect(img.width - 1 - cols[cols.length - 1]!).toBeLessThanOrEqual(12);
  });

  it('draws the text (resvg has the fonts): a title-only strip has ink', async () => {
    // Crop nothing: render the chart and check the title band (top 24 px) is not empty.
    const spec = timeSeriesSpec({ metric: 'knowledge.mean', rows: metricRows(1) });
    const img = decodePng((await renderChart(spec, 'png', { scale: 1 })) as Uint8Array);
    const band = { width: img.width, height: 24, pixels: img.pixels.subarray(0, img.width * 24 * 4) };
    expect(inkShare(band)).toBeGreaterThan(0.01);
  });
});
