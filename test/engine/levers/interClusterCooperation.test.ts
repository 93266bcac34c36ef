/** Inter-cluster cooperation by company missions (004): cross-region ties between related sectors. */
import { describe, expect, it } from 'vitest';
import { NO_EXIT, expectIssue, pair, sharedLeverChecks, value } from './helpers.js';

const related = { relatedness: [{ a: 'wood', b: 'metal', value: 0.6 }] };
const entry = { lever: 'interClusterCooperation', params: related };

describe('interClusterCooperation', () => {
  it('ties firms to related-sector firms of other regions: inter-regional ties, a larger giant component', () => {
    const { on, off } = pair([{ ...entry, budget: 10 }], { ...NO_EXIT, steps: 16 });
    expect(value(off, 'network.interRegionalShare')).toBe(0);
    expect(value(on, 'network.interRegionalShare')).toBeGreaterThan(0.05);
    expect(value(on, 'network.giantShare')).toBeGreaterThan(value(off, 'network.giantShare'));
  });
  it('sends no mission where no sector is related enough', () => {
    const { on } = pair([{ ...entry, budget: 10, params: { relatedness: [{ a: 'wood', b: 'metal', value: 0.2 }] } }], NO_EXIT);
    expect(value(on, 'network.interRegionalShare')).toBe(0);
  });
  it('visits only regions of another country when otherCountry is set', () => {
    const sameCountry = {
      ...NO_EXIT,
      regions: [
        { id: 'north', country: 'IT', center: [0, 0], radiusKm: 10 },
        { id: 'south', country: 'IT', center: [150, 0], radiusKm: 10 },
      ],
    };
    expect(value(pair([{ ...entry, budget: 10, params: { ...related, otherCountry: true } }], sameCountry).on, 'network.interRegionalShare')).toBe(0);
    expect(value(pair([{ ...entry, budget: 10 }], sameCountry).on, 'network.interRegionalShare')).toBeGreaterThan(0);
  });
  sharedLeverChecks(entry, { budget: 3.5, over: NO_EXIT });
  it('rejects unknown sectors and regions, naming the field', () => {
    expectIssue([{ ...entry, params: { relatedness: [{ a: 'wood', b: 'steel', value: 0.5 }] } }], 'policies.0.params.relatedness.0.b', /unknown sector 'steel'/);
    expectIssue([{ ...entry, params: { hostRegions: ['south', 'west'] } }], 'policies.0.params.hostRegions.1', /unknown region 'west'/);
    expectIssue([{ ...entry, params: { relatedness: [{ a: 'wood', b: 'metal', value: 2 }] } }], 'policies.0.params.relatedness.0.value', /<=1/);
  });
});
