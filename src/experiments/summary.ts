/**
 * Summaries across replicates, built one design point at a time (the sweep reads runs in
 * canonical order, point after point, so only one point's values are held at once).
 */
import { numCell } from './csv.js';
import { describeValues, type Description } from './stats/describe.js';

export const SUMMARY_STATS = ['n', 'mean', 'sd', 'ci_low', 'ci_high', 'q05', 'q25', 'q50', 'q75', 'q95'] as const;

export class PointAccumulator {
  private readonly cells = new Map<string, { step: number; metric: string; values: number[] }>();

  add(step: number, metric: string, value: number): void {
    const key = `${step}\u0000${metric}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { step, metric, values: [] };
      this.cells.set(key, cell);
    }
    cell.values.push(value);
  }

  /** (step, metric) cells in canonical order with their description across replicates. */
  describe(level = 0.95): { step: number; metric: string; values: number[]; stats: Description }[] {
    return [...this.cells.values()]
      .sort((a, b) => a.step - b.step || (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0))
      .map((c) => ({ ...c, stats: describeValues(c.values, level) }));
  }
}

/** The stats columns of a summary row, in SUMMARY_STATS order. */
export function statCells(d: Description): string[] {
  return [String(d.n), d.mean, d.sd, d.ciLow, d.ciHigh, d.q05, d.q25, d.q50, d.q75, d.q95].map((v) => (typeof v === 'string' ? v : numCell(v)));
}
