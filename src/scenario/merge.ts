/**
 * How `extends:` combines two scenario objects: objects are merged key by key, lists and
 * values are replaced. Shared by the file loader (src/io/scenario-file.ts) and the browser
 * explorer, which resolves the shipped scenarios from memory.
 */
export function mergeScenario(base: unknown, over: unknown): unknown {
  if (base && over && typeof base === 'object' && typeof over === 'object' && !Array.isArray(base) && !Array.isArray(over)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = k in out ? mergeScenario(out[k], v) : v;
    return out;
  }
  return over;
}
