/** Core data structures: population growth and compaction, ties, spatial index, random streams. */
import { describe, expect, it } from 'vitest';
import { Population, Kind } from '../../src/engine/population.js';
import { TieTable } from '../../src/engine/ties.js';
import { SpatialGrid } from '../../src/engine/spatial.js';
import seedrandom from 'seedrandom';
import { stream, deriveSeed } from '../../src/engine/rng.js';

describe('Population', () => {
  it('grows capacity and keeps values; ids are stable and never reused', () => {
    const p = new Population(3, 16);
    for (let k = 0; k < 40; k++) {
      const i = p.add(Kind.sme, 0, 0, 0);
      p.x[i] = k;
      p.tacit[i * 3 + 2] = k;
    }
    expect(p.capacity).toBeGreaterThanOrEqual(40);
    expect(p.x[39]).toBe(39);
    expect(p.tacit[39 * 3 + 2]).toBe(39);
    p.alive[5] = 0;
    p.alive[6] = 0;
    const { map } = p.compact()!;
    expect(p.n).toBe(38);
    expect(map[5]).toBe(-1);
    expect(map[7]).toBe(5);
    expect(p.id[5]).toBe(7);
    expect(p.tacit[5 * 3 + 2]).toBe(7);
    const j = p.add(Kind.sme, 0, 0, 1);
    expect(p.id[j]).toBe(40);
  });

  it('keeps its knowledge matrices in its kernel\'s memory through growth of the memory and of capacity', () => {
    const D = 5, p = new Population(D, 16);
    const fill = (i: number) => {
      for (let k = 0; k < D; k++) { p.tacit[i * D + k] = i + k / 10; p.codified[i * D + k] = -i - k / 10; p.niche[i * D + k] = 1000 + i * D + k; }
    };
    const check = (n: number) => {
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < D; k++) {
          expect(p.tacit[i * D + k]).toBe(i + k / 10);
          expect(p.codified[i * D + k]).toBe(-i - k / 10);
          expect(p.niche[i * D + k]).toBe(1000 + i * D + k);
        }
      }
    };
    for (let k = 0; k < 10; k++) fill(p.add(Kind.sme, 0, 0, 0));
    const mem = p.kernel.fn.memory;
    expect(p.tacit.buffer).toBe(mem.buffer);
    // A phase's layout that grows the memory: the views are made anew over the same bytes.
    const before = mem.buffer.byteLength;
    p.kernel.layout({ big: ['f64', 1 << 20] });
    expect(mem.buffer.byteLength).toBeGreaterThan(before);
    expect(p.tacit.buffer).toBe(mem.buffer);
    expect(p.niche.length).toBe(p.capacity * D);
    check(10);
    // Capacity doubling: codified and niche move up to their new places, new rows start at 0.
    for (let k = 10; k < 100; k++) fill(p.add(Kind.sme, 0, 0, 0));
    expect(p.capacity).toBeGreaterThanOrEqual(100);
    check(100);
    const at = p.tacit.byteOffset, m = p.codified.byteOffset - at;
    expect(m).toBeGreaterThanOrEqual(p.capacity * D * 8);
    expect(p.niche.byteOffset - p.codified.byteOffset).toBe(m);
    for (let q = 100 * D; q < p.capacity * D; q++) expect(p.tacit[q] + p.codified[q]).toBe(0);
    // The step's profiles and phases' buffers lie after the knowledge area.
    expect(p.kernel.reserve(64)).toBeGreaterThanOrEqual(p.niche.byteOffset + p.capacity * D * 8);
    // Compaction moves the rows within the memory.
    p.alive[3] = 0;
    p.compact();
    expect(p.tacit[3 * D]).toBe(4);
    expect(p.niche[98 * D + 1]).toBe(1000 + 99 * D + 1);
  });
});

describe('TieTable', () => {
  it('keeps both halves in step and respects the degree bound', () => {
    const t = new TieTable(2, 8);
    expect(t.add(0, 1, 0, 0.5, 0.5, 0)).toBe(true);
    expect(t.add(1, 0, 0, 0.5, 0.5, 0)).toBe(false);
    expect(t.add(0, 2, 0, 0.5, 0.5, 0)).toBe(true);
    expect(t.add(0, 3, 0, 0.5, 0.5, 0)).toBe(false); // 0 is full
    expect(t.has(2, 0)).toBe(true);
    t.update(0, t.find(0, 2), 0.9, 0.8, 3);
    expect(t.strength[2 * 2 + t.find(2, 0)]).toBe(0.9);
    t.removeSlot(0, t.find(0, 1));
    expect(t.has(1, 0)).toBe(false);
    expect(t.count(4)).toBe(1);
  });
  it('remaps rows after a compaction and drops ties to removed rows', () => {
    const t = new TieTable(4, 8);
    t.add(0, 1, 0, 1, 1, 0);
    t.add(1, 2, 0, 1, 1, 0);
    t.add(2, 3, 0, 1, 1, 0);
    // Row 1 removed: 2 -> 1, 3 -> 2.
    t.remap(Int32Array.from([0, -1, 1, 2]), 4);
    expect(t.deg[0]).toBe(0);
    expect(t.has(1, 2)).toBe(true);
    expect(t.has(2, 1)).toBe(true);
    expect(t.deg[3]).toBe(0);
  });
  it('keeps every slot pointing at its other half through adds, removals, growth, compactions and reorders', () => {
    const rng = stream(3, 'ties');
    const K = 6;
    let n = 40;
    const t = new TieTable(K, 16);
    /** Every slot's mirror holds the reverse tie, with the same strength, trust and last use. */
    const check = () => {
      for (let i = 0; i < n; i++) {
        for (let s = 0; s < t.deg[i]; s++) {
          const k = i * K + s, j = t.partner[k], q = j * K + t.mirror[k];
          expect(t.mirror[k]).toBeLessThan(t.deg[j]);
          expect(t.partner[q]).toBe(i);
          expect(t.mirror[q]).toBe(s);
          expect([t.strength[q], t.trust[q], t.lastUsed[q]]).toEqual([t.strength[k], t.trust[k], t.lastUsed[k]]);
        }
      }
    };
    t.reserve(n);
    for (let round = 0; round < 30; round++) {
      for (let a = 0; a < 40; a++) t.add(rng.int(n), rng.int(n), 0, rng.next(), rng.next(), round);
      for (let a = 0; a < 10; a++) {
        const i = rng.int(n);
        if (t.deg[i] > 0) t.removeSlot(i, rng.int(t.deg[i]));
      }
      for (let a = 0; a < 20; a++) {
        const i = rng.int(n);
        if (t.deg[i] > 0) t.update(i, rng.int(t.deg[i]), rng.next(), rng.next(), round);
      }
      if (round % 7 === 3) t.clear(rng.int(n));
      check();
      if (round % 3 === 0) {
        // Compaction: a few rows removed, the rest move down.
        const map = new Int32Array(n);
        let kept = 0;
        for (let i = 0; i < n; i++) map[i] = rng.chance(0.1) ? -1 : kept++;
        t.remap(map, n);
        n = kept;
        check();
        // Growth and new rows, as entries would bring.
        t.reserve(n + 8);
        n += 8;
      }
      if (round % 5 === 4) {
        // Reorder as the spatial sort does: a random permutation.
        const perm = Int32Array.from({ length: n }, (_, r) => r);
        for (let r = n - 1; r > 0; r--) { const o = rng.int(r + 1); [perm[r], perm[o]] = [perm[o], perm[r]]; }
        const inv = new Int32Array(n);
        for (let r = 0; r < n; r++) inv[perm[r]] = r;
        t.permute(perm, inv, n);
        check();
      }
    }
    expect(t.count(n)).toBeGreaterThan(20);
  });
});

describe('SpatialGrid', () => {
  it('finds exactly the rows within the radius', () => {
    const n = 500;
    const rng = stream(1, 'grid');
    const x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) { x[i] = rng.uniform(0, 100); y[i] = rng.uniform(0, 100); }
    const g = new SpatialGrid(7);
    g.rebuild(x, y, n, () => true);
    const out = new Int32Array(n);
    for (const i of [0, 17, 250]) {
      const m = g.query(x[i], y[i], 12, x, y, i, out);
      const got = Array.from(out.subarray(0, m)).sort((a, b) => a - b);
      const want: number[] = [];
      for (let j = 0; j < n; j++) if (j !== i && Math.hypot(x[j] - x[i], y[j] - y[i]) <= 12) want.push(j);
      expect(got).toEqual(want);
    }
  });
});

describe('random streams', () => {
  it('are reproducible and independent by name', () => {
    const a = stream(9, 'a'), a2 = stream(9, 'a'), b = stream(9, 'b');
    const va = [a.next(), a.next()], va2 = [a2.next(), a2.next()], vb = [b.next(), b.next()];
    expect(va).toEqual(va2);
    expect(va).not.toEqual(vb);
  });
  it('draw for draw the sequence of seedrandom\'s alea seeded with "<master>/<name>"', () => {
    const ours = stream(42, 'spillover'), theirs = seedrandom.alea('42/spillover');
    for (let k = 0; k < 100_000; k++) {
      const a = ours.next(), b = theirs();
      if (a !== b) expect(`draw ${k}: ${a}`).toBe(`draw ${k}: ${b}`);
    }
    expect(stream(42, 'spillover').int(1000)).toBe(Math.floor(seedrandom.alea('42/spillover')() * 1000));
  });
  it('derives different seeds for different run coordinates', () => {
    expect(deriveSeed(1, 0, 0)).not.toBe(deriveSeed(1, 0, 1));
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
  });
});

describe('SpatialGrid.sample', () => {
  it('samples uniformly among all rows in the circle, not the first in cell order', () => {
    const n = 400;
    const rng = stream(2, 'sample');
    const x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) { x[i] = rng.uniform(0, 20); y[i] = rng.uniform(0, 20); }
    const g = new SpatialGrid(2);
    g.rebuild(x, y, n, () => true);
    const out = new Int32Array(16);
    let sumX = 0, count = 0;
    for (let rep = 0; rep < 200; rep++) {
      const m = g.sample(10, 10, 30, x, y, -1, out, rng);
      expect(m).toBe(16);
      for (let k = 0; k < m; k++) { sumX += x[out[k]]; count++; }
    }
    // Every row is in the circle: the sampled mean x is the population's (~10), not a corner's.
    expect(sumX / count).toBeGreaterThan(9);
    expect(sumX / count).toBeLessThan(11);
  });
});
