/**
 * CSV cells, written the same way everywhere so tables are byte-identical whatever wrote
 * them: numbers in JavaScript's shortest round-trip form (`String(x)`), NaN as an empty
 * cell, text quoted only when it holds a comma, quote or line break.
 */
import type { ParamValue } from './schema.js';

export function numCell(v: number): string {
  return Number.isNaN(v) ? '' : String(v);
}

export function textCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function valueCell(v: ParamValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return numCell(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return textCell(v);
}

export function csvLine(cells: string[]): string {
  return `${cells.join(',')}\n`;
}

/** Splits one CSV line into cells (quotes honoured). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          cell += line.slice(i);
          i = line.length;
          break;
        }
        cell += line.slice(i, q);
        if (line[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(cell);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}
