import { describe, expect, it } from 'vitest';
import { networkSpec } from '../../src/charts/network.js';
import { checkConventions, checkSvgConventions, countMarks, renderClean, texts } from './helpers.js';
import { metricRows, SCENARIOS } from './fixtures.js';

describe('network evolution', () => {
  it('draws density, clustering, giant component and inter-regional share', async () => {
    const spec = networkSpec({ rows: metricRows(3).filter((r) => r.scope === 'system') });
    checkConventions(spec);
    const svg = await renderClean(spec);
    checkSvgConventions(svg);
    expect(countMarks(svg, 'line')).toBe(4);
    expect(countMarks(svg, 'area')).toBe(4);
    expect(texts(svg, 'legend-label').sort()).toEqual(['Clustering coefficient', 'Giant component share', 'Inter-regional tie share', 'Network density']);
  });

  it('gives each scenario its own panel', async () => {
    const rows = SCENARIOS.flatMap((s, i) => metricRows(1, i + 1, s)).filter((r) => r.scope === 'system');
    const svg = await renderClean(networkSpec({ rows }));
    expect(countMarks(svg, 'line')).toBe(4 * SCENARIOS.length);
    for (const s of SCENARIOS) expect(svg).toContain(`>${s}</text>`);
  });
});
