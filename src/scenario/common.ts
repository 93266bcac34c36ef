/** Small zod building blocks shared by the scenario schema, mechanisms and levers. */
import { z } from 'zod';

/** A probability or share in [0, 1]. */
export const prob = () => z.number().min(0).max(1);
export const nonneg = () => z.number().min(0);
export const positive = () => z.number().gt(0);
export const count = () => z.number().int().min(0);

/** A closed interval [lo, hi] from which initial values are drawn uniformly. */
export const range = (lo = -Infinity, hi = Infinity) =>
  z
    .tuple([z.number().min(lo).max(hi), z.number().min(lo).max(hi)])
    .refine(([a, b]) => a <= b, { message: 'range must be [low, high] with low <= high' });

/** Identifier used to reference regions, sectors, domains and lever instances. */
export const ident = () =>
  z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'an identifier: a letter, then letters, digits, _ or -');

/** A number, or a mathjs expression of the step `t` and last step's system metrics. */
export const numOrExpr = () => z.union([z.number(), z.string().min(1)]);

/** Every mechanism's parameters carry `enabled`, so any mechanism can be switched off. */
export const mechanismParams = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject({ enabled: z.boolean().default(true), ...shape }).prefault(() => ({}) as never);
