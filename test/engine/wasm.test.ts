/**
 * The WebAssembly kernel (src/engine/wasm): the embedded bytes match the source, and each
 * loop computes what the scalar formulas of the mechanisms' documentation say, for an even
 * and an odd number of domains (the SIMD loops take domains two at a time, then the rest).
 */
import { describe, expect, it } from 'vitest';
import { compileKernel } from '../../src/cli/build-wasm.js';
import { KERNEL_WASM } from '../../src/engine/wasm/kernel.bytes.js';
import { Kernel, entropyInto, expInto, powInto } from '../../src/engine/wasm/kernel.js';
import { exp, log as ln, pow } from '../../src/engine/math.js';

/** A small deterministic generator for test data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A random centred unit profile into row i (every few rows a flat one: all zeros). */
function unitProfile(a: Float64Array, i: number, D: number, rnd: () => number): void {
  if (i % 9 === 4) { a.fill(0, i * D, (i + 1) * D); return; }
  let mean = 0, ss = 0;
  for (let d = 0; d < D; d++) { a[i * D + d] = rnd(); mean += a[i * D + d] / D; }
  for (let d = 0; d < D; d++) { a[i * D + d] -= mean; ss += a[i * D + d] ** 2; }
  for (let d = 0; d < D; d++) a[i * D + d] /= Math.sqrt(ss);
}
/** Cognitive distance from two profiles: (1 - their dot product) / 2. */
function distance(a: Float64Array, i: number, j: number, D: number): number {
  let dot = 0;
  for (let d = 0; d < D; d++) dot += a[i * D + d] * a[j * D + d];
  return Math.min(1, Math.max(0, 0.5 * (1 - dot)));
}
/** Sectors in the tests of the learning kernels: agents of different sectors learn in their own units. */
const S = 3;

/**
 * Row i's sector (i mod S) and the S x S x D frontier ratios F[a, k] / F[b, k] of random
 * frontiers 0.5-50 (frontier.ts frontierRatios); returns rho(i, j, k), the factor that puts
 * j's level into i's units (1 within a sector).
 */
function sectorsAndRatios(sector: Int32Array, ratio: Float64Array, n: number, D: number, rnd: () => number): (i: number, j: number, k: number) => number {
  const F = Array.from({ length: S * D }, () => 0.5 + 49.5 * rnd());
  for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) for (let k = 0; k < D; k++) ratio[(a * S + b) * D + k] = F[a * D + k]! / F[b * D + k]!;
  for (let i = 0; i < n; i++) sector[i] = i % S;
  return (i, j, k) => ratio[(sector[i]! * S + sector[j]!) * D + k]!;
}

const expectClose = (got: ArrayLike<number>, want: ArrayLike<number>) => {
  expect(got.length).toBe(want.length);
  for (let q = 0; q < want.length; q++) expect(Math.abs(got[q] - want[q])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[q])));
};

describe('wasm kernel', () => {
  it('embeds the bytes that kernel.as.ts compiles to (run `npm run wasm` after editing it)', async () => {
    expect(await compileKernel()).toBe(KERNEL_WASM);
  }, 120_000);

  it('places buffers above its static data (Math.exp\'s table), so filling them changes no result', () => {
    const k = new Kernel();
    const v = k.layout({ a: ['f64', 4096] } as const);
    expect(v.a.byteOffset).toBeGreaterThanOrEqual(k.fn.heapBase());
    expect(v.a.byteOffset % 64).toBe(0); // cache-line aligned (SIMD needs 16)
  });

  it('computes exp two lanes at a time bit for bit as Math.exp does, special cases included', () => {
    const n = 1 << 16, rnd = lcg(3);
    const k = new Kernel();
    const v = k.layout({ x: ['f64', n], pairs: ['f64', n], each: ['f64', n] } as const);
    const bits = new Uint32Array(v.x.buffer, v.x.byteOffset, 2 * n);
    for (let q = 0; q < n; q++) {
      const c = q % 6;
      if (c === 5) { bits[2 * q] = rnd() * 2 ** 32; bits[2 * q + 1] = rnd() * 2 ** 32; continue; } // any double
      v.x[q] = c === 0 ? (rnd() - 0.5) * 40 : c === 1 ? -rnd() * 10 : c === 2 ? 1 - 3 * rnd() : c === 3 ? (rnd() - 0.5) * 1e-3 : (rnd() - 0.5) * 1500;
    }
    v.x.set([0, -0, 1e-300, -1e-17, NaN, Infinity, -Infinity, 709.7, -745.2, 708, -708, 2 ** -54, 2 ** -53, 511.9, 512, -1]);
    k.fn.expPairs(v.x.byteOffset, v.pairs.byteOffset, n);
    k.fn.expEach(v.x.byteOffset, v.each.byteOffset, n);
    let same = 0;
    for (let q = 0; q < n; q++) if (Object.is(v.pairs[q], v.each[q])) same++;
    expect(same).toBe(n);
  });

  for (const D of [8, 5]) {
    it(`adds the rows of two snapshots (D = ${D})`, () => {
      const n = 12, rnd = lcg(7 + D);
      const k = new Kernel();
      const v = k.layout({ a: ['f64', n * D], b: ['f64', n * D] } as const);
      for (let q = 0; q < n * D; q++) { v.a[q] = rnd(); v.b[q] = rnd(); }
      const a = Float64Array.from(v.a), b = Float64Array.from(v.b);
      k.fn.addRows(v.a.byteOffset, v.b.byteOffset, n, D);
      expectClose(v.a, a.map((x, q) => x + b[q]));
      expectClose(v.b, b);
    });

    // 13 rows: pairs of rows in the SIMD lanes and an odd last row on its own.
    it(`makes the step's profiles bit for bit as the scalar loop does (D = ${D})`, () => {
      const n = 13, rnd = lcg(11 + D);
      const k = new Kernel();
      const v = k.layout({
        T: ['f64', n * D], C: ['f64', n * D], w: ['f64', n * D], iF: ['f64', S * D], sector: ['i32', n],
        prof: ['f64', n * D], aff: ['f64', n * D], stock: ['f64', n], know: ['f64', n * D],
      } as const);
      for (let q = 0; q < S * D; q++) v.iF[q] = 1 / (0.5 + 49.5 * rnd());
      for (let i = 0; i < n; i++) {
        v.sector[i] = (i * 7) % S;
        for (let d = 0; d < D; d++) {
          const q = i * D + d;
          // Some rows flat (no spread), some with no positive weight, some empty domains.
          v.T[q] = i % 5 === 2 ? 1 : rnd() < 0.2 ? 0 : rnd();
          v.C[q] = i % 5 === 2 ? 1 : rnd();
          v.w[q] = i % 6 === 3 ? 0 : rnd();
        }
        if (i % 5 === 2) v.sector[i] = 0;
      }
      if (D === 8) for (let d = 0; d < D; d++) { v.T[7 * D + d] = NaN; v.w[8 * D + d] = d === 3 ? NaN : 0.5; }
      k.fn.profilesEach(v.T.byteOffset, v.C.byteOffset, v.w.byteOffset, v.iF.byteOffset, v.sector.byteOffset, n, D,
        v.prof.byteOffset, v.aff.byteOffset, v.stock.byteOffset, v.know.byteOffset);
      // The loop profiles.ts ran before (proximity.ts profileInto and affinityInto, with the reciprocals of the frontier).
      const prof = new Float64Array(n * D), aff = new Float64Array(n * D), stock = new Float64Array(n), know = new Float64Array(n * D);
      for (let i = 0; i < n; i++) {
        const at = i * D, f = v.sector[i]! * D;
        let mean = 0, st = 0, top = 0;
        for (let d = 0; d < D; d++) {
          const x = v.T[at + d]! + v.C[at + d]!;
          know[at + d] = v.C[at + d]! + v.T[at + d]!; // as spillover's addRows made it (codified, then tacit added)
          st += x;
          prof[at + d] = x * v.iF[f + d]!;
          mean += prof[at + d]!;
          if (v.w[at + d]! > top) top = v.w[at + d]!;
        }
        stock[i] = st;
        mean /= D;
        let ss = 0;
        for (let d = 0; d < D; d++) { const c = prof[at + d]! - mean; prof[at + d] = c; ss += c * c; }
        const inv = ss > 1e-24 * (mean * mean + 1e-300) ? 1 / Math.sqrt(ss) : 0;
        const invTop = top > 0 ? 1 / top : 0;
        for (let d = 0; d < D; d++) { prof[at + d] *= inv; aff[at + d] = v.w[at + d]! * invTop; }
      }
      const same = (a: ArrayLike<number>, b: ArrayLike<number>) => { for (let q = 0; q < b.length; q++) expect(Object.is(a[q], b[q])).toBe(true); };
      same(v.prof, prof);
      same(v.aff, aff);
      same(v.stock, stock);
      same(v.know, know);
    });

    it(`takes in outside knowledge and forgets unused domains bit for bit as capabilities' scalar loop (D = ${D})`, () => {
      const n = 11, rnd = lcg(23 + D), lost = 0.0102;
      const k = new Kernel();
      const v = k.layout({
        T: ['f64', n * D], C: ['f64', n * D], niche: ['f64', n * D], aff: ['f64', n * D], adv: ['f64', S * D],
        sector: ['i32', n], A: ['f64', n], live: ['i32', n],
      } as const);
      for (let q = 0; q < S * D; q++) v.adv[q] = q % 4 === 1 ? 0 : rnd();
      for (let i = 0; i < n; i++) {
        v.sector[i] = i % S;
        v.A[i] = i % 4 === 0 ? 0 : rnd();
        v.live[i] = i % 5 === 3 ? 0 : 1;
        for (let d = 0; d < D; d++) {
          const q = i * D + d;
          // Empty domains (no tacit / codified mix), unused ones (niche weight below 1 / D) and used ones.
          v.T[q] = (i + d) % 6 === 0 ? 0 : rnd();
          v.C[q] = (i + d) % 6 === 0 ? 0 : rnd();
          v.niche[q] = (2 * rnd()) / D;
          v.aff[q] = rnd();
        }
      }
      const T = Float64Array.from(v.T), C = Float64Array.from(v.C);
      k.fn.outsideKnowledge(v.T.byteOffset, v.C.byteOffset, v.niche.byteOffset, v.aff.byteOffset, v.adv.byteOffset,
        v.sector.byteOffset, v.A.byteOffset, v.live.byteOffset, n, D, lost);
      // The loop capabilities.ts ran before.
      for (let i = 0; i < n; i++) {
        if (!v.live[i]) continue;
        for (let d = 0, q = i * D; d < D; d++, q++) {
          let t = T[q]!, c = C[q]!;
          const got = v.A[i]! * v.aff[q]! * v.adv[v.sector[i]! * D + d]!;
          if (got > 0) { const sum = t + c; const ts = sum > 0 ? t / sum : 0.5; t = t + got * ts; c = c + got * (1 - ts); }
          const unused = 1 - D * v.niche[q]!;
          if (unused > 0) { const keep = 1 - lost * unused; t *= keep; c *= keep; }
          T[q] = t;
          C[q] = c;
        }
      }
      for (let q = 0; q < n * D; q++) {
        expect(Object.is(v.T[q], T[q])).toBe(true);
        expect(Object.is(v.C[q], C[q])).toBe(true);
      }
    });

    // 40 pairs: one block of the kernel's; 1,201: several, the last one odd.
    for (const n of [40, 1201]) it(`spillover exchanges and one-sided learning follow the formula, across sectors in the learner's units (D = ${D}, ${n} pairs)`, () => {
      const rnd = lcg(D);
      const k = new Kernel();
      const v = k.layout({
        know: ['f64', n * D], tacit: ['f64', n * D], prof: ['f64', n * D], aff: ['f64', n * D], base: ['f64', n], invDs: ['f64', n],
        x: ['f64', n], y: ['f64', n], gain: ['f64', n], invGeo: ['f64', n], ex: ['i32', 2 * n], le: ['i32', 2 * n],
        sector: ['i32', n], ratio: ['f64', S * S * D],
      } as const);
      // Garbage everywhere first: the kernel must read only what it is given.
      for (const a of Object.values(v)) for (let q = 0; q < a.length; q++) a[q] = (rnd() - 0.5) * 1e6;
      for (let q = 0; q < n * D; q++) { v.know[q] = rnd(); v.tacit[q] = rnd(); v.aff[q] = rnd(); }
      const rho = sectorsAndRatios(v.sector, v.ratio, n, D, rnd);
      for (let i = 0; i < n; i++) {
        unitProfile(v.prof, i, D, rnd);
        v.base[i] = i % 7 === 0 ? 0 : 0.02 * rnd();
        v.invDs[i] = 1 / (0.2 + 0.4 * rnd());
        v.invGeo[i] = 1 / (5 + 10 * rnd());
        v.x[i] = 20 * rnd(); v.y[i] = 20 * rnd();
        v.gain[i] = 0;
      }
      const pairs: [number, number][] = Array.from({ length: n }, (_, p) => [p, (p * 7 + 3) % n]).filter(([i, j]) => i !== j) as [number, number][];
      const ex = pairs.slice(0, n >> 1), le = pairs.slice(n >> 1);
      ex.forEach(([i, j], p) => { v.ex[2 * p] = i; v.ex[2 * p + 1] = j; });
      le.forEach(([i, j], p) => { v.le[2 * p] = i; v.le[2 * p + 1] = j; });
      // The reference, from the formula: w_i = base_i r_i exp(1 - r_i - km mean(invGeo)), r_i = cd invDs_i,
      // cd = (1 - profile_i . profile_j) / 2; each domain's gain times the receiver's affinity.
      const know = Float64Array.from(v.know), tacit = Float64Array.from(v.tacit), gain = new Float64Array(n);
      let total = 0;
      const learn = (i: number, j: number) => {
        const cd = distance(v.prof, i, j, D);
        const km = Math.hypot(v.x[i] - v.x[j], v.y[i] - v.y[j]);
        const r = cd * v.invDs[i];
        const w = v.base[i] * r * Math.exp(1 - r - km * 0.5 * (v.invGeo[i] + v.invGeo[j]));
        for (let d = 0; d < D; d++) {
          const g = w * v.aff[i * D + d] * Math.max(know[j * D + d] * rho(i, j, d) - know[i * D + d], 0);
          tacit[i * D + d] += g; gain[i] += g; total += g;
        }
      };
      for (const [i, j] of ex) { learn(i, j); learn(j, i); }
      for (const [i, j] of le) learn(i, j);

      const at = (a: Float64Array | Int32Array) => a.byteOffset;
      let got = k.fn.spillExchanges(at(v.ex), ex.length, at(v.know), at(v.tacit), at(v.prof), at(v.base), at(v.invDs), at(v.x), at(v.y), at(v.gain), D, at(v.invGeo), at(v.aff), at(v.sector), at(v.ratio), S);
      got += k.fn.spillLearn(at(v.le), le.length, at(v.know), at(v.tacit), at(v.prof), at(v.base), at(v.invDs), at(v.x), at(v.y), at(v.gain), D, at(v.invGeo), at(v.aff), at(v.sector), at(v.ratio), S);
      expect(total).toBeGreaterThan(0);
      expect(got).toBeCloseTo(total, 12);
      expectClose(v.tacit, tacit);
      expectClose(v.gain, gain);
    });

    it(`tie learning follows the formula, tacit and codified, both sides, across sectors in each side's units; distances and outcomes (D = ${D})`, () => {
      const n = 30, m = 25, R = 3, rnd = lcg(100 + D);
      const [tow, tiw, near, lockIn] = [0.5, 0.3, 0.4, 0.5];
      const k = new Kernel();
      const v = k.layout({
        sT: ['f64', n * D], sC: ['f64', n * D], T: ['f64', n * D], C: ['f64', n * D], prof: ['f64', n * D], aff: ['f64', n * D], invDs: ['f64', n],
        x: ['f64', n], y: ['f64', n], ac: ['f64', n], ict: ['f64', n], region: ['i32', n], group: ['i32', n], project: ['i32', n],
        centre: ['i32', n], inst: ['f64', R * R], gT: ['f64', n], gC: ['f64', n], pairs: ['i32', 2 * m], rec: ['f64', 5 * m], par: ['f64', 10],
        kT: ['f64', S], kC: ['f64', S], lab: ['f64', S], res: ['i32', n], invGeo: ['f64', S], invCod: ['f64', S],
        sector: ['i32', n], ratio: ['f64', S * S * D],
      } as const);
      // Garbage everywhere first: the kernel must read only what it is given.
      for (const a of Object.values(v)) for (let q = 0; q < a.length; q++) a[q] = (rnd() - 0.5) * 1e6;
      for (let q = 0; q < n * D; q++) { v.sT[q] = v.T[q] = rnd(); v.sC[q] = v.C[q] = 0.5 * rnd(); v.aff[q] = rnd(); }
      const rho = sectorsAndRatios(v.sector, v.ratio, n, D, rnd);
      for (let i = 0; i < n; i++) {
        unitProfile(v.prof, i, D, rnd);
        v.invDs[i] = 1 / (0.2 + 0.4 * rnd());
        v.x[i] = 50 * rnd(); v.y[i] = 50 * rnd();
        v.ac[i] = i % 5 === 3 ? 0 : rnd();
        v.ict[i] = rnd();
        v.region[i] = i % R;
        v.group[i] = i % 4 === 0 ? i % 8 : -1;
        v.project[i] = i % 3 === 0 ? i % 6 : -1;
        v.centre[i] = i % 2 === 0 ? i % 10 : -1;
        v.gT[i] = v.gC[i] = 0;
        v.res[i] = i % 6 === 1 ? 1 : 0;
      }
      // The knowledge bases' rates, research factor and distance scales, by sector.
      for (let s = 0; s < S; s++) {
        v.kT[s] = 0.2 * rnd(); v.kC[s] = 0.08 * rnd(); v.lab[s] = 1 + rnd();
        v.invGeo[s] = 1 / (5 + 10 * rnd()); v.invCod[s] = 1 / (1000 + 2000 * rnd());
      }
      const kb = (a: Float64Array, i: number) => a[v.sector[i]]!;
      for (let q = 0; q < R * R; q++) v.inst[q] = rnd();
      v.par.set([tow, tiw, near, lockIn]);
      const org = (i: number, j: number) =>
        v.group[i] >= 0 && v.group[i] === v.group[j] ? 1 : v.project[i] >= 0 && v.project[i] === v.project[j] ? 1
          : v.centre[i] >= 0 && v.centre[i] === v.centre[j] ? 0.7 : 0;
      const ties: [number, number, number, number][] = [];
      for (let p = 0; p < m; p++) {
        const i = p % n, j = (p * 11 + 5) % n === i ? (i + 1) % n : (p * 11 + 5) % n;
        v.pairs[2 * p] = i; v.pairs[2 * p + 1] = j;
        ties.push([i, j, rnd(), rnd()]);
        v.rec[5 * p] = ties[p][2]; v.rec[5 * p + 1] = ties[p][3];
      }
      // One tie of each kind of organisational proximity: same group, same project, same centre.
      const [[i0, j0], [i1, j1], [i2, j2]] = ties;
      v.group[i0] = v.group[j0] = 100;
      v.group[i1] = -1; v.project[i1] = v.project[j1] = 101;
      v.group[i2] = v.project[i2] = -1; v.centre[i2] = v.centre[j2] = 102;
      const sT = Float64Array.from(v.sT), sC = Float64Array.from(v.sC), T = Float64Array.from(v.T), C = Float64Array.from(v.C);
      const gT = new Float64Array(n), gC = new Float64Array(n), rec: number[] = [];
      let sumT = 0, sumC = 0;
      for (const [i, j, st, tr] of ties) {
        const cd = distance(v.prof, i, j, D);
        const km = Math.hypot(v.x[i] - v.x[j], v.y[i] - v.y[j]);
        const geo = Math.exp(-km * 0.5 * (kb(v.invGeo, i) + kb(v.invGeo, j)));
        const cod = v.ict[i] * v.ict[j] * Math.exp(-km * 0.5 * (kb(v.invCod, i) + kb(v.invCod, j)));
        const instIJ = v.inst[v.region[i] * R + v.region[j]], instJI = v.inst[v.region[j] * R + v.region[i]];
        const e = near + (1 - near) * geo;
        const reach = (inst: number) => 1 - (1 - geo) * (1 - e * tow * org(i, j)) * (1 - e * tiw * inst);
        const lock = 1 - lockIn * Math.min(geo, org(i, j), instIJ, instJI, tr, 1 - cd);
        const f = (a: number) => { const r = cd * v.invDs[a]; return r * Math.exp(1 - r) * lock; };
        const L = (a: number, b: number) => (v.res[b] ? kb(v.lab, a) : 1);
        const w = [kb(v.kT, i) * v.ac[i] * st * tr * L(i, j) * f(i) * reach(instIJ), kb(v.kC, i) * v.ac[i] * st * L(i, j) * f(i) * cod,
          kb(v.kT, j) * v.ac[j] * st * tr * L(j, i) * f(j) * reach(instJI), kb(v.kC, j) * v.ac[j] * st * L(j, i) * f(j) * cod].map((x, c) => (v.ac[c < 2 ? i : j] > 0 ? x : 0));
        const g = [0, 0, 0, 0];
        for (let d = 0; d < D; d++) {
          const gapT = sT[j * D + d] * rho(i, j, d) - sT[i * D + d], gapC = sC[j * D + d] * rho(i, j, d) - sC[i * D + d];
          const backT = sT[i * D + d] * rho(j, i, d) - sT[j * D + d], backC = sC[i * D + d] * rho(j, i, d) - sC[j * D + d];
          const ai = v.aff[i * D + d], aj = v.aff[j * D + d];
          const a = [w[0] * ai * Math.max(gapT, 0), w[1] * ai * Math.max(gapC, 0), w[2] * aj * Math.max(backT, 0), w[3] * aj * Math.max(backC, 0)];
          T[i * D + d] += a[0]; C[i * D + d] += a[1]; T[j * D + d] += a[2]; C[j * D + d] += a[3];
          for (let c = 0; c < 4; c++) g[c] += a[c];
        }
        gT[i] += g[0]; gC[i] += g[1]; gT[j] += g[2]; gC[j] += g[3];
        sumT += g[0] + g[2]; sumC += g[1] + g[3];
        rec.push(st, tr, cd, g[0] + g[1] + g[2] + g[3], geo);
      }
      const at = (a: Float64Array | Int32Array) => a.byteOffset;
      k.fn.tieLearn(at(v.pairs), at(v.rec), m, at(v.sT), at(v.sC), at(v.T), at(v.C), at(v.prof), at(v.invDs), at(v.x), at(v.y),
        at(v.ac), at(v.ict), at(v.region), at(v.group), at(v.project), at(v.centre), at(v.inst), R, at(v.gT), at(v.gC), at(v.par), D,
        at(v.kT), at(v.kC), at(v.lab), at(v.res), at(v.invGeo), at(v.invCod), at(v.aff), at(v.sector), at(v.ratio), S);
      expectClose(v.T, T);
      expectClose(v.C, C);
      expectClose(v.gT, gT);
      expectClose(v.gC, gC);
      expectClose([v.par[8], v.par[9]], [sumT, sumC]);
      expectClose(v.rec, rec);
      // Some gains, a learner without capacity, stand-ins of each kind, and a lock-in cut in use.
      expect(Array.from(gT).filter((g) => g > 0).length).toBeGreaterThan(5);
      expect([org(i0, j0), org(i1, j1), org(i2, j2)]).toEqual([1, 1, 0.7]);
    });
  }

  it('grows its memory for larger layouts; views from before the growth are reported stale', () => {
    const k = new Kernel();
    const small = k.layout({ a: ['f64', 16] } as const);
    expect(k.fresh(small.a)).toBe(true);
    const big = k.layout({ a: ['f64', 4_000_000] } as const);
    expect(big.a.length).toBe(4_000_000);
    expect(k.fresh(small.a)).toBe(false);
    expect(k.fresh(big.a)).toBe(true);
    // reuse: the same views while they fit and are fresh; a new layout otherwise.
    // (identity compared by hand: a detached view cannot be printed)
    expect(k.reuse(big, { a: ['f64', 4_000_000] } as const) === big).toBe(true);
    expect(k.reuse(big, { a: ['f64', 100] } as const) === big).toBe(false);
    const again = k.reuse(small, { a: ['f64', 16] } as const);
    expect(again === small).toBe(false);
    expect(k.fresh(again.a)).toBe(true);
  });
  it('batch helpers: powInto, expInto and entropyInto match the scalar formulas (the innovation and market mechanisms rely on them)', () => {
    const n = 3001, rnd = lcg(11);
    const x = new Float64Array(n);
    for (let q = 0; q < n; q++) x[q] = q % 7 === 0 ? 0 : q % 11 === 0 ? -rnd() : rnd() * 50;
    for (const p of [0.3, 1, -0.7, 2.5]) {
      const out = new Float64Array(n);
      powInto(x, n, p, out);
      for (let q = 0; q < n; q++) {
        const want = x[q] > 0 ? pow(x[q], p) : 0;
        expect(Math.abs(out[q] - want)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(want)));
      }
    }
    const e = new Float64Array(n), y = x.map((v) => -v / 5);
    expInto(y, n, e);
    for (let q = 0; q < n; q++) expect(Math.abs(e[q] - exp(y[q]))).toBeLessThanOrEqual(1e-15 * Math.max(1, exp(y[q])));
    // In place: x and out the same array.
    const z = y.slice();
    expInto(z, n, z);
    expect(Array.from(z)).toEqual(Array.from(e));
    for (const D of [1, 2, 5]) {
      const m = 400, rows = new Float64Array(m * D), h = new Float64Array(m);
      for (let q = 0; q < m * D; q++) rows[q] = q % 13 === 0 ? 0 : rnd();
      rows.fill(0, 0, D); // a row summing to 0
      entropyInto(rows, m, D, h);
      for (let r = 0; r < m; r++) {
        let all = 0, want = 0;
        for (let k = 0; k < D; k++) all += rows[r * D + k];
        if (D >= 2 && all > 0) {
          for (let k = 0; k < D; k++) { const v = rows[r * D + k]; if (v > 0) want -= (v / all) * ln(v / all); }
          want /= ln(D);
        }
        expect(Math.abs(h[r] - want)).toBeLessThanOrEqual(1e-12);
      }
      expect(h[0]).toBe(0);
    }
  });
});
