/**
 * The lever registry: one entry per id in LEVER_IDS (src/engine/contract.ts), typed as a
 * Record over the id union so a missing implementation does not compile.
 */
import type { Lever, LeverId } from '../contract.js';
import { ictTraining } from './ictTraining.js';

export const LEVERS = {
  ictTraining,
} satisfies Record<LeverId, Lever<any>>;
