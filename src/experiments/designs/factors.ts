/**
 * A varied field as a design factor: a map from the unit interval to the field's values.
 * Samplers (lhs, sobol, morris) draw unit coordinates; `fromUnit` turns them into values.
 */
import type { ParamValue, Vary } from '../schema.js';

export type Factor =
  | { path: string; kind: 'values'; values: ParamValue[] }
  | { path: string; kind: 'range'; min: number; max: number; scale: 'linear' | 'log'; integer: boolean; count?: number };

export function toFactor(v: Vary): Factor {
  if (v.values !== undefined) return { path: v.path, kind: 'values', values: v.values };
  return { path: v.path, kind: 'range', min: v.min!, max: v.max!, scale: v.scale, integer: v.integer, count: v.count };
}

/** The factor's value at unit coordinate u in [0, 1] (1 maps to the last value / max). */
export function fromUnit(f: Factor, u: number): ParamValue {
  if (f.kind === 'values') return f.values[Math.min(f.values.length - 1, Math.floor(u * f.values.length))]!;
  if (f.integer) {
    // Every whole number in [min, max] gets an equal share of the unit interval.
    const lo = Math.ceil(f.min);
    const hi = Math.floor(f.max);
    return Math.min(hi, lo + Math.floor(u * (hi - lo + 1)));
  }
  if (f.scale === 'log') return Math.exp(Math.log(f.min) + u * (Math.log(f.max) - Math.log(f.min)));
  return f.min + u * (f.max - f.min);
}

/** The grid values of a factor: its list, or `count` evenly spaced values of its range. */
export function gridValues(f: Factor): ParamValue[] | undefined {
  if (f.kind === 'values') return f.values;
  if (f.count === undefined) return undefined;
  const n = f.count;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = n === 1 ? 0 : i / (n - 1);
    let x = f.scale === 'log' ? Math.exp(Math.log(f.min) + u * (Math.log(f.max) - Math.log(f.min))) : f.min + u * (f.max - f.min);
    if (i === n - 1 && n > 1) x = f.max; // exact end point, not min + 1.0000000000000002 * range
    if (f.integer) x = Math.round(x);
    if (!out.includes(x)) out.push(x);
  }
  return out;
}
