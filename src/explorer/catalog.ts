/**
 * The shipped scenarios as the explorer holds them: resolved when the site is built, by
 * the CLI's own loader (src/io/scenario-file.ts: `extends:` chains, list patches, the same
 * checks), so the page starts from exactly the object `clustersim run` would validate and
 * run. web/vite/scenarios.ts builds the list; the page receives it as data.
 */

export interface CatalogEntry {
  /** Path under scenarios/ without `.yaml`: `brianza`, `ikinet/all`. */
  id: string;
  file: string;
  name: string;
  /** First sentence of the description (cut at 220 characters). */
  title: string;
  /** The merged scenario object, `extends` resolved and removed, not yet validated into defaults. */
  scenario: Record<string, unknown>;
}

export const scenarioId = (file: string): string => file.replace(/\.ya?ml$/i, '');

export function titleOf(description: unknown): string {
  const text = typeof description === 'string' ? description.replace(/\s+/g, ' ').trim() : '';
  const first = text.split(/(?<=\.)\s/)[0] ?? '';
  return first.length > 220 ? `${first.slice(0, 219)}…` : first;
}

/** `default` first, then top-level scenarios, then those in folders, each by id. */
export function sortCatalog(entries: CatalogEntry[]): CatalogEntry[] {
  const rank = (id: string) => (id === 'default' ? 0 : id.includes('/') ? 2 : 1);
  return entries.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}
