/**
 * The kernel's hot loops in AssemblyScript, compiled to WebAssembly with SIMD (f64x2):
 * spillover exchanges and tie learning over pair lists that the mechanisms prepare in
 * TypeScript (src/engine/mechanisms/spillover.ts, tieLearning.ts). Everything here works on
 * byte addresses into the instance's memory, laid out by src/engine/wasm/kernel.ts; rows of
 * the knowledge arrays are D float64 values. The maths is the same as the mechanisms'
 * documentation: cosine cognitive distance, the inverted U r * exp(1 - r), gains
 * w * max(gap, 0) per domain, all gains computed from a snapshot (synchronous update).
 *
 * Build: `npm run wasm` (asc, then the bytes are embedded in kernel.bytes.ts).
 */

/**
 * Where the module's static data ends (Math.exp's lookup table lives below): buffers go
 * above this address.
 */
export function heapBase(): usize {
  return __heap_base;
}

/** Sum of the two lanes. */
@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** Dot product of two rows of D values. */
@inline function dot(a: usize, b: usize, D: i32): f64 {
  let acc = f64x2.splat(0);
  const pairs = <usize>(D >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) acc = f64x2.add(acc, f64x2.mul(v128.load(a + k), v128.load(b + k)));
  let s = hsum(acc);
  if (D & 1) s += load<f64>(a + pairs) * load<f64>(b + pairs);
  return s;
}

/** Dot product of two rows of sums (tacit + codified): (A1 + A2) . (B1 + B2). */
@inline function dotSum(a1: usize, a2: usize, b1: usize, b2: usize, D: i32): f64 {
  let acc = f64x2.splat(0);
  const pairs = <usize>(D >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    acc = f64x2.add(acc, f64x2.mul(
      f64x2.add(v128.load(a1 + k), v128.load(a2 + k)),
      f64x2.add(v128.load(b1 + k), v128.load(b2 + k))));
  }
  let s = hsum(acc);
  if (D & 1) s += (load<f64>(a1 + pairs) + load<f64>(a2 + pairs)) * (load<f64>(b1 + pairs) + load<f64>(b2 + pairs));
  return s;
}

/** Cognitive distance from a dot product and the product of the two norms. */
@inline function cognitive(d: f64, norms: f64): f64 {
  if (!(norms > 0)) return 1;
  const cos = d / norms;
  return cos >= 1 ? 0 : 1 - cos;
}

/**
 * Both sides of each pair learn from the other (gap split by sign): dst_i += wi * max(src_j - src_i, 0),
 * dst_j += wj * max(src_i - src_j, 0). Returns the two sums packed in one vector [gi, gj].
 */
@inline function both(dst: usize, src: usize, bi: usize, bj: usize, wi: f64, wj: f64, D: i32): v128 {
  // max(gap, 0) = 0.5 * (gap + |gap|): the callers pass half weights.
  const vwi = f64x2.splat(wi), vwj = f64x2.splat(wj);
  let gi = f64x2.splat(0), gj = f64x2.splat(0);
  const pairs = <usize>(D >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const gap = f64x2.sub(v128.load(src + bj + k), v128.load(src + bi + k));
    const a = f64x2.abs(gap);
    const di = f64x2.mul(vwi, f64x2.add(gap, a)), dj = f64x2.mul(vwj, f64x2.sub(a, gap));
    v128.store(dst + bi + k, f64x2.add(v128.load(dst + bi + k), di));
    v128.store(dst + bj + k, f64x2.add(v128.load(dst + bj + k), dj));
    gi = f64x2.add(gi, di);
    gj = f64x2.add(gj, dj);
  }
  let si = hsum(gi), sj = hsum(gj);
  if (D & 1) {
    const gap = load<f64>(src + bj + pairs) - load<f64>(src + bi + pairs);
    const a = Math.abs(gap);
    const di = wi * (gap + a), dj = wj * (a - gap);
    store<f64>(dst + bi + pairs, load<f64>(dst + bi + pairs) + di);
    store<f64>(dst + bj + pairs, load<f64>(dst + bj + pairs) + dj);
    si += di;
    sj += dj;
  }
  return f64x2.replace_lane(f64x2.splat(si), 1, sj);
}

/**
 * Knowledge snapshot and row norms for n rows: a holds codified knowledge on entry and
 * tacit + codified on return (when sum is true; a is left as is otherwise), norm[i] the
 * Euclidean norm of row i of a + b (sum true) or of the row sums a_i + b_i (sum false).
 */
export function sumRows(a: usize, b: usize, norm: usize, n: i32, D: i32, sum: bool): void {
  const row = <usize>D << 3;
  const pairsD = <usize>(D >> 1) << 4;
  for (let i: usize = 0; i < <usize>n; i++) {
    const ra = a + i * row, rb = b + i * row;
    let acc = f64x2.splat(0);
    for (let k: usize = 0; k < pairsD; k += 16) {
      const v = f64x2.add(v128.load(ra + k), v128.load(rb + k));
      if (sum) v128.store(ra + k, v);
      acc = f64x2.add(acc, f64x2.mul(v, v));
    }
    let ss = hsum(acc);
    if (D & 1) {
      const v = load<f64>(ra + pairsD) + load<f64>(rb + pairsD);
      if (sum) store<f64>(ra + pairsD, v);
      ss += v * v;
    }
    store<f64>(norm + (i << 3), Math.sqrt(ss));
  }
}

@inline function at(base: usize, i: usize): f64 {
  return load<f64>(base + (i << 3));
}

@inline function addAt(base: usize, i: usize, v: f64): void {
  store<f64>(base + (i << 3), load<f64>(base + (i << 3)) + v);
}

/**
 * Spillover exchanges: for each pair (i, j) in `pairs` (m pairs of int32), i and j learn
 * from each other's snapshot knowledge `know` into `tacit`:
 *   w_i = base_i * r_i * exp(1 - r_i - km / geoScale), r_i = cd * invDs_i
 * and the gains are added to `gain` (one float64 per row). Returns the total gained.
 */
export function spillExchanges(
  pairs: usize, m: i32, know: usize, tacit: usize, norm: usize, base: usize, invDs: usize,
  x: usize, y: usize, gain: usize, D: i32, invGeo: f64,
): f64 {
  const row = <usize>D << 3;
  let total: f64 = 0;
  for (let p: i32 = 0; p < m; p++) {
    const i = <usize>load<i32>(pairs + (<usize>p << 3)), j = <usize>load<i32>(pairs + (<usize>p << 3) + 4);
    const bi = i * row, bj = j * row;
    const cd = cognitive(dot(know + bi, know + bj, D), at(norm, i) * at(norm, j));
    const dx = at(x, j) - at(x, i), dy = at(y, j) - at(y, i);
    const geo = -Math.sqrt(dx * dx + dy * dy) * invGeo;
    const ri = cd * at(invDs, i), rj = cd * at(invDs, j);
    const wi = at(base, i) * 0.5 * ri * Math.exp(1 - ri + geo);
    const wj = at(base, j) * 0.5 * rj * Math.exp(1 - rj + geo);
    if (!(wi > 0) && !(wj > 0)) continue;
    const g = both(tacit, know, bi, bj, wi, wj, D);
    const gi = f64x2.extract_lane(g, 0), gj = f64x2.extract_lane(g, 1);
    addAt(gain, i, gi);
    addAt(gain, j, gj);
    total += gi + gj;
  }
  return total;
}

/**
 * One-sided spillovers: for each pair (i, j), receiver i learns from j (j gains nothing:
 * it samples its own neighbours). Same weight as `spillExchanges`. Returns the total.
 */
export function spillLearn(
  pairs: usize, m: i32, know: usize, tacit: usize, norm: usize, base: usize, invDs: usize,
  x: usize, y: usize, gain: usize, D: i32, invGeo: f64,
): f64 {
  const row = <usize>D << 3;
  const pairsD = <usize>(D >> 1) << 4;
  let total: f64 = 0;
  for (let p: i32 = 0; p < m; p++) {
    const i = <usize>load<i32>(pairs + (<usize>p << 3)), j = <usize>load<i32>(pairs + (<usize>p << 3) + 4);
    const b = at(base, i);
    if (b == 0) continue;
    const bi = i * row, bj = j * row;
    const cd = cognitive(dot(know + bi, know + bj, D), at(norm, i) * at(norm, j));
    const dx = at(x, j) - at(x, i), dy = at(y, j) - at(y, i);
    const r = cd * at(invDs, i);
    const wi = b * 0.5 * r * Math.exp(1 - r - Math.sqrt(dx * dx + dy * dy) * invGeo);
    if (!(wi > 0)) continue;
    const vw = f64x2.splat(wi);
    let g = f64x2.splat(0);
    for (let k: usize = 0; k < pairsD; k += 16) {
      const gap = f64x2.sub(v128.load(know + bj + k), v128.load(know + bi + k));
      const d = f64x2.mul(vw, f64x2.add(gap, f64x2.abs(gap)));
      v128.store(tacit + bi + k, f64x2.add(v128.load(tacit + bi + k), d));
      g = f64x2.add(g, d);
    }
    let gi = hsum(g);
    if (D & 1) {
      const gap = load<f64>(know + bj + pairsD) - load<f64>(know + bi + pairsD);
      const d = wi * (gap + Math.abs(gap));
      store<f64>(tacit + bi + pairsD, load<f64>(tacit + bi + pairsD) + d);
      gi += d;
    }
    addAt(gain, i, gi);
    total += gi;
  }
  return total;
}

/**
 * Tie learning over used ties. Pair p is (i, j) in `pairs`; its record at rec + 64 p holds
 * 8 float64 prepared by the mechanism:
 *   [0] aTi = rate * A_i * strength * trust (slot of i), [1] aCi = codifiedRate * A_i * strength,
 *   [2] aTj, [3] aCj (the same for j's slot; 0 when j cannot learn),
 *   [4] stand-in reach of i: max(tacitOrgWeight * org, tacitInstWeight * inst_ij), [5] of j,
 *   [6] ict_i * ict_j.
 * For each tie: tacit reach = max(geo, stand-in), codified reach = ict_i ict_j exp(-km / codScale),
 * learning value f_i = r_i exp(1 - r_i) with r_i = cd * invDs_i; both sides learn from the
 * snapshots sT, sC into T, C. On return [0..3] hold the gains: tacit of i, codified of i,
 * tacit of j, codified of j.
 */
export function tieLearn(
  pairs: usize, rec: usize, m: i32, sT: usize, sC: usize, T: usize, C: usize, norm: usize, invDs: usize,
  x: usize, y: usize, D: i32, invGeo: f64, invCod: f64,
): void {
  const row = <usize>D << 3;
  for (let p: i32 = 0; p < m; p++) {
    const i = <usize>load<i32>(pairs + (<usize>p << 3)), j = <usize>load<i32>(pairs + (<usize>p << 3) + 4);
    const r = rec + (<usize>p << 6);
    const bi = i * row, bj = j * row;
    const dx = at(x, i) - at(x, j), dy = at(y, i) - at(y, j);
    const km = Math.sqrt(dx * dx + dy * dy);
    const cd = cognitive(dotSum(sT + bi, sC + bi, sT + bj, sC + bj, D), at(norm, i) * at(norm, j));
    const geo = Math.exp(-km * invGeo);
    const codReach = load<f64>(r, 48) * Math.exp(-km * invCod);
    let wTi: f64 = 0, wCi: f64 = 0, wTj: f64 = 0, wCj: f64 = 0;
    const aTi = load<f64>(r), aCi = load<f64>(r, 8), aTj = load<f64>(r, 16), aCj = load<f64>(r, 24);
    if (aTi > 0 || aCi > 0) {
      const ri = cd * at(invDs, i);
      const f = 0.5 * ri * Math.exp(1 - ri);
      wTi = aTi * f * Math.max(geo, load<f64>(r, 32));
      wCi = aCi * f * codReach;
    }
    if (aTj > 0 || aCj > 0) {
      const rj = cd * at(invDs, j);
      const f = 0.5 * rj * Math.exp(1 - rj);
      wTj = aTj * f * Math.max(geo, load<f64>(r, 40));
      wCj = aCj * f * codReach;
    }
    const gT = both(T, sT, bi, bj, wTi, wTj, D);
    const gC = both(C, sC, bi, bj, wCi, wCj, D);
    store<f64>(r, f64x2.extract_lane(gT, 0));
    store<f64>(r, f64x2.extract_lane(gC, 0), 8);
    store<f64>(r, f64x2.extract_lane(gT, 1), 16);
    store<f64>(r, f64x2.extract_lane(gC, 1), 24);
  }
}
