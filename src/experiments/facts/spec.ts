/**
 * The stylised-facts file format (experiments/validation/stylised-facts.yaml): which
 * scenarios to run, with which seeds and for how many recorded steps (after each
 * scenario's own warm-up), how to measure, and for each fact the band of the statistic
 * that counts as reproducing it, with its source. One zod schema; see
 * docs/model/stylised-facts.md.
 */
import { z } from 'zod';
import { DEFAULT_MEASURE } from './measure.js';
import { LIMITS } from '../../scenario/limits.js';

/** The statistics a fact can be judged on (keys of a run's measures, measure.ts). */
export const STATISTICS = [
  'sizeSkewness',
  'logSizeSkewness',
  'hillIndex',
  'growthKurtosis',
  'growthLaplaceLL',
  'growthSdSlope',
  'entryRate',
  'exitRate',
  'entryExitCorrelation',
  'hazardRatio',
  'hazardRatioMid',
  'spinoffHazardRatio',
] as const;
export type Statistic = (typeof STATISTICS)[number];

const seed = z.int().min(0).max(2 ** 32 - 1);

export const FactSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'a short name: a lower-case letter, then letters, digits or -').describe('Short name of the check.'),
  fact: z.string().min(1).describe('The stylised fact, in words.'),
  statistic: z.enum(STATISTICS).describe('The statistic judged (docs/model/stylised-facts.md defines each).'),
  min: z.number().nullable().default(null).describe('Lowest value that reproduces the fact (null: no lower bound).'),
  max: z.number().nullable().default(null).describe('Highest value that reproduces the fact (null: no upper bound).'),
  literature: z.string().min(1).describe('The value in the literature, in words.'),
  source: z.string().min(1).describe('Reference keys, e.g. [Axtell 2001], and why the band is what it is.'),
});
export type Fact = z.infer<typeof FactSchema>;

export const MeasureSchema = z.strictObject({
  tailShare: z.number().gt(0).lt(0.5).default(DEFAULT_MEASURE.tailShare).describe('Share of the largest firms the Hill index is estimated on.'),
  sizeClasses: z.int().min(1).max(20).default(DEFAULT_MEASURE.sizeClasses).describe('Size classes (quantiles of log size) within which growth rates are standardised.'),
  varianceBins: z.int().min(3).max(50).default(DEFAULT_MEASURE.varianceBins).describe('Size bins (quantiles of log size) of the sd of growth against size.'),
  ageClasses: z
    .array(z.number().min(0))
    .min(2)
    .default(DEFAULT_MEASURE.ageClasses)
    .refine((a) => a[0] === 0 && a.every((v, i) => i === 0 || v > a[i - 1]!), { message: 'age classes start at 0 and increase', params: { allowed: 'e.g. [0, 1, 2, 3, 5, 10, 20]' } })
    .describe('Lower bounds (years) of the age classes of the exit hazard.'),
  youngYears: z.number().gt(0).default(DEFAULT_MEASURE.youngYears).describe('The hazard ratios compare firms younger than this (years) ..., and the spin-off hazard ratio takes the firms born in the run while younger than this.'),
  oldYears: z.number().gt(0).default(DEFAULT_MEASURE.oldYears).describe('... with firms this old or older (years).'),
});

export const FactsFileSchema = z
  .strictObject({
    name: z.string().min(1).describe('Name of the check (the default output folder is out/<name>).'),
    description: z.string().optional(),
    scenarios: z.array(z.string().min(1)).min(1).describe('Scenario files, relative to this file (or absolute).'),
    seeds: z.array(seed).min(2).describe('Seeds: one run of each scenario per seed (at least two, for an interval across seeds).'),
    steps: z.int().min(8).max(10_000).describe('Recorded steps per run, after the scenario\'s warm-up (at least two years of quarters).'),
    warmup: z
      .int()
      .min(0)
      .max(LIMITS.steps)
      .optional()
      .describe('Unrecorded steps before step 0 in every scenario, in place of each scenario\'s own warmup, so that the facts are measured on the settled district (docs/model/stylised-facts.md). Omitted: each scenario\'s own warm-up. A --set warmup=N on the command line wins over it.'),
    measure: MeasureSchema.prefault({}),
    facts: z.array(FactSchema).min(1),
  })
  .refine((f) => f.measure.youngYears <= f.measure.oldYears, { message: 'youngYears must not exceed oldYears', path: ['measure', 'youngYears'] });
export type FactsFile = z.infer<typeof FactsFileSchema>;
