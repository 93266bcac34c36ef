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
