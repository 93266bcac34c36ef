/**
 * Latin hypercube (McKay, Beckman & Conover 1979): each factor's unit interval is cut into
 * `samples` equal strata and every stratum holds exactly one point; the strata are paired
 * across factors by independent random permutations, and the point sits uniformly at random
 * within its stratum.
 */
import seedrandom from 'seedrandom';
import { fromUnit } from './factors.js';
import type { DesignBuilder } from './types.js';

export function latinHypercube(n: number, dims: number, seed: number): number[][] {
  const rng = seedrandom.alea(`lhs/${seed}`);
  const unit = Array.from({ length: n }, () => new Array<number>(dims));
  for (let d = 0; d < dims; d++) {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    for (let i = 0; i < n; i++) unit[i]![d] = (perm[i]! + rng()) / n;
  }
  return unit;
}

export const lhs: DesignBuilder<{ type: 'lhs'; samples: number }> = (factors, design, seed) => {
  const unit = latinHypercube(design.samples, factors.length, seed);
  return { unit, points: unit.map((row) => row.map((u, d) => fromUnit(factors[d]!, u))) };
};
