/**
 * Chart specs: pure functions from recorded rows to Vega-Lite specs, one module per chart
 * kind. Nothing under src/charts imports Node, so a browser explorer can reuse them; the
 * Node side (reading files, rendering SVG/PNG, the HTML report) lives in src/report.
 */
export type * from './types.js';
export { FONT_FAMILY, BASE_CONFIG } from './theme.js';
export { metricInfo, metricTitle, parameterLabel, paramValue, TKM_FACTORS, NETWORK_METRICS } from './metrics.js';
export { summarise, tQuantile975 } from './stats.js';
export { timeSeriesSpec, bandTimeSeriesSpec, bandPointsFromMetrics, bandPointsFromCompare, stepTitle, type FacetBy } from './timeseries.js';
export { networkSpec } from './network.js';
export { tkmSpec, tkmBeforeAfter } from './tkm.js';
export { mapSpec, mapData, type MapColor } from './map.js';
export { distributionSpec, type DistributionField } from './distribution.js';
export { sweepHeatmapSpec, sweepLineSpec, sweepParameters, lastStep } from './sweep.js';
export { sobolSpec, morrisSpec, morrisPoints } from './sensitivity.js';
