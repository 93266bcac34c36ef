/**
 * Ties between agents, stored compactly: each row has K slots (bounded degree, docs/model/network.md)
 * in flat typed arrays, no object per tie. A tie is stored on both ends; `add` and `remove`
 * keep the two halves in step. Slots of a row are kept packed (0..deg-1). Each slot knows
 * the slot of its other half in the partner's row (`mirror`), so updating both halves and
 * removing a tie take constant time instead of a scan of the partner's slots.
 */
import { moveRuns, survivorRuns } from './population.js';

/** Rows a compaction map (old row -> new row, -1 removed) keeps, of its first n. */
function keptRows(map: Int32Array, n: number): number {
  let kept = 0;
  for (let i = 0; i < n; i++) if (map[i] >= 0) kept++;
  return kept;
}

/** Tie types (docs/model/network.md). */
export const TIE_TYPES = ['vertical', 'horizontal', 'project', 'interRegional'] as const;
export type TieType = (typeof TIE_TYPES)[number];
export const TieType: Record<TieType, number> = { vertical: 0, horizontal: 1, project: 2, interRegional: 3 };

/** Whether any row the compaction map removes (map[r] < 0, r < n) still holds a tie. */
function removedHoldTies(map: Int32Array, n: number, deg: Uint8Array): boolean {
  for (let r = 0; r < n; r++) if (map[r] < 0 && deg[r] > 0) return true;
  return false;
}

export class TieTable {
  readonly K: number;
  capacity: number;
  deg: Uint8Array;
  /** Partner row, n x K; meaningful for slots < deg. */
  partner: Int32Array;
  type: Uint8Array;
  strength: Float64Array;
  trust: Float64Array;
  /** Step the tie was last used to exchange knowledge (for decay without use). */
  lastUsed: Int32Array;
  /** Slot of the other half of the tie in the partner's row, n x K. */
  mirror: Uint8Array;

  constructor(K: number, capacity: number) {
    if (K < 1 || K > 255) throw new RangeError(`tie slots per agent must be in 1..255, got ${K}`);
    this.K = K;
    this.capacity = capacity;
    this.deg = new Uint8Array(capacity);
    this.partner = new Int32Array(capacity * K);
    this.type = new Uint8Array(capacity * K);
    this.strength = new Float64Array(capacity * K);
    this.trust = new Float64Array(capacity * K);
    this.lastUsed = new Int32Array(capacity * K);
    this.mirror = new Uint8Array(capacity * K);
  }

  /** Grow to at least `capacity` rows (called when the population grows). */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const K = this.K;
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, per: number): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity * per);
      b.set(a);
      return b;
    };
    this.deg = grow(this.deg, 1);
    this.partner = grow(this.partner, K);
    this.type = grow(this.type, K);
    this.strength = grow(this.strength, K);
    this.trust = grow(this.trust, K);
    this.lastUsed = grow(this.lastUsed, K);
    this.mirror = grow(this.mirror, K);
    this.capacity = capacity;
  }

  /** Slot of j among i's ties, or -1. */
  find(i: number, j: number): number {
    const base = i * this.K;
    for (let s = 0, d = this.deg[i]; s < d; s++) if (this.partner[base + s] === j) return s;
    return -1;
  }

  has(i: number, j: number): boolean {
    return this.find(i, j) >= 0;
  }

  full(i: number): boolean {
    return this.deg[i] >= this.K;
  }

  /** Add a tie i-j if absent and both have a free slot. Returns true when added. */
  add(i: number, j: number, type: number, strength: number, trust: number, step: number): boolean {
    if (i === j || this.full(i) || this.full(j) || this.has(i, j)) return false;
    const si = this.deg[i], sj = this.deg[j];
    this.put(i, j, type, strength, trust, step);
    this.put(j, i, type, strength, trust, step);
    this.mirror[i * this.K + si] = sj;
    this.mirror[j * this.K + sj] = si;
    return true;
  }

  private put(i: number, j: number, type: number, strength: number, trust: number, step: number): void {
    const k = i * this.K + this.deg[i]++;
    this.partner[k] = j;
    this.type[k] = type;
    this.strength[k] = strength;
    this.trust[k] = trust;
    this.lastUsed[k] = step;
  }

  /** Remove the tie in slot s of row i, and its mirror. */
  removeSlot(i: number, s: number): void {
    const k = i * this.K + s;
    const j = this.partner[k], m = this.mirror[k];
    this.drop(i, s);
    this.drop(j, m);
  }

  /** Remove all ties of row i (both halves). */
  clear(i: number): void {
    while (this.deg[i] > 0) this.removeSlot(i, this.deg[i] - 1);
  }

  /** Set strength/trust/lastUsed on both halves of the tie in slot s of row i. */
  update(i: number, s: number, strength: number, trust: number, step: number): void {
    const k = i * this.K + s;
    const j = this.partner[k];
    this.strength[k] = strength;
    this.trust[k] = trust;
    this.lastUsed[k] = step;
    const q = j * this.K + this.mirror[k];
    this.strength[q] = strength;
    this.trust[q] = trust;
    this.lastUsed[q] = step;
  }

  /** Move the last slot into s (keeps slots packed); the moved tie's other half is told. */
  private drop(i: number, s: number): void {
    const base = i * this.K;
    const last = --this.deg[i];
    if (s !== last) {
      const p = this.partner[base + last], m = this.mirror[base + last];
      this.partner[base + s] = p;
      this.type[base + s] = this.type[base + last];
      this.strength[base + s] = this.strength[base + last];
      this.trust[base + s] = this.trust[base + last];
      this.lastUsed[base + s] = this.lastUsed[base + last];
      this.mirror[base + s] = m;
      this.mirror[p * this.K + m] = s;
    }
  }

  /**
   * Apply a population compaction map (old row -> new row or -1); `n` is the old row count.
   * In place: living rows only move down (new <= old), so a row is read before it is overwritten.
   */
  remap(map: Int32Array, n: number, runs = survivorRuns(map, n)): void {
    // Each loop is a method of its own, so that none is compiled on-stack inside a method whose
    // later code has no type feedback yet (docs/performance.md, item 16).
    // Ties to removed rows are dropped first; there are none when no removed row holds a tie
    // (removeAgent clears an exiting agent's ties, and both halves of a tie come and go
    // together), which is every step of a simulation: then the pass over every row's slots is
    // skipped (a check of the removed rows' degrees instead). The same ties either way.
    if (removedHoldTies(map, n, this.deg)) this.dropTiesToRemoved(map, n);
    // Rows move in runs (one copyWithin per run and array, as Population.compact does),
    // then every kept slot's partner is renumbered. (Moving only each row's used slots, a
    // few of its K, was no faster: paired ratio 0.994, docs/performance.md run V.)
    moveRuns(this.deg, runs, 1);
    for (const a of [this.partner, this.type, this.strength, this.trust, this.lastUsed, this.mirror]) moveRuns(a, runs, this.K);
    const kept = keptRows(map, n);
    this.renumber(map, kept);
    this.deg.fill(0, kept, n);
  }

  /** Drop ties to removed rows (both halves of such a tie go: the removed row's own slots disappear with it). */
  private dropTiesToRemoved(map: Int32Array, n: number): void {
    // The arrays in locals (drop changes their contents, never the arrays): as fields they
    // were loaded again at every slot, after the call that may run.
    const K = this.K, deg = this.deg, partner = this.partner;
    for (let i = 0; i < n; i++) {
      if (map[i] < 0) continue;
      const base = i * K;
      for (let s = deg[i] - 1; s >= 0; s--) if (map[partner[base + s]] < 0) this.drop(i, s);
    }
  }

  /**
   * Renumber the partners of the `kept` rows, already moved down. Its one loop is the whole
   * method: with the count of kept rows in front of it, V8 compiled the method on-stack in the
   * count's loop, before this loop had run, and threw that code away at its compare (every
   * third step at 10,000 agents; docs/performance.md, item 16).
   */
  private renumber(map: Int32Array, kept: number): void {
    const K = this.K, partner = this.partner, deg = this.deg;
    for (let i = 0; i < kept; i++) for (let q = i * K, e = q + deg[i]; q < e; q++) partner[q] = map[partner[q]];
  }

  /**
   * Reorder the rows as Population.permute does: new row r holds old row perm[r]'s slots;
   * `map` is the inverse (old row -> new row), applied to partners. For build time.
   */
  permute(perm: Int32Array, map: Int32Array, n: number): void {
    const K = this.K, cap = this.capacity;
    const deg = new Uint8Array(cap), partner = new Int32Array(cap * K), type = new Uint8Array(cap * K);
    const strength = new Float64Array(cap * K), trust = new Float64Array(cap * K), lastUsed = new Int32Array(cap * K);
    const mirror = new Uint8Array(cap * K);
    for (let r = 0; r < n; r++) {
      const o = perm[r], d = this.deg[o];
      deg[r] = d;
      for (let s = 0; s < d; s++) {
        partner[r * K + s] = map[this.partner[o * K + s]];
        type[r * K + s] = this.type[o * K + s];
        strength[r * K + s] = this.strength[o * K + s];
        trust[r * K + s] = this.trust[o * K + s];
        lastUsed[r * K + s] = this.lastUsed[o * K + s];
        mirror[r * K + s] = this.mirror[o * K + s];
      }
    }
    this.deg = deg; this.partner = partner; this.type = type;
    this.strength = strength; this.trust = trust; this.lastUsed = lastUsed; this.mirror = mirror;
  }

  /** Number of ties (each counted once). */
  count(n: number): number {
    let s = 0;
    for (let i = 0; i < n; i++) s += this.deg[i];
    return s / 2;
  }
}
