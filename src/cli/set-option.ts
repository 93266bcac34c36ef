/**
 * The `--set PATH=VALUE` option shared by run, compare and sweep: change one scenario field
 * without copying the file (src/experiments/overrides.ts). Repeatable; a later one wins.
 */
import { parseOverrides, type Override } from '../experiments/overrides.js';

export const setOption = {
  type: 'string',
  requiresArg: true,
  describe: 'Change one scenario field: PATH=VALUE with an experiment path (seed=7, policies.0.budget=20); repeatable',
} as const;

/** yargs gives one string for one --set and a list for several. */
export function overridesOf(value: string | string[] | undefined): Override[] {
  return parseOverrides(value === undefined ? [] : Array.isArray(value) ? value : [value]);
}

/** The texts as given, for manifests. */
export function setTexts(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
