/**
 * PRIM's peeling trajectory (scenario discovery): each box along the trajectory as a point,
 * coverage against density, coloured by how many parameters the box restricts, as the EMA
 * Workbench's show_tradeoff draws it; the chosen box is ringed. Up and right is better: a box
 * holding most cases of interest (coverage) and little else (density).
 */
import type { ChartSpec } from './types.js';
import { BASE_CONFIG, SCHEMA_URL } from './theme.js';

export interface TrajectoryRow {
  box: number;
  id: number;
  coverage: number;
  density: number;
  mass: number;
  restricted: number;
  selected: boolean;
}

export interface PeelingOptions {
  rows: readonly TrajectoryRow[];
  /** What a case of interest is, e.g. "ict.mean above 0.5". */
  question: string;
}

export function peelingTrajectorySpec(o: PeelingOptions): ChartSpec {
  const maxRes = Math.max(1, ...o.rows.map((r) => r.restricted));
  const boxes = new Set(o.rows.map((r) => r.box)).size;
  return {
    $schema: SCHEMA_URL,
    title: {
      text: 'PRIM peeling trajectory',
      subtitle: [`Cases of interest: ${o.question}`, `Each point is a box along the trajectory; ringed: the box reported${boxes > 1 ? ' (one trajectory per box)' : ''}`],
    },
    config: BASE_CONFIG,
    data: { values: o.rows.map((r) => ({ ...r, boxLabel: `box ${r.box + 1}` })) },
    width: 380,
    height: 300,
    encoding: {
      x: { field: 'coverage', type: 'quantitative', title: 'Coverage (share of all cases of interest inside the box)', scale: { domain: [0, 1] } },
      y: { field: 'density', type: 'quantitative', title: 'Density (share of the box that is of interest)', scale: { domain: [0, 1] } },
    },
    layer: [
      {
        mark: { type: 'line', color: '#bbb', strokeWidth: 1 },
        encoding: { detail: { field: 'boxLabel', type: 'nominal' }, order: { field: 'id', type: 'quantitative' } },
      },
      {
        mark: { type: 'circle', size: 60, opacity: 0.9 },
        encoding: {
          color: { field: 'restricted', type: 'quantitative', title: 'Restricted parameters', scale: { scheme: 'viridis', domain: [0, maxRes] }, legend: { tickMinStep: 1, format: 'd' } },
          tooltip: [
            { field: 'boxLabel', type: 'nominal', title: 'Box' },
            { field: 'id', type: 'quantitative', title: 'Trajectory step' },
            { field: 'coverage', type: 'quantitative', format: '.3f', title: 'Coverage' },
            { field: 'density', type: 'quantitative', format: '.3f', title: 'Density' },
            { field: 'mass', type: 'quantitative', format: '.3f', title: 'Mass' },
            { field: 'restricted', type: 'quantitative', title: 'Restricted parameters' },
          ],
        },
      },
      {
        transform: [{ filter: 'datum.selected' }],
        mark: { type: 'point', size: 220, strokeWidth: 2, color: '#D55E00', filled: false },
      },
    ],
  } as ChartSpec;
}
