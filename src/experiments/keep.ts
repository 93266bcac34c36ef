/**
 * Which metric rows a sweep keeps. A metric is named by the engine's name for system-wide
 * values (`employment`) and `name@scope` for the others (`employment@region:north`,
 * `employment@sector:tools`). A selector may use `*` for the name (`*@region:north`) or at
 * the end of the scope (`employment@region:*`).
 */
import type { Keep, KeepSteps } from './schema.js';

export function metricKey(scope: string, metric: string): string {
  return scope === 'system' ? metric : `${metric}@${scope}`;
}

export interface MetricSelector {
  text: string;
  name: string;
  scope: string;
}

export function parseSelector(text: string): MetricSelector {
  const at = text.indexOf('@');
  return at < 0 ? { text, name: text, scope: 'system' } : { text, name: text.slice(0, at), scope: text.slice(at + 1) };
}

function matches(sel: MetricSelector, scope: string, metric: string): boolean {
  if (sel.name !== '*' && sel.name !== metric) return false;
  if (sel.scope.endsWith('*')) return scope.startsWith(sel.scope.slice(0, -1));
  return sel.scope === scope;
}

/** A predicate over (scope, metric) for the experiment's `keep.metrics`. */
export function metricFilter(metrics: string[] | undefined): (scope: string, metric: string) => boolean {
  if (metrics === undefined) return (scope) => scope === 'system';
  const sels = metrics.map(parseSelector);
  return (scope, metric) => sels.some((s) => matches(s, scope, metric));
}

/** Selectors that matched none of the given (scope, metric) pairs. */
export function unmatchedSelectors(metrics: string[] | undefined, seen: Iterable<[string, string]>): string[] {
  if (metrics === undefined) return [];
  const pairs = [...seen];
  return metrics.map(parseSelector).filter((s) => !pairs.some(([scope, m]) => matches(s, scope, m))).map((s) => s.text);
}

/** A predicate over steps for `keep.steps`, given the run's final recorded step. */
export function stepFilter(steps: KeepSteps, finalStep: number): (step: number) => boolean {
  if (steps === 'final') return (s) => s === finalStep;
  if (steps === 'all') return () => true;
  if (Array.isArray(steps)) {
    const set = new Set(steps);
    return (s) => set.has(s);
  }
  const k = steps.every;
  return (s) => s % k === 0 || s === finalStep;
}

/**
 * The scenario `record` settings a sweep needs: record only the scopes and metrics kept,
 * as rarely as the kept steps allow, and no snapshots.
 */
export function recordFor(keep: Keep, steps: number): { every: number; scopes: ('system' | 'region' | 'sector')[]; metrics?: string[]; snapshots: number[] } {
  const sels = keep.metrics?.map(parseSelector) ?? [{ text: '*', name: '*', scope: 'system' }];
  const scopes = new Set<'system' | 'region' | 'sector'>();
  for (const s of sels) {
    for (const kind of ['system', 'region', 'sector'] as const) {
      if (s.scope === kind || s.scope.startsWith(`${kind}:`) || (s.scope.endsWith('*') && kind.startsWith(s.scope.slice(0, -1)))) scopes.add(kind);
    }
  }
  // The engine records every `policy.spend.<lever>` row under the one name `policy.spend`.
  const names = sels.some((s) => s.name === '*') ? undefined : [...new Set(sels.map((s) => (s.name.startsWith('policy.spend') ? 'policy.spend' : s.name)))];
  const every = keep.steps === 'final' ? steps : typeof keep.steps === 'object' && !Array.isArray(keep.steps) ? keep.steps.every : 1;
  return { every, scopes: [...scopes], ...(names ? { metrics: names } : {}), snapshots: [] };
}
