/**
 * The map: agents at their coordinates (km), sized by employees, coloured by sector or by
 * knowledge, with ties drawn as lines (inter-regional ties in a strong colour), one panel
 * per chosen step.
 *
 * Reads AgentRow and TieRow rows; ties are joined to agents by id within the same step.
 */
import type { AgentRow, ChartSpec, TieRow } from './types.js';
import { BASE_CONFIG, SCHEMA_URL, TIE_COLORS } from './theme.js';
import { distinct } from './stats.js';

export type MapColor = 'sector' | 'knowledge';

export interface MapOptions {
  agents: readonly AgentRow[];
  ties?: readonly TieRow[];
  /** Steps to draw; default every step present in `agents`. */
  steps?: readonly number[];
  colorBy?: MapColor;
  /** Panel size in px (square, so distances read the same on both axes). */
  size?: number;
  title?: string;
}

const TIE_LOCAL = 'Within a region';
const TIE_INTER = 'Inter-regional';

interface MapDatum {
  layer: 'agent' | 'tie';
  step: number;
  x: number;
  y: number;
  x2?: number;
  y2?: number;
  tie?: string;
  strength?: number;
  id?: string;
  kind?: string;
  region?: string;
  sector?: string;
  employees?: number;
  knowledge?: number;
}

/** Agents and ties in one table (a faceted chart has one data source), ties first. */
export function mapData(agents: readonly AgentRow[], ties: readonly TieRow[], steps: readonly number[]): MapDatum[] {
  const wanted = new Set(steps);
  const byKey = new Map<string, AgentRow>();
  const out: MapDatum[] = [];
  for (const a of agents) {
    if (!wanted.has(a.step)) continue;
    byKey.set(`${a.step}\u0000${a.id}`, a);
  }
  for (const t of ties) {
    if (!wanted.has(t.step)) continue;
    const a = byKey.get(`${t.step}\u0000${t.a}`);
    const b = byKey.get(`${t.step}\u0000${t.b}`);
    if (!a || !b) continue;
    out.push({ layer: 'tie', step: t.step, x: a.x, y: a.y, x2: b.x, y2: b.y, tie: t.interRegional ? TIE_INTER : TIE_LOCAL, strength: t.strength });
  }
  for (const a of byKey.values()) {
    out.push({ layer: 'agent', step: a.step, x: a.x, y: a.y, id: a.id, kind: a.kind, region: a.region, sector: a.sector, employees: a.employees, knowledge: a.knowledge });
  }
  return out;
}

/** A square domain holding every agent, so one km is as long on x as on y. */
function squareDomains(agents: readonly { x: number; y: number }[]): { x: [number, number]; y: [number, number] } {
  if (agents.length === 0) return { x: [0, 1], y: [0, 1] };
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const a of agents) {
    x0 = Math.min(x0, a.x);
    x1 = Math.max(x1, a.x);
    y0 = Math.min(y0, a.y);
    y1 = Math.max(y1, a.y);
  }
  const span = Math.max(x1 - x0, y1 - y0, 1) * 1.06;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { x: [cx - span / 2, cx + span / 2], y: [cy - span / 2, cy + span / 2] };
}

export function mapSpec(o: MapOptions): ChartSpec {
  const steps = o.steps ?? distinct(o.agents.map((a) => a.step));
  const data = mapData(o.agents, o.ties ?? [], steps);
  const agents = data.filter((d) => d.layer === 'agent');
  const domains = squareDomains(agents);
  const colorBy = o.colorBy ?? 'sector';
  const size = o.size ?? 320;
  const x = { field: 'x', type: 'quantitative' as const, title: 'x (km)', scale: { domain: domains.x, nice: false, zero: false } };
  const y = { field: 'y', type: 'quantitative' as const, title: 'y (km)', scale: { domain: domains.y, nice: false, zero: false } };
  const agentColor =
    colorBy === 'sector'
      ? { field: 'sector', type: 'nominal' as const, title: 'Sector', sort: distinct(agents.map((a) => a.sector ?? '')) }
      : { field: 'knowledge', type: 'quantitative' as const, title: 'Knowledge (knowledge units)', scale: { scheme: 'viridis' } };
  const spec = {
    width: size,
    height: size,
    layer: [
      {
        transform: [{ filter: "datum.layer === 'tie'" }],
        mark: { type: 'rule', opacity: 0.7 },
        encoding: {
          x,
          y,
          x2: { field: 'x2' },
          y2: { field: 'y2' },
          stroke: { field: 'tie', type: 'nominal', title: 'Tie', scale: { domain: [TIE_LOCAL, TIE_INTER], range: [TIE_COLORS.local, TIE_COLORS.interRegional] } },
          strokeWidth: { condition: { test: `datum.tie === '${TIE_INTER}'`, value: 1.8 }, value: 0.6 },
        },
      },
      {
        transform: [{ filter: "datum.layer === 'agent'" }],
        // fill (not color) so agents and ties use separate scales and one legend each.
        mark: { type: 'circle', opacity: 0.85, stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x,
          y,
          size: { field: 'employees', type: 'quantitative', title: 'Employees (persons)', scale: { range: [12, 300] } },
          fill: agentColor,
          tooltip: [
            { field: 'id', type: 'nominal', title: 'Agent' },
            { field: 'kind', type: 'nominal', title: 'Kind' },
            { field: 'region', type: 'nominal', title: 'Region' },
            { field: 'sector', type: 'nominal', title: 'Sector' },
            { field: 'employees', type: 'quantitative', title: 'Employees' },
            { field: 'knowledge', type: 'quantitative', title: 'Knowledge', format: '.3~f' },
            { field: 'x', type: 'quantitative', title: 'x (km)', format: '.1f' },
            { field: 'y', type: 'quantitative', title: 'y (km)', format: '.1f' },
          ],
        },
      },
    ],
  };
  return {
    $schema: SCHEMA_URL,
    title: {
      text: o.title ?? `Map of the cluster${steps.length > 1 ? ` at steps ${steps.join(', ')}` : steps.length === 1 ? ` at step ${steps[0]}` : ''}`,
      subtitle: `Agents sized by employees, coloured by ${colorBy}; grey lines: ties within a region, black: inter-regional ties`,
    },
    config: BASE_CONFIG,
    data: { values: data },
    facet: { column: { field: 'step', type: 'ordinal', title: 'Step', sort: steps } },
    spec,
  } as ChartSpec;
}
