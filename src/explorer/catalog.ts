/**
 * The shipped scenarios held in memory (the explorer bundles scenarios/**.yaml as text):
 * ids, titles, and each scenario resolved as the CLI resolves a file, `extends:` chains
 * included (src/io/scenario-file.ts; the same merge, src/scenario/merge.ts).
 */
import { parse } from 'yaml';
import { mergeScenario } from '../scenario/merge.js';

/** Scenario files by path relative to scenarios/ (`brianza.yaml`, `ikinet/all.yaml`). */
export type ScenarioFiles = Readonly<Record<string, string>>;

export interface CatalogEntry {
  /** Path without `.yaml`: `brianza`, `ikinet/all`. */
  id: string;
  file: string;
  name: string;
  /** First sentence of the description (cut at 220 characters). */
  title: string;
}

const idOf = (file: string) => file.replace(/\.ya?ml$/i, '');

function parseFile(files: ScenarioFiles, file: string): Record<string, unknown> {
  const text = files[file];
  if (text === undefined) throw new Error(`scenario file '${file}' is not among the shipped scenarios`);
  const data = parse(text, { uniqueKeys: true }) as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`scenarios/${file}: a scenario file must hold a mapping of fields`);
  return data as Record<string, unknown>;
}

/** `dir/../x.yaml` relative to the folder of `from`, as a path relative to scenarios/. */
export function joinRelative(from: string, target: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

/** The merged scenario object of one shipped scenario (unvalidated, `extends` removed). */
export function resolveScenario(files: ScenarioFiles, id: string): Record<string, unknown> {
  let file = files[`${id}.yaml`] !== undefined ? `${id}.yaml` : `${id}.yml`;
  const chain: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (;;) {
    if (seen.has(file)) throw new Error(`scenarios/${file}: extends forms a cycle (${[...seen, file].join(' -> ')})`);
    seen.add(file);
    const data = parseFile(files, file);
    chain.push(data);
    if (data.extends === undefined) break;
    if (typeof data.extends !== 'string') throw new Error(`scenarios/${file}: extends must be a file path (string)`);
    file = joinRelative(file, data.extends);
  }
  let merged: unknown = {};
  for (const d of chain.reverse()) merged = mergeScenario(merged, d);
  delete (merged as Record<string, unknown>).extends;
  return merged as Record<string, unknown>;
}

/** Every shipped scenario, `default` first, then by id. */
export function catalog(files: ScenarioFiles): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const file of Object.keys(files)) {
    if (!/\.ya?ml$/i.test(file)) continue;
    const data = resolveScenario(files, idOf(file));
    const description = typeof data.description === 'string' ? data.description : '';
    const first = description.replace(/\s+/g, ' ').trim().split(/(?<=\.)\s/)[0] ?? '';
    out.push({ id: idOf(file), file, name: String(data.name ?? idOf(file)), title: first.length > 220 ? `${first.slice(0, 219)}…` : first });
  }
  const rank = (id: string) => (id === 'default' ? 0 : id.includes('/') ? 2 : 1);
  return out.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}
