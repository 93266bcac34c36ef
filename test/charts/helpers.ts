/**
 * Checks shared by the chart tests: a spec compiles without warnings, renders, and its
 * SVG holds the marks we expect (counted per mark type, legends and axes left out).
 */
import { expect } from 'vitest';
import type { ChartSpec } from '../../src/charts/types.js';
import { FONT_FAMILY } from '../../src/charts/theme.js';
import { compileSpec, renderSvg } from '../../src/report/render.js';

/** Compile and render; fail on any vega-lite or vega warning. */
export async function renderClean(spec: ChartSpec): Promise<string> {
  const { warnings } = compileSpec(spec);
  expect(warnings, 'vega-lite compile warnings').toEqual([]);
  const out = await renderSvg(spec);
  expect(out.warnings, 'render warnings').toEqual([]);
  expect(out.svg.startsWith('<svg')).toBe(true);
  return out.svg;
}

const ITEM_TAG: Record<string, string> = { line: 'path', area: 'path', symbol: 'path', rect: 'path', rule: 'line', text: 'text' };

/** Items drawn by marks of one type (`line`, `area`, `symbol`, `rect`, `rule`, `text`). */
export function markItems(svg: string, type: keyof typeof ITEM_TAG): string[] {
  const groups = svg.match(new RegExp(`<g class="mark-${type} role-mark[^"]*"[^>]*>(.*?)</g>`, 'gs')) ?? [];
  const tag = ITEM_TAG[type];
  return groups.flatMap((g) => g.match(new RegExp(`<${tag}\\b[^>]*>`, 'g')) ?? []);
}

export function countMarks(svg: string, type: keyof typeof ITEM_TAG): number {
  return markItems(svg, type).length;
}

/** Text of the legend labels / titles / axis titles in an SVG. */
export function texts(svg: string, role: 'legend-label' | 'legend-title' | 'axis-title' | 'title-text' | 'column-header' | 'axis-label'): string[] {
  const groups = svg.match(new RegExp(`<g class="mark-text role-${role}[^"]*"[^>]*>(.*?)</g>`, 'gs')) ?? [];
  return groups.flatMap((g) => [...g.matchAll(/<text\b[^>]*>(.*?)<\/text>/gs)].map((m) => m[1].replace(/<[^>]+>/g, '')));
}

const COLOR_CHANNELS = ['color', 'fill', 'stroke', 'size'];

/**
 * Every chart has a title, axis titles with units, a legend title where a field drives
 * colour or size, and the project's font.
 */
export function checkConventions(spec: ChartSpec): void {
  const s = spec as Record<string, unknown>;
  expect(s.title, 'chart title').toBeTruthy();
  expect((s.config as { font?: string }).font).toBe(FONT_FAMILY);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const enc = o.encoding as Record<string, Record<string, unknown>> | undefined;
    if (enc) {
      for (const ch of ['x', 'y']) {
        const e = enc[ch];
        // Quantities carry units; categories (parameter, factor) and parameter values (named by
        // their label, which states a unit when the experiment gives one) do not.
        const parameterField = e && (e.field === 'px' || e.field === 'py');
        if (e && e.type === 'quantitative' && (e.field || e.aggregate) && e.title !== undefined && !parameterField) expect(String(e.title), `${ch} title has a unit`).toMatch(/\(.+\)/);
      }
      for (const ch of COLOR_CHANNELS) {
        const e = enc[ch];
        if (e && e.field && e.legend !== null) expect(e.title, `${ch} legend title`).toBeTruthy();
      }
    }
    for (const k of ['layer', 'spec']) if (o[k]) visit(o[k]);
  };
  visit(spec);
  // At least one x and one y title somewhere.
  const json = JSON.stringify(spec);
  expect(json).toMatch(/"title":"[^"]*\([^"]*\)"/);
}

/** In the drawn SVG: a title, axis titles, and the quantitative one(s) name a unit. */
export function checkSvgConventions(svg: string): void {
  expect(texts(svg, 'title-text').join(' ')).not.toBe('');
  const axisTitles = texts(svg, 'axis-title');
  expect(axisTitles.length, 'axis titles').toBeGreaterThanOrEqual(2);
  const legendTitles = texts(svg, 'legend-title');
  expect([...axisTitles, ...legendTitles].some((t) => /\(.+\)/.test(t)), `axis or legend titles with unit: ${[...axisTitles, ...legendTitles].join(' | ')}`).toBe(true);
  expect(svg).toContain(`font-family="${FONT_FAMILY}"`);
}
