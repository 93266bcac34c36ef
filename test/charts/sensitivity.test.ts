import { describe, expect, it } from 'vitest';
import { morrisPoints, morrisSpec, sobolSpec } from '../../src/charts/sensitivity.js';
import { checkConventions, checkSvgConventions, countMarks, renderClean, texts } from './helpers.js';
import { sensitivityRows } from './fixtures.js';

describe('sensitivity charts', () => {
  it('draws S1 and ST bars with intervals per parameter', async () => {
    const spec = sobolSpec({ rows: sensitivityRows(), metric: 'knowledge.mean' });
    checkConventions(spec);
    const svg = await renderClean(spec);
    checkSvgConventions(svg);
    expect(countMarks(svg, 'rect')).toBe(6);
    expect(countMarks(svg, 'rule')).toBe(6);
    expect(texts(svg, 'legend-label')).toEqual(['First-order (S1)', 'Total (ST)']);
    // sorted by total index, largest first
    expect(texts(svg, 'axis-label').slice(0, 3)).toEqual(['spillover.rate', 'regions.trust', 'innovation.threshold']);
  });

  it('pairs Morris mu* and sigma per parameter', () => {
    const pts = morrisPoints(sensitivityRows(), 'knowledge.mean');
    expect(pts).toHaveLength(3);
    expect(pts[0]).toMatchObject({ label: 'spillover.rate', mu_star: 0.3, sigma: 0.05 });
  });

  it('draws Morris mu* against sigma with labelled points', async () => {
    const spec = morrisSpec({ rows: sensitivityRows(), metric: 'knowledge.mean' });
    checkConventions(spec);
    const svg = await renderClean(spec);
    checkSvgConventions(svg);
    expect(countMarks(svg, 'symbol')).toBe(3);
    expect(countMarks(svg, 'text')).toBe(3);
    expect(countMarks(svg, 'rule')).toBe(3);
  });
});
