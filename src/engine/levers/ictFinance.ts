/**
 * Financial support for ICT (000 §5.9): "Through tenders or other measures (indirect
 * support), national or local institutions in cooperation with financial institutions may
 * incentive the use of ICT services and investments for firms organized in business
 * networks, also internationally" (¶2), "to enhance SMEs' ICT investments" (¶3), with money
 * from "EU funds to diffuse ICT" (¶4).
 *
 * Each funded firm gets
 *   ictCofund = intensity * share              (share of its ICT investment the policy pays)
 * which the capabilities mechanism turns into more ICT investment: the firm's own spending
 * own_i is matched so that the total is own_i / (1 - c). The policy pays the co-funded part,
 *   spending_i = own_i * c / (1 - c)           (capabilities.cofundCost)
 * with own_i the firm's planned ICT spending at the start of the step
 * (capabilities.plannedIctSpend). Only firms with at least `minTies` ties are eligible
 * ("firms organized in business networks"); firms are funded in random order until the
 * step's budget is used; a firm that plans no ICT spending gets (and costs) nothing.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { isFirmKind } from '../population.js';
import { count } from '../../scenario/common.js';
import { MAX_COFUND, cofundCost, plannedIctSpend } from '../mechanisms/capabilities.js';
import { payPerTarget } from './common.js';

export const IctFinanceParams = z
  .strictObject({
    share: z.number().min(0).max(MAX_COFUND).default(0.5).describe('Share of a funded firm\'s ICT investment the policy pays at intensity 1 (ictCofund; assumption 50 %, 000 §5.9 ¶2; at most 0.9: the firm always pays a part).'),
    minTies: count().default(1).describe('Only firms with at least this many ties are eligible ("firms organized in business networks", 000 §5.9 ¶2); 0 = all firms.'),
  })
  .prefault({});
export type IctFinanceParams = z.infer<typeof IctFinanceParams>;

export const ictFinance: Lever<IctFinanceParams> = {
  id: 'ictFinance',
  doc: 'Financial support for ICT: co-funds the ICT investment of networked firms; spending is the co-funded amount (000 §5.9).',
  params: IctFinanceParams,
  writes: ['policy.ictCofund'],
  targetKinds: ['sme', 'leading', 'kibs'],
  apply(ctx) {
    const { state, params } = ctx;
    const cp = state.scenario.parameters.mechanisms.capabilities;
    if (!cp.enabled) return; // nothing would invest: no co-funding, no spending
    const c = Math.min(MAX_COFUND, ctx.intensity * params.share);
    if (c <= 0) return;
    const pop = state.pop, cofund = state.policy.ictCofund;
    payPerTarget(
      ctx,
      (i) => isFirmKind(pop.kind[i]) && state.ties.deg[i] >= params.minTies && cofund[i] < c,
      // Another instance may already co-fund part: pay only for the extra share.
      (i) => { const own = plannedIctSpend(state, i, cp); return cofundCost(own, c) - cofundCost(own, cofund[i]); },
      (i) => { cofund[i] = c; },
    );
  },
};
