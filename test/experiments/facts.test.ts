/**
 * The stylised facts of industrial dynamics on default.yaml (issue 13, item 9;
 * docs/model/stylised-facts.md): each fact of experiments/validation/stylised-facts.yaml
 * judged as the `facts` command judges it (the 95 % t interval across seeds within the
 * fact's band), on the file's ten seeds and its 120 recorded steps after the scenario's
 * warm-up: the same runs as the figures in the docs (~10-30 s).
 *
 * The bands are the literature's, argued one by one in BANDS below; the test checks that
 * the file states the same bands, so neither can drift. Facts the model does NOT reproduce
 * are `it.fails`, with the measured figures: nothing was tuned to make them pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFactsFile } from '../../src/experiments/facts/parse.js';
import { checkFacts, type FactRow } from '../../src/experiments/facts/facts.js';
import { loadScenarioFile } from '../../src/io/scenario-file.js';

const FILE = 'experiments/validation/stylised-facts.yaml';

/**
 * Each fact's band [min, max] (null: open), argued from the literature, not from the model.
 * Keys as docs/references.md lists them.
 */
const BANDS: Record<string, { statistic: string; min: number | null; max: number | null }> = {
  // [Axtell 2001]: firm sizes are Zipf-distributed (alpha ~ 1); such a distribution is
  // strongly right-skewed. Skewness above 1 is "highly skewed" by the usual rule [Bulmer 1979].
  'size-skew': { statistic: 'sizeSkewness', min: 1, max: null },
  // A lognormal body: log size symmetric (skewness 0). |skewness| <= 0.5 is "approximately
  // symmetric" [Bulmer 1979]; [Cabral 2003] find log size right-skewed for young firms only.
  'lognormal-body': { statistic: 'logSizeSkewness', min: -0.5, max: 0.5 },
  // A heavy (Pareto) upper tail: tail index below 2 (infinite variance). Above 0.5: a tail
  // heavier than that has no finite mean, never reported for firm sizes.
  'heavy-tail': { statistic: 'hillIndex', min: 0.5, max: 2 },
  // Zipf: [Axtell 2001] estimates 1.06 (s.e. 0.054); +-0.25 is ~5 of his standard errors,
  // room for the coarser sample of one district.
  'zipf-tail': { statistic: 'hillIndex', min: 0.8, max: 1.3 },
  // Tent-shaped growth rates: a Laplace has excess kurtosis 3 [Stanley 1996; Bottazzi 2006],
  // a Gaussian 0. From half to twice the Laplace's value: nearer the Laplace than the
  // Gaussian, and no fatter than a Subbotin of shape ~0.8.
  'growth-tent': { statistic: 'growthKurtosis', min: 1.5, max: 6 },
  // [Bottazzi 2006]: the Laplace fits better than the Gaussian, i.e. a positive log-likelihood
  // ratio (its large-sample value: -0.048 for Gaussian data, +0.072 for Laplace data).
  'growth-laplace-fit': { statistic: 'growthLaplaceLL', min: 0, max: null },
  // sd(g) ~ S^beta, beta ~ -0.15 to -0.2 [Stanley 1996; Amaral 1997]; -0.5 is a firm of
  // independent equal parts, the steepest a size effect can be by the law of large numbers;
  // above -0.05 is not distinguishable from flat.
  'variance-size': { statistic: 'growthSdSlope', min: -0.5, max: -0.05 },
  // Entry and exit rates "of a few to about ten percent" of firms a year [Geroski 1995],
  // [Bartelsman et al. 2005]: 2-12 %.
  'entry-rate': { statistic: 'entryRate', min: 0.02, max: 0.12 },
  'exit-rate': { statistic: 'exitRate', min: 0.02, max: 0.12 },
  // Entry and exit move together [Geroski 1995; Dunne 1988] (across industries; within one
  // market over time only the sign is asked).
  'entry-exit-comove': { statistic: 'entryExitCorrelation', min: 0, max: null },
  // The hazard falls with age [Evans 1987; Dunne 1989; Audretsch 1995]: firms under 2 years
  // exit more often than firms of 10 years or more, and than firms of 2-10 years.
  'hazard-falls': { statistic: 'hazardRatio', min: 1, max: null },
  'infant-mortality': { statistic: 'hazardRatioMid', min: 1, max: null },
  // Spin-offs of incumbents survive longer than other entrants, those of better parents the
  // longest [Klepper 2007; Klepper 2009]: the exit hazard of young spin-offs below that of
  // young entrants without a parent (ratio under 1).
  'spinoff-advantage': { statistic: 'spinoffHazardRatio', min: null, max: 1 },
};

/**
 * Facts default.yaml does not reproduce, with the figures measured by
 * `clustersim facts experiments/validation/stylised-facts.yaml` (10 seeds, after the file's
 * warm-up of 1,200 steps; mean [95 % CI]; the defaults of December 2026: entrants' first
 * line drawn from all the market's lines, `entrantLine: anyLine`, entrants KIBS at their
 * built share, `entrantKinds: scenarioMix`, and product lines lapsing at `lineTurnover` 0.13
 * a year):
 * - lognormal-body: log-size skewness 0.97 [0.89, 1.05]: the log of size is right-skewed
 *   (the upper tier of large old firms pooled with the small fringe; within an age class it
 *   is near symmetric), not symmetric;
 * - zipf-tail: Hill index 1.41 [1.10, 1.73]: a heavy tail (below 2), thinner than Zipf's.
 *   After the scenarios' own 300-step warm-up it is 0.98 [0.89, 1.07], inside the band, but
 *   there the top decile is still held by firms from the warm-up's first decades;
 * - entry-rate 12.2 % [11.8, 12.6] and exit-rate 12.0 % [11.5, 12.4] a year: just above the
 *   "few to ten percent" (12 %). Most exits are of one-line firms whose line lapses or is
 *   taken by an entrant, and exits equal entries in a steady state;
 * - spinoff-advantage: in their first two years spin-offs of firms exit 1.30 [1.16, 1.43] times
 *   as often as entrants without a parent, not less often as Klepper finds: both take 0.6-1 of
 *   their source's knowledge level, and a spin-off's parent (drawn by profit per employee) is
 *   a weaker source than the firm an entrant imitates (drawn by total profit).
 * docs/model/stylised-facts.md gives the evidence.
 */
const NOT_REPRODUCED = new Set(['lognormal-body', 'zipf-tail', 'entry-rate', 'exit-rate', 'spinoff-advantage']);

let rows: FactRow[] = [];

beforeAll(async () => {
  const spec = parseFactsFile(fs.readFileSync(FILE, 'utf8'), FILE);
  const scenario = await loadScenarioFile(path.join(path.dirname(FILE), '../../scenarios/default.yaml'));
  rows = checkFacts(spec, [{ label: 'default', scenario }])[0]!.rows;
}, 180_000);

describe('stylised-facts.yaml', () => {
  it('states the bands argued here, for every fact', () => {
    const spec = parseFactsFile(fs.readFileSync(FILE, 'utf8'), FILE);
    expect(Object.fromEntries(spec.facts.map((f) => [f.id, { statistic: f.statistic, min: f.min, max: f.max }]))).toEqual(BANDS);
    expect(spec.scenarios).toContain('../../scenarios/default.yaml');
    // The facts are of the settled district: the file replaces the scenarios' 300-step warm-up.
    expect(spec.warmup).toBe(1200);
  });
});

describe('stylised facts on default.yaml (10 seeds, 30 years from the settled state after 1,200 warm-up steps)', () => {
  const row = (id: string) => {
    const r = rows.find((x) => x.id === id);
    if (!r) throw new Error(`no row ${id}`);
    return r;
  };
  const within = (r: FactRow) => {
    const text = `${r.id}: ${r.statistic} ${r.mean.toFixed(3)} [${r.ciLow.toFixed(3)}, ${r.ciHigh.toFixed(3)}] vs [${r.min ?? '-inf'}, ${r.max ?? 'inf'}]`;
    if (r.min !== null) expect(r.ciLow, text).toBeGreaterThanOrEqual(r.min);
    if (r.max !== null) expect(r.ciHigh, text).toBeLessThanOrEqual(r.max);
    expect(r.reproduced, text).toBe(true);
  };
  for (const id of Object.keys(BANDS)) {
    if (NOT_REPRODUCED.has(id)) it.fails(`${id} (not reproduced: see the list above)`, () => within(row(id)));
    else it(id, () => within(row(id)));
  }
  it('measures every statistic as a finite number', () => {
    for (const r of rows) {
      expect(Number.isFinite(r.mean), r.id).toBe(true);
      expect(r.seeds, r.id).toBe(10);
    }
  });
});
