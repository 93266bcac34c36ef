/** What every design builder receives and returns. */
import type { Design, ParamValue } from '../schema.js';
import type { Factor } from './factors.js';

/** A problem with the design, reported against a field of the experiment file. */
export interface DesignProblem {
  path: string;
  message: string;
  found?: string;
  allowed?: string;
}

export interface DesignResult {
  /** One row per design point, one column per factor (in `vary` order). */
  points: ParamValue[][];
  /** Unit-cube coordinates of the points, for samplers whose analysis needs them. */
  unit?: number[][];
}

export type DesignBuilder<D extends { type: string }> = (factors: Factor[], design: D, seed: number) => DesignResult | DesignProblem[];
