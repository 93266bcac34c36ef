/**
 * Reading scenario files (Node side): YAML or JSON (parsed safely as YAML 1.2, so JSON also
 * gets line numbers and no key reaches a prototype: scenario/document.ts), `extends:`
 * resolved relative to the file naming it (objects merged key by key into null-prototype
 * objects, arrays and scalars replaced), then validated. Problems carry the file and line of
 * the most derived file that sets the offending field.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isNode, type Document, type LineCounter } from 'yaml';
import { mergeSafely, parseDocumentSafely } from '../scenario/document.js';
import { readInputText } from './read.js';
import { validateScenario, type Locate } from '../scenario/validate.js';
import type { Scenario } from '../scenario/schema.js';
import { UserError, invalidFile, msg, type Issue } from '../messages.js';

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

function locator(chain: Loaded[]): Locate {
  return (p) => {
    for (const l of chain) {
      // Walk down as far as this file has the path; report the deepest node it sets.
      for (let depth = p.length; depth >= 1; depth--) {
        const node = l.doc.getIn(p.slice(0, depth), true);
        if (isNode(node) && node.range) {
          const pos = l.lines.linePos(node.range[0]);
          return { file: l.file, line: pos.line, column: pos.col };
        }
      }
    }
    return { file: chain[0]?.file ?? '' };
  };
}

/** Read, merge and validate a scenario; the resolved object is returned unvalidated on request. */
export async function loadScenarioWithIssues(file: string): Promise<{ scenario?: Scenario; issues: Issue[]; raw?: unknown }> {
  const { chain, issues } = await loadChain(file);
  if (issues.length) return { issues };
  let data: unknown = Object.create(null);
  for (const l of [...chain].reverse()) data = mergeSafely(data, l.data);
  delete (data as { extends?: unknown }).extends;
  const result = validateScenario(data, file, locator(chain));
  return result.ok ? { scenario: result.scenario, issues: [], raw: data } : { issues: result.issues, raw: data };
}

/** Read, merge and validate a scenario; throws a UserError listing every problem. */
export async function loadScenarioFile(file: string): Promise<Scenario> {
  const { scenario, issues } = await loadScenarioWithIssues(file);
  if (!scenario) throw invalidFile(file, issues);
  return scenario;
}
