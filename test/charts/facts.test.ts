import { describe, expect, it } from 'vitest';
import { factsSpec, type FactsChartInput } from '../../src/charts/facts.js';
import { checkConventions, checkSvgConventions, renderClean, texts } from './helpers.js';

/** Two scenarios of three runs; only the young firms' hazards differ between runs. */
function input(): FactsChartInput[] {
  const run = (seed: number, spin: number, ent: number) => ({
    seed,
    z: [-1, 0, 0.5, 1],
    sdBySize: [{ lnS: 1, sd: 0.3 }, { lnS: 3, sd: 0.1 }],
    hazard: [{ ageFrom: 0, ageTo: 2, hazard: 0.2 }, { ageFrom: 2, ageTo: Infinity, hazard: 0.1 }],
    turnover: [{ year: 0, entry: 0.1, exit: 0.12 }],
    lastSizes: Array.from({ length: 30 }, (_, k) => k + 1),
    stats: { spinoffHazardYoung: spin, entrantHazardYoung: ent },
  });
  return [
    { scenario: 'a', runs: [run(1, 0.3, 0.2), run(2, 0.4, 0.2), run(3, 0.5, 0.2)] },
    { scenario: 'b', runs: [run(1, 0.1, 0.25), run(2, 0.1, 0.15), run(3, NaN, 0.2)] },
  ];
}

/** The data of the panel titled `title` in the spec's second row. */
function panelData(spec: ReturnType<typeof factsSpec>, title: string): Record<string, unknown>[] {
  const rows = (spec as unknown as { vconcat: { hconcat: { title: string | { text: string }; data?: { values: Record<string, unknown>[] } }[] }[] }).vconcat;
  const panel = rows.flatMap((r) => r.hconcat).find((p) => (typeof p.title === 'string' ? p.title : p.title.text) === title);
  if (!panel?.data) throw new Error(`no panel ${title}`);
  return panel.data.values;
}

describe('stylised facts chart', () => {
  it('shows the young hazard of spin-offs against other entrants, mean across runs per scenario', async () => {
    const spec = factsSpec(input());
    checkConventions(spec);
    const young = panelData(spec, 'Exit hazard of young firms born in the run');
    const at = (scenario: string, group: string) => young.find((r) => r.scenario === scenario && r.group === group)!;
    expect(at('a', 'spin-offs of firms').hazard).toBeCloseTo(0.4, 12);
    expect(at('a', 'entrants without a parent').hazard).toBeCloseTo(0.2, 12);
    // A run without spin-offs at risk (NaN) is left out of the mean, not counted as 0.
    expect(at('b', 'spin-offs of firms').hazard).toBeCloseTo(0.1, 12);
    expect(at('b', 'entrants without a parent').hazard).toBeCloseTo(0.2, 12);
    expect(at('a', 'spin-offs of firms').low as number).toBeLessThan(0.4);
    expect(at('a', 'spin-offs of firms').high as number).toBeGreaterThan(0.4);
    const svg = await renderClean(spec);
    checkSvgConventions(svg);
    expect(texts(svg, 'axis-label')).toEqual(expect.arrayContaining(['spin-offs of firms', 'entrants without a parent']));
  });
});
