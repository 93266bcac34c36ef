/**
 * Saltelli's sampling scheme for Sobol indices (Saltelli et al. 2010, "Variance based
 * sensitivity analysis of model output"): two N x k matrices A and B from the first and
 * last k dimensions of a 2k-dimensional Sobol sequence, and for each factor i the matrix
 * AB_i (A with column i taken from B). Points are laid out by base row j as
 * [A_j, AB_j^1, ..., AB_j^k, B_j], N * (k + 2) points in all.
 */
import type { Design } from '../schema.js';
import { fromUnit } from './factors.js';
import { sobolPoints, SOBOL_MAX_DIMENSIONS } from './sobol-sequence.js';
import type { DesignBuilder } from './types.js';

export function saltelliUnit(n: number, k: number, seed: number): number[][] {
  const base = sobolPoints(n, 2 * k, seed);
  const out: number[][] = [];
  for (const row of base) {
    const a = row.slice(0, k);
    const b = row.slice(k);
    out.push(a);
    for (let i = 0; i < k; i++) out.push(a.map((x, d) => (d === i ? b[d]! : x)));
    out.push(b);
  }
  return out;
}

export const saltelli: DesignBuilder<Extract<Design, { type: 'sobol' }>> = (factors, design, seed) => {
  const k = factors.length;
  if (k === 0) return [{ path: 'vary', message: 'a sobol design needs at least one varied field', allowed: 'vary: [ {path, min, max}, ... ]' }];
  if (2 * k > SOBOL_MAX_DIMENSIONS) {
    return [{ path: 'vary', message: `a sobol design here supports up to ${SOBOL_MAX_DIMENSIONS / 2} varied fields`, found: `${k}` }];
  }
  const unit = saltelliUnit(design.samples, k, seed);
  return { unit, points: unit.map((row) => row.map((u, d) => fromUnit(factors[d]!, u))) };
};
