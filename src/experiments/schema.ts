/**
 * The experiment file format: one zod schema, from which the TypeScript types and the
 * editor JSON Schema (schema/experiment.schema.json) are derived.
 *
 * An experiment names a base scenario, what to vary (dotted paths into the scenario), a
 * design that turns those into design points, how many replicates of each point to run,
 * and which metrics to keep at which steps. See docs/experiments.md.
 */
import { z } from 'zod';
import { FORBIDDEN_KEYS, isForbiddenKey } from '../scenario/document.js';
import { LIMITS } from '../scenario/limits.js';

/** A value a varied field can take: numbers mostly, strings or booleans for switches. */
export const ParamValueSchema = z.union([z.number(), z.string(), z.boolean()]);
export type ParamValue = z.infer<typeof ParamValueSchema>;

/** A dotted path into the scenario: object keys and array indices, e.g. `policies.0.intensity`. */
export const PATH_PATTERN = /^[A-Za-z_$][\w$-]*(\.([A-Za-z_$][\w$-]*|\d+))*$/;

const seedField = () =>
  z
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .describe('A whole number in [0, 2^32 - 1].');

/**
 * One varied field. Give either `values` (a list; used by grid designs and sampled
 * uniformly by the others) or a range `min`..`max` (sampled by lhs/sobol/morris; a grid
 * needs `count` evenly spaced values from it).
 */
export const VarySchema = z
  .strictObject({
    path: z
      .string()
      .regex(PATH_PATTERN, 'a dotted path such as parameters.mechanisms.spillover.rate or policies.0.intensity')
      .refine((p) => !p.split('.').some(isForbiddenKey), {
        message: `a path must not contain ${FORBIDDEN_KEYS.join(', ')} (they would reach the prototype of JavaScript objects)`,
        params: { allowed: 'the field names of the scenario, e.g. parameters.mechanisms.spillover.rate' },
      })
      .describe('Dotted path of the scenario field to vary; array elements by index (policies.0.intensity).'),
    label: z.string().min(1).max(80).optional().describe('A short name for charts and tables (default: the last segments of the path).'),
    values: z.array(ParamValueSchema).min(1).optional().describe('The values to try (grid), or to sample from.'),
    min: z.number().optional().describe('Lower end of a range.'),
    max: z.number().optional().describe('Upper end of a range.'),
    count: z.int().min(1).optional().describe('Grid only: this many evenly spaced values from min to max.'),
    scale: z.enum(['linear', 'log']).default('linear').describe('log: sample or space the range logarithmically (min > 0).'),
    integer: z.boolean().default(false).describe('Round values from a range to whole numbers.'),
  })
  .superRefine((v, ctx) => {
    const hasRange = v.min !== undefined || v.max !== undefined;
    if (v.values !== undefined && hasRange) {
      ctx.addIssue({ code: 'custom', message: 'give either values or min/max, not both', path: ['values'] });
    }
    if (hasRange && (v.min === undefined || v.max === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a range needs both min and max', path: [v.min === undefined ? 'min' : 'max'] });
    }
    if (v.min !== undefined && v.max !== undefined && v.min > v.max) {
      ctx.addIssue({
        code: 'custom',
        message: `the range is empty: min (${v.min}) is greater than max (${v.max})`,
        path: ['min'],
        params: { allowed: `min <= max (${v.max})` },
      });
    }
    if (v.scale === 'log' && v.min !== undefined && v.min <= 0) {
      ctx.addIssue({ code: 'custom', message: 'a log scale needs min > 0', path: ['min'], params: { allowed: 'a number > 0' } });
    }
    if (v.count !== undefined && !hasRange) {
      ctx.addIssue({ code: 'custom', message: 'count spaces a range: give min and max with it', path: ['count'] });
    }
  });
export type Vary = z.infer<typeof VarySchema>;

const bootstrapField = () =>
  z.int().min(0).max(LIMITS.bootstrap).default(1000).describe('Bootstrap resamples for the confidence intervals of the indices (0: none).');
const confidenceField = () => z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the intervals.');

export const GridDesignSchema = z.strictObject({
  type: z.literal('grid').describe('Every combination of the values of every varied field.'),
});
export const ListDesignSchema = z.strictObject({
  type: z.literal('list').describe('Exactly the combinations listed in points.'),
  points: z
    .array(z.record(z.string(), ParamValueSchema))
    .min(1)
    .describe('Each point maps every varied path to its value.'),
});
export const LhsDesignSchema = z.strictObject({
  type: z.literal('lhs').describe('Latin hypercube: samples points, each range cut into samples strata, one point per stratum.'),
  samples: z.int().min(1).describe('Number of design points.'),
  seed: seedField().optional().describe("The sampler's seed (default: the experiment's seed)."),
});
export const SobolDesignSchema = z.strictObject({
  type: z
    .literal('sobol')
    .describe("Saltelli's scheme on a Sobol sequence: samples * (k + 2) points for k varied fields; gives S1 and ST indices."),
  samples: z.int().min(2).describe('Base sample size N (a power of two is best).'),
  seed: seedField().optional().describe("Seed of the sequence's random digital shift (default: the experiment's seed)."),
  bootstrap: bootstrapField(),
  confidence: confidenceField(),
});
export const MorrisDesignSchema = z.strictObject({
  type: z.literal('morris').describe('Morris elementary effects: trajectories * (k + 1) points; gives mu* and sigma.'),
  trajectories: z.int().min(2).describe('Number of one-at-a-time trajectories r.'),
  levels: z.int().min(2).default(4).describe('Grid levels p per field (even is best).'),
  seed: seedField().optional().describe("The sampler's seed (default: the experiment's seed)."),
  bootstrap: bootstrapField(),
  confidence: confidenceField(),
});

export const DesignSchema = z.discriminatedUnion('type', [
  GridDesignSchema,
  ListDesignSchema,
  LhsDesignSchema,
  SobolDesignSchema,
  MorrisDesignSchema,
]);
export type Design = z.infer<typeof DesignSchema>;
export type DesignType = Design['type'];
export const DESIGN_TYPES = ['grid', 'list', 'lhs', 'sobol', 'morris'] as const satisfies readonly DesignType[];

/** Which recorded steps to keep: the final one, all, every k-th (plus the final), or a list. */
export const KeepStepsSchema = z.union([
  z.literal('final'),
  z.literal('all'),
  z.strictObject({ every: z.int().min(1).describe('Keep steps that are multiples of every, and the final step.') }),
  z.array(z.int().min(0)).min(1),
]);
export type KeepSteps = z.infer<typeof KeepStepsSchema>;

export const KeepSchema = z.strictObject({
  metrics: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Metric names to keep (system scope), or name@scope (name@region:north, name@region:* for all regions). Default: all system metrics.'),
  steps: KeepStepsSchema.default('final').describe('final | all | {every: k} | [list of steps].'),
});
export type Keep = z.infer<typeof KeepSchema>;

export const ExperimentSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().optional().describe('A short name, shown in the manifest.'),
  description: z.string().optional(),
  scenario: z.string().min(1).describe('The base scenario file, relative to this experiment file.'),
  seed: seedField().optional().describe("Master seed of the per-run seeds (default: the scenario's seed)."),
  replicates: z.int().min(1).default(1).describe('Runs per design point, each with its own seed.'),
  steps: z.int().min(1).max(LIMITS.steps).optional().describe("Steps per run (default: the scenario's steps)."),
  vary: z
    .array(VarySchema)
    .min(1)
    .optional()
    .describe('The fields to vary. Leave out to run replicates of the base scenario only.'),
  design: DesignSchema.default({ type: 'grid' }),
  keep: KeepSchema.default({ steps: 'final' }),
});
export type Experiment = z.infer<typeof ExperimentSchema>;
export type ExperimentInput = z.input<typeof ExperimentSchema>;

/** The editor JSON Schema written to schema/experiment.schema.json. */
export function experimentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ExperimentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'clustersim experiment' };
}
