/**
 * What each recorded metric is called on a chart, and its unit (MODEL.md §7). Axis titles
 * read "label (unit)"; a metric not listed here keeps its own name and the unit "value".
 */

export interface MetricInfo {
  label: string;
  unit: string;
}

const KNOWN: Record<string, MetricInfo> = {
  'agents.count': { label: 'Agents', unit: 'count' },
  'agents.births': { label: 'Births', unit: 'agents per step' },
  'agents.deaths': { label: 'Deaths', unit: 'agents per step' },
  'agents.employment': { label: 'Employment', unit: 'employees' },
  'knowledge.mean': { label: 'Mean knowledge', unit: 'index' },
  'knowledge.gini': { label: 'Knowledge inequality (Gini)', unit: '0–1' },
  'knowledge.entropy': { label: 'Knowledge diversity (entropy)', unit: 'nats' },
  'knowledge.tacitShare': { label: 'Tacit share of knowledge', unit: '0–1' },
  'innovations.incremental': { label: 'Incremental innovations', unit: 'per step' },
  'innovations.radical': { label: 'Radical innovations', unit: 'per step' },
  'productivity.mean': { label: 'Mean productivity', unit: 'index' },
  'output.total': { label: 'Output', unit: 'index' },
  'absorptive.mean': { label: 'Mean absorptive capacity', unit: '0–1' },
  'ict.mean': { label: 'Mean ICT adoption', unit: '0–1' },
  'network.density': { label: 'Network density', unit: '0–1' },
  'network.meanDegree': { label: 'Mean degree', unit: 'ties per agent' },
  'network.clustering': { label: 'Clustering coefficient', unit: '0–1' },
  'network.giantShare': { label: 'Giant component share', unit: '0–1' },
  'network.interRegionalShare': { label: 'Inter-regional tie share', unit: '0–1' },
  'tkm.stimulus': { label: 'Stimulus', unit: 'composite index' },
  'tkm.accessibility': { label: 'Accessibility', unit: 'composite index' },
  'tkm.receptivity': { label: 'Receptivity', unit: 'composite index' },
  'tkm.identity': { label: 'Identity', unit: 'composite index' },
  'tkm.creativity': { label: 'Creativity', unit: 'composite index' },
  'tkm.governance': { label: 'Governance', unit: 'composite index' },
  'policy.costPerInnovation': { label: 'Policy cost per innovation', unit: 'budget units' },
};

/** The six Territorial Knowledge Management factors (002 §100), in the document's order. */
export const TKM_FACTORS = ['stimulus', 'accessibility', 'receptivity', 'identity', 'creativity', 'governance'] as const;

/** The network indicators drawn together on the network-evolution chart. */
export const NETWORK_METRICS = ['network.density', 'network.clustering', 'network.giantShare', 'network.interRegionalShare'] as const;

export function metricInfo(metric: string): MetricInfo {
  const known = KNOWN[metric];
  if (known) return known;
  if (metric.startsWith('policy.spend.')) return { label: `Policy spending: ${metric.slice('policy.spend.'.length)}`, unit: 'budget units per step' };
  if (metric.startsWith('flow.')) return { label: `Knowledge flow: ${metric.slice('flow.'.length)}`, unit: 'knowledge units per step' };
  return { label: metric, unit: 'value' };
}

/** Axis title for a metric: "Mean knowledge (index)". */
export function metricTitle(metric: string): string {
  const { label, unit } = metricInfo(metric);
  return `${label} (${unit})`;
}

/** Short label for a parameter path: the last two segments, e.g. `spillover.rate`. */
export function parameterLabel(path: string): string {
  const parts = path.split('.');
  return parts.length <= 2 ? path : parts.slice(-2).join('.');
}
