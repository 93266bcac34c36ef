/**
 * The font files that travel with clustersim (assets/fonts/), and text measurement from
 * them. Vega lays out labels, legends and titles by measuring text; without a canvas it
 * guesses 0.8 em per character, which leaves wide gaps. We read advance widths from the
 * same TrueType files resvg draws with, so SVG layout and PNG glyphs agree on any machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  webRegular: 'dejavu-sans-latin-400-normal.woff2',
  webBold: 'dejavu-sans-latin-700-normal.woff2',
} as const;

let fontDirCache: string | undefined;

/** assets/fonts/, found by walking up from this module (works from src/ and from dist/src/). */
export function fontDir(): string {
  if (fontDirCache) return fontDirCache;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'assets', 'fonts');
    if (existsSync(path.join(candidate, FONT_FILES.regular))) return (fontDirCache = candidate);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`assets/fonts/${FONT_FILES.regular} not found above ${fileURLToPath(import.meta.url)}; the package is incomplete.`);
    dir = up;
  }
}

export function fontPath(name: keyof typeof FONT_FILES): string {
  return path.join(fontDir(), FONT_FILES[name]);
}

/** Advance widths of one TrueType font, in em units, for the characters it maps. */
export interface FontMetrics {
  /** Width of `text` at `size` px (no kerning; enough for layout). */
  width(text: string, size: number): number;
}

function tableOffsets(buf: Buffer): Map<string, number> {
  const numTables = buf.readUInt16BE(4);
  const out = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    out.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  return out;
}

/** Character to glyph map from the cmap's Unicode format-4 subtable (the Basic Multilingual Plane). */
function readCmap4(buf: Buffer, cmap: number): Map<number, number> {
  const n = buf.readUInt16BE(cmap + 2);
  let sub = -1;
  for (let i = 0; i < n; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const offset = cmap + buf.readUInt32BE(rec + 4);
    if (buf.readUInt16BE(offset) === 4 && (platform === 0 || (platform === 3 && encoding === 1))) sub = offset;
  }
  const glyphs = new Map<number, number>();
  if (sub < 0) return glyphs;
  const segX2 = buf.readUInt16BE(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const end = buf.readUInt16BE(ends + s);
    const start = buf.readUInt16BE(starts + s);
    const delta = buf.readInt16BE(deltas + s);
    const ro = buf.readUInt16BE(rangeOffsets + s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let g: number;
      if (ro === 0) g = (c + delta) & 0xffff;
      else {
        const at = rangeOffsets + s + ro + 2 * (c - start);
        g = buf.readUInt16BE(at);
        if (g !== 0) g = (g + delta) & 0xffff;
      }
      if (g !== 0) glyphs.set(c, g);
    }
  }
  return glyphs;
}

export function readFontMetrics(file: string): FontMetrics {
  const buf = readFileSync(file);
  const t = tableOffsets(buf);
  const head = t.get('head');
  const hhea = t.get('hhea');
  const hmtx = t.get('hmtx');
  const cmap = t.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) throw new Error(`${file}: not a TrueType font with head, hhea, hmtx and cmap tables`);
  const unitsPerEm = buf.readUInt16BE(head + 18);
  const numberOfHMetrics = buf.readUInt16BE(hhea + 34);
  const advance = (glyph: number) => buf.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));
  const glyphs = readCmap4(buf, cmap);
  const fallback = advance(glyphs.get(0x3f) ?? 0); // '?' stands in for unmapped characters
  const cache = new Map<number, number>();
  const em = (code: number): number => {
    let w = cache.get(code);
    if (w === undefined) {
      const g = glyphs.get(code);
      w = (g === undefined ? fallback : advance(g)) / unitsPerEm;
      cache.set(code, w);
    }
    return w;
  };
  return {
    width(text: string, size: number) {
      let sum = 0;
      for (const ch of text) sum += em(ch.codePointAt(0) ?? 0x3f);
      return sum * size;
    },
  };
}

let metricsCache: { regular: FontMetrics; bold: FontMetrics } | undefined;

export function chartFontMetrics(): { regular: FontMetrics; bold: FontMetrics } {
  return (metricsCache ??= { regular: readFontMetrics(fontPath('regular')), bold: readFontMetrics(fontPath('bold')) });
}
