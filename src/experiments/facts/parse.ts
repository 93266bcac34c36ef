/**
 * Stylised-facts text (YAML or JSON) to a validated `FactsFile`, or a `UserError` listing
 * every problem with file, line, field, what was found and what is allowed. Parsed with the
 * safe parser of scenario/document.ts. Pure: the caller reads the file.
 */
import { isNode, type Document, type LineCounter } from 'yaml';
import type { z } from 'zod';
import { parseDocumentSafely } from '../../scenario/document.js';
import { invalidFile, type Issue } from '../../messages.js';
import { describe } from '../parse.js';
import { FactsFileSchema, FactSchema, MeasureSchema, STATISTICS, type FactsFile } from './spec.js';

type Key = string | number;

export function parseFactsFile(text: string, file: string): FactsFile {
  const safe = parseDocumentSafely(text, file);
  if (!safe.parsed) throw invalidFile(file, safe.issues);
  const { doc, lines, data } = safe.parsed;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw invalidFile(file, [{ file, line: 1, path: '', message: 'a stylised-facts file is a mapping of fields', found: describe(data), allowed: TOP_KEYS.join(', ') }]);
  }
  const result = FactsFileSchema.safeParse(data);
  if (result.success) return result.data;
  throw invalidFile(file, result.error.issues.map((i) => toIssue(i, data, doc, lines, file)));
}

const TOP_KEYS = ['name', 'description', 'scenarios', 'seeds', 'steps', 'warmup', 'measure', 'facts'];

function allowedKeys(path: Key[]): string[] {
  if (path.length === 0) return TOP_KEYS;
  if (path.length === 1 && path[0] === 'measure') return Object.keys(MeasureSchema.shape);
  if (path.length === 2 && path[0] === 'facts') return Object.keys(FactSchema.shape);
  return [];
}

function toIssue(issue: z.core.$ZodIssue, data: unknown, doc: Document, lines: LineCounter, file: string): Issue {
  const path = issue.path.filter((p): p is Key => typeof p !== 'symbol');
  const found = valueAt(data, path);
  const base: Issue = { file, ...locate(doc, lines, path), path: path.join('.'), message: issue.message };
  switch (issue.code) {
    case 'unrecognized_keys':
      return { ...base, ...locate(doc, lines, [...path, issue.keys[0]!]), message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`, found: issue.keys.join(', '), allowed: allowedKeys(path).join(', ') };
    case 'invalid_type':
      if (found === undefined) return { ...base, message: 'this field is required', allowed: `a ${issue.expected}` };
      return { ...base, message: `expected a ${issue.expected}`, found: describe(found), allowed: `a ${issue.expected}` };
    case 'too_small':
      return { ...base, message: 'too small', found: describe(found), allowed: `${issue.origin === 'array' ? 'a list with at least' : 'a number'} ${issue.inclusive ? '>=' : '>'} ${issue.minimum}` };
    case 'too_big':
      return { ...base, message: 'too big', found: describe(found), allowed: `${issue.origin === 'array' ? 'a list with at most' : 'a number'} ${issue.inclusive ? '<=' : '<'} ${issue.maximum}` };
    case 'invalid_value':
      return { ...base, message: 'not an allowed value', found: describe(found), allowed: path[path.length - 1] === 'statistic' ? STATISTICS.join(', ') : issue.values.map((v) => JSON.stringify(v)).join(', ') };
    case 'custom':
      return { ...base, found: describe(found), allowed: (issue.params as { allowed?: string } | undefined)?.allowed };
    default:
      return { ...base, found: found === undefined ? undefined : describe(found) };
  }
}

function valueAt(data: unknown, path: Key[]): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<Key, unknown>)[key];
  }
  return cur;
}

/** Line and column of the node at `path`, or of its nearest existing parent. */
function locate(doc: Document, lines: LineCounter, path: Key[]): { line?: number; column?: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}
