/** The data-driven sliders: every declared path exists in the schema, and setting one changes what it should. */
import { describe, expect, it } from 'vitest';
import { SLIDERS, describeSliders, describeLeverSettings, applySlider, sliderValue, parsePath, type Slider } from '../../src/explorer/controls.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { KIND_DEFAULTS } from '../../src/engine/build.js';

const sliders = describeSliders();
const byKey = (k: string) => sliders.find((s) => s.key === k)!;

const twoRegions = () => ({
  name: 't', domains: ['a', 'b'],
  regions: [{ id: 'n', country: 'IT', center: [0, 0], socialCapital: 0.2 }, { id: 's', country: 'IT', center: [50, 0], socialCapital: 0.6 }],
  sectors: [{ id: 'f' }],
  populations: [
    { kind: 'sme', region: 'n', sector: 'f', count: 30, openness: [0.2, 0.4] },
    { kind: 'sme', region: 's', sector: 'f', count: 10 },
    { kind: 'research', region: 's', sector: 'f', count: 1 },
  ],
});

describe('explorer sliders', () => {
  it('describes every declared slider from the schema: label, unit, range and explanation', () => {
    expect(sliders).toHaveLength(SLIDERS.length);
    for (const s of sliders) {
      expect(s.description.length, s.key).toBeGreaterThan(10);
      expect(s.unit, s.key).not.toBe('');
      expect(s.max, s.key).toBeGreaterThan(s.min);
      expect(s.step, s.key).toBeGreaterThan(0);
    }
    // The parameters the issue names are all there.
    for (const k of ['trust', 'openness', 'absorptive', 'ict', 'spillRadius', 'remoteSearch', 'spinoff', 'elasticity', 'returns', 'lockIn', 'tieLearning']) expect(byKey(k), k).toBeDefined();
    expect(byKey('spillRadius').unit).toBe('km');
    expect(byKey('trust').description).toMatch(/trust/i);
    expect(byKey('openness').range).toBe(true);
    expect(describeLeverSettings().budget).toMatch(/Money per step/);
  });

  it('fails on a path the schema lacks, naming the field and what is there', () => {
    expect(() => describeSliders([{ key: 'x', path: 'parameters.mechanisms.market.elastisity', group: 'g' }])).toThrow(/no field 'elastisity'.*elasticity/);
    expect(() => describeSliders([{ key: 'x', path: 'regions.*.id', group: 'g' }])).toThrow(/not a number/);
    expect(() => parsePath('regions..x')).toThrow(/bad slider path/);
  });

  it('sets a single field exactly, and creates missing parameter objects', () => {
    const sc: Record<string, unknown> = twoRegions();
    applySlider(sc, byKey('spillRadius'), 25);
    expect((sc as any).parameters.mechanisms.spillover.radiusKm).toBe(25);
    expect(sliderValue(sc, byKey('spillRadius'))).toBe(25);
    expect(validateScenario(sc, 't').ok).toBe(true);
  });

  it('moves every region by the same amount, so regions keep their differences', () => {
    const sc = twoRegions();
    expect(sliderValue(sc, byKey('trust'))).toBeCloseTo(0.4);
    applySlider(sc, byKey('trust'), 0.5);
    expect(sc.regions.map((r) => r.socialCapital)).toEqual([0.3, 0.7]);
    expect(sliderValue(sc, byKey('trust'))).toBeCloseTo(0.5);
    applySlider(sc, byKey('trust'), 1); // clamped at the schema's maximum
    expect(sc.regions.map((r) => r.socialCapital)).toEqual([0.8, 1]);
  });

  it('shifts [low, high] ranges of SME populations only, counting kind defaults where a range is left out', () => {
    const sc = twoRegions();
    const sme = KIND_DEFAULTS.sme.openness;
    const mean = (30 * 0.3 + 10 * (sme[0] + sme[1]) / 2) / 40;
    expect(sliderValue(sc, byKey('openness'))).toBeCloseTo(mean);
    applySlider(sc, byKey('openness'), mean + 0.1);
    expect(sc.populations[0].openness![0]).toBeCloseTo(0.3);
    expect(sc.populations[0].openness![1]).toBeCloseTo(0.5);
    expect(sc.populations[1].openness![0]).toBeCloseTo(sme[0] + 0.1);
    expect(sc.populations[2].openness).toBeUndefined(); // research, not an SME
    expect(validateScenario(sc, 't').ok).toBe(true);
  });

  it('scales every population for the agent count, keeping each at least 1', () => {
    const sc = twoRegions();
    const agents = byKey('agents') as Slider;
    expect(sliderValue(sc, agents)).toBe(41);
    applySlider(sc, agents, 410);
    expect(sc.populations.map((p) => p.count)).toEqual([300, 100, 10]);
    applySlider(sc, agents, 4);
    expect(sc.populations.every((p) => p.count >= 1)).toBe(true);
  });

  it('names no field when the scenario has none (no SME population): no value, no change', () => {
    const sc = twoRegions();
    sc.populations = sc.populations.filter((p) => p.kind !== 'sme');
    expect(sliderValue(sc, byKey('openness'))).toBeUndefined();
    const before = JSON.stringify(sc);
    applySlider(sc, byKey('openness'), 0.9);
    expect(JSON.stringify(sc)).toBe(before);
  });
});
