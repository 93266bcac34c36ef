/**
 * Value-chain studies (000 §5.3): studies by networks of universities and research centres
 * map firm needs and how SMEs can insert "horizontally or vertically in value chains"
 * (¶6); they lead to "industry-academia collaboration, industry-industry collaboration, and
 * cross-industrial collaboration" (¶2). In the model the study is information for partner
 * search: each covered firm gets
 *   searchBoost += intensity * boost          (a share, combined as 1 - (1-a)(1-b))
 * which the network mechanism reads as more, and better-matched, partner candidates.
 * Each covered firm costs `costPerFirm` a step; firms are covered in random order until the
 * step's budget is used.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { isFirmKind } from '../population.js';
import { nonneg, prob } from '../../scenario/common.js';
import { addShare, payPerTarget } from './common.js';

export const ValueChainStudiesParams = z
  .strictObject({
    boost: prob().default(0.5).describe('searchBoost given to a covered firm at intensity 1: share of extra, better-matched partner candidates (000 §5.3 ¶2, ¶6).'),
    costPerFirm: nonneg().default(0.05).describe('Cost of covering one firm for one step (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption: a study of ~100 firms ~ 50 000 EUR a step).'),
  })
  .prefault({});
export type ValueChainStudiesParams = z.infer<typeof ValueChainStudiesParams>;

export const valueChainStudies: Lever<ValueChainStudiesParams> = {
  id: 'valueChainStudies',
  doc: 'Value-chain studies: better partner-search information (more, better-matched candidates) for covered firms (000 §5.3).',
  params: ValueChainStudiesParams,
  writes: ['policy.searchBoost'],
  targetKinds: ['sme', 'leading', 'kibs'],
  apply(ctx) {
    const { state, params, intensity } = ctx;
    const v = intensity * params.boost;
    if (v <= 0) return;
    payPerTarget(ctx, (i) => isFirmKind(state.pop.kind[i]), () => params.costPerFirm, (i) => addShare(state.policy.searchBoost, i, v));
  },
};
