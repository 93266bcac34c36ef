/**
 * The WebAssembly kernel (kernel.as.ts, compiled with SIMD and embedded in kernel.bytes.ts):
 * one instance per thread, whose memory is scratch for the hot loops of spillovers and tie
 * learning. A mechanism lays out its buffers in that memory for the phase (`layout`),
 * copies in what the loops read, calls the loop with the buffers' byte offsets, and copies
 * the results back into the population's own arrays. Nothing is kept in wasm memory between
 * phases, so any number of simulations can share the instance one after the other.
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
  spillExchanges(pairs: number, m: number, know: number, tacit: number, prof: number, base: number, invDs: number,
    x: number, y: number, gain: number, D: number, invGeo: number, aff: number): number;
  spillLearn(pairs: number, m: number, know: number, tacit: number, prof: number, base: number, invDs: number,
    x: number, y: number, gain: number, D: number, invGeo: number, aff: number): number;
  /** Test hooks: exp of n doubles (n even) two at a time (`exp2x`), and one at a time with Math.exp. */
  expPairs(x: number, out: number, n: number): void;
  expEach(x: number, out: number, n: number): void;
  tieLearn(pairs: number, rec: number, m: number, sT: number, sC: number, T: number, C: number, prof: number, invDs: number,
    x: number, y: number, ac: number, ict: number, region: number, group: number, project: number, centre: number,
    inst: number, R: number, gT: number, gC: number, par: number, D: number,
    kT: number, kC: number, lab: number, res: number, invGeo: number, invCod: number, aff: number): void;
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
  /** Where buffers start. */
  private readonly base: number;

  constructor() {
    compiled ??= new WebAssembly.Module(decode(KERNEL_WASM) as Uint8Array<ArrayBuffer>);
    this.fn = new WebAssembly.Instance(compiled, {}).exports as unknown as KernelExports;
    this.base = align(this.fn.heapBase());
  }

  /**
   * Typed views for every buffer of `spec`, one after the other from the start of memory
   * (each on a 64-byte cache line boundary: a row of 8 domains is then one line), growing
   * the memory first if needed. Views from an earlier layout may be detached by the
   * growth: check `fresh` before reusing them.
   */
  layout<S extends Spec>(spec: S): Views<S> {
    let end = this.base;
    for (const key in spec) end += align(spec[key][1] * (spec[key][0] === 'f64' ? 8 : 4));
    const mem = this.fn.memory;
    if (end > mem.buffer.byteLength) mem.grow(Math.ceil((end - mem.buffer.byteLength) / PAGE));
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
      let ok = true;
      for (const key in spec) {
        const view = cached[key];
        if (!this.fresh(view) || view.length !== spec[key][1]) ok = false;
      }
      if (ok) return cached;
    }
    return this.layout(spec);
  }

  /** True while `view` still looks at this instance's memory (no growth since it was made). */
  fresh(view: Float64Array | Int32Array): boolean {
    return view.buffer === this.fn.memory.buffer;
  }
}

/** Round up to a whole number of 64-byte cache lines. */
function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

/** This thread's kernel instance, made on first use. */
export function kernel(): Kernel {
  shared ??= new Kernel();
  return shared;
}
