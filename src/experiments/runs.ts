/**
 * The canonical run list of a sweep: run r is replicate r mod R of design point
 * floor(r / R), with R replicates per point. Its seed is
 * `deriveSeed(masterSeed, point, replicate)` (src/engine/rng.ts: FNV-1a over the text
 * "master/point/replicate", then the murmur3 finaliser), so a run's seed depends on what
 * the run is, never on when or where it runs.
 */
import { deriveSeed } from '../engine/rng.js';

export interface RunRef {
  runId: number;
  point: number;
  replicate: number;
  seed: number;
}

export function runRef(runId: number, replicates: number, masterSeed: number): RunRef {
  const point = Math.floor(runId / replicates);
  const replicate = runId % replicates;
  return { runId, point, replicate, seed: deriveSeed(masterSeed, point, replicate) };
}

export interface Shard {
  /** 1-based index of this shard. */
  index: number;
  count: number;
}

/** Parses `i/N` (1 <= i <= N). Returns an error text for anything else. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return `--shard: expected i/N such as 1/4, or auto, found '${text}'`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return `--shard: N must be at least 1, found '${text}'`;
  if (index < 1 || index > count) return `--shard: i counts from 1 to N (here 1..${count}), found '${text}'`;
  return { index, count };
}

/**
 * Whether run `runId` belongs to the shard. Runs are dealt round-robin (run r goes to shard
 * r mod N + 1), so every shard gets a similar mix of design points and similar work.
 */
export function inShard(runId: number, shard: Shard | undefined): boolean {
  return shard === undefined || runId % shard.count === shard.index - 1;
}

/** The run ids of a shard, in canonical order. */
export function shardRunIds(runCount: number, shard: Shard | undefined): number[] {
  const out: number[] = [];
  for (let r = 0; r < runCount; r++) if (inShard(r, shard)) out.push(r);
  return out;
}
