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

/** Collects what vega-lite and vega would print, so callers (and tests) can see it. */
class CollectingLogger {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  private lvl = 2; // Warn
  level(_?: number): number | this {
    if (_ === undefined) return this.lvl;
    this.lvl = _;
    return this;
  }
  error(...args: unknown[]): this {
    this.errors.push(args.map(String).join(' '));
    return this;
  }
  warn(...args: unknown[]): this {
    this.warnings.push(args.map(String).join(' '));
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
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
  const logger = new CollectingLogger();
  const out = compile(spec, { logger });
  return { vega: out.spec, warnings: [...logger.warnings, ...logger.errors] };
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
  const logger = new CollectingLogger();
  const view = new View(parse(vega), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    return { svg, width: m ? Number(m[1]) : view.width(), height: m ? Number(m[2]) : view.height(), warnings: [...warnings, ...logger.warnings, ...logger.errors] };
  } finally {
    view.finalize();
  }
}

/** SVG to PNG. `scale` 2 gives print quality (about 200 dpi for a 5-inch-wide chart). */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      fontFiles: [fontPath('regular'), fontPath('bold')],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
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
