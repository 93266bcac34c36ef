/**
 * Memory locality helpers: rows put in spatial order at build (state.ts sortRowsSpatially)
 * and the grid's version counter (spatial.ts), which lets callers keep cached queries.
 */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../src/engine/build.js';
import { sortRowsSpatially } from '../../src/engine/state.js';
import { SpatialGrid, zOrder } from '../../src/engine/spatial.js';
import { runScenario } from '../../src/engine/simulate.js';
import { smallScenario } from '../fixtures/scenarios.js';

const sc = () => smallScenario({ populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 300, initialTies: 4 }] });

describe('sortRowsSpatially', () => {
  it('reorders rows by grid cell, moving ids, attributes and ties with them', () => {
    const s = buildState(sc(), 4);
    const p = s.pop, D = p.D;
    const before = new Map<number, { x: number; k0: number; partners: number[] }>();
    for (let i = 0; i < p.n; i++) {
      const partners: number[] = [];
      for (let q = 0; q < s.ties.deg[i]; q++) partners.push(p.id[s.ties.partner[i * s.ties.K + q]]);
      before.set(p.id[i], { x: p.x[i], k0: p.tacit[i * D], partners: partners.sort() });
    }
    sortRowsSpatially(s, 0);
    let moved = 0;
    for (let i = 0; i < p.n; i++) {
      const b = before.get(p.id[i])!;
      if (p.id[i] !== i) moved++;
      expect(p.x[i]).toBe(b.x);
      expect(p.tacit[i * D]).toBe(b.k0);
      const partners: number[] = [];
      for (let q = 0; q < s.ties.deg[i]; q++) partners.push(p.id[s.ties.partner[i * s.ties.K + q]]);
      expect(partners.sort()).toEqual(b.partners);
    }
    expect(moved).toBeGreaterThan(p.n / 2);
    // Already in Z-order: sorting again changes nothing.
    expect(Array.from(zOrder(p.x, p.y, p.n, s.grid.cell))).toEqual(Array.from({ length: p.n }, (_, r) => r));
    expect(before.size).toBe(p.n);
  });

  it('leaves populations below the threshold as built, and runs stay deterministic', () => {
    const s = buildState(sc(), 4);
    sortRowsSpatially(s); // default threshold: 300 rows are left alone
    for (let i = 0; i < s.pop.n; i++) expect(s.pop.id[i]).toBe(i);
    const a = runScenario(smallScenario({ steps: 3 }), { seed: 2 }).rows;
    const b = runScenario(smallScenario({ steps: 3 }), { seed: 2 }).rows;
    expect(a).toEqual(b);
  });
});

describe('zOrder', () => {
  it('orders cells along the Z curve: the four cells of a 2 x 2 block come together', () => {
    // Cells (col,row): a (0,0) b (1,0) c (0,1) d (1,1) e (2,0); Z-order: a b c d e.
    const x = Float64Array.from([2.5, 0.5, 1.5, 0.5, 1.5]), y = Float64Array.from([0.5, 1.5, 1.5, 0.5, 0.5]);
    expect(Array.from(zOrder(x, y, 5, 1))).toEqual([3, 4, 1, 2, 0]);
  });
});

describe('SpatialGrid.version', () => {
  it('changes only when what is indexed changes', () => {
    const x = Float64Array.from([0, 1, 2, 5]), y = Float64Array.from([0, 0, 1, 5]);
    const g = new SpatialGrid(2);
    g.rebuild(x, y, 4, () => true);
    const v = g.version;
    g.rebuild(x, y, 4, () => true);
    expect(g.version).toBe(v);
    x[2] = 3;
    g.rebuild(x, y, 4, () => true);
    expect(g.version).toBe(v + 1);
    g.rebuild(x, y, 4, (i) => i !== 1);
    expect(g.version).toBe(v + 2);
    const out = new Int32Array(8);
    expect(g.query(0, 0, 2, x, y, -1, out)).toBe(1); // row 1 is no longer indexed
    g.rebuild(x, y, 3, (i) => i !== 1);
    expect(g.version).toBe(v + 3);
  });
});
