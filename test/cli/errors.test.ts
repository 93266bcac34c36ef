/**
 * Every error is a message, not a stack trace (issue 19): prototype keys, alias bombs,
 * folders where files belong, unreadable files, a full disk, engine size limits; and
 * `validate` checks every file it is given and sums up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemErrorMessage, unexpectedErrorMessage } from '../../src/messages.js';
import { STACK, TINY, cli, tempDir, tinyText, write } from './helpers.js';

describe('errors are messages', () => {
  it('a __proto__ key in a scenario is refused with file, line and field; nothing runs', async () => {
    const dir = tempDir();
    const file = write(dir, 'proto.yaml', `__proto__: { seed: 99 }\n${tinyText().replace(/^seed:.*$/m, '')}`);
    const r = await cli(['run', file, '--out', path.join(dir, 'out'), '--no-charts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('proto.yaml:1:1: __proto__: the key \'__proto__\' is not allowed');
    expect(r.stderr).not.toMatch(STACK);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('an experiment path through __proto__ is refused at its line', async () => {
    const dir = tempDir();
    const exp = write(dir, 'exp.yaml', `scenario: ${TINY}\nvary:\n  - path: __proto__.polluted\n    values: [1, 2]\n`);
    const r = await cli(['validate', exp]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/exp\.yaml:3:\d+: vary\.0\.path: a path must not contain __proto__, constructor, prototype/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('validate checks every file, even after a missing one, and sums up', async () => {
    const dir = tempDir();
    const bad = write(dir, 'bad.yaml', tinyText().replace('count: 40', 'count: -1'));
    const r = await cli(['validate', TINY, path.join(dir, 'missing.yaml'), bad, dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${TINY}: valid`);
    expect(r.stderr).toContain('missing.yaml: file not found');
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: populations\.0\.count/);
    expect(r.stderr).toContain('4 files checked: 1 valid, 3 with problems');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('an alias bomb, an extends naming a folder, and a folder given as a scenario are messages', async () => {
    const dir = tempDir();
    const bomb = write(dir, 'bomb.yaml', ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]', ''].join('\n'));
    fs.mkdirSync(path.join(dir, 'base.yaml'));
    const ext = write(dir, 'ext.yaml', 'extends: base.yaml\nname: x\n');
    const r = await cli(['validate', bomb, ext, path.join(dir, 'base.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bomb\.yaml: \(document\): too many alias expansions/);
    expect(r.stderr).toContain("ext.yaml: extends: 'base.yaml' is a folder, not a scenario file.");
    expect(r.stderr).toContain('base.yaml: this is a folder, not a file.');
    expect(r.stderr).not.toMatch(STACK);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable scenario is a message (not as root, who reads anything)', async () => {
    const dir = tempDir();
    const file = write(dir, 'secret.yaml', tinyText());
    fs.chmodSync(file, 0o000);
    const r = await cli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/secret\.yaml: cannot read the file: permission denied/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a scenario that cannot be read (a symbolic link to itself) is a message, also as root', async () => {
    const dir = tempDir();
    fs.symlinkSync('loop.yaml', path.join(dir, 'loop.yaml'));
    const r = await cli(['validate', path.join(dir, 'loop.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/loop\.yaml: cannot read the file: too many symbolic links in the path \(stat\) \[ELOOP\]/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('an experiment may name its scenario by an absolute path', async () => {
    const dir = tempDir();
    const exp = write(dir, 'abs.yaml', `scenario: ${TINY}\nreplicates: 2\n`);
    const r = await cli(['validate', exp]);
    expect(r.stdout).toContain('abs.yaml: valid (experiment: 1 design point(s) x 2 replicate(s) = 2 runs)');
    expect(r.code).toBe(0);
  });
});

describe('unexpectedErrorMessage', () => {
  it('turns real system errors into plain words with the path', () => {
    let enospc: unknown;
    try {
      fs.writeFileSync('/dev/full', 'x');
    } catch (e) {
      enospc = e;
    }
    expect(systemErrorMessage(enospc)).toBe('cannot write the output: no space left on the device (write) [ENOSPC]');
    const opened = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', syscall: 'open', path: '/data/out/results.csv' });
    expect(systemErrorMessage(opened)).toBe('/data/out/results.csv: no space left on the device (open) [ENOSPC]');
    let eisdir: unknown;
    try {
      fs.readFileSync(tempDir());
    } catch (e) {
      eisdir = e;
    }
    expect(unexpectedErrorMessage(eisdir)).toMatchObject({ bug: false, message: expect.stringMatching(/this is a folder, where a file was expected \(read\) \[EISDIR\]$/) });
    let eexist: unknown;
    try {
      fs.mkdirSync(tempDir());
    } catch (e) {
      eexist = e;
    }
    expect(systemErrorMessage(eexist)).toMatch(/: it already exists \(mkdir\) \[EEXIST\]$/);
    const eacces = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'open', path: '/x/y' });
    expect(systemErrorMessage(eacces)).toBe('/x/y: permission denied (open) [EACCES]');
  });

  it('names an engine size limit as such, and only a bug as a bug', () => {
    let range: unknown;
    try {
      new Float64Array(2 ** 33);
    } catch (e) {
      range = e;
    }
    const r = unexpectedErrorMessage(range);
    expect(r.bug).toBe(false);
    expect(r.message).toMatch(/^a size limit of the JavaScript engine was reached: Invalid typed array length/);
    const bug = unexpectedErrorMessage(new TypeError('x is undefined'));
    expect(bug).toMatchObject({ bug: true, message: expect.stringContaining('internal error: TypeError: x is undefined') });
    expect(bug.message).not.toMatch(STACK);
  });
});
