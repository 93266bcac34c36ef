/**
 * Every shipped scenario (scenarios/**.yaml), loaded by the CLI's loader when the site is
 * built: the explorer bundles the resolved objects, so its runs start from what
 * `clustersim run` would run. A shipped scenario that does not load stops the build.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadScenarioWithIssues } from '../../src/io/scenario-file.js';
import { formatIssue } from '../../src/messages.js';
import { scenarioId, sortCatalog, titleOf, type CatalogEntry } from '../../src/explorer/catalog.js';

export function scenarioFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? scenarioFiles(dir, r) : /\.ya?ml$/i.test(e.name) ? [r] : [];
  });
}

export async function buildCatalog(dir: string): Promise<CatalogEntry[]> {
  const out: CatalogEntry[] = [];
  for (const file of scenarioFiles(dir)) {
    const { raw, issues } = await loadScenarioWithIssues(path.join(dir, file));
    if (issues.length || !raw) throw new Error(`scenarios/${file} does not load:\n${issues.map(formatIssue).join('\n')}`);
    // Plain objects (the loader builds null-prototype ones): the page clones and edits them.
    const scenario = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
    out.push({ id: scenarioId(file), file, name: String(scenario.name ?? scenarioId(file)), title: titleOf(scenario.description), scenario });
  }
  return sortCatalog(out);
}
