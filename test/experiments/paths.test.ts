/** Dotted paths into scenarios. */
import { describe, expect, it } from 'vitest';
import { getPath, resolvePath, setPathInPlace, withPath } from '../../src/experiments/paths.js';

const obj = { parameters: { mechanisms: { spillover: { rate: 0.1 } } }, policies: [{ intensity: 1 }] };

describe('paths', () => {
  it('reads and writes object keys and array indices without changing the input', () => {
    expect(getPath(obj, 'policies.0.intensity')).toBe(1);
    const copy = withPath(obj, 'parameters.mechanisms.spillover.rate', 0.3);
    expect(getPath(copy, 'parameters.mechanisms.spillover.rate')).toBe(0.3);
    expect(obj.parameters.mechanisms.spillover.rate).toBe(0.1);
  });
  it('explains what is missing', () => {
    expect(resolvePath(obj, 'parameters.mechanism.x')).toMatchObject({ ok: false, at: 'parameters.mechanism', allowed: 'mechanisms' });
    expect(resolvePath(obj, 'policies.intensity')).toMatchObject({ ok: false, reason: expect.stringContaining('index it by number') });
    expect(resolvePath(obj, 'parameters.mechanisms.spillover.radiusKm')).toEqual({ ok: true });
  });
});

describe('paths never reach a prototype', () => {
  it('refuses __proto__, constructor and prototype segments', () => {
    for (const p of ['__proto__.polluted', 'parameters.__proto__.x', 'parameters.constructor.prototype.x', 'prototype']) {
      const r = resolvePath(obj, p);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/is not allowed in a path/);
      expect(() => setPathInPlace(structuredClone(obj), p, 1)).toThrow(/not allowed/);
      expect(getPath(obj, p)).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('follows only own fields (toString is not a scenario field)', () => {
    expect(resolvePath(obj, 'parameters.toString.x')).toMatchObject({ ok: false, reason: "no field 'toString'" });
    expect(getPath(obj, 'parameters.hasOwnProperty')).toBeUndefined();
  });
});
