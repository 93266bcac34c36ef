/**
 * The `--charts` option shared by run, sweep, merge and compare: by default a command ends by
 * drawing its standard charts into DIR/charts/ and writing DIR/report.html; `--no-charts`
 * skips both (e.g. on a cluster node, where a later `clustersim report DIR` can draw them).
 */

export const chartsOption = {
  type: 'boolean',
  default: true,
  describe: 'Draw the standard charts (DIR/charts/*.svg) and DIR/report.html; --no-charts skips them',
} as const;

/** Draws the charts and report of `dir`; `manifest` stands in for a manifest.json not yet written (run). */
export async function drawCharts(dir: string, enabled: boolean, quiet: boolean, manifest?: object): Promise<void> {
  if (!enabled) return;
  const { writeChartsAndReport } = await import('../report/index.js'); // the chart libraries load only here
  const { charts, report } = await writeChartsAndReport(dir, manifest as Record<string, unknown> | undefined);
  if (!quiet) console.error(`charts: ${charts.length} in ${dir}/charts; report: ${report}`);
}
