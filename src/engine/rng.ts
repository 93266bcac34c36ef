/**
 * Seeded random streams. One run has one master seed; every consumer (each mechanism,
 * each lever, the builder) draws from its own stream named after it, so that adding a
 * mechanism or changing how many draws one makes never shifts the draws of the others.
 *
 * A stream is seedrandom's `alea` generator (fast, ~100+ M draws/s; see STACK.md) seeded
 * with the string `${masterSeed}/${name}`. JavaScript's global unseeded generator is never used.
 */
import seedrandom from 'seedrandom';

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
  private readonly gen: () => number;
  private spare = NaN;
  constructor(seed: string) {
    this.gen = seedrandom.alea(seed);
  }
  next(): number {
    return this.gen();
  }
  int(n: number): number {
    return Math.floor(this.gen() * n);
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.gen();
  }
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = this.gen();
    while (u <= 1e-300) u = this.gen();
    const v = this.gen();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  chance(p: number): boolean {
    return this.gen() < p;
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
