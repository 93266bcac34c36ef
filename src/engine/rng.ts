/**
 * Seeded random streams. One run has one master seed; every consumer (each mechanism,
 * each lever, the builder) draws from its own stream named after it, so that adding a
 * mechanism or changing how many draws one makes never shifts the draws of the others.
 *
 * A stream is seedrandom's `alea` generator (see STACK.md) seeded with the string
 * `${masterSeed}/${name}`: seedrandom seeds it, this class advances it (same sequence, a
 * test checks it). JavaScript's global unseeded generator is never used.
 */
import seedrandom from 'seedrandom';
import { cos, exp, log, sin } from './math.js';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal (Box-Muller; caches the second variate). */
  normal(): number;
  /** True with probability p. */
  chance(p: number): boolean;
}

class AleaRng implements Rng {
  // Alea's state, advanced here with seedrandom's own arithmetic (lib/alea.js), so the
  // sequence is the same draw for draw; kept in fields of this class rather than behind
  // seedrandom's closure, which the optimiser could not inline into the hot loops.
  //
  // Each field starts as a number of its kind (the constructor then sets the seed's state).
  // The compiled ES2022 class declares a field without an initialiser as undefined, and V8
  // then keeps a field later given doubles as a tagged field: every draw allocated three new
  // heap numbers (most of the ~3 MB of garbage a full-model step made at 10,000 agents),
  // and a draw took twice as long as with the doubles stored in place.
  private s0 = 0.5;
  private s1 = 0.5;
  private s2 = 0.5;
  private c = 0;
  private spare = NaN;
  constructor(seed: string) {
    const st = seedrandom.alea(seed, { state: true }).state();
    this.s0 = st.s0;
    this.s1 = st.s1;
    this.s2 = st.s2;
    this.c = st.c;
  }
  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = this.next();
    while (u <= 1e-300) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * log(u));
    this.spare = r * sin(2 * Math.PI * v);
    return r * cos(2 * Math.PI * v);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The independent stream `name` of the run seeded with `masterSeed`. */
export function stream(masterSeed: number, name: string): Rng {
  return new AleaRng(`${masterSeed}/${name}`);
}

/**
 * A 32-bit seed derived from any list of parts (FNV-1a over their decimal/string form,
 * then a murmur3 finaliser). Used for per-run seeds: deriveSeed(master, point, replicate).
 */
export function deriveSeed(...parts: (number | string)[]): number {
  let h = 0x811c9dc5;
  const s = parts.join('/');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A binomial draw: successes in n trials of probability p. One uniform per trial for up to
 * eight trials; inversion (walking the distribution from 0) when the mean is small, which costs about n p + 1 uniforms; a normal
 * approximation with continuity correction, rounded and clamped to [0, n], when both n p and
 * n (1 - p) are at least 30, where it is accurate to well under a trial. Deterministic for a
 * given stream.
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  if (n <= 8) {
    // A few trials: one uniform each is cheaper than the power the inversion starts with.
    let k = 0;
    for (let t = 0; t < n; t++) if (rng.next() < p) k++;
    return k;
  }
  const mean = n * p;
  if (mean >= 30) {
    const x = Math.round(mean + Math.sqrt(mean * (1 - p)) * rng.normal());
    return x < 0 ? 0 : x > n ? n : x;
  }
  // Inversion: P(0) = (1 - p)^n, P(k + 1) = P(k) (n - k) / (k + 1) p / (1 - p).
  const u = rng.next();
  const r = p / (1 - p);
  let k = 0, pk = exp(n * log(1 - p)), cum = pk; // (1 - p)^n
  while (u >= cum && k < n) {
    pk *= ((n - k) / (k + 1)) * r;
    k++;
    cum += pk;
    if (pk < 1e-300 && k > mean) break; // the rest of the tail is below double precision
  }
  return k;
}
