/**
 * Business animation (000 §5.1): local associations and institutions explain "the cluster
 * concept and its related benefit as well as ... the opportunities of the Web" (¶1) to SMEs
 * that "have insufficient access to information about ... possible co-operation" (¶2); the
 * aim is to diffuse "the idea that sector specific relationships could be implemented at
 * international level, with light tools, as ICT" (¶5). Each animated firm, at intensity a:
 *   openness      += a * opennessGain      * (1 - openness)       (awareness of cooperation)
 *   international += a * internationalGain * (1 - international)  (relationships abroad, ¶5)
 *   ict           += a * ictGain           * (1 - ict)            (awareness of ICT, ¶4)
 * Openness raises the use of ties (tie learning) and the acceptance of new partners
 * (network dynamics). Each animated firm costs `costPerFirm`; firms are reached in random
 * order until the step's budget is used.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { isFirmKind } from '../population.js';
import { nonneg, prob } from '../../scenario/common.js';
import { clamp01, payPerTarget } from './common.js';

export const BusinessAnimationParams = z
  .strictObject({
    opennessGain: prob().default(0.1).describe('Share of the gap to full openness closed per animation at intensity 1 (000 §5.1 ¶3: the advantages of cooperation).'),
    internationalGain: prob().default(0.05).describe('Share of the gap to full international orientation closed per animation (000 §5.1 ¶5).'),
    ictGain: prob().default(0.02).describe('Share of the ICT gap closed per animation: awareness of ICT, less than training (000 §5.1 ¶4).'),
    costPerFirm: nonneg().default(0.1).describe('Cost of animating one firm for one step: visits, seminars (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption ~ 1 000 EUR).'),
  })
  .prefault({});
export type BusinessAnimationParams = z.infer<typeof BusinessAnimationParams>;

export const businessAnimation: Lever<BusinessAnimationParams> = {
  id: 'businessAnimation',
  doc: 'Business animation: raises openness, international orientation and ICT awareness of animated firms (000 §5.1).',
  params: BusinessAnimationParams,
  writes: ['openness', 'international', 'ict'],
  targetKinds: ['sme', 'leading', 'kibs'],
  apply(ctx) {
    const { state, params } = ctx;
    const a = ctx.intensity;
    if (a <= 0) return;
    const pop = state.pop;
    payPerTarget(ctx, (i) => isFirmKind(pop.kind[i]), () => params.costPerFirm, (i) => {
      pop.openness[i] = clamp01(pop.openness[i] + a * params.opennessGain * (1 - pop.openness[i]));
      pop.international[i] = clamp01(pop.international[i] + a * params.internationalGain * (1 - pop.international[i]));
      pop.ict[i] = clamp01(pop.ict[i] + a * params.ictGain * (1 - pop.ict[i]));
    });
  },
};
