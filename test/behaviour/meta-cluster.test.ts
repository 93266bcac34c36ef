/**
 * docs/model.md, Behaviour and validation: match-making and inter-cluster cooperation raise inter-regional ties and,
 * past a threshold, join the regional networks into one component (a meta-cluster, 004).
 * Four separate regional clusters (scenarios/experiments/meta-cluster.yaml), same seeds.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/schema.js';
import { experiment, mean, runs, series } from './helpers.js';

const SEEDS = 4;
const final = (sc: Scenario, metric: string) => runs(sc, SEEDS, sc.steps).map((r) => series(r, metric).at(-1)!);

function withIntensity(base: Scenario, k: number): Scenario {
  const sc = structuredClone(base);
  sc.policies[0].intensity = k;
  sc.policies[1].intensity = k;
  return sc;
}

describe('meta-cluster (docs/model.md, Behaviour and validation)', () => {
  it('without the levers the regions stay apart: no inter-regional tie, giant component = one region', async () => {
    const none = withIntensity(await experiment('meta-cluster'), 0);
    expect(final(none, 'network.interRegionalShare')).toEqual([0, 0, 0, 0]);
    for (const g of final(none, 'network.giantShare')) expect(g).toBeLessThanOrEqual(0.3);
  });

  it('more intensity, more inter-regional ties', async () => {
    const base = await experiment('meta-cluster');
    const low = mean(final(withIntensity(base, 0.005), 'network.interRegionalShare'));
    const high = mean(final(withIntensity(base, 0.05), 'network.interRegionalShare'));
    expect(low).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(2 * low);
  });

  it('past a threshold the four regional networks form one component', async () => {
    const base = await experiment('meta-cluster');
    const below = final(withIntensity(base, 0.002), 'network.giantShare');
    const above = final(withIntensity(base, 0.05), 'network.giantShare');
    expect(mean(below)).toBeLessThan(0.8);
    for (const g of above) expect(g).toBeGreaterThan(0.97);
  });
});
