/**
 * What each recorded metric is called on a chart, and its unit (docs/model/indicators.md). Axis titles
 * read "label (unit)"; a metric not listed here keeps its own name and the unit "value".
 */

export interface MetricInfo {
  label: string;
  unit: string;
}

// Units as the engine's reporters declare them (src/engine/metrics); kept here as plain
// data so the builders stay free of engine (and Node) imports.
const KNOWN: Record<string, MetricInfo> = {
  'agents.count': { label: 'Agents', unit: 'agents' },
  'firms.count': { label: 'Firms', unit: 'firms' },
  births: { label: 'Births', unit: 'agents/step' },
  deaths: { label: 'Deaths', unit: 'agents/step' },
  'births.cumulative': { label: 'Births since the start', unit: 'agents' },
  'deaths.cumulative': { label: 'Deaths since the start', unit: 'agents' },
  'innovations.cumulative': { label: 'Innovations since the start', unit: 'innovations' },
  employment: { label: 'Employment', unit: 'employees' },
  'knowledge.mean': { label: 'Mean knowledge', unit: 'knowledge units' },
  'knowledge.gini': { label: 'Knowledge inequality (Gini)', unit: '0–1' },
  'knowledge.entropy': { label: 'Knowledge diversity (entropy)', unit: '0–1' },
  'knowledge.tacitShare': { label: 'Tacit share of knowledge', unit: '0–1' },
  'innovations.incremental': { label: 'Incremental innovations', unit: 'innovations/step' },
  'innovations.radical': { label: 'Radical innovations', unit: 'innovations/step' },
  'productivity.mean': { label: 'Mean productivity', unit: 'output/employee' },
  'output.total': { label: 'Output', unit: 'output units' },
  'absorptive.mean': { label: 'Mean absorptive capacity', unit: '0–1' },
  'ict.mean': { label: 'Mean ICT adoption', unit: '0–1' },
  'ict.gap': { label: 'ICT gap, large minus small firms', unit: '0–1' },
  'network.ties': { label: 'Ties', unit: 'ties' },
  'network.density': { label: 'Network density', unit: '0–1' },
  'network.meanDegree': { label: 'Mean degree', unit: 'ties/agent' },
  'network.clustering': { label: 'Clustering coefficient', unit: '0–1' },
  'network.giantShare': { label: 'Giant component share', unit: '0–1' },
  'network.interRegionalShare': { label: 'Inter-regional tie share', unit: '0–1' },
  'network.type': { label: 'Network type', unit: '0 ecological, 1 identity, 2 strategy' },
  'projects.active': { label: 'Agents in joint projects', unit: 'agents' },
  'tkm.stimulus': { label: 'Stimulus', unit: '0–1' },
  'tkm.accessibility': { label: 'Accessibility', unit: '0–1' },
  'tkm.receptivity': { label: 'Receptivity', unit: '0–1' },
  'tkm.identity': { label: 'Identity', unit: '0–1' },
  'tkm.creativity': { label: 'Creativity', unit: '0–1' },
  'tkm.governance': { label: 'Governance', unit: '0–1' },
  'policy.spend': { label: 'Policy spending', unit: 'money/step' },
  'policy.spendCumulative': { label: 'Cumulative policy spending', unit: 'money' },
  'policy.costPerInnovation': { label: 'Policy cost per innovation', unit: 'money/innovation' },
  'policy.costPerKnowledge': { label: 'Policy cost per knowledge unit', unit: 'money/knowledge unit' },
};

/** The six Territorial Knowledge Management factors (002 §100), in the document's order. */
export const TKM_FACTORS = ['stimulus', 'accessibility', 'receptivity', 'identity', 'creativity', 'governance'] as const;

/** The network indicators drawn together on the network-evolution chart. */
export const NETWORK_METRICS = ['network.density', 'network.clustering', 'network.giantShare', 'network.interRegionalShare'] as const;

export function metricInfo(metric: string): MetricInfo {
  // `name@scope` (a comparison's per-region or per-sector metric): the name's info, scoped.
  const at = metric.indexOf('@');
  if (at > 0) {
    const base = metricInfo(metric.slice(0, at));
    return { label: `${base.label}, ${metric.slice(at + 1).replace(':', ' ')}`, unit: base.unit };
  }
  const known = KNOWN[metric];
  if (known) return known;
  if (metric.startsWith('policy.spend.')) return { label: `Policy spending: ${metric.slice('policy.spend.'.length)}`, unit: 'money/step' };
  if (metric.startsWith('flow.')) return { label: `Knowledge flow: ${metric.slice('flow.'.length)}`, unit: 'knowledge units/step' };
  return { label: metric, unit: 'value' };
}

/** Axis title for a metric: "Mean knowledge (knowledge units)". */
export function metricTitle(metric: string): string {
  const { label, unit } = metricInfo(metric);
  return `${label} (${unit})`;
}

/**
 * Short label for a parameter path: the last two segments, e.g. `spillover.rate`; three
 * when the middle one is a list index (`policies.0.intensity`).
 */
export function parameterLabel(path: string): string {
  const parts = path.split('.');
  const take = parts.length >= 3 && /^\d+$/.test(parts[parts.length - 2]) ? 3 : 2;
  return parts.length <= take ? path : parts.slice(-take).join('.');
}

/** A parameter value as drawn: six significant digits, so 0.1 + 0.2 and 0.3 meet. */
export function paramValue(v: number | string): number | string {
  return typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}
