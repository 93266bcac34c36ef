/**
 * The safe parser of scenario and experiment files: keys that reach a prototype are
 * refused at every level with file, line and field; sizes, nesting and aliases are bounded;
 * merging builds null-prototype objects. Each refusal is an Issue, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_CHARS, mergeSafely, parseDocumentSafely } from '../../src/scenario/document.js';

const issuesOf = (text: string, file = 'in.yaml') => parseDocumentSafely(text, file).issues;

describe('parseDocumentSafely', () => {
  it('refuses __proto__, constructor and prototype keys at any level, with line and field', () => {
    const top = issuesOf('name: x\n__proto__: { seed: 99 }\n');
    expect(top).toHaveLength(1);
    expect(top[0]).toMatchObject({ file: 'in.yaml', line: 2, path: '__proto__', message: expect.stringContaining("'__proto__' is not allowed") });
    const deep = issuesOf('a:\n  b:\n    - { ok: 1 }\n    - constructor: { prototype: 1 }\n');
    expect(deep[0]).toMatchObject({ line: 4, path: 'a.b.1.constructor' });
    const json = issuesOf('{\n "a": {\n  "prototype": 1 } }', 'in.json');
    expect(json[0]).toMatchObject({ file: 'in.json', line: 3, path: 'a.prototype' });
    // A quoted key is the same key.
    expect(issuesOf('"__proto__": 1\n')[0]?.path).toBe('__proto__');
  });

  it('keeps Object.prototype clean, and accepts ordinary keys', () => {
    const r = parseDocumentSafely('name: x\nproto: 1\nconstructors: 2\n', 'ok.yaml');
    expect(r.issues).toEqual([]);
    expect(r.parsed?.data).toEqual({ name: 'x', proto: 1, constructors: 2 });
    expect(({} as Record<string, unknown>).seed).toBeUndefined();
  });

  it('refuses an alias bomb with a message, not an exception', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]'].join('\n');
    const [issue] = issuesOf(bomb);
    expect(issue?.message).toMatch(/too many alias expansions/);
    expect(issue?.allowed).toMatch(/at most 100/);
  });

  it('refuses deep nesting and oversized text quickly', () => {
    const t0 = performance.now();
    const deep = issuesOf(`a: ${'['.repeat(200)}1${']'.repeat(200)}\n`);
    expect(deep).toHaveLength(1);
    expect(deep[0]).toMatchObject({ line: 1, message: 'nested too deeply (more than 64 levels)' });
    expect(issuesOf(`a: ${'['.repeat(60)}1${']'.repeat(60)}\n`)).toEqual([]);
    const big = issuesOf('x'.repeat(MAX_DOCUMENT_CHARS + 1));
    expect(big[0]?.message).toMatch(/too large/);
    expect(big[0]?.allowed).toMatch(/10,000,000 characters/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('reports malformed YAML and JSON with their line', () => {
    expect(issuesOf('a: [\n')[0]).toMatchObject({ message: expect.stringMatching(/^malformed YAML/) });
    expect(issuesOf('{"a": 1,, }', 'x.json')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^malformed JSON/) });
  });
});

describe('mergeSafely', () => {
  it('merges objects key by key into null-prototype objects and replaces lists', () => {
    const out = mergeSafely({ a: { x: 1, y: 2 }, l: [1, 2] }, { a: { y: 3 }, l: [9] }) as Record<string, any>;
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.getPrototypeOf(out.a)).toBeNull();
    expect({ ...out, a: { ...out.a } }).toEqual({ a: { x: 1, y: 3 }, l: [9] });
  });

  it('never lets a __proto__ own property set a prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"seed": 99}, "constructor": {"prototype": {"polluted": true}}}');
    const out = mergeSafely({ name: 'x' }, hostile) as Record<string, unknown>;
    expect(out.seed).toBeUndefined();
    expect(Object.keys(out)).toEqual(['name']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
