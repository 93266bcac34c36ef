/**
 * The mechanism registry: one entry per id in MECHANISM_IDS (src/engine/contract.ts).
 * Typed as a Record over the id union, so an id without an implementation does not compile.
 */
import type { Mechanism, MechanismId } from '../contract.js';
import { spillover } from './spillover.js';
import { tieLearning } from './tieLearning.js';
import { projects } from './projects.js';
import { innovation } from './innovation.js';
import { capabilities } from './capabilities.js';
import { market } from './market.js';
import { network } from './network.js';
import { demography } from './demography.js';

export const MECHANISMS = {
  spillover,
  tieLearning,
  projects,
  innovation,
  capabilities,
  market,
  network,
  demography,
} satisfies Record<MechanismId, Mechanism<any>>;
