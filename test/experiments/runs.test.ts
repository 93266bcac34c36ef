/** Run ids, seeds and shards. */
import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../../src/engine/rng.js';
import { inShard, parseShard, runRef, shardRunIds } from '../../src/experiments/runs.js';

describe('runs', () => {
  it('lays runs out point-major and derives seeds from (master, point, replicate)', () => {
    expect(runRef(7, 3, 42)).toEqual({ runId: 7, point: 2, replicate: 1, seed: deriveSeed(42, 2, 1) });
    // The documented hash, FNV-1a over "42/2/1" then the murmur3 finaliser, computed
    // independently (Python) so a change to the seed rule is noticed.
    expect(runRef(7, 3, 42).seed).toBe(2448888103);
  });
  it('gives distinct seeds across points and replicates', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, r) => runRef(r, 10, 1).seed));
    expect(seeds.size).toBe(1000);
  });
  it('deals runs round-robin into shards that partition the list', () => {
    const shards = [1, 2, 3].map((index) => shardRunIds(10, { index, count: 3 }));
    expect(shards).toEqual([[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
    expect(inShard(5, undefined)).toBe(true);
  });
  it('parses i/N and explains bad values', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('0/4')).toMatch(/counts from 1 to N/);
    expect(parseShard('5/4')).toMatch(/counts from 1 to N/);
    expect(parseShard('two')).toMatch(/expected i\/N/);
  });
});
