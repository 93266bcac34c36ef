/**
 * Charts and reports on disk. The pipeline: detect the folder kind (run / sweep / compare)
 * -> load its CSVs into rows -> build the standard Vega-Lite specs (src/charts) -> render
 * SVG (vega headless) or PNG (resvg with the shipped fonts) -> write atomically; or
 * assemble the self-contained HTML report.
 *
 * The CLI calls writeRunCharts and writeReport at the end of run, sweep and compare
 * (unless --no-charts), and the report / chart commands.
 */
import path from 'node:path';
import type { ChartSpec } from '../charts/types.js';
import { loadFolder } from './load.js';
import { standardCharts } from './standard.js';
import { compareTestsTable, finalMetricsTable, marginalCostsTable } from './tables.js';
import { reportHtml } from './html.js';
import { renderChart as render, renderSvg, type ChartFormat, type RenderOptions } from './render.js';
import { writeAtomic } from '../io/files.js';

export { loadFolder, detectFolder, type FolderData, type FolderKind } from './load.js';
export { standardCharts, type NamedChart } from './standard.js';
export { buildChart, CHART_KINDS, type ChartKind, type ChartRequest } from './single.js';
export { compileSpec, renderSvg, svgToPng, type ChartFormat } from './render.js';

/** Render a spec: SVG text, or PNG bytes (2x by default). */
export async function renderChart(spec: ChartSpec, format: ChartFormat, options?: RenderOptions): Promise<string | Uint8Array> {
  return render(spec, format, options);
}

/**
 * Write the standard charts of a run, sweep or compare folder as SVG into DIR/charts/.
 * Returns the paths written, in chart order.
 */
export async function writeRunCharts(dir: string): Promise<string[]> {
  const data = loadFolder(dir);
  const out: string[] = [];
  for (const chart of standardCharts(data)) {
    const file = path.join(dir, 'charts', `${chart.name}.svg`);
    const { svg } = await renderSvg(chart.spec);
    await writeAtomic(file, svg);
    out.push(file);
  }
  return out;
}

/** Write DIR/report.html, one self-contained page; returns its path. */
export async function writeReport(dir: string): Promise<string> {
  const data = loadFolder(dir);
  const extra = data.kind === 'compare' ? [compareTestsTable(data), marginalCostsTable(data)].filter((t) => t !== undefined) : [];
  const html = reportHtml({ data, charts: standardCharts(data), table: finalMetricsTable(data), extraTables: extra });
  const file = path.join(dir, 'report.html');
  await writeAtomic(file, html);
  return file;
}

/** Both, as `run`, `sweep` and `compare` do by default. */
export async function writeChartsAndReport(dir: string): Promise<{ charts: string[]; report: string }> {
  const charts = await writeRunCharts(dir);
  const report = await writeReport(dir);
  return { charts, report };
}
