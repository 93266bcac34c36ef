import { describe, expect, it } from 'vitest';
import { distributionSpec } from '../../src/charts/distribution.js';
import { checkConventions, checkSvgConventions, countMarks, renderClean, texts } from './helpers.js';
import { agentRows, STEPS } from './fixtures.js';

describe('distributions', () => {
  it('histograms knowledge at the chosen steps', async () => {
    const spec = distributionSpec({ agents: agentRows(), field: 'knowledge', steps: [0, STEPS] });
    checkConventions(spec);
    const svg = await renderClean(spec);
    checkSvgConventions(svg);
    expect(countMarks(svg, 'rect')).toBeGreaterThan(4);
    expect(svg).toContain('>0</text>');
    expect(svg).toContain(`>${STEPS}</text>`);
    expect(texts(svg, 'axis-title')).toContain('Agents (count)');
  });

  it('histograms firm size on a log scale labelled in employees', async () => {
    const agents = agentRows([0]);
    const svg = await renderClean(distributionSpec({ agents, field: 'employees' }));
    expect(countMarks(svg, 'rect')).toBeGreaterThan(4);
    expect(texts(svg, 'axis-label')).toEqual(expect.arrayContaining(['10', '100']));
    expect(texts(svg, 'axis-title')).toContain('Employees (persons, log scale)');
  });
});
