/**
 * The lever registry: one entry per id in LEVER_IDS (src/engine/contract.ts), typed as a
 * Record over the id union so a missing implementation does not compile.
 */
import type { Lever, LeverId } from '../contract.js';
import { businessAnimation } from './businessAnimation.js';
import { ictTraining } from './ictTraining.js';
import { valueChainStudies } from './valueChainStudies.js';
import { serviceNetwork } from './serviceNetwork.js';
import { institutionalExchange } from './institutionalExchange.js';
import { matchmaking } from './matchmaking.js';
import { leadingFirmFocus } from './leadingFirmFocus.js';
import { researchAggregation } from './researchAggregation.js';
import { ictFinance } from './ictFinance.js';
import { competenceCentre } from './competenceCentre.js';
import { lifelongLearning } from './lifelongLearning.js';
import { spinoffSupport } from './spinoffSupport.js';
import { interClusterCooperation } from './interClusterCooperation.js';
import { rdSubsidy } from './rdSubsidy.js';

export const LEVERS = {
  businessAnimation,
  ictTraining,
  valueChainStudies,
  serviceNetwork,
  institutionalExchange,
  matchmaking,
  leadingFirmFocus,
  researchAggregation,
  ictFinance,
  competenceCentre,
  lifelongLearning,
  spinoffSupport,
  interClusterCooperation,
  rdSubsidy,
} satisfies Record<LeverId, Lever<any>>;
