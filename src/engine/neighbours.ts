/**
 * Cached neighbour lists: for every row, the rows within a radius (at most `pool` of them),
 * in one flat array (CSR: `start[i]..start[i+1]` in `items`). Agents do not move, so a
 * spatial query per agent and step is wasted work: the lists are built once and, when the
 * population changes (entries and exits), updated instead of rebuilt:
 *   - exits: survivors are found by their stable ids (compaction keeps their order) and
 *     their lists remapped, dropping the rows that left;
 *   - entries: each entrant is queried, and added to the lists of the rows around it.
 * An update keeps a complete list exact (it drops the rows that left and takes every
 * entrant within the radius); only an incomplete list goes stale (it cannot take in the rows
 * beyond its `pool` nearest that an exit brings within reach, nor an entrant once it is full).
 * Once the items lost or missed by incomplete lists since the last rebuild exceed
 * `REFRESH_SHARE` of all items listed, and whenever something unexpected happened (a row
 * moved, ids out of order, a changed radius), the lists are rebuilt from the grid. A list holds the `pool` nearest rows within the radius (the grid's
 * query); `complete` says whether it holds every row within the radius (fewer than `pool`
 * were found). A survivor whose list is full takes no entrant into it (it stays incomplete).
 *
 * Invariant the users rely on: if the lists of i and j are both complete, j is in i's list
 * exactly when i is in j's.
 */
import type { State } from './contract.js';
import { selectNearest, type SpatialGrid } from './spatial.js';

/** Rebuild from scratch once the items incomplete lists lost or missed since the last rebuild exceed this share of all items. */
const REFRESH_SHARE = 0.125;
/** Largest neighbourhood of an entrant that an update can handle (else: rebuild). */
const ENTRANT_MAX = 1 << 16;

export class NeighbourLists {
  private grid: SpatialGrid | null = null;
  private version = -1;
  radius = 0;
  pool = 0;
  /** Times the lists were built from scratch (the rest were updates). */
  rebuilds = 0;
  /** Changes with every rebuild or update: what was derived from the lists stays valid while it holds. */
  generation = 0;
  /** Rows covered; rows added since (not yet in the grid) are not. */
  rows = 0;
  start: Int32Array = new Int32Array(1);
  items: Int32Array = new Int32Array(0);
  /** 1 when row i's list holds every row within the radius. */
  complete: Uint8Array = new Uint8Array(0);
  /** Stable id, position of each covered row when its list was made. */
  private ids: Int32Array = new Int32Array(0);
  private px: Float64Array = new Float64Array(0);
  private py: Float64Array = new Float64Array(0);
  private nextId = 0;
  /** Items lost or missed by incomplete lists since the last rebuild. */
  private stale = 0;
  // Work buffers of an update, reused.
  private map: Int32Array = new Int32Array(0);
  private from: Int32Array = new Int32Array(0);
  private extraStart: Int32Array = new Int32Array(0);
  private extra: Int32Array = new Int32Array(0);
  private cursor: Int32Array = new Int32Array(0);
  private entrantStart: Int32Array = new Int32Array(1);
  private entrantItems: Int32Array = new Int32Array(0);
  private buf: Int32Array = new Int32Array(0);
  private start2: Int32Array = new Int32Array(1);
  private items2: Int32Array = new Int32Array(0);

  /** The lists for the state's current grid (updated or rebuilt if the grid changed). */
  get(state: State, radius: number, pool: number): this {
    const grid = state.grid;
    if (this.grid === grid && this.version === grid.version && this.radius === radius && this.pool === pool) return this;
    const ok = this.grid === grid && this.radius === radius && this.pool === pool && this.update(state);
    if (!ok) this.rebuild(state, grid, radius, pool);
    this.grid = grid;
    this.version = grid.version;
    this.generation++;
    return this;
  }

  /** Room for n rows (capacity `cap`), keeping what the lists hold. */
  private ensure(n: number, cap: number): void {
    if (this.start.length >= n + 1) return;
    const keep = <T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (k: number) => T)(size);
      b.set(a.subarray(0, Math.min(a.length, size)));
      return b;
    };
    this.start = keep(this.start, cap + 1);
    this.start2 = new Int32Array(cap + 1);
    this.complete = keep(this.complete, cap);
    this.ids = keep(this.ids, cap);
    this.px = keep(this.px, cap);
    this.py = keep(this.py, cap);
    this.map = keep(this.map, cap);
    this.from = new Int32Array(cap);
    this.extraStart = new Int32Array(cap + 1);
    this.cursor = new Int32Array(cap);
  }

  /** `dst`, or a larger copy of its first `pos` entries, with room for `count` more at `pos`. */
  private static room(dst: Int32Array, pos: number, count: number): Int32Array {
    if (dst.length >= pos + count) return dst;
    const next = new Int32Array(Math.max(2 * dst.length, pos + count, 1024));
    next.set(dst.subarray(0, pos));
    return next;
  }

  private rebuild(state: State, grid: SpatialGrid, radius: number, pool: number): void {
    const pop = state.pop, n = pop.n;
    this.ensure(n, pop.capacity);
    if (this.buf.length < pool) this.buf = new Int32Array(pool);
    this.start[n] = this.listAll(pop, grid, radius, pool);
    this.radius = radius;
    this.pool = pool;
    this.rows = n;
    this.nextId = pop.nextId;
    this.stale = 0;
    this.rebuilds++;
  }

  /**
   * The loop of `rebuild`, in a function of its own that ends with the loop: V8 compiles a
   * long loop on-stack during its first run, before the lines after it have ever run, and
   * the stores that followed the loop threw that code away at every rebuild. Returns the
   * number of items listed.
   */
  private listAll(pop: State['pop'], grid: SpatialGrid, radius: number, pool: number): number {
    const n = pop.n, buf = this.buf;
    let at = 0;
    for (let i = 0; i < n; i++) {
      this.start[i] = at;
      // The engine indexes the living only; a dead row gets no list (it neither gains nor,
      // not being indexed, appears in another's list).
      const found = pop.alive[i] ? grid.query(pop.x[i], pop.y[i], radius, pop.x, pop.y, i, buf, pool) : 0;
      this.items = NeighbourLists.room(this.items, at, found);
      for (let s = 0; s < found; s++) this.items[at + s] = buf[s];
      at += found;
      this.complete[i] = found < pool ? 1 : 0;
      this.ids[i] = pop.id[i];
      this.px[i] = pop.x[i];
      this.py[i] = pop.y[i];
    }
    return at;
  }

  /**
   * Bring the lists in line with entries and exits; false when a rebuild is needed. Each
   * phase is a method that ends with its loop (see `listAll`).
   */
  private update(state: State): boolean {
    const pop = state.pop, n = pop.n;
    this.ensure(n, pop.capacity);
    // 1. Old row -> new row, by stable id (survivors keep their order; entrants have ids
    //    from nextId up). from[i]: the old row of new row i, or -1 for an entrant.
    if (this.stale > REFRESH_SHARE * this.start[this.rows]) return false;
    const entrants = this.mapRows(pop);
    if (entrants < 0) return false;
    // 2. Entrants: all their neighbours (stored one after another), and for every
    //    surviving row around an entrant, the entrant (a counting sort by row).
    if (this.buf.length < ENTRANT_MAX) this.buf = new Int32Array(ENTRANT_MAX);
    if (this.entrantStart.length < entrants + 1) this.entrantStart = new Int32Array(2 * entrants + 1);
    this.extraStart.fill(0, 0, n + 1);
    const listed = this.listEntrants(pop);
    if (listed < 0) return false;
    this.entrantStart[entrants] = listed;
    prefixSum(this.extraStart, n);
    this.extra = NeighbourLists.room(this.extra, 0, this.extraStart[n]);
    this.cursor.set(this.extraStart.subarray(0, n));
    this.spreadEntrants(n);
    // 3. The new lists: a survivor's old list remapped (exits dropped) plus the entrants
    //    around it while there is room; an entrant's first `pool` neighbours. Row i's old
    //    row is >= i, so `complete`, `ids` and the positions can be rewritten in place.
    this.start2[n] = this.relist(pop, entrants);
    this.stale += relistStale;
    [this.start, this.start2] = [this.start2, this.start];
    [this.items, this.items2] = [this.items2, this.items];
    this.rows = n;
    this.nextId = pop.nextId;
    return true;
  }

  /** Phase 1 of `update`: fills map and from; the number of entrants, or -1 if a rebuild is needed. */
  private mapRows(pop: State['pop']): number {
    const n = pop.n, old = this.rows, nextId = this.nextId;
    const map = this.map, from = this.from, ids = this.ids, px = this.px, py = this.py;
    const id_ = pop.id, alive = pop.alive, x = pop.x, y = pop.y;
    let r = 0, entrants = 0;
    // Old rows not found stay -1. Filled before the loop rather than after it: code after a hot
    // loop that runs once per step has no type feedback when the loop is compiled on-stack, and
    // the cached on-stack code would deoptimise there every step (docs/performance.md, item 16).
    map.fill(-1, 0, old);
    for (let i = 0; i < n; i++) {
      const id = id_[i];
      if (!alive[i]) return -1;
      if (id >= nextId) {
        from[i] = -1;
        entrants++;
        continue;
      }
      while (r < old && ids[r] !== id) r++;
      if (r === old || x[i] !== px[r] || y[i] !== py[r]) return -1;
      map[r] = i;
      from[i] = r++;
    }
    return entrants;
  }

  /**
   * Phase 2 of `update`: every entrant's neighbours into entrantItems (entrantStart[e] for
   * the e-th entrant), and the count of entrants around each survivor into extraStart[j+1].
   * Returns the number of items, or -1 if an entrant has too many neighbours.
   */
  private listEntrants(pop: State['pop']): number {
    const n = pop.n, grid = this.grid!, radius = this.radius;
    const buf = this.buf, from = this.from, extraStart = this.extraStart;
    let e = 0, eAt = 0;
    for (let i = 0; i < n; i++) {
      if (from[i] >= 0) continue;
      const found = grid.query(pop.x[i], pop.y[i], radius, pop.x, pop.y, i, buf, ENTRANT_MAX);
      if (found === ENTRANT_MAX) return -1;
      this.entrantItems = NeighbourLists.room(this.entrantItems, eAt, found);
      const eItems = this.entrantItems;
      for (let s = 0; s < found; s++) {
        const j = buf[s];
        eItems[eAt + s] = j;
        if (from[j] >= 0) extraStart[j + 1]++;
      }
      this.entrantStart[e++] = eAt;
      eAt += found;
    }
    return eAt;
  }

  /** Phase 2 of `update`, continued: each survivor's entrants into extra, from extraStart[j]. */
  private spreadEntrants(n: number): void {
    const from = this.from, cursor = this.cursor, extra = this.extra, eItems = this.entrantItems, eStart = this.entrantStart;
    let e = 0;
    for (let i = 0; i < n; i++) {
      if (from[i] >= 0) continue;
      for (let s = eStart[e], end = eStart[e + 1]; s < end; s++) {
        const j = eItems[s];
        if (from[j] >= 0) extra[cursor[j]++] = i;
      }
      e++;
    }
  }

  /** Put the `take` nearest of an entrant's `found` neighbours (at entrantItems[s0..]) first, as the grid's query does. */
  private nearestFirst(pop: State['pop'], i: number, s0: number, found: number, take: number): void {
    if (this.nd.length < found) { this.nr = new Int32Array(found); this.nd = new Float64Array(found); }
    const eItems = this.entrantItems;
    for (let s = 0; s < found; s++) {
      const j = eItems[s0 + s], dx = pop.x[j] - pop.x[i], dy = pop.y[j] - pop.y[i];
      this.nr[s] = j;
      this.nd[s] = dx * dx + dy * dy;
    }
    selectNearest(this.nr, this.nd, found, take);
    for (let s = 0; s < take; s++) eItems[s0 + s] = this.nr[s];
  }
  private nr: Int32Array = new Int32Array(0);
  private nd: Float64Array = new Float64Array(0);

  /** Phase 3 of `update`: the new lists into start2 and items2; returns the number of items. */
  private relist(pop: State['pop'], entrants: number): number {
    const n = pop.n, pool = this.pool;
    const start = this.start, items = this.items, complete = this.complete, start2 = this.start2;
    const map = this.map, from = this.from, ids = this.ids, px = this.px, py = this.py;
    const extraStart = this.extraStart, extra = this.extra, eItems = this.entrantItems, eStart = this.entrantStart;
    // Room for every item at once: the old lists, the entrants spread to survivors and the
    // entrants' own lists bound the new lists (no check and no field load per row).
    this.items2 = NeighbourLists.room(this.items2, 0, start[this.rows] + extraStart[n] + eStart[entrants]);
    const items2 = this.items2, id = pop.id, x = pop.x, y = pop.y;
    let at = 0, e = 0, stale = 0;
    for (let i = 0; i < n; i++) {
      start2[i] = at;
      const o = from[i];
      if (o >= 0) {
        const s0 = start[o], s1 = start[o + 1];
        // Each item is written and kept by the count that moves on (map is -1 for a row that
        // left): no branch per item. The write past the kept items stays within the room above.
        let w = at;
        for (let s = s0; s < s1; s++) {
          const m = map[items[s]];
          items2[w] = m;
          w += (m >>> 31) ^ 1;
        }
        let c = w - at;
        let comp = complete[o];
        // An incomplete list that lost rows may now miss nearer ones beyond its old pool.
        if (!comp) stale += s1 - s0 - c;
        for (let s = extraStart[i]; s < extraStart[i + 1]; s++) {
          if (c < pool) items2[at + c++] = extra[s];
          else { comp = 0; stale++; }
        }
        complete[i] = comp;
        at += c;
      } else {
        const s0 = eStart[e], found = eStart[e + 1] - s0;
        const take = found < pool ? found : pool;
        if (found > pool) this.nearestFirst(pop, i, s0, found, pool);
        for (let s = 0; s < take; s++) items2[at + s] = eItems[s0 + s];
        complete[i] = found <= pool ? 1 : 0;
        at += take;
        e++;
      }
      ids[i] = id[i];
      px[i] = x[i];
      py[i] = y[i];
    }
    relistStale = stale;
    return at;
  }
}

/** Items lost or missed by incomplete lists in the last relist (a module variable: see listAll on stores after a loop). */
let relistStale = 0;

/** a[i + 1] += a[i] for i < n: counts at a[1..n] become start offsets. */
function prefixSum(a: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) a[i + 1] += a[i];
}
