/**
 * Progress when stderr is not a terminal (CI logs): occasional plain lines with the count,
 * the failures, the rate and the time left; the last one always; nothing when quiet.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { duration, progress } from '../../src/io/progress.js';

function sink() {
  const lines: string[] = [];
  return { lines, stream: { isTTY: false, write: (t: string) => lines.push(t) } };
}

describe('progress on a non-terminal', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('writes a line per tenth at most every 5 s, every 30 s when slow, and at the end', () => {
    const { lines, stream } = sink();
    const bar = progress('sweep', 100, { unit: 'runs', stream });
    vi.setSystemTime(1_000);
    bar.update(50); // half done but only 1 s in: no line yet
    expect(lines).toEqual([]);
    vi.setSystemTime(6_000);
    bar.update(60, 2);
    expect(lines).toEqual(['sweep: 60/100 runs (2 failed) (60%, 10.0 runs/s, left 4 s)\n']);
    vi.setSystemTime(12_000);
    bar.update(61); // 6 s later but only 1% more
    expect(lines).toHaveLength(1);
    vi.setSystemTime(40_000);
    bar.update(62); // 34 s since the last line
    expect(lines).toHaveLength(2);
    vi.setSystemTime(41_000);
    bar.update(100);
    expect(lines[2]).toMatch(/^sweep: 100\/100 runs \(100%, .* runs\/s, left 0 s\)\n$/);
  });

  it('counts only this session in the rate of a resumed sweep', () => {
    const { lines, stream } = sink();
    const bar = progress('sweep', 100, { unit: 'runs', already: 80, stream });
    vi.setSystemTime(10_000);
    bar.update(100);
    expect(lines).toEqual(['sweep: 100/100 runs (100%, 2.0 runs/s, left 0 s)\n']);
  });

  it('says nothing when quiet', () => {
    const { lines, stream } = sink();
    const bar = progress('run', 10, { quiet: true, stream });
    bar.update(10);
    bar.stop();
    expect(lines).toEqual([]);
  });
});

describe('duration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect(duration(42.4)).toBe('42 s');
    expect(duration(185)).toBe('3 min 5 s');
    expect(duration(7_800)).toBe('2 h 10 min');
    expect(duration(Infinity)).toBe('?');
  });
});
