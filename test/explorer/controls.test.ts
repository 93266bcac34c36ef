/** The data-driven sliders and choices: every declared path exists in the schema, and setting one changes what it should. */
import { describe, expect, it } from 'vitest';
import { SLIDERS, CHOICES, describeSliders, describeChoices, describeControls, describeLeverSettings, applySlider, sliderValue, applyChoice, choiceValue, parsePath, type Slider } from '../../src/explorer/controls.js';
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
    expect(() => parsePath('regions..x')).toThrow(/bad control path/);
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

const choices = describeChoices();
const choice = (k: string) => choices.find((c) => c.key === k)!;

/** Two sectors of different knowledge bases, the second leaving its technology intensity to the default. */
const twoSectors = () => ({
  ...twoRegions(),
  sectors: [{ id: 'f', knowledgeBase: 'analytical', techIntensity: 'high' }, { id: 'g', knowledgeBase: 'symbolic' }],
});

describe('explorer choices', () => {
  it('reads every choice\'s values and explanation from the schema\'s enum and description', () => {
    expect(choices.map((c) => c.key)).toEqual(CHOICES.map((c) => c.key));
    for (const k of ['knowledgeBase', 'techIntensity', 'lineLoss', 'outsideSupplier', 'entrantLine', 'entrantKinds']) expect(choice(k), k).toBeDefined();
    expect(choice('knowledgeBase').options).toEqual(['analytical', 'synthetic', 'symbolic']);
    expect(choice('techIntensity').options).toEqual(['low', 'medium', 'high']);
    expect(choice('lineLoss')).toMatchObject({ options: ['uniform', 'relative'], schemaDefault: 'uniform' });
    expect(choice('outsideSupplier')).toMatchObject({ options: ['held', 'persistent'], schemaDefault: 'persistent' });
    expect(choice('entrantLine')).toMatchObject({ options: ['importsFirst', 'anyLine'], schemaDefault: 'anyLine' });
    expect(choice('entrantKinds')).toMatchObject({ options: ['sme', 'scenarioMix'], schemaDefault: 'scenarioMix' });
    expect(choice('knowledgeBase').description).toMatch(/Asheim & Gertler/);
    expect(choice('lineLoss').description).toMatch(/competitiveness/);
    for (const c of choices) {
      expect(c.description.length, c.key).toBeGreaterThan(10);
      expect(c.label, c.key).not.toBe('');
    }
  });

  it('fails on a path the schema lacks or a field that is not a list of values, and on a key used twice', () => {
    expect(() => describeChoices([{ key: 'x', path: 'parameters.mechanisms.market.lineLos', group: 'g' }])).toThrow(/choice path .*no field 'lineLos'.*lineLoss/);
    expect(() => describeChoices([{ key: 'x', path: 'parameters.mechanisms.market.elasticity', group: 'g' }])).toThrow(/choice path .*not one of a list of values/);
    expect(() => describeControls(SLIDERS, [{ key: 'trust', path: 'sectors.*.knowledgeBase', group: 'g' }])).toThrow(/key 'trust' is used twice/);
    expect(() => describeControls()).not.toThrow();
  });

  it('refuses a key the page\'s URL uses for itself or for the levers', () => {
    for (const key of ['seed', 'autoplay']) {
      expect(() => describeControls(SLIDERS, [{ key, path: 'sectors.*.knowledgeBase', group: 'g' }])).toThrow(new RegExp(`key '${key}' is not allowed`));
    }
    expect(() => describeSliders([{ key: 'budget.x', path: 'regions.*.socialCapital', group: 'g' }])).toThrow(/key 'budget.x' is not allowed/);
  });

  it('has the efficiency spread as a slider over the schema\'s range', () => {
    expect(byKey('efficiencySd')).toMatchObject({ path: 'parameters.mechanisms.market.efficiencySd', min: 0, max: 1, schemaDefault: 0 });
  });

  it('reads a parameter\'s value, the schema\'s default when the scenario leaves it out, and sets it', () => {
    const sc: Record<string, unknown> = twoRegions();
    expect(choiceValue(sc, choice('lineLoss'))).toEqual({ value: 'uniform', mixed: false });
    applyChoice(sc, choice('lineLoss'), 'relative');
    expect((sc as any).parameters.mechanisms.market.lineLoss).toBe('relative');
    expect(choiceValue(sc, choice('lineLoss'))).toEqual({ value: 'relative', mixed: false });
    expect(validateScenario(sc, 't').ok).toBe(true);
  });

  it('sets a sector field in every sector, and says when the sectors differ', () => {
    const sc = twoSectors();
    expect(choiceValue(sc, choice('knowledgeBase'))).toEqual({ value: 'analytical', mixed: true });
    expect(choiceValue(sc, choice('techIntensity'))).toEqual({ value: 'high', mixed: true }); // the second takes the default, medium
    applyChoice(sc, choice('knowledgeBase'), 'analytical');
    expect(sc.sectors.map((s) => s.knowledgeBase)).toEqual(['analytical', 'analytical']);
    expect(choiceValue(sc, choice('knowledgeBase'))).toEqual({ value: 'analytical', mixed: false });
    applyChoice(sc, choice('techIntensity'), 'low');
    expect(sc.sectors.map((s) => (s as { techIntensity?: string }).techIntensity)).toEqual(['low', 'low']);
    expect(validateScenario(sc, 't').ok).toBe(true);
  });

  it('changes nothing for a value not among the options', () => {
    const sc = twoSectors();
    const before = JSON.stringify(sc);
    applyChoice(sc, choice('knowledgeBase'), 'scientific');
    expect(JSON.stringify(sc)).toBe(before);
  });
});
