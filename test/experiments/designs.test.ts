/** Designs: grid sizes and order, lists, Latin hypercube stratification, Sobol sequence, Morris trajectories. */
import { describe, expect, it } from 'vitest';
import { buildDesign, toFactor, type DesignResult } from '../../src/experiments/designs/index.js';
import { gridValues } from '../../src/experiments/designs/factors.js';
import { latinHypercube } from '../../src/experiments/designs/lhs.js';
import { morrisTrajectories } from '../../src/experiments/designs/morris.js';
import { saltelliUnit } from '../../src/experiments/designs/saltelli.js';
import { sobolPoints } from '../../src/experiments/designs/sobol-sequence.js';
import { VarySchema, type Design } from '../../src/experiments/schema.js';

const factor = (v: Record<string, unknown>) => toFactor(VarySchema.parse(v));
const build = (factors: ReturnType<typeof factor>[], design: Design, seed = 1) => {
  const r = buildDesign(factors, design, seed);
  if (Array.isArray(r)) throw new Error(JSON.stringify(r));
  return r as DesignResult;
};

describe('grid', () => {
  it('has the product of the value counts, last factor fastest', () => {
    const r = build([factor({ path: 'a', values: [1, 2, 3] }), factor({ path: 'b', values: ['x', 'y'] }), factor({ path: 'c', min: 0, max: 1, count: 4 })], { type: 'grid' });
    expect(r.points.length).toBe(3 * 2 * 4);
    expect(r.points.slice(0, 5)).toEqual([[1, 'x', 0], [1, 'x', 1 / 3], [1, 'x', 2 / 3], [1, 'x', 1], [1, 'y', 0]]);
  });
  it('spaces log and integer ranges', () => {
    expect(gridValues(factor({ path: 'a', min: 1, max: 100, count: 3, scale: 'log' }))).toEqual([1, 10.000000000000002, 100]);
    expect(gridValues(factor({ path: 'a', min: 0, max: 3, count: 7, integer: true }))).toEqual([0, 1, 2, 3]);
  });
  it('asks for values or a count when a factor is a bare range', () => {
    const r = buildDesign([factor({ path: 'a', min: 0, max: 1 })], { type: 'grid' }, 1);
    expect(r).toEqual([expect.objectContaining({ path: 'vary.0', allowed: expect.stringContaining('count') })]);
  });
});

describe('list', () => {
  it('keeps the order given and needs every varied path', () => {
    const fs = [factor({ path: 'a', values: [0] }), factor({ path: 'b', values: [0] })];
    expect(build(fs, { type: 'list', points: [{ a: 2, b: 1 }, { b: 3, a: 4 }] }).points).toEqual([[2, 1], [4, 3]]);
    const bad = buildDesign(fs, { type: 'list', points: [{ a: 1 }, { a: 1, b: 2, c: 3 }] }, 1);
    expect(bad).toEqual([expect.objectContaining({ path: 'design.points.0', message: "missing 'b'" }), expect.objectContaining({ path: 'design.points.1' })]);
  });
});

describe('latin hypercube', () => {
  it('puts exactly one point in each stratum of every factor', () => {
    const n = 50;
    const unit = latinHypercube(n, 4, 7);
    for (let d = 0; d < 4; d++) {
      const strata = unit.map((row) => Math.floor(row[d]! * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
  it('is reproducible from its seed and changes with it', () => {
    expect(latinHypercube(10, 2, 3)).toEqual(latinHypercube(10, 2, 3));
    expect(latinHypercube(10, 2, 3)).not.toEqual(latinHypercube(10, 2, 4));
  });
  it('maps unit coordinates onto ranges and value lists', () => {
    const r = build([factor({ path: 'a', min: 10, max: 20 }), factor({ path: 'b', values: ['p', 'q'] }), factor({ path: 'c', min: 1, max: 3, integer: true })], { type: 'lhs', samples: 30 });
    for (const [a, b, c] of r.points) {
      expect(a).toBeGreaterThanOrEqual(10);
      expect(a).toBeLessThan(20);
      expect(['p', 'q']).toContain(b);
      expect([1, 2, 3]).toContain(c);
    }
  });
});

describe('sobol sequence and saltelli', () => {
  it('starts like the published unscrambled sequence', () => {
    expect(sobolPoints(4, 3)).toEqual([[0, 0, 0], [0.5, 0.5, 0.5], [0.25, 0.75, 0.75], [0.75, 0.25, 0.25]]);
  });
  it('is balanced: every power-of-two prefix puts one point in each dyadic interval', () => {
    const pts = sobolPoints(64, 20, 9);
    for (let d = 0; d < 20; d++) {
      const bins = new Set(pts.map((p) => Math.floor(p[d]! * 64)));
      expect(bins.size).toBe(64);
    }
  });
  it('lays out N (k + 2) points as A, AB_1..AB_k, B', () => {
    const u = saltelliUnit(8, 3, 1);
    expect(u.length).toBe(8 * 5);
    const [a, ab1, ab2, ab3, b] = u.slice(0, 5);
    expect(ab1).toEqual([b![0], a![1], a![2]]);
    expect(ab2).toEqual([a![0], b![1], a![2]]);
    expect(ab3).toEqual([a![0], a![1], b![2]]);
  });
});

describe('morris', () => {
  it('moves one factor at a time by delta, each factor once per trajectory', () => {
    const { unit, moves, delta } = morrisTrajectories(10, 3, 4, 2);
    expect(delta).toBeCloseTo(4 / 6);
    expect(unit.length).toBe(10 * 4);
    moves.forEach((tm, t) => {
      expect(tm.map((m) => m.factor).sort()).toEqual([0, 1, 2]);
      tm.forEach((m, i) => {
        const before = unit[t * 4 + i]!;
        const after = unit[t * 4 + i + 1]!;
        before.forEach((x, d) => expect(after[d]).toBeCloseTo(d === m.factor ? x + m.step : x));
      });
      unit.slice(t * 4, t * 4 + 4).flat().forEach((x) => {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      });
    });
  });
});
