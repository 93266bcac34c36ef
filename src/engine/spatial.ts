/**
 * Uniform-grid spatial index over agent coordinates (km). Rebuilt once a step in O(N) with a
 * counting sort of rows by cell; a radius query visits only the cells the circle touches,
 * so neighbour search never scans all pairs. Rows inside a cell are in ascending order, and
 * cells are visited in a fixed order, so queries are deterministic.
 */
export class SpatialGrid {
  cell: number;
  private minX = 0;
  private minY = 0;
  private cols = 1;
  private rows = 1;
  private start = new Int32Array(2);
  private items = new Int32Array(0);
  private cellOf = new Int32Array(0);

  constructor(cellKm: number) {
    if (!(cellKm > 0)) throw new RangeError(`grid cell size must be > 0 km, got ${cellKm}`);
    this.cell = cellKm;
  }

  /**
   * Bumped by every rebuild that changes what is indexed (rows, their inclusion or their
   * coordinates). Callers may cache results of queries (e.g. neighbour lists) keyed on it.
   */
  version = 0;
  /** What the last rebuild indexed: row count, included flags and coordinates. */
  private lastN = -1;
  private lastIn = new Uint8Array(0);
  private lastX = new Float64Array(0);
  private lastY = new Float64Array(0);

  /**
   * Index rows 0..n-1 for which `include(i)` holds (e.g. alive). When nothing changed
   * since the last rebuild (same rows, same coordinates), the index is kept as it is.
   */
  rebuild(x: Float64Array, y: Float64Array, n: number, include: (i: number) => boolean): void {
    if (this.flags.length < n) this.flags = new Uint8Array(Math.max(16, n + (n >> 2)));
    const flags = this.flags;
    for (let i = 0; i < n; i++) flags[i] = include(i) ? 1 : 0;
    this.rebuildFlagged(x, y, n, flags);
  }
  /** Scratch of `rebuild`: the include flags of its rows. */
  private flags = new Uint8Array(0);

  /**
   * `rebuild` with the rows to index flagged 1 in `flags` (the population's `alive` column):
   * what the end of every step calls. No closure is made or called per row, and each pass over
   * the rows is a function of its own that ends with its loop: with the passes inline, V8
   * compiled this method on-stack in a pass, before the stores after it had run, and in some
   * runs threw that code away at every step (docs/performance.md, item 16).
   */
  rebuildFlagged(x: Float64Array, y: Float64Array, n: number, flags: Uint8Array): void {
    if (!this.remember(x, y, n, flags)) return;
    this.version++;
    const lin = this.lastIn;
    indexedBounds(x, y, n, lin);
    let minX = boundsMinX, minY = boundsMinY, maxX = boundsMaxX, maxY = boundsMaxY;
    if (minX === Infinity) { minX = minY = 0; maxX = maxY = 0; }
    // Cap the grid at ~4 cells per agent so a sparse, wide map does not allocate a huge grid.
    let cell = this.cell;
    const maxCells = Math.max(16, 4 * n);
    while (((maxX - minX) / cell + 1) * ((maxY - minY) / cell + 1) > maxCells) cell *= 2;
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.floor((maxX - minX) / cell) + 1;
    this.rows = Math.floor((maxY - minY) / cell) + 1;
    this.cellSize = cell;
    const cells = this.cols * this.rows;
    if (this.start.length < cells + 1) this.start = new Int32Array(cells + 1);
    else this.start.fill(0, 0, cells + 1);
    if (this.cellOf.length < n) this.cellOf = new Int32Array(Math.max(n, 16));
    if (this.items.length < n) this.items = new Int32Array(Math.max(n, 16));
    countCells(x, y, n, lin, minX, minY, cell, this.cols, this.rows, this.cellOf, this.start);
    prefixSum(this.start, cells);
    // Fill using a cursor copy of start, kept in `cursor` to avoid allocating per rebuild.
    if (this.cursor.length < cells) this.cursor = new Int32Array(cells);
    this.cursor.set(this.start.subarray(0, cells));
    fillCells(n, this.cellOf, this.cursor, this.items);
  }

  private cellSize = 1;
  private cursor = new Int32Array(0);
  /** Scratch of `rebuildFlagged`: the indexed rows' bounding box. */

  /** Record what is to be indexed; true when it differs from the last rebuild. */
  private remember(x: Float64Array, y: Float64Array, n: number, flags: Uint8Array): boolean {
    if (this.lastIn.length < n) {
      const cap = Math.max(16, n + (n >> 2));
      this.lastIn = new Uint8Array(cap);
      this.lastX = new Float64Array(cap);
      this.lastY = new Float64Array(cap);
      this.lastN = -1;
    }
    const changed = n !== this.lastN;
    this.lastN = n;
    return recordIndexed(x, y, n, flags, this.lastIn, this.lastX, this.lastY) || changed;
  }

  /**
   * A uniform random sample (reservoir sampling) of up to `out.length` rows within `radius`
   * km of (px, py), excluding `self`: unlike `query`, which keeps the first rows in cell
   * order, every row in the circle is equally likely to be kept. Visits every row in the
   * circle, so keep the radius local. Returns the count.
   */
  sample(px: number, py: number, radius: number, x: Float64Array, y: Float64Array, self: number, out: Int32Array, rng: { int(n: number): number }): number {
    const r2 = radius * radius;
    const cs = this.cellSize;
    const x0 = Math.max(0, Math.floor((px - radius - this.minX) / cs));
    const x1 = Math.min(this.cols - 1, Math.floor((px + radius - this.minX) / cs));
    const y0 = Math.max(0, Math.floor((py - radius - this.minY) / cs));
    const y1 = Math.min(this.rows - 1, Math.floor((py + radius - this.minY) / cs));
    const k = out.length;
    let seen = 0;
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const c = cy * this.cols + cx;
        for (let q = this.start[c], e = this.start[c + 1]; q < e; q++) {
          const j = this.items[q];
          if (j === self) continue;
          const dx = x[j] - px, dy = y[j] - py;
          if (dx * dx + dy * dy > r2) continue;
          if (seen < k) out[seen] = j;
          else {
            const r = rng.int(seen + 1);
            if (r < k) out[r] = j;
          }
          seen++;
        }
      }
    }
    return Math.min(seen, k);
  }

  /**
   * Rows within `radius` km of (px, py), excluding `self`, written into `out`; at most
   * `max` (default out.length): when more rows are in the circle, the `max` nearest (ties by
   * row), so a truncated list has no directional bias (a scan that stopped at `max` kept the
   * rows of the first cells in scan order: agents to one side). When all fit, they come in
   * cell order (south-west first), unless `byDistance`: then nearest first, always. A caller
   * that takes the rows in list order and stops early must ask for `byDistance` (or pick at
   * random), or the cell order favours one side of the map. Returns the count. Pass `max`
   * rather than a subarray of `out`.
   */
  query(px: number, py: number, radius: number, x: Float64Array, y: Float64Array, self: number, out: Int32Array, max = out.length, byDistance = false): number {
    const r2 = radius * radius;
    const cs = this.cellSize;
    const x0 = Math.max(0, Math.floor((px - radius - this.minX) / cs));
    const x1 = Math.min(this.cols - 1, Math.floor((px + radius - this.minX) / cs));
    const y0 = Math.max(0, Math.floor((py - radius - this.minY) / cs));
    const y1 = Math.min(this.rows - 1, Math.floor((py + radius - this.minY) / cs));
    const lim = Math.min(max, out.length);
    if (lim <= 0) return 0;
    const start = this.start, items = this.items, cols = this.cols;
    // The scratch arrays in locals (fetched again only when they grow): read as fields, they
    // were loaded again for every row found, since the call that grows them may run.
    let found = this.found, dist = this.dist;
    let m = 0;
    // The cells x0..x1 of one grid row hold adjacent ranges of `items`, in cell order: one
    // range a grid row (the same rows in the same order as cell by cell, without the per-cell loop).
    if (x0 <= x1) {
      for (let cy = y0; cy <= y1; cy++) {
        for (let k = start[cy * cols + x0], e = start[cy * cols + x1 + 1]; k < e; k++) {
          const j = items[k];
          if (j === self) continue;
          const dx = x[j] - px, dy = y[j] - py;
          const d2 = dx * dx + dy * dy;
          if (d2 <= r2) {
            if (m === found.length) { this.growFound(); found = this.found; dist = this.dist; }
            found[m] = j;
            dist[m] = d2;
            m++;
          }
        }
      }
    }
    if (m <= lim && !byDistance) {
      for (let q = 0; q < m; q++) out[q] = found[q];
      return m;
    }
    const k = Math.min(m, lim);
    selectNearest(found, dist, m, k);
    for (let q = 0; q < k; q++) out[q] = found[q];
    return k;
  }

  /** Scratch of `query`: the rows in the circle and their squared distances. */
  private found = new Int32Array(256);
  private dist = new Float64Array(256);
  private growFound(): void {
    const f = new Int32Array(this.found.length * 2), d = new Float64Array(this.dist.length * 2);
    f.set(this.found);
    d.set(this.dist);
    this.found = f;
    this.dist = d;
  }

  /** Indexed rows in cell order (spatially sorted): useful for memory-local iteration. */
  order(): Int32Array {
    return this.items.subarray(0, this.start[this.cols * this.rows]);
  }
}

// The passes of SpatialGrid.rebuildFlagged, each a function that ends with its loop (see there),
// with everything it reads in locals or parameters: the same operations in the same order.

/** Copy the flags and coordinates of rows 0..n-1 into the last-indexed record; true when any differed. */
function recordIndexed(x: Float64Array, y: Float64Array, n: number, flags: Uint8Array,
  lin: Uint8Array, lx: Float64Array, ly: Float64Array): boolean {
  let changed = false;
  for (let i = 0; i < n; i++) {
    const inc = flags[i] === 1 ? 1 : 0;
    if (lin[i] !== inc || (inc && (lx[i] !== x[i] || ly[i] !== y[i]))) {
      changed = true;
      lin[i] = inc;
      lx[i] = x[i];
      ly[i] = y[i];
    }
  }
  return changed;
}

/** The bounding box indexedBounds found (module variables, which need no type feedback: see indexedBounds). */
let boundsMinX = Infinity, boundsMinY = Infinity, boundsMaxX = -Infinity, boundsMaxY = -Infinity;

/**
 * Bounding box of the flagged rows into boundsMinX..boundsMaxY (Infinity and -Infinity when
 * none). It left through the stores into an array after its loop, which had no type feedback
 * when V8 compiled the loop on-stack during the first call: in some runs that code was entered
 * and thrown away at every step (60 times in the bench's timed steps, docs/performance.md, item 28).
 */
function indexedBounds(x: Float64Array, y: Float64Array, n: number, lin: Uint8Array): void {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!lin[i]) continue;
    if (x[i] < minX) minX = x[i];
    if (x[i] > maxX) maxX = x[i];
    if (y[i] < minY) minY = y[i];
    if (y[i] > maxY) maxY = y[i];
  }
  boundsMinX = minX; boundsMinY = minY; boundsMaxX = maxX; boundsMaxY = maxY;
}

/** Each flagged row's cell into cellOf (-1 for the others), counted at start[cell + 1]. */
function countCells(x: Float64Array, y: Float64Array, n: number, lin: Uint8Array, minX: number, minY: number, cellSize: number,
  cols: number, rows: number, cellOf: Int32Array, start: Int32Array): void {
  for (let i = 0; i < n; i++) {
    if (!lin[i]) { cellOf[i] = -1; continue; }
    const cx = Math.min(cols - 1, Math.max(0, Math.floor((x[i] - minX) / cellSize)));
    const cy = Math.min(rows - 1, Math.max(0, Math.floor((y[i] - minY) / cellSize)));
    const c = cy * cols + cx;
    cellOf[i] = c;
    start[c + 1]++;
  }
}

/** a[c + 1] += a[c] for c < cells: counts become start offsets. */
function prefixSum(a: Int32Array, cells: number): void {
  for (let c = 0; c < cells; c++) a[c + 1] += a[c];
}

/** Rows into their cells' ranges of items, in row order (cursor: each cell's next free place). */
function fillCells(n: number, cellOf: Int32Array, cursor: Int32Array, items: Int32Array): void {
  for (let i = 0; i < n; i++) {
    const c = cellOf[i];
    if (c >= 0) items[cursor[c]++] = i;
  }
}

/** Position of cell (x, y), each in 0..65535, along the Hilbert curve filling 2^16 x 2^16 cells. */
export function hilbertIndex(x: number, y: number): number {
  const N = 0x10000;
  let d = 0;
  for (let s = N >> 1; s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0, ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) { x = N - 1 - x; y = N - 1 - y; }
      const t = x; x = y; y = t;
    }
  }
  return d;
}

/**
 * Rows 0..n-1 in Hilbert-curve order of the square cells of `cellKm` they fall in, rows of
 * one cell in ascending order: rows close on the map end up close in the list, in both
 * directions (a row-major order keeps only east-west neighbours close), and unlike the
 * Z-order the curve never jumps across the map, so fewer neighbours end up far apart.
 * Deterministic.
 */
export function hilbertOrder(x: Float64Array, y: Float64Array, n: number, cellKm: number): Int32Array {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < minX) minX = x[i];
    if (x[i] > maxX) maxX = x[i];
    if (y[i] < minY) minY = y[i];
    if (y[i] > maxY) maxY = y[i];
  }
  let cell = cellKm > 0 ? cellKm : 1;
  while ((maxX - minX) / cell >= 0xffff || (maxY - minY) / cell >= 0xffff) cell *= 2;
  // Sort keys key * 2^rowBits + row as doubles (exact below 2^53): one native numeric sort.
  let rowBits = 1;
  while (2 ** rowBits < n) rowBits++;
  if (32 + rowBits > 53) throw new RangeError(`hilbertOrder: too many rows (${n})`);
  const keys = new Float64Array(n);
  const scale = 2 ** rowBits;
  for (let i = 0; i < n; i++) {
    const cx = Math.floor((x[i] - minX) / cell), cy = Math.floor((y[i] - minY) / cell);
    keys[i] = hilbertIndex(cx, cy) * scale + i;
  }
  keys.sort();
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) out[r] = keys[r] % scale;
  return out;
}

/** (distance, row) of a is before that of b. */
function before(da: number, ra: number, db: number, rb: number): boolean {
  return da < db || (da === db && ra < rb);
}

/**
 * Move the k nearest of the first m rows (by squared distance, ties by row) to the front of
 * `rows` (and `dist` with them), in ascending order: quickselect, then a sort of the k.
 * Deterministic.
 */
export function selectNearest(rows: Int32Array, dist: Float64Array, m: number, k: number): void {
  let lo = 0, hi = m - 1;
  while (lo < hi) {
    // Median of three as the pivot; Hoare partition.
    const mid = (lo + hi) >> 1;
    const pd = dist[mid], pr = rows[mid];
    let i = lo, j = hi;
    while (i <= j) {
      while (before(dist[i], rows[i], pd, pr)) i++;
      while (before(pd, pr, dist[j], rows[j])) j--;
      if (i <= j) {
        const tr = rows[i]; rows[i] = rows[j]; rows[j] = tr;
        const td = dist[i]; dist[i] = dist[j]; dist[j] = td;
        i++; j--;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else break;
  }
  // Insertion sort of the k selected (k is small: a list or a candidate pool).
  for (let a = 1; a < k; a++) {
    const r = rows[a], d = dist[a];
    let b = a - 1;
    while (b >= 0 && before(d, r, dist[b], rows[b])) { rows[b + 1] = rows[b]; dist[b + 1] = dist[b]; b--; }
    rows[b + 1] = r;
    dist[b + 1] = d;
  }
}
