/**
 * Rendering without a browser: Vega-Lite spec -> Vega spec (vega-lite compile) -> headless
 * vega View -> SVG string; SVG -> PNG with resvg, given the project's own font files so
 * the text is the same on every machine (resvg silently drops text it has no font for).
 */
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { parse, View, type Spec as VegaSpec } from 'vega';
import { Resvg } from '@resvg/resvg-js';
import type { ChartSpec } from '../charts/types.js';
import { FONT_FAMILY } from '../charts/theme.js';
import { chartFontMetrics, fontPath } from './fonts.js';

export type ChartFormat = 'svg' | 'png';

/**
 * Collects what vega-lite and vega would print, so callers (and tests) can see it. The
 * methods are closures: vega calls them detached from the logger object.
 */
interface Logger {
  level(_?: number): number | Logger;
  error(...args: unknown[]): this;
  warn(...args: unknown[]): this;
  info(...args: unknown[]): this;
  debug(...args: unknown[]): this;
}

function collectingLogger() {
  const warnings: string[] = [];
  const errors: string[] = [];
  let lvl = 2; // vega's Warn level
  const logger: Logger = {
    level(_?: number): number | Logger {
      if (_ === undefined) return lvl;
      lvl = _;
      return logger;
    },
    error: (...args: unknown[]) => (errors.push(args.map(String).join(' ')), logger),
    warn: (...args: unknown[]) => (warnings.push(args.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  return { logger, warnings, errors };
}

type TextItem = { fontSize?: number; fontWeight?: unknown; limit?: number };
/** vega-scenegraph's text measurer; exported by vega at run time, missing from its typings. */
const textMetrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;

let measuring = false;

/** Make vega measure text with the shipped font's advance widths (see fonts.ts). */
function useFontMetrics(): void {
  if (measuring) return;
  const { regular, bold } = chartFontMetrics();
  const isBold = (w: unknown) => w === 'bold' || w === 'bolder' || (typeof w === 'number' && w >= 600) || (typeof w === 'string' && Number(w) >= 600);
  textMetrics.width = (item: TextItem, text: unknown) => {
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const s = text == null ? '' : String(text).trim();
    const w = (isBold(item.fontWeight) ? bold : regular).width(s, size);
    // Vega truncates labels longer than `limit`; reporting at most the limit keeps its
    // binary search for the cut-off terminating and bounds honest.
    return item.limit && item.limit > 0 ? Math.min(w, item.limit) : w;
  };
  measuring = true;
}

export interface Compiled {
  vega: VegaSpec;
  warnings: string[];
}

/** Compile a Vega-Lite spec, returning vega-lite's warnings instead of printing them. */
export function compileSpec(spec: ChartSpec): Compiled {
  const { logger, warnings, errors } = collectingLogger();
  const out = compile(spec, { logger });
  return { vega: out.spec, warnings: [...warnings, ...errors] };
}

export interface SvgResult {
  svg: string;
  width: number;
  height: number;
  /** Warnings from vega-lite's compiler and from vega's dataflow. */
  warnings: string[];
}

export async function renderSvg(spec: ChartSpec): Promise<SvgResult> {
  useFontMetrics();
  const { vega, warnings } = compileSpec(spec);
  const log = collectingLogger();
  const view = new View(parse(vega), { renderer: 'none', logger: log.logger });
  try {
    const svg = await view.toSVG();
    const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    return { svg, width: m ? Number(m[1]) : view.width(), height: m ? Number(m[2]) : view.height(), warnings: [...warnings, ...log.warnings, ...log.errors] };
  } finally {
    view.finalize();
  }
}

/** Padding kept around a chart's drawn content in a PNG, in SVG pixels. */
const PNG_PADDING = 8;

/**
 * SVG to PNG, cropped to what the chart draws (plus a small padding): vega sizes the canvas
 * for its layout, which can leave a wide empty band (e.g. beside a short plot under a long
 * title). `scale` 2 gives print quality (about 200 dpi for a 5-inch-wide chart).
 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  // Without vega's full-canvas background the bounding box is that of the drawn content;
  // resvg paints the white background itself.
  const bare = svg.replace(/^(<svg[^>]*>)<rect width="[\d.]+" height="[\d.]+" fill="[^"]*"\/>/, '$1');
  const resvg = new Resvg(bare, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      fontFiles: [fontPath('regular'), fontPath('bold')],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  const box = resvg.getBBox();
  if (box && box.width > 0 && box.height > 0) {
    box.x -= PNG_PADDING;
    box.y -= PNG_PADDING;
    box.width += 2 * PNG_PADDING;
    box.height += 2 * PNG_PADDING;
    resvg.cropByBBox(box);
  }
  return new Uint8Array(resvg.render().asPng());
}

export interface RenderOptions {
  /** PNG only: pixels per SVG pixel; default 2. */
  scale?: number;
}

/** Render a chart: an SVG string, or PNG bytes. */
export async function renderChart(spec: ChartSpec, format: ChartFormat, options: RenderOptions = {}): Promise<string | Uint8Array> {
  const { svg } = await renderSvg(spec);
  return format === 'svg' ? svg : svgToPng(svg, options.scale ?? 2);
}
