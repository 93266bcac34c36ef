/**
 * Reading scenario files (Node side): YAML or JSON (parsed safely as YAML 1.2, so JSON also
 * gets line numbers and no key reaches a prototype: scenario/document.ts), `extends:`
 * resolved relative to the file naming it (objects merged key by key into null-prototype
 * objects, arrays and scalars replaced; a mapping where the base has a list patches the
 * entries it names by `id`, `name` or `lever`), then validated. Problems carry the file and
 * line of the most derived file that sets the offending field; a list given in full that
 * drops entries of the base is a warning.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isNode, type Document, type LineCounter } from 'yaml';
import { isForbiddenKey, parseDocumentSafely } from '../scenario/document.js';
import { readInputText } from './read.js';
import { validateScenario, type Locate } from '../scenario/validate.js';
import type { Scenario } from '../scenario/schema.js';
import type { LimitOptions } from '../scenario/limits.js';
import { UserError, invalidFile, msg, type Issue } from '../messages.js';
import { applyOverrides, type Override } from '../experiments/overrides.js';

interface Loaded {
  file: string;
  doc: Document;
  lines: LineCounter;
  data: unknown;
}

async function parseFile(file: string): Promise<{ loaded?: Loaded; issues: Issue[] }> {
  if (!/\.(ya?ml|json)$/i.test(file)) throw new UserError(msg.unsupportedFormat(file));
  const { parsed, issues } = parseDocumentSafely(readInputText(file), file);
  if (!parsed) return { issues };
  const { doc, lines, data } = parsed;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { issues: [{ file, line: 1, path: '', message: 'a scenario file must hold a mapping of fields (name, domains, regions, ...)' }] };
  }
  return { loaded: { file, doc, lines, data }, issues: [] };
}

/** What merging one file over the files it extends found: list replacements, patch problems, patched lists. */
interface MergeContext {
  file: string;
  doc: Document;
  lines: LineCounter;
  /** The files merged so far (for messages). */
  baseFiles: string[];
  warnings: Issue[];
  issues: Issue[];
  /** Per list path (dotted) of this file: list index -> the mapping key that patched it. */
  patched: Map<string, Map<number, string>>;
}

type Key = string | number;

function where(ctx: MergeContext, p: Key[]): { line?: number; column?: number } {
  const node = ctx.doc.getIn(p, true);
  if (isNode(node) && node.range) {
    const pos = ctx.lines.linePos(node.range[0]);
    return { line: pos.line, column: pos.col };
  }
  return {};
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The entry of `list` a patch key names: by `id`, by `name`, else by `lever` when only one entry has it. */
function entryFor(list: unknown[], key: string): number | string {
  const by = (field: string) => list.map((e, i) => (isObject(e) && e[field] === key ? i : -1)).filter((i) => i >= 0);
  for (const field of ['id', 'name']) {
    const hits = by(field);
    if (hits.length === 1) return hits[0]!;
  }
  const levers = by('lever');
  if (levers.length === 1) return levers[0]!;
  if (levers.length > 1) return `${levers.length} entries use lever '${key}': give them a name and patch by name`;
  return 'no entry has this name, id or lever';
}

function entryKeys(list: unknown[]): string {
  const keys = list.map((e) => (isObject(e) ? (e.id ?? e.name ?? e.lever) : undefined)).filter((k): k is string => typeof k === 'string');
  return keys.length > 0 ? keys.join(', ') : '(the entries have no name, id or lever)';
}

/**
 * Merges `over` (from the file in ctx) onto `base`: objects key by key, lists and values
 * replaced, except that a mapping given where the base has a list of entries patches the
 * entries it names (`policies: { ictTraining: { budget: 20 } }`).
 */
function merge(base: unknown, over: unknown, p: Key[], ctx: MergeContext): unknown {
  if (isObject(base) && isObject(over)) {
    // Null-prototype objects without forbidden keys, as scenario/document.ts mergeSafely.
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(base)) if (!isForbiddenKey(k)) out[k] = base[k];
    for (const k of Object.keys(over)) {
      if (isForbiddenKey(k)) continue;
      out[k] = Object.hasOwn(out, k) ? merge(out[k], over[k], [...p, k], ctx) : over[k];
    }
    return out;
  }
  if (Array.isArray(base) && isObject(over) && base.length > 0 && base.every(isObject)) {
    const out: unknown[] = [...base];
    const keys = new Map<number, string>();
    for (const [k, v] of Object.entries(over)) {
      if (isForbiddenKey(k)) continue;
      const i = entryFor(base, k);
      if (typeof i === 'string') {
        ctx.issues.push({ file: ctx.file, ...where(ctx, [...p, k]), path: [...p, k].join('.'), message: `cannot patch '${k}' of the list ${p.join('.')} from ${ctx.baseFiles.join(', ')}: ${i}`, found: k, allowed: entryKeys(base) });
        continue;
      }
      if (!isObject(v)) {
        ctx.issues.push({ file: ctx.file, ...where(ctx, [...p, k]), path: [...p, k].join('.'), message: `a patch of '${k}' must be a mapping of the fields to change`, found: JSON.stringify(v), allowed: `e.g. ${k}: { budget: 20 }` });
        continue;
      }
      out[i] = merge(out[i], v, [...p, k], ctx);
      keys.set(i, k);
    }
    ctx.patched.set(p.join('.'), keys);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(over) && base.length > 0) {
    // Warn when entries of the base disappear: matched by name, id or lever, else by value.
    const keyOf = (e: unknown) => (isObject(e) ? (e.id ?? e.name ?? e.lever) : undefined);
    const overKeys = new Set(over.map(keyOf).filter((k) => typeof k === 'string'));
    const overValues = new Set(over.map((e) => JSON.stringify(e)));
    const lost = base.filter((e) => {
      const k = keyOf(e);
      return typeof k === 'string' ? !overKeys.has(k) : !overValues.has(JSON.stringify(e));
    });
    if (lost.length > 0) {
      const names = lost.map(keyOf).filter((k): k is string => typeof k === 'string');
      ctx.warnings.push({
        file: ctx.file,
        ...where(ctx, p),
        path: p.join('.'),
        message:
          `replaces the whole list from ${ctx.baseFiles.join(', ')} (extends replaces lists): ${lost.length} of its ${base.length} entries ${names.length > 0 ? `(${names.join(', ')}) ` : ''}are dropped` +
          (names.length > 0 ? `; to change one entry and keep the others, give a mapping keyed by its name, id or lever, e.g. ${p.join('.')}: { ${String(keyOf(over[0]) ?? names[0])}: { ... } }` : ''),
        found: `${over.length} entr${over.length === 1 ? 'y' : 'ies'}`,
      });
    }
  }
  return over;
}

/** Load the chain of files (most derived first), following `extends:`. */
async function loadChain(file: string): Promise<{ chain: Loaded[]; issues: Issue[] }> {
  const chain: Loaded[] = [];
  const seen: string[] = [];
  let current = path.resolve(file);
  let shown = file;
  for (;;) {
    if (seen.includes(current)) throw new UserError(msg.extendsCycle([...seen, current].map((f) => path.relative(process.cwd(), f))));
    seen.push(current);
    const { loaded, issues } = await parseFile(shown);
    if (!loaded) return { chain, issues };
    chain.push(loaded);
    const ext = (loaded.data as { extends?: unknown }).extends;
    if (ext === undefined) return { chain, issues: [] };
    if (typeof ext !== 'string') return { chain, issues: [{ file: shown, path: 'extends', message: 'extends must be a file path (string)', found: JSON.stringify(ext) }] };
    const next = path.resolve(path.dirname(current), ext);
    if (!existsSync(next)) throw new UserError(msg.extendsNotFound(shown, ext));
    if (statSync(next).isDirectory()) throw new UserError(msg.extendsNotAFile(shown, ext));
    current = next;
    shown = path.relative(process.cwd(), next) || next;
  }
}

/** A validation path in terms of one file: list indices that file patched by key become the key. */
function inFile(p: Key[], patched: Map<string, Map<number, string>> | undefined): Key[] {
  if (!patched || patched.size === 0) return p;
  const out: Key[] = [];
  for (const seg of p) {
    const key = typeof seg === 'number' ? patched.get(out.join('.'))?.get(seg) : undefined;
    out.push(key ?? seg);
  }
  return out;
}

function locator(chain: Loaded[], patched: Map<string, Map<string, Map<number, string>>>): Locate {
  return (p) => {
    for (const l of chain) {
      const q = inFile(p, patched.get(l.file));
      // Walk down as far as this file has the path; report the deepest node it sets.
      for (let depth = q.length; depth >= 1; depth--) {
        const node = l.doc.getIn(q.slice(0, depth), true);
        if (isNode(node) && node.range) {
          const pos = l.lines.linePos(node.range[0]);
          return { file: l.file, line: pos.line, column: pos.col };
        }
      }
    }
    return { file: chain[0]?.file ?? '' };
  };
}

/** Whether a lever setting of the unvalidated data is a string (an expression to check). */
function mayHaveExpressions(data: unknown): boolean {
  const policies = (data as { policies?: unknown }).policies;
  return Array.isArray(policies) && policies.some((p) => p !== null && typeof p === 'object' && (typeof p.budget === 'string' || typeof p.intensity === 'string'));
}

/**
 * Read, merge and validate a scenario; the resolved object is returned unvalidated on
 * request. `warnings` name lists that an `extends` replaced whole (the scenario is valid).
 * `limits` sets --max-agents (src/scenario/limits.ts).
 */
export async function loadScenarioWithIssues(file: string, limits: LimitOptions = {}): Promise<{ scenario?: Scenario; issues: Issue[]; warnings: Issue[]; raw?: unknown }> {
  const { chain, issues } = await loadChain(file);
  if (issues.length) return { issues, warnings: [] };
  const kind = experimentGivenAsScenario(chain[0]!, file);
  if (kind) return { issues: [kind], warnings: [] };
  let data: unknown = Object.create(null);
  const warnings: Issue[] = [];
  const mergeIssues: Issue[] = [];
  const patched = new Map<string, Map<string, Map<number, string>>>();
  const merged: string[] = [];
  for (const l of [...chain].reverse()) {
    const ctx: MergeContext = { file: l.file, doc: l.doc, lines: l.lines, baseFiles: [...merged], warnings, issues: mergeIssues, patched: new Map() };
    data = merge(data, l.data, [], ctx);
    patched.set(l.file, ctx.patched);
    merged.unshift(l.file);
  }
  delete (data as { extends?: unknown }).extends;
  // Only the file asked about: a list replaced on purpose further up the chain (a shipped
  // scenario's) is not the user's doing.
  const own = warnings.filter((w) => w.file === chain[0]?.file);
  if (mergeIssues.length) return { issues: mergeIssues, warnings: own, raw: data };
  // The expression parser (mathjs, ~0.5 s) is loaded only for a scenario that has expressions.
  if (mayHaveExpressions(data)) await import('../engine/expr.js');
  const result = validateScenario(data, file, locator(chain, patched), limits);
  return result.ok ? { scenario: result.scenario, issues: [], warnings: own, raw: data } : { issues: result.issues, warnings: own, raw: data };
}

/** A parsed document that is an experiment, not a scenario: a top-level `scenario:` (its base) and no `populations:`. */
export function looksLikeExperiment(data: unknown): data is { scenario: unknown } {
  return data !== null && typeof data === 'object' && Object.hasOwn(data, 'scenario') && !Object.hasOwn(data, 'populations');
}

/**
 * An experiment file (a top-level `scenario:` naming its base scenario, and no
 * `populations:`) handed to a command that takes a scenario: one issue that says which
 * command takes it, instead of every scenario field it lacks.
 */
function experimentGivenAsScenario(first: Loaded, file: string): Issue | undefined {
  const data = first.data;
  if (!looksLikeExperiment(data)) return undefined;
  const base = data.scenario;
  return {
    file,
    path: 'scenario',
    message: 'this is an experiment file (it names its base scenario under `scenario:`), not a scenario',
    found: `scenario: ${typeof base === 'string' ? base : JSON.stringify(base)}`,
    allowed: `a scenario file here; run the experiment with \`clustersim sweep ${file}\``,
  };
}

/**
 * Read, merge and validate a scenario, then apply `--set PATH=VALUE` overrides (if any);
 * throws a UserError listing every problem.
 */
export async function loadScenarioFile(file: string, overrides: readonly Override[] = [], limits: LimitOptions = {}): Promise<Scenario> {
  const { scenario, issues } = await loadScenarioWithIssues(file, limits);
  if (!scenario) throw invalidFile(file, issues);
  // A --set value may be a lever expression: its validation needs the parser.
  if (overrides.some((o) => typeof o.value === 'string')) await import('../engine/expr.js');
  return applyOverrides(scenario, overrides, file, (obj, source) => validateScenario(obj, source, undefined, limits));
}
