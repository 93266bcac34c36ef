/**
 * The docs cite by key, and only what the repository holds: every `[Key]` citation in
 * README.md and docs/**\/*.md has an entry in docs/references.md, every link definition
 * `[Key]: ...references.md#anchor` points at an anchor that exists there, and no doc names a
 * path outside the repository (a build machine's /work/..., the seed folder, the design
 * notes MODEL.md).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

const docs = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
const refsText = readFileSync(join(root, 'docs', 'references.md'), 'utf8');

/** Keys of the entries: `**[Key]**` at the start of a list item. */
const keys = new Set([...refsText.matchAll(/^- (?:<a id="[^"]+"><\/a>)?\*\*\[([^\]]+)\]\*\*/gm)].map((m) => m[1]));
const anchors = new Set([...refsText.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
const SEED_KEYS = ['INDE-Network', 'Milan CoC', 'IKINET 2008', 'Alps4EU'];

/** A bracketed text that is a citation key: a seed key, or names ending in a year ("Boschma 2005", "Sobol' 1993"). */
const isKey = (s: string) => SEED_KEYS.includes(s) || /^[A-Z][^\]]*\D(1[6-9]|20)\d{2}[a-z]?$/.test(s);

/** Citations `[Key]` (not link texts `[text](url)`, not definitions `[Key]: url`) outside code spans. */
function citations(text: string): string[] {
  const noCode = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...noCode.matchAll(/\[([^\[\]\n]+)\](?![(:\[])/g)].map((m) => m[1]).filter(isKey);
}

describe('docs/references.md', () => {
  it('has at least 25 entries, each with its anchor, and the four seed documents', () => {
    expect(keys.size).toBeGreaterThanOrEqual(25);
    for (const k of SEED_KEYS) expect(keys.has(k), k).toBe(true);
    const entries = [...refsText.matchAll(/^- (<a id="[^"]+"><\/a>)?\*\*\[/gm)];
    for (const e of entries) expect(e[1], 'an entry without an anchor').toBeTruthy();
  });

  it('holds every key the docs cite', () => {
    const missing: string[] = [];
    for (const f of docs) for (const k of citations(readFileSync(f, 'utf8'))) if (!keys.has(k)) missing.push(`${relative(root, f)}: [${k}]`);
    expect(missing).toEqual([]);
  });

  it('holds the anchor of every link definition that points at it', () => {
    const broken: string[] = [];
    for (const f of docs) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^\[([^\]]+)\]:\s*(\S*)references\.md#(\S+)\s*$/gm)) {
        if (!anchors.has(m[3])) broken.push(`${relative(root, f)}: [${m[1]}] -> #${m[3]}`);
        if (isKey(m[1]) && !keys.has(m[1])) broken.push(`${relative(root, f)}: [${m[1]}] has no entry`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('the docs name no path outside the repository', () => {
  const outside = [/\/work\//, /\.\.\/shared/, /seeds\/0\d\d/, /\b00[0-4]_[0-9a-f]{16}\.txt/, /\bMODEL(\.md|'s| §)/];
  it('no /work/..., ../shared, seed file names or MODEL.md (or "MODEL §N") in README.md and docs/', () => {
    const found: string[] = [];
    for (const f of docs) {
      readFileSync(f, 'utf8').split('\n').forEach((line, n) => {
        for (const re of outside) if (re.test(line)) found.push(`${relative(root, f)}:${n + 1}: ${line.trim().slice(0, 100)}`);
      });
    }
    expect(found).toEqual([]);
  });
});
