/** The validation commands from the command line: bad input is a message and exit 1, no stack trace. */
import { describe, expect, it } from 'vitest';
import { cli, STACK, tempDir } from './helpers.js';

describe('warmup, drift, precision, paired', () => {
  it('a folder without results.csv is named, exit 1', async () => {
    const dir = tempDir();
    for (const args of [['warmup', dir], ['drift', dir], ['precision', dir], ['paired', dir, dir]]) {
      const r = await cli(args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr).toContain(`${dir}: no results.csv here`);
      expect(r.stderr).not.toMatch(STACK);
    }
  });
  it('a bad option is refused with its name, exit 1', async () => {
    const w = await cli(['warmup', tempDir(), '--band', '2']);
    expect(w.code).toBe(1);
    expect(w.stderr).toContain("--band: expected a number between 0 and 1, found '2'");
    const p = await cli(['precision', tempDir(), '--rel', '0']);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain("--rel: expected a number between 0 and 1, found '0'");
    const d = await cli(['drift', tempDir(), '--window', '1']);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain("--window: expected a whole number >= 2, found '1'");
  });
});
