/** `--workers` is clamped to the cores unless --oversubscribe; `--max-agents` is checked. */
import { describe, expect, it } from 'vitest';
import { maxAgentsArg, resolveWorkers } from '../../src/cli/limit-options.js';

describe('resolveWorkers', () => {
  it('defaults to every core, clamps a larger request with a note, and honours --oversubscribe', () => {
    const notes: string[] = [];
    const note = (l: string) => notes.push(l);
    expect(resolveWorkers(undefined, false, note, 4)).toBe(4);
    expect(resolveWorkers(3, false, note, 4)).toBe(3);
    expect(notes).toEqual([]);
    expect(resolveWorkers(1000, false, note, 4)).toBe(4);
    expect(notes).toEqual(['note: --workers 1000 is more than the 4 core(s) this process may use; using 4 (add --oversubscribe to start more threads than cores)']);
    expect(resolveWorkers(16, true, note, 4)).toBe(16);
  });

  it('refuses what no flag allows', () => {
    expect(() => resolveWorkers(1000, true, () => {}, 4)).toThrow('--workers: 1,000 threads is more than the limit of 256, even with --oversubscribe.');
    expect(() => resolveWorkers(0, false, () => {}, 4)).toThrow(/--workers: expected a whole number >= 1, found '0'/);
    expect(() => resolveWorkers(2.5, false, () => {}, 4)).toThrow(/found '2.5'/);
  });
});

describe('maxAgentsArg', () => {
  it('takes a whole number >= 1', () => {
    expect(maxAgentsArg(undefined)).toBeUndefined();
    expect(maxAgentsArg(5_000_000)).toBe(5_000_000);
    expect(() => maxAgentsArg(0)).toThrow(/--max-agents/);
    expect(() => maxAgentsArg(NaN)).toThrow(/--max-agents/);
  });
});
