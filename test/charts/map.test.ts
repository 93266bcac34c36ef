import { describe, expect, it } from 'vitest';
import { mapData, mapSpec } from '../../src/charts/map.js';
import { TIE_COLORS } from '../../src/charts/theme.js';
import { checkConventions, checkSvgConventions, countMarks, markItems, renderClean, texts } from './helpers.js';
import { agentRows, STEPS, tieRows } from './fixtures.js';

describe('map', () => {
  it('joins ties to agent coordinates and drops ties to unknown agents', () => {
    const ties = [...tieRows([0], 2), { step: 0, a: 'a0', b: 'nobody', type: 'x', strength: 1, trust: 1, interRegional: 0 }];
    const data = mapData(agentRows([0]), ties, [0]);
    const drawnTies = data.filter((d) => d.layer === 'tie');
    expect(drawnTies).toHaveLength(32 + 2);
    expect(drawnTies.filter((d) => d.tie === 'Inter-regional')).toHaveLength(2);
  });

  it('draws agents sized by employees and ties, inter-regional ones highlighted, at each chosen step', async () => {
    const spec = mapSpec({ agents: agentRows(), ties: tieRows(undefined, 3), steps: [0, STEPS] });
    checkConventions(spec);
    const svg = await renderClean(spec);
    checkSvgConventions(svg);
    expect(countMarks(svg, 'symbol')).toBe(2 * 32); // circles, two panels
    const rules = markItems(svg, 'rule');
    expect(rules).toHaveLength(2 * (32 + 3));
    expect(rules.filter((r) => r.includes(`stroke="${TIE_COLORS.interRegional}"`))).toHaveLength(2 * 3);
    expect(texts(svg, 'legend-title')).toEqual(expect.arrayContaining(['Tie', 'Employees (persons)', 'Sector']));
    expect(texts(svg, 'axis-title')).toEqual(expect.arrayContaining(['x (km)', 'y (km)']));
  });

  it('colours by knowledge with a gradient legend', async () => {
    const svg = await renderClean(mapSpec({ agents: agentRows([STEPS]), ties: tieRows([STEPS]), colorBy: 'knowledge' }));
    expect(countMarks(svg, 'symbol')).toBe(32);
    expect(texts(svg, 'legend-title')).toContain('Knowledge (knowledge units)');
    expect(svg).toContain('role-legend-gradient');
  });
});
