/**
 * The look shared by every chart. One font family everywhere: the Node renderer measures
 * and draws text with the same files (assets/fonts/), and the HTML report embeds them, so
 * an SVG, a PNG and the page show the same layout on any machine.
 */
import type { Config } from 'vega-lite';

export const FONT_FAMILY = 'DejaVu Sans';

/** Colour-blind-safe categorical palette (Okabe-Ito, black left out). */
export const CATEGORY_COLORS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#999999'];

/** Colour of a single series, when colour carries no meaning. */
export const SINGLE_COLOR = '#0072B2';

/** Ties on the map: local ties recede, inter-regional ties stand out. */
export const TIE_COLORS = { local: '#b8b8b8', interRegional: '#111111' } as const;

export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

export const BASE_CONFIG: Config = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 8,
  title: { fontSize: 14, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555', offset: 8 },
  axis: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', grid: true, gridColor: '#eee' },
  legend: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', labelLimit: 220, titleLimit: 320 },
  header: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' },
  range: { category: CATEGORY_COLORS },
  view: { stroke: '#ddd' },
};

/** Default size of one panel, in px. */
export const PANEL = { width: 420, height: 240, facetWidth: 260, facetHeight: 180 } as const;
