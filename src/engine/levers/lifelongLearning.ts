/**
 * Lifelong learning and education (002 §123, §126 b4): "Formal education and life long
 * learning are instruments, which promote the building of the competencies of the various
 * partners ... and their ability to use external tacit and codified knowledge" (§123);
 * policy should "invest in human resources, education and life long learning, in order to
 * increase receptivity to new knowledge" (§126 b4). Each trained agent gets
 *   acBoost += intensity * boost              (extra absorptive-capacity growth this step)
 * which the capabilities mechanism adds to the growth of absorptive capacity. Training is
 * paid per employee (`costPerEmployee` a step); agents are trained in random order until the
 * step's budget is used. Any kind of agent can be trained ("human resources of all network
 * partners"); narrow it with the targeting rule.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { nonneg, prob } from '../../scenario/common.js';
import { payPerTarget } from './common.js';

export const LifelongLearningParams = z
  .strictObject({
    boost: prob().default(0.02).describe('Extra absorptive-capacity growth per step of a trained agent at intensity 1 (acBoost; 002 §123, §126 b4).'),
    costPerEmployee: nonneg().default(0.02).describe('Cost of training per employee and step (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption: 2 % of the wage bill, a few days of courses a quarter).'),
  })
  .prefault({});
export type LifelongLearningParams = z.infer<typeof LifelongLearningParams>;

export const lifelongLearning: Lever<LifelongLearningParams> = {
  id: 'lifelongLearning',
  doc: 'Lifelong learning and education: faster growth of absorptive capacity in trained agents (002 §123, §126 b4).',
  params: LifelongLearningParams,
  writes: ['policy.acBoost'],
  targetKinds: ['sme', 'leading', 'kibs', 'research', 'competenceCentre', 'assistanceCentre'],
  apply(ctx) {
    const { state, params, intensity } = ctx;
    const v = intensity * params.boost;
    if (v <= 0) return;
    payPerTarget(ctx, () => true, (i) => params.costPerEmployee * state.pop.employees[i], (i) => { state.policy.acBoost[i] += v; });
  },
};
