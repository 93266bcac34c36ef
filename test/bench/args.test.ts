/** The benchmark's options: defaults, and errors that name the option and what is allowed. */
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../src/bench/main.js';

describe('npm run bench options', () => {
  it('defaults to the whole suite written to out/bench/bench.json', async () => {
    const a = await parseBenchArgs([]);
    expect(a).toEqual({ quick: false, sweep: true, sizes: undefined, out: expect.stringMatching(/out[\\/]bench[\\/]bench\.json$/) });
  });

  it('reads --quick, --no-sweep, --sizes and --out', async () => {
    const a = await parseBenchArgs(['--quick', '--no-sweep', '--sizes', '1000,20000', '--out', '/tmp/b.json']);
    expect(a).toEqual({ quick: true, sweep: false, sizes: [1000, 20000], out: '/tmp/b.json' });
  });

  it('refuses an unknown option instead of running the whole suite', async () => {
    await expect(parseBenchArgs(['--sizse', '1000'])).rejects.toThrow(/Unknown argument: sizse.*--help/);
  });

  it('refuses sizes that are not whole numbers of at least 10', async () => {
    await expect(parseBenchArgs(['--sizes', '5'])).rejects.toThrow(/--sizes takes whole numbers >= 10.*5/);
    await expect(parseBenchArgs(['--sizes', '1000,x'])).rejects.toThrow(/--sizes/);
  });
});
