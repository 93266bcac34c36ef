import { describe, expect, it } from 'vitest';
import { tkmBeforeAfter, tkmSpec } from '../../src/charts/tkm.js';
import { TKM_FACTORS } from '../../src/charts/metrics.js';
import { checkConventions, checkSvgConventions, countMarks, renderClean, texts } from './helpers.js';
import { metricRows, REGIONS, STEPS } from './fixtures.js';

describe('Territorial Knowledge Management factors', () => {
  it('takes the first and last step per region and factor', () => {
    const bars = tkmBeforeAfter(metricRows(2));
    expect(bars).toHaveLength(REGIONS.length * TKM_FACTORS.length * 2);
    expect(new Set(bars.map((b) => b.step))).toEqual(new Set([0, STEPS]));
    expect(bars.every((b) => b.n === 2)).toBe(true);
  });

  it('draws six factors before and after, one panel per region', async () => {
    const spec = tkmSpec({ rows: metricRows(2) });
    checkConventions(spec);
    const svg = await renderClean(spec);
    checkSvgConventions(svg);
    expect(countMarks(svg, 'rect')).toBe(REGIONS.length * 6 * 2);
    expect(countMarks(svg, 'rule')).toBe(REGIONS.length * 6 * 2);
    expect(texts(svg, 'legend-label')).toEqual([`Before (step 0)`, `After (step ${STEPS})`]);
    for (const f of ['Stimulus', 'Accessibility', 'Receptivity', 'Identity', 'Creativity', 'Governance']) expect(svg).toContain(`>${f}</text>`);
  });
});
