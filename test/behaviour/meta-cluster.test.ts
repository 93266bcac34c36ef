/**
 * docs/model.md, Behaviour and validation: match-making and inter-cluster cooperation raise inter-regional ties and,
 * past a threshold, join the regional networks into one component (a meta-cluster, 004).
 * Four separate regional clusters (scenarios/experiments/meta-cluster.yaml), same seeds.
 *
 * Power (helpers.ts; pilot of 30 paired seeds on the current model, δ = mean paired
 * difference, σ = its sd, n = seeds needed for power 0.8): the effects need 3-8 seeds; 16 run
 * by default, 64 with CLUSTERSIM_LONG=1.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/schema.js';
import { experiment, expectPositiveMean, paired, runs, seedCount, series } from './helpers.js';

const SEEDS = seedCount(16);

function withIntensity(base: Scenario, k: number): Scenario {
  const sc = structuredClone(base);
  sc.policies[0].intensity = k;
  sc.policies[1].intensity = k;
  return sc;
}

describe('meta-cluster (docs/model.md, Behaviour and validation)', async () => {
  const base = await experiment('meta-cluster');
  /** Each seed's final inter-regional share and giant-component share at lever intensity k. */
  const at = (k: number) => {
    const r = runs(withIntensity(base, k), SEEDS, base.steps);
    return { inter: r.map((x) => series(x, 'network.interRegionalShare').at(-1)!), giant: r.map((x) => series(x, 'network.giantShare').at(-1)!) };
  };
  const none = at(0), below = at(0.002), low = at(0.005), high = at(0.05);

  it('without the levers the regions stay apart: no inter-regional tie, giant component = one region', () => {
    // Structural, not statistical: the regions are 250 km apart and the firms' own remote
    // search is off, so no mechanism can tie two regions; seed by seed (pilot: 0 and at most
    // 0.25 in 30 of 30 seeds).
    expect(none.inter).toEqual(none.inter.map(() => 0));
    for (const g of none.giant) expect(g).toBeLessThanOrEqual(0.3);
  });

  it('more intensity, more inter-regional ties', () => {
    // Pilot: at intensity 0.005 the share is δ = 0.0032, σ = 0.0018 (δ/σ = 1.8; 0 in 1 of 30
    // seeds), n needed 5 (6 with σ at its 90 % upper confidence bound); at 0.05 - 2 at 0.005
    // δ = 0.024, σ = 0.0055 (δ/σ = 4.4; 9.5 times as many on average), n needed 3. Both
    // asserted as means (95 % CI above 0).
    expectPositiveMean(low.inter, 'inter-regional share at intensity 0.005');
    expectPositiveMean(paired(high.inter, low.inter, 2), 'inter-regional share at 0.05 - 2 at 0.005');
  });

  it('past a threshold the four regional networks form one component', () => {
    // Pilot: below the threshold (intensity 0.002) the giant component is 0.25-1 by seed (one
    // to four regions joined, 1 in 2 of 30 seeds, 0.50 on average): 0.8 - it δ = 0.30,
    // σ = 0.21 (δ/σ = 1.4), n needed 6 (8 with σ at its 90 % upper confidence bound), a mean.
    // Above it (0.05) it is at least 0.99: - 0.97 δ = 0.029, σ = 0.0022 (δ/σ = 13), seed by seed.
    expectPositiveMean(below.giant.map((g) => 0.8 - g), '0.8 - giant component at intensity 0.002');
    for (const g of high.giant) expect(g).toBeGreaterThan(0.97);
  });
});
