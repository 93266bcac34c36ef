/** `--set PATH=VALUE`: parsing, path checks with the experiment paths' messages, validation. */
import { describe, expect, it } from 'vitest';
import { applyOverrides, parseOverride, parseOverrides, runSettings } from '../../src/experiments/overrides.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { UserError } from '../../src/messages.js';
import { smallScenario } from '../fixtures/scenarios.js';

describe('--set', () => {
  it('reads the value as YAML: numbers, booleans, lists, mappings, text', () => {
    expect(parseOverride('steps=40')).toMatchObject({ path: 'steps', value: 40 });
    expect(parseOverride('parameters.mechanisms.spillover.enabled=false')).toMatchObject({ value: false });
    expect(parseOverride('policies.0.target.kinds=[sme, kibs]')).toMatchObject({ path: 'policies.0.target.kinds', value: ['sme', 'kibs'] });
    expect(parseOverride('record={every: 4}')).toMatchObject({ value: { every: 4 } });
    expect(parseOverride('name=a=b')).toMatchObject({ path: 'name', value: 'a=b' });
  });
  it('rejects what is not PATH=VALUE, and prototype names', () => {
    expect(parseOverride('steps')).toMatchObject({ file: '--set', message: 'expected PATH=VALUE' });
    expect(parseOverride('steps=')).toMatchObject({ message: "no value after 'steps='" });
    expect(parseOverride('a..b=1')).toMatchObject({ message: "'a..b' is not a field path" });
    expect(parseOverride('__proto__.x=1')).toMatchObject({ message: "'__proto__.x' is not a field path" });
    expect(() => parseOverrides(['steps', 'x=1'])).toThrow(UserError);
  });
  it('applies in order, validates the result and names the --set at fault', () => {
    const base = smallScenario();
    const sc = applyOverrides(base, parseOverrides(['parameters.mechanisms.spillover.rate=0.1', 'parameters.mechanisms.spillover.rate=0.2']), 'base.yaml', validateScenario);
    expect(sc.parameters.mechanisms.spillover.rate).toBe(0.2);
    expect(base.parameters.mechanisms.spillover.rate).not.toBe(0.2); // the input is not changed
    const err = (() => {
      try {
        applyOverrides(base, parseOverrides(['parameters.mechanisms.spillover.rate=-1']), 'base.yaml', validateScenario);
      } catch (e) {
        return e as UserError;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect(err!.issues[0]).toMatchObject({ file: '--set', path: 'parameters.mechanisms.spillover.rate=-1' });
    expect(err!.issues[0]!.message).toMatch(/the value -1 for 'parameters.mechanisms.spillover.rate' is not valid in the scenario/);
  });
  it('checks the path as an experiment does', () => {
    expect(() => applyOverrides(smallScenario(), parseOverrides(['populations.7.count=1']), 'base.yaml', validateScenario)).toThrow(
      /unknown parameter path 'populations.7.count' in the scenario base.yaml: 'populations' has \d+ entries \(at 'populations.7'\)/,
    );
    expect(() => applyOverrides(smallScenario(), parseOverrides(['parameters.mechanisms.spilover.rate=1']), 'base.yaml', validateScenario)).toThrow(
      /no field 'spilover'/,
    );
  });
  it('takes seed= and steps= of a single run as run settings', () => {
    expect(runSettings(parseOverrides(['seed=7', 'steps=3', 'name=x']))).toMatchObject({ seed: 7, steps: 3, rest: [{ path: 'name' }] });
    expect(() => runSettings(parseOverrides(['steps=0']))).toThrow(/steps must be a whole number >= 1/);
    expect(() => runSettings(parseOverrides(['seed=-1']))).toThrow(/seed must be a whole number in \[0, 2\^32 - 1\]/);
  });
});
