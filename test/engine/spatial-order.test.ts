/**
 * Memory locality helpers: rows put in spatial order at build (state.ts sortRowsSpatially)
 * and the grid's version counter (spatial.ts), which lets callers keep cached queries.
 */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../src/engine/build.js';
import { sortRowsSpatially } from '../../src/engine/state.js';
import { hilbertIndex, hilbertOrder, SpatialGrid } from '../../src/engine/spatial.js';
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
    // Already in order: sorting again changes nothing.
    expect(Array.from(hilbertOrder(p.x, p.y, p.n, s.grid.cell))).toEqual(Array.from({ length: p.n }, (_, r) => r));
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

describe('hilbertOrder', () => {
  it('walks every aligned block of cells in one piece, each cell next to the one before', () => {
    const cells: [number, number][] = [];
    for (let x = 0; x < 16; x++) for (let y = 0; y < 16; y++) cells.push([x, y]);
    cells.sort((a, b) => hilbertIndex(a[0], a[1]) - hilbertIndex(b[0], b[1]));
    expect(hilbertIndex(cells[0][0], cells[0][1])).toBe(0);
    expect(hilbertIndex(cells[255][0], cells[255][1])).toBe(255); // the 16 x 16 block comes first, whole
    for (let r = 1; r < cells.length; r++) expect(Math.abs(cells[r][0] - cells[r - 1][0]) + Math.abs(cells[r][1] - cells[r - 1][1])).toBe(1);
  });
  it('orders rows by their cell along the curve, rows of one cell in ascending order', () => {
    // Cells (col,row), counted from the lowest x and y: rows 0 and 4 share (2,0); 1 (0,1); 2 (1,1); 3 (0,0).
    const x = Float64Array.from([2.5, 0, 1.5, 0.5, 2.2]), y = Float64Array.from([0.5, 1.5, 1.5, 0, 0.7]);
    const key = (i: number) => hilbertIndex(Math.floor(x[i]), Math.floor(y[i])) * 8 + i;
    const want = [0, 1, 2, 3, 4].sort((a, b) => key(a) - key(b));
    expect(Array.from(hilbertOrder(x, y, 5, 1))).toEqual(want);
    expect(want.indexOf(4)).toBe(want.indexOf(0) + 1);
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
