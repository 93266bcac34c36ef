/**
 * Experiment text (YAML or JSON) to a validated `Experiment`, or a `UserError` that lists
 * every problem with file, line, field, what was found and what is allowed. Parsed with
 * the safe parser of scenario/document.ts (no prototype keys, bounded size and aliases).
 * Pure: the caller reads the file.
 */
import { isNode, type Document, type LineCounter } from 'yaml';
import { parseDocumentSafely } from '../scenario/document.js';
import type { z } from 'zod';
import { invalidFile, type Issue } from '../messages.js';
import {
  DESIGN_TYPES,
  DesignSchema,
  ExperimentSchema,
  KeepSchema,
  VarySchema,
  type Experiment,
} from './schema.js';

type PathKey = string | number;

/** Parse and validate experiment text. `file` names the source in messages. */
export function parseExperiment(text: string, file: string): Experiment {
  const safe = parseDocumentSafely(text, file);
  if (!safe.parsed) throw invalidFile(file, safe.issues);
  const { doc, lines, data } = safe.parsed;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw invalidFile(file, [
      { file, line: 1, path: '', message: 'an experiment is a mapping of fields', found: describe(data), allowed: 'scenario, replicates, vary, design, keep, ...' },
    ]);
  }
  // A scenario handed to a command that takes an experiment: say so, instead of listing
  // every scenario field as unknown.
  if (!Object.hasOwn(data, 'scenario') && ['populations', 'regions', 'extends'].some((k) => Object.hasOwn(data, k))) {
    throw invalidFile(file, [{
      file,
      path: '',
      message: 'this is a scenario file (it has no `scenario:` naming a base scenario), not an experiment',
      allowed: `an experiment file here, whose \`scenario:\` names the base scenario (docs/experiments.md); run a scenario with \`clustersim run ${file}\``,
    }]);
  }
  const result = ExperimentSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => toIssue(issue, data, doc, lines, file));
  throw invalidFile(file, issues);
}

function toIssue(issue: z.core.$ZodIssue, data: unknown, doc: Document, lines: LineCounter, file: string): Issue {
  const path = issue.path.filter((p): p is PathKey => typeof p !== 'symbol');
  const found = valueAt(data, path);
  const where = locate(doc, lines, path);
  const base: Issue = { file, ...where, path: path.join('.'), message: issue.message };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = allowedKeys(path, data);
      return {
        ...base,
        ...locate(doc, lines, [...path, issue.keys[0]!], true),
        message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`,
        found: issue.keys.join(', '),
        allowed: keys.length > 0 ? keys.join(', ') : undefined,
      };
    }
    case 'invalid_union': {
      if (path[path.length - 1] === 'type' && path[path.length - 2] === 'design') {
        return { ...base, message: 'unknown design type', found: describe(found), allowed: DESIGN_TYPES.join(', ') };
      }
      return { ...base, message: 'not one of the allowed forms', found: describe(found), allowed: unionAllowed(path) };
    }
    case 'invalid_type':
      if (found === undefined) return { ...base, message: 'this field is required', allowed: `a ${issue.expected}` };
      return { ...base, message: `expected a ${issue.expected}`, found: describe(found), allowed: `a ${issue.expected}` };
    case 'too_small': {
      if (Array.isArray(found) && found.length === 0) {
        return { ...base, message: 'the list is empty', found: '[]', allowed: emptyListHint(path) };
      }
      const op = issue.inclusive ? '>=' : '>';
      return { ...base, message: `too small`, found: describe(found), allowed: `${issue.origin === 'array' ? 'a list with at least' : 'a number'} ${op} ${issue.minimum}` };
    }
    case 'too_big': {
      const op = issue.inclusive ? '<=' : '<';
      return { ...base, message: 'too big', found: describe(found), allowed: `a number ${op} ${issue.maximum}` };
    }
    case 'invalid_value':
      return { ...base, message: 'not an allowed value', found: describe(found), allowed: issue.values.map((v) => JSON.stringify(v)).join(', ') };
    case 'invalid_format':
      return { ...base, message: issue.message, found: describe(found) };
    case 'custom': {
      const allowed = (issue.params as { allowed?: string } | undefined)?.allowed;
      return { ...base, found: describe(found), allowed };
    }
    default:
      return { ...base, found: found === undefined ? undefined : describe(found) };
  }
}

function emptyListHint(path: PathKey[]): string {
  const last = path[path.length - 1];
  if (last === 'vary') return 'at least one field to vary (or leave out vary to run replicates of the base scenario)';
  if (last === 'values') return 'at least one value';
  if (last === 'points') return 'at least one point';
  return 'at least one entry';
}

function unionAllowed(path: PathKey[]): string | undefined {
  if (path.join('.') === 'keep.steps') return "'final', 'all', {every: k} or a list of step numbers";
  if (path[0] === 'vary' || path[0] === 'design') return 'a number, a string or true/false';
  return undefined;
}

/** Field names allowed at an object path of the experiment (for unknown-field messages). */
export function allowedKeys(path: PathKey[], data: unknown): string[] {
  const joined = path.map((p) => (typeof p === 'number' ? '#' : p)).join('.');
  switch (joined) {
    case '':
      return Object.keys(ExperimentSchema.shape);
    case 'vary.#':
      return Object.keys(VarySchema.shape);
    case 'keep':
      return Object.keys(KeepSchema.shape);
    case 'keep.steps':
      return ['every'];
    case 'design': {
      const type = (valueAt(data, ['design', 'type']) as string | undefined) ?? 'grid';
      const option = DesignSchema.options.find((o) => o.shape.type.value === type);
      return option ? Object.keys(option.shape) : ['type'];
    }
    default:
      return [];
  }
}

function valueAt(data: unknown, path: PathKey[]): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PathKey, unknown>)[key];
  }
  return cur;
}

/** Line and column of the node at `path` (or of its nearest existing parent). */
function locate(doc: Document, lines: LineCounter, path: PathKey[], keyNode = false): { line?: number; column?: number } {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const node = keyNode && n === path.length ? findKeyNode(doc, sub) : sub.length === 0 ? doc.contents : doc.getIn(sub, true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

function findKeyNode(doc: Document, path: PathKey[]): unknown {
  const parent = path.length <= 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const key = path[path.length - 1];
  const items = (parent as { items?: { key: unknown }[] } | null)?.items;
  const pair = items?.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === key);
  return pair?.key;
}

/** A short description of a found value for messages. */
export function describe(value: unknown): string {
  if (value === undefined) return '(nothing)';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
