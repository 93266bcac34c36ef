/**
 * The WebAssembly kernel (kernel.as.ts, compiled with SIMD and embedded in kernel.bytes.ts).
 * Each population has an instance of its own (population.ts `kernel`), whose memory holds, from
 * its start: the population's knowledge matrices (tacit, codified, niche; the knowledge area,
 * `reserveKnowledge`), which the kernel's loops read and change in place; the step's profiles
 * (profiles.ts; the resident area, `reserve`, which records the step that made them,
 * `residentOwner`); then the phases' scratch. A mechanism lays out its buffers there for the
 * phase (`layout`), copies in what the loops read besides the knowledge, calls the loop with
 * the buffers' byte offsets, and reads the results. Column helpers that need no population
 * (`powInto`, `expInto`, `entropyInto`) use one more instance per thread (`kernel()`).
 *
 * Runs wherever WebAssembly with SIMD does (Node >= 16.4, current browsers); the module is
 * compiled synchronously from bytes, with no file or network access. Browsers allow a
 * synchronous compile of a module this size (6 KB) only off the main thread, which is where
 * the engine is meant to run anyway: in a web worker.
 */
import { KERNEL_WASM } from './kernel.bytes.js';

export interface KernelExports {
  memory: WebAssembly.Memory;
  /** End of the module's static data (Math.exp's table): buffers must start above it. */
  heapBase(): number;
  addRows(a: number, b: number, n: number, D: number): void;
  /** Outside knowledge and forgetting of n rows of D, in place in T and C (capabilities.ts; sector and live: int32 per row). */
  outsideKnowledge(T: number, C: number, niche: number, aff: number, adv: number, sector: number, A: number, live: number,
    n: number, D: number, lost: number): void;
  /** The step's profiles, affinities and stocks of n rows of D, and T + C into know (profiles.ts; sector: int32 per row, iF: 1 / the frontier, S x D). */
  profilesEach(T: number, C: number, w: number, iF: number, sector: number, n: number, D: number, prof: number, aff: number, stock: number, know: number): void;
  /** out[k] = x[k]^p for n doubles (0 where x[k] <= 0). */
  powEach(x: number, out: number, n: number, p: number): void;
  /** out[r] = the normalised entropy of row r of m rows of D values at x. */
  entropyEach(x: number, m: number, D: number, out: number): void;
  /** sector: int32 per row; ratio: the S x S x D frontier ratios (frontier.ts frontierRatios) for pairs across sectors. */
  spillExchanges(pairs: number, m: number, know: number, tacit: number, prof: number, base: number, invDs: number,
    x: number, y: number, gain: number, D: number, invGeo: number, aff: number, sector: number, ratio: number, S: number): number;
  spillLearn(pairs: number, m: number, know: number, tacit: number, prof: number, base: number, invDs: number,
    x: number, y: number, gain: number, D: number, invGeo: number, aff: number, sector: number, ratio: number, S: number): number;
  /** exp of n doubles (n even) two at a time (`exp2x`, a test hook), and one at a time with Math.exp (expInto). */
  expPairs(x: number, out: number, n: number): void;
  expEach(x: number, out: number, n: number): void;
  tieLearn(pairs: number, rec: number, m: number, sT: number, sC: number, T: number, C: number, prof: number, invDs: number,
    x: number, y: number, ac: number, ict: number, region: number, group: number, project: number, centre: number,
    inst: number, R: number, gT: number, gC: number, par: number, D: number,
    kT: number, kC: number, lab: number, res: number, invGeo: number, invCod: number, aff: number,
    sector: number, ratio: number, S: number): void;
}

/** A buffer request: element type and length. */
export type Spec = Record<string, readonly ['f64' | 'i32', number]>;
export type Views<S extends Spec> = { [K in keyof S]: S[K][0] extends 'f64' ? Float64Array : Int32Array };

const PAGE = 65536;

let compiled: WebAssembly.Module | undefined;
let shared: Kernel | undefined;

function decode(base64: string): Uint8Array {
  const s = atob(base64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export class Kernel {
  readonly fn: KernelExports;
  /** Start of the knowledge area (end of the module's static data). */
  private readonly heap: number;
  /** Where the phases' buffers start: after the knowledge and resident areas. */
  private base: number;
  /** Bytes of the knowledge area (a population's knowledge matrices, population.ts), then of the resident area (both only grow). */
  private knowledge = 0;
  private resident = 0;
  /** What the resident area holds now (profiles.ts: the StepProfiles of one simulation), or null. */
  residentOwner: unknown = null;
  /**
   * Called after the memory grew (every view of it is then detached): the population whose
   * knowledge lives here makes its views anew (population.ts).
   */
  onGrow: (() => void) | null = null;

  constructor() {
    compiled ??= new WebAssembly.Module(decode(KERNEL_WASM) as Uint8Array<ArrayBuffer>);
    this.fn = new WebAssembly.Instance(compiled, {}).exports as unknown as KernelExports;
    this.heap = align(this.fn.heapBase());
    this.base = this.heap;
  }

  /**
   * A knowledge area of at least `bytes` at the start of the memory, for the population that
   * owns this instance (population.ts keeps its knowledge matrices there, so the kernel's loops
   * work on them in place); returns its byte offset. Growing it moves the resident area and
   * where layouts start: the resident area forgets its owner, and `reuse` and `placed` lay
   * out afresh. The caller moves its own contents (the memory keeps its bytes when it grows).
   */
  reserveKnowledge(bytes: number): number {
    const size = align(bytes);
    if (size > this.knowledge) {
      this.knowledge = size;
      this.relayout();
    }
    return this.heap;
  }

  /** Layouts start after the knowledge and resident areas; the resident area forgets its owner. */
  private relayout(): void {
    this.base = this.heap + this.knowledge + this.resident;
    this.residentOwner = null;
    this.ensure(this.base);
  }

  /**
   * A resident area of at least `bytes` after the knowledge area, kept across phases (the
   * phases' buffers are laid out above it); returns its byte offset. Growing it moves where
   * layouts start, so `reuse` and `placed` then lay out afresh, and forgets its owner.
   */
  reserve(bytes: number): number {
    const size = align(bytes);
    if (size > this.resident) {
      this.resident = size;
      this.relayout();
    }
    return this.heap + this.knowledge;
  }

  /** A view of `length` values at byte offset `at` (in the resident area) of this memory as it is now. */
  view(type: 'f64', at: number, length: number): Float64Array {
    return new Float64Array(this.fn.memory.buffer, at, length);
  }

  /** Grow the memory to at least `end` bytes (views made before are then detached). */
  private ensure(end: number): void {
    const mem = this.fn.memory;
    if (end > mem.buffer.byteLength) {
      mem.grow(Math.ceil((end - mem.buffer.byteLength) / PAGE));
      this.onGrow?.();
    }
  }

  /**
   * Typed views for every buffer of `spec`, one after the other from the start of the phases'
   * buffers (each on a 64-byte cache line boundary: a row of 8 domains is then one line), growing
   * the memory first if needed. Views from an earlier layout may be detached by the
   * growth: check `fresh` before reusing them.
   */
  layout<S extends Spec>(spec: S): Views<S> {
    let end = this.base;
    for (const key in spec) end += align(spec[key][1] * (spec[key][0] === 'f64' ? 8 : 4));
    this.ensure(end);
    const mem = this.fn.memory;
    const out: Record<string, Float64Array | Int32Array> = {};
    let at = this.base;
    for (const key in spec) {
      const [type, length] = spec[key];
      out[key] = type === 'f64' ? new Float64Array(mem.buffer, at, length) : new Int32Array(mem.buffer, at, length);
      at += align(length * (type === 'f64' ? 8 : 4));
    }
    return out as Views<S>;
  }

  /**
   * The views of `cached` if they still look at this memory (no growth since) and have the
   * sizes `spec` asks for, else a fresh layout: how a mechanism keeps its views across steps.
   */
  reuse<S extends Spec>(cached: Views<S> | undefined, spec: S): Views<S> {
    if (cached) {
      let ok = true, first = true;
      for (const key in spec) {
        const view = cached[key];
        if (!this.fresh(view) || view.length !== spec[key][1] || (first && view.byteOffset !== this.base)) ok = false;
        first = false;
      }
      if (ok) return cached;
    }
    return this.layout(spec);
  }

  /** True while `view` still looks at this instance's memory (no growth since it was made). */
  fresh(view: Float64Array | Int32Array): boolean {
    return view.buffer === this.fn.memory.buffer;
  }

  /** True while the first view of a layout is fresh and still where layouts start (the resident area has not grown over it). */
  placed(view: Float64Array | Int32Array): boolean {
    return this.fresh(view) && view.byteOffset === this.base;
  }
}

/** Round up to a whole number of 64-byte cache lines. */
function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

/** This thread's instance for the column helpers below (a population's phases use its own, population.ts), made on first use. */
export function kernel(): Kernel {
  shared ??= new Kernel();
  return shared;
}

let powViews: Views<{ x: ['f64', number]; out: ['f64', number] }> | undefined;

/**
 * x[k]^p for k < n into out (0 where x[k] <= 0): a column of powers in one call of the
 * kernel (`powEach`), the same bits on every engine. x and out may be the same array.
 */
export function powInto(x: Float64Array, n: number, p: number, out: Float64Array): void {
  if (n === 0) return;
  const k = kernel(), size = Math.max(1024, n);
  if (!powViews || powViews.x.length < n || !k.placed(powViews.x)) powViews = k.layout({ x: ['f64', size], out: ['f64', size] });
  const v = powViews;
  v.x.set(x.subarray(0, n));
  k.fn.powEach(v.x.byteOffset, v.out.byteOffset, n, p);
  out.set(v.out.subarray(0, n));
}

let expViews: Views<{ x: ['f64', number]; out: ['f64', number] }> | undefined;

/** exp(x[k]) for k < n into out (the kernel's Math.exp, `expEach`). x and out may be the same array. */
export function expInto(x: Float64Array, n: number, out: Float64Array): void {
  if (n === 0) return;
  const k = kernel(), size = Math.max(1024, n);
  if (!expViews || expViews.x.length < n || !k.placed(expViews.x)) expViews = k.layout({ x: ['f64', size], out: ['f64', size] });
  const v = expViews;
  v.x.set(x.subarray(0, n));
  k.fn.expEach(v.x.byteOffset, v.out.byteOffset, n);
  out.set(v.out.subarray(0, n));
}

let entViews: Views<{ x: ['f64', number]; out: ['f64', number] }> | undefined;

/** The normalised entropy of each of m rows of D values (x[r D .. r D + D)) into out[0..m) (the kernel's `entropyEach`). */
export function entropyInto(x: Float64Array, m: number, D: number, out: Float64Array): void {
  if (m === 0) return;
  const k = kernel(), size = Math.max(1024, m);
  if (!entViews || entViews.out.length < m || entViews.x.length < m * D || !k.placed(entViews.x)) entViews = k.layout({ x: ['f64', size * D], out: ['f64', size] });
  const v = entViews;
  v.x.set(x.subarray(0, m * D));
  k.fn.entropyEach(v.x.byteOffset, m, D, v.out.byteOffset);
  out.set(v.out.subarray(0, m));
}
