/**
 * YAML or JSON text to plain data, safely: the one parser of scenario and experiment files.
 *
 * - JSON is parsed as YAML 1.2 too, so every problem has a line and column.
 * - Keys that reach an object's prototype (`__proto__`, `constructor`, `prototype`) are
 *   refused at every level, before any object is built from them: merged or copied with
 *   plain assignment, `__proto__` would set the prototype and let fields slip past
 *   validation (issue 19).
 * - Sizes are bounded: the text, the nesting depth and YAML aliases (an "alias bomb"
 *   expands a few lines into gigabytes). Every refusal is an `Issue`, never an exception.
 *
 * Browser-safe (no Node modules): the engine's explorer parses files with it too.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { Issue } from '../messages.js';

/** Object keys no input may use: they reach or replace an object's prototype. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export function isForbiddenKey(key: unknown): boolean {
  return typeof key === 'string' && FORBIDDEN_KEYS.includes(key);
}

/** Largest input file: scenarios and experiments are a few KB; 10 MB leaves room for long point lists. */
export const MAX_DOCUMENT_CHARS = 10_000_000;
/** Deepest nesting of mappings and lists (the scenario format needs about 8). */
export const MAX_DOCUMENT_DEPTH = 64;
/** Most alias expansions (`*name`) in one file: the yaml library's default, named here so messages can say it. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedDocument {
  doc: Document;
  lines: LineCounter;
  /** The data, with no forbidden key anywhere in it. */
  data: unknown;
}

/**
 * Parse `text` (from `file`, named in messages; a `.json` name is reported as JSON).
 * Returns the document, or the issues that prevent it.
 */
export function parseDocumentSafely(text: string, file: string): { parsed?: ParsedDocument; issues: Issue[] } {
  const format = /\.json$/i.test(file) ? 'JSON' : 'YAML';
  if (text.length > MAX_DOCUMENT_CHARS) {
    return {
      issues: [
        {
          file,
          path: '',
          message: `the file is too large to be a ${format} input of clustersim (${text.length.toLocaleString('en')} characters)`,
          found: `${(text.length / 1e6).toFixed(1)} MB`,
          allowed: `at most ${MAX_DOCUMENT_CHARS.toLocaleString('en')} characters`,
        },
      ],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return { file, line: pos?.line, column: pos?.col, path: '', message: `malformed ${format}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` };
      }),
    };
  }
  const issues = unsafeKeys(doc, lines, file);
  if (issues.length) return { issues };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // The yaml library throws a ReferenceError for too many alias expansions.
    return {
      issues: [
        {
          file,
          path: '',
          message: `too many alias expansions (*name): ${(e as Error).message}`,
          allowed: `at most ${MAX_ALIAS_COUNT} expansions of aliases in one file; write the values out, or use extends:`,
        },
      ],
    };
  }
  return { parsed: { doc, lines, data }, issues: [] };
}

/** Forbidden keys and too-deep nesting, found on the syntax tree (so with lines). */
function unsafeKeys(doc: Document, lines: LineCounter, file: string): Issue[] {
  const out: Issue[] = [];
  const at = (node: unknown): { line?: number; column?: number } => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return {};
    const pos = lines.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
  // An explicit stack, not recursion: the depth check must not itself overflow the stack.
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0 && out.length < 20) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_DOCUMENT_DEPTH) {
      out.push({ file, ...at(node), path: path.join('.'), message: `nested too deeply (more than ${MAX_DOCUMENT_DEPTH} levels)`, allowed: `at most ${MAX_DOCUMENT_DEPTH} levels of mappings and lists` });
      continue;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        const name = typeof key === 'string' || typeof key === 'number' ? key : String(key);
        if (isForbiddenKey(typeof name === 'string' ? name.trim() : name)) {
          out.push({
            file,
            ...at(pair.key),
            path: [...path, name].join('.'),
            message: `the key '${String(name).trim()}' is not allowed (it would reach the prototype of JavaScript objects)`,
            found: String(name),
            allowed: `any field name of the format except ${FORBIDDEN_KEYS.join(', ')}`,
          });
          continue;
        }
        stack.push({ node: pair.value, path: [...path, name] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    }
    // Scalars need no check; an alias points at a node checked where it is defined.
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * `base` with `over` merged into it, key by key for objects (lists and values replaced).
 * The objects built are null-prototype, and forbidden keys are skipped, so no key of the
 * input can reach Object.prototype.
 */
export function mergeSafely(base: unknown, over: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(base)) if (!isForbiddenKey(k)) out[k] = base[k];
    for (const k of Object.keys(over)) {
      if (isForbiddenKey(k)) continue;
      out[k] = Object.hasOwn(out, k) ? mergeSafely(out[k], over[k]) : over[k];
    }
    return out;
  }
  return over;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
