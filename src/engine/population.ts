/**
 * The population: every agent (firms and institutions alike) as one row of typed columns
 * (structure of arrays). Rows are dense: 0..n-1. An agent that exits is flagged dead
 * (`alive[i] = 0`) and stays in place until `compact()` at the end of the step removes it,
 * so that row numbers are stable within a step. Stable agent ids (`id`) are separate from
 * row numbers, so recorded data stays joinable after exits.
 *
 * Capacity grows by doubling when agents enter; every column is reallocated together.
 *
 * The knowledge matrices (tacit, codified, niche) live in the memory of the population's own
 * WebAssembly kernel instance (wasm/kernel.ts, its knowledge area), so the kernel's loops
 * (profiles.ts, spillover, tie learning, capabilities) read and raise them in place instead of
 * copying them in and back. The fields are views of that memory, made anew whenever it grows
 * (`bindKnowledge`): read them after anything that may grow it (a phase's kernel layout,
 * stepProfiles, adding agents), never from a copy of the field kept across such a call.
 */
import { Kernel } from './wasm/kernel.js';

/**
 * The runs of consecutive surviving rows that a compaction map (old row -> new row, -1 for
 * removed) moves: [from, to, length] triples, flat. Found once per compaction, then every
 * column moves with one copyWithin per run (`moveRuns`) instead of a scan of its own.
 */
export function survivorRuns(map: Int32Array, n: number): Int32Array {
  const runs: number[] = [];
  let r = 0;
  while (r < n) {
    if (map[r] < 0) { r++; continue; }
    let e = r + 1;
    while (e < n && map[e] === map[e - 1] + 1) e++;
    if (map[r] !== r) runs.push(r, map[r], e - r);
    r = e;
  }
  return Int32Array.from(runs);
}

/** Move the runs of a column of `per` values a row (new rows are never above old ones). */
export function moveRuns(a: Col, runs: Int32Array, per: number): void {
  for (let k = 0; k < runs.length; k += 3) a.copyWithin(runs[k + 1] * per, runs[k] * per, (runs[k] + runs[k + 2]) * per);
}

/** Actor kinds (docs/model.md). The numeric code is the value stored in the `kind` column. */
export const KINDS = ['sme', 'leading', 'kibs', 'research', 'competenceCentre', 'assistanceCentre'] as const;
export type Kind = (typeof KINDS)[number];
export const Kind: Record<Kind, number> = {
  sme: 0,
  leading: 1,
  kibs: 2,
  research: 3,
  competenceCentre: 4,
  assistanceCentre: 5,
};
/** Kinds that produce and sell (enter the market mechanism); the rest are institutions. */
export function isFirmKind(k: number): boolean {
  return k <= Kind.kibs;
}

export type Col = Float64Array | Int32Array | Uint8Array | Uint16Array;

/** Bytes of a rows x D matrix of doubles in the kernel's memory (whole 64-byte lines). */
const matrixBytes = (rows: number, D: number) => Math.ceil((rows * D * 8) / 64) * 64;

/** Per-agent scalar columns, by name and array type; the per-domain matrices are separate. */
const SCALAR_COLUMNS = {
  id: Int32Array,
  kind: Uint8Array,
  region: Uint16Array,
  sector: Uint16Array,
  alive: Uint8Array,
  leading: Uint8Array,
  x: Float64Array,
  y: Float64Array,
  absorptive: Float64Array,
  ict: Float64Array,
  openness: Float64Array,
  employees: Float64Array,
  capital: Float64Array,
  quality: Float64Array,
  /** Product lines the firm holds in its region's market for its sector (Klette & Kortum 2004); 0 for institutions. */
  lines: Int32Array,
  /** Income of the last market step (money units a step): a firm's sales, an institution's public budget kept. */
  revenue: Float64Array,
  profit: Float64Array,
  international: Float64Array,
  /**
   * The openness and international orientation the agent was born with: the levels its own
   * disposition returns to when a lever's gain fades (capabilities' dispositionFade).
   */
  opennessBase: Float64Array,
  internationalBase: Float64Array,
  rdEffort: Float64Array,
  /**
   * A firm's own efficiency, drawn once at its birth and kept for life (Jovanovic 1982's
   * efficiency type; docs/model/market.md): it multiplies the firm's productivity. 1 for
   * institutions and when the scenario draws none.
   */
  efficiency: Float64Array,
  age: Int32Array,
  birthStep: Int32Array,
  /** Stable id of the parent of a spin-off; -1 for any other agent. */
  parent: Int32Array,
  /** Business group (organisational proximity): agents of one group share it; -1 none. */
  group: Int32Array,
  /** Stable id of the competence centre the agent is a member of; -1 none. */
  centre: Int32Array,
  /** Slot in the project table of the project the agent works on; -1 none. */
  project: Int32Array,
  /**
   * Relative knowledge level: mean over domains of (tacit + codified) / the sector's
   * technological frontier in the domain (src/engine/frontier.ts), refreshed by `refreshDerived`.
   */
  knowledge: Float64Array,
} as const;

export type ScalarColumn = keyof typeof SCALAR_COLUMNS;

export class Population {
  /** Rows in use (alive or flagged dead within this step). */
  n = 0;
  capacity: number;
  /** Number of knowledge domains. */
  readonly D: number;
  nextId = 0;

  id!: Int32Array;
  kind!: Uint8Array;
  region!: Uint16Array;
  sector!: Uint16Array;
  alive!: Uint8Array;
  leading!: Uint8Array;
  x!: Float64Array;
  y!: Float64Array;
  absorptive!: Float64Array;
  ict!: Float64Array;
  openness!: Float64Array;
  employees!: Float64Array;
  capital!: Float64Array;
  quality!: Float64Array;
  lines!: Int32Array;
  revenue!: Float64Array;
  profit!: Float64Array;
  international!: Float64Array;
  opennessBase!: Float64Array;
  internationalBase!: Float64Array;
  rdEffort!: Float64Array;
  efficiency!: Float64Array;
  age!: Int32Array;
  birthStep!: Int32Array;
  parent!: Int32Array;
  group!: Int32Array;
  centre!: Int32Array;
  project!: Int32Array;
  knowledge!: Float64Array;
  /** Tacit knowledge, row-major n x D (002 §41-47). */
  tacit!: Float64Array;
  /** Codified knowledge, row-major n x D. */
  codified!: Float64Array;
  /**
   * What the agent makes or does, as weights over domains (each row sums to 1), n x D: the
   * domains it uses, and so what it can absorb and what it forgets (its niche; firms of one
   * sector differ in it, Nelson & Winter 1982). Set at entry, shifted by radical innovation.
   */
  niche!: Float64Array;
  /** The WebAssembly kernel instance whose memory holds tacit, codified and niche (and whose loops this population's phases run). */
  readonly kernel: Kernel;
  /** Byte offset of the knowledge area in the kernel's memory. */
  private knowledgeAt = 0;

  constructor(D: number, capacity = 1024) {
    this.D = D;
    this.capacity = 0;
    for (const [name, Ctor] of Object.entries(SCALAR_COLUMNS)) {
      (this as unknown as Record<string, Col>)[name] = new Ctor(0);
    }
    this.kernel = new Kernel();
    this.kernel.onGrow = () => this.bindKnowledge();
    this.tacit = new Float64Array(0);
    this.codified = new Float64Array(0);
    this.niche = new Float64Array(0);
    // Allocated by a second store of every column, as when capacity grows: V8 treats a field
    // stored once as a constant and embeds it in optimised code, so the first growth in a
    // run would throw away the optimised code of every mechanism (seen as a burst of
    // recompilation in sweep workers). After a second store, the fields are plain fields.
    this.resize(Math.max(16, capacity));
  }

  /** Make room for `extra` more rows, doubling capacity as needed. */
  reserve(extra: number): void {
    const need = this.n + extra;
    if (need <= this.capacity) return;
    let cap = this.capacity;
    while (cap < need) cap *= 2;
    this.resize(cap);
  }

  /** Reallocate every column to `cap` rows (at least n), keeping the first n rows. */
  private resize(cap: number): void {
    for (const [name, Ctor] of Object.entries(SCALAR_COLUMNS)) {
      const rec = this as unknown as Record<string, Col>;
      const next = new Ctor(cap);
      next.set(rec[name].subarray(0, this.n));
      rec[name] = next;
    }
    // The knowledge area grows to three cap x D matrices; the memory keeps its bytes, so the
    // first n rows of niche, then codified, move up to their new places (tacit stays at the
    // start), and the rest is cleared as a new array's would be.
    const k = this.kernel, old = this.capacity, D = this.D, used = this.n * D * 8;
    const at = k.reserveKnowledge(3 * matrixBytes(cap, D));
    const bytes = new Uint8Array(k.fn.memory.buffer);
    const oldM = matrixBytes(old, D), newM = matrixBytes(cap, D);
    bytes.copyWithin(at + 2 * newM, at + 2 * oldM, at + 2 * oldM + used);
    bytes.copyWithin(at + newM, at + oldM, at + oldM + used);
    for (let m = 0; m < 3; m++) bytes.fill(0, at + m * newM + used, at + (m + 1) * newM);
    this.knowledgeAt = at;
    this.capacity = cap;
    this.bindKnowledge();
  }

  /** Make the views tacit, codified and niche of the knowledge area anew (after the kernel's memory grew, or the area moved). */
  bindKnowledge(): void {
    const buf = this.kernel.fn.memory.buffer, len = this.capacity * this.D, m = matrixBytes(this.capacity, this.D);
    this.tacit = new Float64Array(buf, this.knowledgeAt, len);
    this.codified = new Float64Array(buf, this.knowledgeAt + m, len);
    this.niche = new Float64Array(buf, this.knowledgeAt + 2 * m, len);
  }

  /** Append one agent with neutral values; returns its row. The caller fills the columns. */
  add(kind: number, region: number, sector: number, step: number): number {
    this.reserve(1);
    const i = this.n++;
    this.id[i] = this.nextId++;
    this.kind[i] = kind;
    this.region[i] = region;
    this.sector[i] = sector;
    this.alive[i] = 1;
    this.leading[i] = kind === Kind.leading ? 1 : 0;
    this.birthStep[i] = step;
    this.age[i] = 0;
    this.parent[i] = -1;
    this.group[i] = -1;
    this.centre[i] = -1;
    this.project[i] = -1;
    this.lines[i] = 0;
    this.revenue[i] = 0;
    this.profit[i] = 0;
    this.efficiency[i] = 1;
    this.tacit.fill(0, i * this.D, (i + 1) * this.D);
    this.codified.fill(0, i * this.D, (i + 1) * this.D);
    this.niche.fill(1 / this.D, i * this.D, (i + 1) * this.D);
    return i;
  }

  /**
   * Remove dead rows, keeping the order of the living (so iteration order, and with it the
   * random draws, stays deterministic). Returns the old-row -> new-row map (-1 for removed)
   * and the runs of survivors that moved (`survivorRuns`, for the tables kept in row order
   * beside the population), or null when nothing was removed.
   */
  compact(): { map: Int32Array; runs: Int32Array } | null {
    let dead = 0;
    for (let i = 0; i < this.n; i++) if (this.alive[i] === 0) dead++;
    if (dead === 0) return null;
    const map = new Int32Array(this.n);
    let w = 0;
    for (let r = 0; r < this.n; r++) map[r] = this.alive[r] === 0 ? -1 : w++;
    // Column by column (each loop sees one array type, so it stays fast), moving runs of
    // consecutive survivors with one copyWithin each.
    const rec = this as unknown as Record<string, Col>;
    const runs = survivorRuns(map, this.n);
    for (const name of Object.keys(SCALAR_COLUMNS)) moveRuns(rec[name], runs, 1);
    moveRuns(this.tacit, runs, this.D);
    moveRuns(this.codified, runs, this.D);
    moveRuns(this.niche, runs, this.D);
    this.n = w;
    return { map, runs };
  }

  /**
   * Reorder the rows: new row r holds what old row perm[r] held (perm is a permutation of
   * 0..n-1). Ids move with their rows. Allocates new columns: for build time, not the step.
   */
  permute(perm: Int32Array): void {
    const n = this.n, D = this.D;
    const rec = this as unknown as Record<string, Col>;
    for (const [name, Ctor] of Object.entries(SCALAR_COLUMNS)) {
      const from = rec[name];
      const to = new Ctor(this.capacity);
      for (let r = 0; r < n; r++) to[r] = from[perm[r]];
      rec[name] = to;
    }
    const gather = (to: Float64Array) => {
      const from = to.slice(0, n * D);
      for (let r = 0; r < n; r++) for (let k = 0, a = perm[r] * D, b = r * D; k < D; k++) to[b + k] = from[a + k];
    };
    gather(this.tacit);
    gather(this.codified);
    gather(this.niche);
  }

  /**
   * The technological frontier of each sector in each domain, S x D (absolute knowledge
   * units; src/engine/frontier.ts moves it). Knowledge is stored in absolute units, so that
   * agents of different sectors can learn from each other; levels are judged against it.
   */
  frontier: Float64Array = new Float64Array(0);
  /** The frontier when agents last absorbed its advance (capabilities mechanism). */
  frontierSeen: Float64Array = new Float64Array(0);
  /** The frontier and all knowledge are stored divided by 2^frontierLog2 (exact rescaling of long runs). */
  frontierLog2 = 0;

  /** Relative knowledge of row i: mean over domains of (tacit + codified) / frontier. */
  knowledgeOf(i: number): number {
    const D = this.D, F = this.frontier, f = this.sector[i] * D;
    let s = 0;
    for (let k = 0, q = i * D; k < D; k++, q++) s += (this.tacit[q] + this.codified[q]) / F[f + k];
    return s / D;
  }

  /** Relative level of row i in domain k: (tacit + codified) / the frontier of its sector. */
  levelOf(i: number, k: number): number {
    const q = i * this.D + k;
    return (this.tacit[q] + this.codified[q]) / this.frontier[this.sector[i] * this.D + k];
  }

  /** Refresh derived columns (knowledge level) for all rows. O(N*D). */
  refreshDerived(): void {
    for (let i = 0; i < this.n; i++) this.knowledge[i] = this.knowledgeOf(i);
  }
}
