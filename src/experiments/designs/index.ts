/**
 * Design registry: one builder per design type. Typed by `DesignType`, so adding a type
 * to the schema without its builder is a compile error.
 */
import type { Design, DesignType } from '../schema.js';
import type { Factor } from './factors.js';
import { grid } from './grid.js';
import { lhs } from './lhs.js';
import { list } from './list.js';
import { morris } from './morris.js';
import { saltelli } from './saltelli.js';
import type { DesignBuilder, DesignProblem, DesignResult } from './types.js';

const BUILDERS: { [T in DesignType]: DesignBuilder<Extract<Design, { type: T }>> } = {
  grid,
  list,
  lhs,
  sobol: saltelli,
  morris,
};

/** Expands a design into its points (or the problems that prevent it). */
export function buildDesign(factors: Factor[], design: Design, seed: number): DesignResult | DesignProblem[] {
  const builder = BUILDERS[design.type] as DesignBuilder<Design>;
  return builder(factors, design, seed);
}

export type { DesignProblem, DesignResult } from './types.js';
export { toFactor, fromUnit, type Factor } from './factors.js';

/** How many points a design will have, and how that number comes about, for limit messages. */
export interface DesignSize {
  points: number;
  /** e.g. "grid: 10 x 100,000 values". */
  how: string;
  /** The experiment field that sets the size. */
  field: string;
}

const n = (x: number) => x.toLocaleString('en');

/**
 * The number of points `buildDesign` would make, computed without making them: a grid of
 * 10^10 points or a Sobol design of 10^9 samples is refused before any memory is taken.
 * (Upper bounds: a grid drops repeated values of a rounded range.)
 */
const SIZES: { [T in DesignType]: (factors: Factor[], design: Extract<Design, { type: T }>) => DesignSize } = {
  grid: (factors) => {
    const sizes = factors.map((f) => (f.kind === 'values' ? f.values.length : (f.count ?? 1)));
    return { points: sizes.reduce((a, b) => a * b, 1), how: `grid: ${sizes.map(n).join(' x ')} values`, field: 'vary' };
  },
  list: (_f, d) => ({ points: d.points.length, how: `list of ${n(d.points.length)} points`, field: 'design.points' }),
  lhs: (_f, d) => ({ points: d.samples, how: `lhs: ${n(d.samples)} samples`, field: 'design.samples' }),
  sobol: (f, d) => ({ points: d.samples * (f.length + 2), how: `sobol: ${n(d.samples)} samples x (${f.length} varied fields + 2)`, field: 'design.samples' }),
  morris: (f, d) => ({ points: d.trajectories * (f.length + 1), how: `morris: ${n(d.trajectories)} trajectories x (${f.length} varied fields + 1)`, field: 'design.trajectories' }),
};

export function designSize(factors: Factor[], design: Design): DesignSize {
  if (factors.length === 0) return { points: 1, how: 'no varied field: one point', field: 'vary' };
  return (SIZES[design.type] as (f: Factor[], d: Design) => DesignSize)(factors, design);
}
