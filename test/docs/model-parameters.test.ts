/**
 * The hand-written parameter tables of the model pages agree with the scenario schema.
 *
 * docs/parameters.md is generated from the schema (test/docs/parameters.test.ts), but each
 * mechanism page repeats its parameters in a table typed by hand, | `name` | default | ... |
 * (docs/model/*.md, the spillover section of docs/model.md, the lever sections of
 * docs/levers.md, the design table of docs/validation.md §3), and the knowledge-base factors
 * in a table with a column per base (docs/model/knowledge-bases.md). This test reads every such
 * table and checks, row by row, that
 *   - the parameter exists at the path the table's heading names (plus the row's name), and
 *   - the default the table gives equals the schema's default as docs/parameters.md shows it
 *     (src/cli/write-params.ts: parameterSections, leverParameterSections), numbers compared as
 *     numbers; a default written in parentheses, e.g. "(required)" or "(from the projects
 *     mechanism)", says the schema has none, and is checked to have none;
 * and, for a table that documents a whole group (a mechanism, a lever, the proximities, the
 * knowledge bases), that every parameter of the group has a row (the mechanism switch
 * `enabled` excepted: docs/parameters.md lists it). Prose that quotes a full path with its
 * default, "`parameters.network.maxDegree` (16)", is checked too. A table whose heading maps
 * to no schema path fails the test until BASES (below) names it, and so does a mechanism or
 * lever with no table at all.
 *
 * It fails when a table's default differs from the code's (checked by changing a value in a
 * table, e.g. `decay` 0.1 -> 0.2 in network.md, and running it): the code is the truth about
 * what the model does, so fix the page, not the test.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { leverParameterSections, parameterSections, type ParamRow } from '../../src/cli/write-params.js';

/** Pages with hand-written parameter tables (docs/odd.md has none today: read for prose and new tables). */
const PAGES = [
  ...readdirSync('docs/model').filter((f) => f.endsWith('.md')).sort().map((f) => `docs/model/${f}`),
  'docs/model.md',
  'docs/levers.md',
  'docs/validation.md',
  'docs/odd.md',
];

/**
 * The schema path of tables whose heading does not name it, by "page#heading", and whether
 * the table lists the whole group (`complete`). A heading that names `parameters.…` in
 * backticks maps to that path (complete); a heading of docs/levers.md that starts with a lever
 * id maps to that lever's params (complete).
 */
const BASES: Record<string, { base: string; complete: boolean }> = {
  'docs/model.md#Ecological spillovers (`spillover`)': { base: 'parameters.mechanisms.spillover', complete: true },
  // The frontier's own parameters live in capabilities and innovation: a selection.
  'docs/model/frontier.md#Parameters': { base: 'parameters.mechanisms', complete: false },
  // Rows give full paths (`regions[].institutionFunding`).
  'docs/model/institutions.md#Parameter': { base: '', complete: false },
  // The six parameters the robustness design varies.
  'docs/validation.md#3. Robustness of the policy conclusions': { base: 'parameters.mechanisms', complete: false },
};

/**
 * Rows that cannot be compared mechanically, by "page#name", with the reason. Keep it short:
 * none at present.
 */
const ALLOWED: Record<string, string> = {};

/** Every schema parameter by path, with its default as docs/parameters.md shows it. */
const SCHEMA = new Map<string, ParamRow>();
for (const s of parameterSections()) for (const r of s.rows) SCHEMA.set(r.path, r);
for (const s of leverParameterSections()) for (const r of s.rows) SCHEMA.set(r.path, r);
const LEVER_IDS = leverParameterSections().map((s) => s.lever);

interface DocRow { page: string; line: number; heading: string; name: string; path: string; written: string }
interface DocTable { page: string; heading: string; base: string; complete: boolean; rows: DocRow[] }

const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/** "frontierDrift.low / .medium / .high" -> three full names. */
function expandNames(list: string[]): string[] {
  const first = list[0];
  const stem = first.includes('.') ? first.slice(0, first.lastIndexOf('.')) : first;
  return list.map((n) => (n.startsWith('.') ? stem + n : n));
}

function baseOf(page: string, heading: string): { base: string; complete: boolean } | undefined {
  const known = BASES[`${page}#${heading}`];
  if (known) return known;
  const named = heading.match(/`(parameters\.[A-Za-z.]+)`/);
  if (named) return { base: named[1], complete: true };
  const lever = heading.match(/^(\w+)/)?.[1];
  if (page === 'docs/levers.md' && lever && LEVER_IDS.includes(lever)) return { base: `policies[${lever}].params`, complete: true };
  return undefined;
}

const join = (base: string, name: string) => (name.startsWith('parameters.') || name.includes('[]') || base === '' ? name : `${base}.${name}`);

/** Every parameter table of a page, and the headings of those it cannot map. */
function tablesOf(page: string): { tables: DocTable[]; unmapped: string[] } {
  const lines = readFileSync(page, 'utf8').split('\n');
  const tables: DocTable[] = [];
  const unmapped: string[] = [];
  let heading = '';
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) fence = !fence;
    if (fence) continue;
    const h = line.match(/^#{2,4} (.*)$/);
    if (h) { heading = h[1].trim(); continue; }
    if (!line.startsWith('|') || !/^\|[-| :]+\|$/.test(lines[i + 1] ?? '')) continue;
    const head = cells(line);
    const byBase = ['analytical', 'synthetic', 'symbolic'].map((b) => head.indexOf(b));
    const isParam = /^(parameter|field)$/.test(head[0]) && head[1] === 'default';
    const isKb = head[0] === 'factor' && byBase.every((c) => c > 0);
    if (!isParam && !isKb) continue;
    const where = isKb ? { base: 'parameters.knowledgeBases', complete: true } : baseOf(page, heading);
    const rows: DocRow[] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j].startsWith('|'); j++) {
      const c = cells(lines[j]);
      const list = expandNames(names(c[0]));
      if (list.length === 0) continue;
      if (isKb) {
        ['analytical', 'synthetic', 'symbolic'].forEach((b, k) =>
          rows.push({ page, line: j + 1, heading, name: list[0], path: `parameters.knowledgeBases.${b}.${list[0]}`, written: c[byBase[k]] }));
        continue;
      }
      const values = list.length > 1 ? c[1].split(' / ') : [c[1]];
      list.forEach((n, k) =>
        rows.push({ page, line: j + 1, heading, name: n, path: join(where?.base ?? '?', n), written: values[k] ?? `(${list.length} names, ${values.length} values)` }));
    }
    i = j - 1;
    if (!where) { unmapped.push(`${page}#${heading}`); continue; }
    tables.push({ page, heading, base: where.base, complete: where.complete, rows });
  }
  return { tables, unmapped };
}

/** Prose that quotes a full path with its default: "`parameters.network.maxDegree` (16)", read by paragraph. */
function proseOf(page: string): DocRow[] {
  const out: DocRow[] = [];
  const lines = readFileSync(page, 'utf8').split('\n');
  let para: string[] = [];
  let start = 0;
  let fence = false;
  const flush = () => {
    const text = para.join(' ');
    for (const m of text.matchAll(/`((?:parameters|regions\[\]|sectors\[\]|populations\[\])\.[A-Za-z.]+)`\s+\((?:default )?(-?[\d.]+|\[[^\]]*\]|true|false)[),;:]/g))
      out.push({ page, line: start + 1, heading: '', name: m[1], path: m[1], written: m[2] });
    para = [];
  };
  lines.forEach((line, i) => {
    if (line.startsWith('```')) fence = !fence;
    if (fence || line.trim() === '' || line.startsWith('|') || line.startsWith('#')) return flush();
    if (para.length === 0) start = i;
    para.push(line.trim());
  });
  flush();
  return out;
}

/** The written default, normalised: '' for "(…)" (no default), numbers as numbers. */
function same(written: string, schema: string): boolean {
  const w = written.replace(/`/g, '').trim();
  if (/^\(.*\)$/.test(w)) return schema === '';
  if (w === schema) return true;
  const num = (s: string) => (/^-?[\d.]+(e-?\d+)?$/.test(s) ? Number(s) : NaN);
  if (!Number.isNaN(num(w)) && num(w) === num(schema)) return true;
  const list = (s: string) => s.match(/^\[(.*)\]$/)?.[1].split(',').map((x) => x.trim());
  const a = list(w), b = list(schema);
  return !!a && !!b && a.length === b.length && a.every((x, k) => x === b[k] || (!Number.isNaN(num(x)) && num(x) === num(b[k])));
}

const found = PAGES.map(tablesOf);
const TABLES = found.flatMap((f) => f.tables);
const ROWS = [...TABLES.flatMap((t) => t.rows), ...PAGES.flatMap(proseOf)];

describe('hand-written parameter tables (docs/model/*.md, docs/model.md, docs/levers.md, docs/validation.md)', () => {
  it('finds the tables (every mechanism, every lever, the proximities and the knowledge bases)', () => {
    expect(found.flatMap((f) => f.unmapped), 'parameter tables whose heading maps to no schema path: add them to BASES').toEqual([]);
    const bases = new Set(TABLES.map((t) => t.base));
    const groups = new Set([...SCHEMA.keys()].filter((p) => p.startsWith('parameters.mechanisms.')).map((p) => p.split('.').slice(0, 3).join('.')));
    for (const id of LEVER_IDS) groups.add(`policies[${id}].params`);
    groups.add('parameters.proximity');
    groups.add('parameters.knowledgeBases');
    expect([...groups].filter((g) => !bases.has(g)), 'groups with no hand-written table').toEqual([]);
    expect(ROWS.length).toBeGreaterThan(200);
  });

  it('names parameters that exist in the schema', () => {
    const missing = ROWS.filter((r) => !SCHEMA.has(r.path) && !ALLOWED[`${r.page}#${r.name}`]);
    expect(missing.map((r) => `${r.page}:${r.line} \`${r.name}\` -> ${r.path}`)).toEqual([]);
  });

  it('gives the schema\'s defaults', () => {
    const wrong = ROWS.filter((r) => SCHEMA.has(r.path) && !ALLOWED[`${r.page}#${r.name}`] && !same(r.written, SCHEMA.get(r.path)!.default));
    expect(wrong.map((r) => `${r.page}:${r.line} \`${r.name}\`: doc ${r.written}, schema ${SCHEMA.get(r.path)!.default || '(none)'}`)).toEqual([]);
  });

  it('lists every parameter of a group it documents', () => {
    const absent: string[] = [];
    for (const t of TABLES.filter((x) => x.complete)) {
      const listed = new Set(t.rows.map((r) => r.path));
      for (const p of SCHEMA.keys())
        if (p.startsWith(`${t.base}.`) && !p.endsWith('.enabled') && !listed.has(p)) absent.push(`${t.page}#${t.heading}: ${p}`);
    }
    expect(absent).toEqual([]);
  });

  it('compares defaults as docs/parameters.md shows them', () => {
    expect(same('`anyLine`', 'anyLine')).toBe(true);
    expect(same('[1, 5]', '[1, 5]')).toBe(true);
    expect(same('0.004', '0.004')).toBe(true);
    expect(same('.5', '0.5')).toBe(true);
    expect(same('(required)', '')).toBe(true);
    expect(same('(required)', '2')).toBe(false);
    expect(same('0.2', '0.1')).toBe(false);
    expect(same('[1, 4]', '[1, 5]')).toBe(false);
    expect(expandNames(['rdIntensity.low', '.medium', '.high'])).toEqual(['rdIntensity.low', 'rdIntensity.medium', 'rdIntensity.high']);
  });
});
