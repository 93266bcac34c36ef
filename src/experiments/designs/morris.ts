/**
 * Morris one-at-a-time trajectories (Morris 1991; Campolongo et al. 2007 for mu*). On a
 * grid of p levels {0, 1/(p-1), ..., 1} of the unit cube, each trajectory starts at a
 * random base point and moves each factor once, in random order, by delta = p / (2(p-1))
 * up or down (random direction), giving k + 1 points. Trajectory t occupies points
 * t(k+1) .. t(k+1)+k.
 */
import seedrandom from 'seedrandom';
import type { Design } from '../schema.js';
import { fromUnit } from './factors.js';
import type { DesignBuilder } from './types.js';

export interface MorrisLayout {
  /** Unit coordinates of every point, trajectory after trajectory. */
  unit: number[][];
  /** For trajectory t and move m: the factor moved and the signed step (+delta or -delta). */
  moves: { factor: number; step: number }[][];
  delta: number;
}

export function morrisTrajectories(r: number, k: number, levels: number, seed: number): MorrisLayout {
  const rng = seedrandom.alea(`morris/${seed}`);
  const delta = levels / (2 * (levels - 1));
  // Base levels are those from which +delta stays inside [0, 1].
  const baseLevels: number[] = [];
  for (let l = 0; l < levels; l++) if (l / (levels - 1) + delta <= 1 + 1e-12) baseLevels.push(l / (levels - 1));
  const unit: number[][] = [];
  const moves: MorrisLayout['moves'] = [];
  for (let t = 0; t < r; t++) {
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const x = new Array<number>(k);
    const dir = new Array<number>(k);
    for (let d = 0; d < k; d++) {
      const base = baseLevels[Math.floor(rng() * baseLevels.length)]!;
      dir[d] = rng() < 0.5 ? 1 : -1;
      x[d] = dir[d] === 1 ? base : Math.min(1, base + delta);
    }
    unit.push([...x]);
    const tm: { factor: number; step: number }[] = [];
    for (const f of order) {
      x[f] = Math.min(1, Math.max(0, x[f]! + dir[f]! * delta));
      unit.push([...x]);
      tm.push({ factor: f, step: dir[f]! * delta });
    }
    moves.push(tm);
  }
  return { unit, moves, delta };
}

export const morris: DesignBuilder<Extract<Design, { type: 'morris' }>> = (factors, design, seed) => {
  if (factors.length === 0) return [{ path: 'vary', message: 'a morris design needs at least one varied field', allowed: 'vary: [ {path, min, max}, ... ]' }];
  const { unit } = morrisTrajectories(design.trajectories, factors.length, design.levels, seed);
  return { unit, points: unit.map((row) => row.map((u, d) => fromUnit(factors[d]!, u))) };
};
