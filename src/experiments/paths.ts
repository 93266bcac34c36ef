/**
 * Dotted paths into a scenario object: `parameters.mechanisms.spillover.rate`,
 * `policies.0.intensity`. Numeric segments index arrays. Segments that reach a prototype
 * (`__proto__`, `constructor`, `prototype`) are refused by every function here, and only
 * an object's own fields are followed, so no path can read or write Object.prototype.
 */
import { FORBIDDEN_KEYS, isForbiddenKey } from '../scenario/document.js';

export type Segment = string | number;

export function splitPath(path: string): Segment[] {
  return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The first segment of `path` that would reach a prototype, if any. */
export function forbiddenSegment(path: string): string | undefined {
  return path.split('.').find(isForbiddenKey);
}

/** The message for a path with a forbidden segment. */
export function forbiddenPathMessage(path: string): string {
  return `'${forbiddenSegment(path)}' is not allowed in a path (it would reach the prototype of JavaScript objects; not allowed: ${FORBIDDEN_KEYS.join(', ')})`;
}

const own = (obj: object, seg: Segment): boolean => Object.hasOwn(obj, seg);

/** The value at `path`, or undefined when any segment is missing. */
export function getPath(obj: unknown, path: string): unknown {
  if (forbiddenSegment(path) !== undefined) return undefined;
  let cur: unknown = obj;
  for (const seg of splitPath(path)) {
    if (cur === null || typeof cur !== 'object' || !own(cur, seg)) return undefined;
    if (Array.isArray(cur) && typeof seg !== 'number') return undefined;
    cur = (cur as Record<Segment, unknown>)[seg];
  }
  return cur;
}

export type Resolution =
  | { ok: true }
  | { ok: false; at: string; reason: string; allowed: string };

/**
 * Checks that `path` names a field of `obj`: every segment but the last must exist; the
 * last may be absent from an object (an optional field the scenario left out: the
 * scenario validator then decides whether it exists).
 */
export function resolvePath(obj: unknown, path: string): Resolution {
  const bad = forbiddenSegment(path);
  if (bad !== undefined) return { ok: false, at: path, reason: forbiddenPathMessage(path), allowed: 'the field names of the scenario' };
  const segs = splitPath(path);
  let cur: unknown = obj;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const at = segs.slice(0, i + 1).join('.');
    const last = i === segs.length - 1;
    if (Array.isArray(cur)) {
      if (typeof seg !== 'number') {
        return { ok: false, at, reason: `'${segs.slice(0, i).join('.')}' is a list: index it by number`, allowed: `0..${cur.length - 1}` };
      }
      if (seg >= cur.length) {
        return { ok: false, at, reason: `'${segs.slice(0, i).join('.')}' has ${cur.length} entries`, allowed: cur.length === 0 ? 'none (the list is empty)' : `0..${cur.length - 1}` };
      }
    } else if (cur !== null && typeof cur === 'object') {
      if (!own(cur, seg) && !last) {
        return { ok: false, at, reason: `no field '${seg}'`, allowed: keysOf(cur) };
      }
    } else {
      return { ok: false, at, reason: `'${segs.slice(0, i).join('.')}' is a ${typeof cur}, not an object`, allowed: 'a path that ends there' };
    }
    cur = (cur as Record<Segment, unknown>)[seg];
  }
  return { ok: true };
}

function keysOf(obj: unknown): string {
  const keys = Object.keys(obj as object);
  return keys.length > 0 ? keys.join(', ') : '(no fields)';
}

/** A deep copy of `obj` with `path` set to `value` (the input is not changed). */
export function withPath<T>(obj: T, path: string, value: unknown): T {
  const copy = structuredClone(obj);
  setPathInPlace(copy, path, value);
  return copy;
}

/** Sets `path` to `value` in `obj`, creating the last segment if absent. */
export function setPathInPlace(obj: unknown, path: string, value: unknown): void {
  if (forbiddenSegment(path) !== undefined) throw new Error(`path ${path}: ${forbiddenPathMessage(path)}`);
  const segs = splitPath(path);
  let cur = obj as Record<Segment, unknown>;
  for (let i = 0; i < segs.length - 1; i++) {
    const next = own(cur, segs[i]!) ? cur[segs[i]!] : undefined;
    if (next === null || typeof next !== 'object') throw new Error(`path ${path}: '${segs.slice(0, i + 1).join('.')}' is not an object`);
    cur = next as Record<Segment, unknown>;
  }
  cur[segs[segs.length - 1]!] = value;
}
