/**
 * Every message the chart and report commands show a user. Each names the folder or file
 * concerned and what is missing, so the user can fix the input without reading code.
 */

export const reportMsg = {
  notAFolder: (dir: string) => `${dir}: folder not found (or not a folder). Give the output folder of 'clustersim run', 'sweep' or 'compare'.`,
  unknownFolder: (dir: string) =>
    `${dir}: not a run, sweep or compare folder: none of metrics.csv (run), summary.csv or results.csv (sweep), compare.csv (compare) is there.`,
  missingColumns: (file: string, missing: string[], have: string[]) =>
    `${file}: missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (header has: ${have.join(', ') || 'nothing'}).`,
  emptyFile: (file: string) => `${file}: no data rows.`,
  badJson: (file: string, reason: string) => `${file}: not valid JSON (${reason}).`,
  badNumber: (file: string, line: number, column: string, found: string) => `${file}:${line}: column ${column}: expected a number, found '${found}'.`,
  unknownMetric: (dir: string, metric: string, available: string[]) =>
    `${dir}: metric '${metric}' is not recorded there. Recorded metrics: ${available.slice(0, 40).join(', ')}${available.length > 40 ? ', ...' : ''}.`,
  metricRequired: (kind: string) => `--metric is required for --kind ${kind}.`,
  noFacetRows: (dir: string, metric: string, facet: string) =>
    `${dir}: metric '${metric}' has no rows with scope ${facet}:<id>, so it cannot be faceted by ${facet}. Leave out --facet, or pick a metric recorded per ${facet}.`,
  noSystemRows: (dir: string, metric: string, scopes: string[]) =>
    `${dir}/metrics.csv: metric '${metric}' is recorded only per ${scopes.join(' and ')}, not for the whole system. Add --facet ${scopes[0]}.`,
  noSnapshots: (dir: string) => `${dir}/snapshots: no agents-<step>.csv files; the map and distributions need snapshots (record them in the scenario's output settings).`,
  noSnapshotStep: (dir: string, step: number, have: number[]) => `${dir}/snapshots: no agents-${step}.csv. Steps with snapshots: ${have.join(', ')}.`,
  noTkm: (dir: string) => `${dir}/metrics.csv: no tkm.* metrics per region (scope region:<id>), so the TKM chart has nothing to show.`,
  noSensitivity: (dir: string, method: string) => `${dir}/sensitivity.csv: no ${method} rows. It is written by sampled designs (lhs, sobol, morris; prcc rows for all three).`,
  kindNeedsFolder: (kind: string, dir: string, folderKind: string, wanted: string) => `--kind ${kind} needs a ${wanted} folder, but ${dir} is a ${folderKind} folder.`,
  unknownParameter: (dir: string, param: string, have: string[]) => `${dir}/summary.csv: no parameter column '${param}'. Varied parameters: ${have.join(', ')}.`,
  noParameters: (dir: string) => `${dir}/summary.csv: no parameter columns, so nothing was varied to chart against.`,
  chartWritten: (file: string) => `chart written to ${file}`,
  reportWritten: (file: string) => `report written to ${file}`,
} as const;
