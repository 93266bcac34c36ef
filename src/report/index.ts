/**
 * Charts and reports on disk. The pipeline: detect the folder kind (run / sweep / compare)
 * -> load its CSVs into rows -> build the standard Vega-Lite specs (src/charts) -> render
 * SVG (vega headless) or PNG (resvg with the shipped fonts) -> write atomically; or
 * assemble the self-contained HTML report.
 *
 * The CLI calls writeRunCharts and writeReport at the end of run (before the manifest, which
 * it then passes in), sweep and compare (unless --no-charts), and the report / chart commands.
 */
import path from 'node:path';
import type { ChartSpec } from '../charts/types.js';
import { loadFolder, type FolderData, type Manifest } from './load.js';
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
export async function writeRunCharts(dir: string, manifest?: Manifest): Promise<string[]> {
  const data = withManifest(loadFolder(dir), manifest);
  const out: string[] = [];
  for (const chart of standardCharts(data)) {
    const file = path.join(dir, 'charts', `${chart.name}.svg`);
    const { svg } = await renderSvg(chart.spec);
    await writeAtomic(file, svg);
    out.push(file);
  }
  return out;
}

/**
 * The folder's data with `manifest` in place of its manifest.json: `run` draws its charts
 * and report before it writes the manifest, which comes last (a folder with a manifest is
 * complete).
 */
function withManifest(data: FolderData, manifest: Manifest | undefined): FolderData {
  return manifest ? { ...data, manifest } : data;
}

/** Write DIR/report.html, one self-contained page; returns its path. */
export async function writeReport(dir: string, manifest?: Manifest): Promise<string> {
  const data = withManifest(loadFolder(dir), manifest);
  const extra = data.kind === 'compare' ? [compareTestsTable(data), marginalCostsTable(data)].filter((t) => t !== undefined) : [];
  const html = reportHtml({ data, charts: standardCharts(data), table: finalMetricsTable(data), extraTables: extra });
  const file = path.join(dir, 'report.html');
  await writeAtomic(file, html);
  return file;
}

/** Both, as `run`, `sweep` and `compare` do by default. */
export async function writeChartsAndReport(dir: string, manifest?: Manifest): Promise<{ charts: string[]; report: string }> {
  const charts = await writeRunCharts(dir, manifest);
  const report = await writeReport(dir, manifest);
  return { charts, report };
}
