/**
 * Distributions across agents at chosen steps: knowledge, or firm size (employees).
 * Histograms, one panel per step, with shared bins so the panels compare.
 *
 * Reads AgentRow rows.
 */
import type { AgentRow, ChartSpec } from './types.js';
import { BASE_CONFIG, SCHEMA_URL, SINGLE_COLOR } from './theme.js';
import { distinct } from './stats.js';

export type DistributionField = 'knowledge' | 'employees';

export interface DistributionOptions {
  agents: readonly AgentRow[];
  field: DistributionField;
  steps?: readonly number[];
  title?: string;
}

const FIELDS: Record<DistributionField, { title: string; axis: string; log: boolean }> = {
  knowledge: { title: 'Distribution of knowledge', axis: 'Knowledge (knowledge units)', log: false },
  // Firm sizes are heavily skewed: bin on log10 so small and large firms both show.
  employees: { title: 'Distribution of firm size', axis: 'Employees (persons, log scale)', log: true },
};

/** log10 of 1, 2, 5, 10, 20, 50, ... covering the data: readable ticks on a log axis. */
function logTicks(raw: number[]): number[] {
  const max = Math.max(1, ...raw);
  const out: number[] = [];
  for (let decade = 1; decade <= max * 10; decade *= 10) {
    for (const m of [1, 2, 5]) if (m * decade <= max * 1.5) out.push(Math.log10(m * decade));
  }
  return out;
}

export function distributionSpec(o: DistributionOptions): ChartSpec {
  const steps = o.steps ?? distinct(o.agents.map((a) => a.step));
  const wanted = new Set(steps);
  const f = FIELDS[o.field];
  const values = o.agents
    .filter((a) => wanted.has(a.step) && Number.isFinite(a[o.field]) && (!f.log || a[o.field] > 0))
    .map((a) => ({ step: a.step, value: f.log ? Math.log10(a[o.field]) : a[o.field], raw: a[o.field], kind: a.kind }));
  return {
    $schema: SCHEMA_URL,
    title: {
      text: o.title ?? `${f.title}${steps.length ? ` at step${steps.length > 1 ? 's' : ''} ${steps.join(', ')}` : ''}`,
      subtitle: f.log ? 'Agents with at least one employee; bins of equal width on a log scale' : 'All agents',
    },
    config: BASE_CONFIG,
    data: { values },
    facet: { column: { field: 'step', type: 'ordinal', title: 'Step', sort: steps } },
    spec: {
      width: 240,
      height: 180,
      mark: { type: 'bar', color: SINGLE_COLOR, binSpacing: 1 },
      encoding: {
        x: {
          field: 'value',
          type: 'quantitative',
          bin: { maxbins: 25 },
          title: f.axis,
          axis: f.log ? { values: logTicks(values.map((v) => v.raw)), labelExpr: "format(pow(10, datum.value), ',.0f')" } : { labelOverlap: 'greedy' },
        },
        y: { aggregate: 'count', type: 'quantitative', title: 'Agents (count)' },
        tooltip: [
          { field: 'value', type: 'quantitative', bin: { maxbins: 25 }, title: f.log ? 'log10(employees)' : 'Knowledge' },
          { aggregate: 'count', type: 'quantitative', title: 'Agents' },
        ],
      },
    },
  } as ChartSpec;
}
