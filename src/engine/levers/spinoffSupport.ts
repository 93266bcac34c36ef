/**
 * Spin-off support (002 §126 b1, §144 b3, §26): "the enhancement of innovative spin-offs from
 * firms" (§126 b1), "strategic spin-offs, which can lead to a production diversification ...
 * to avoid path-dependencies and lock-in effects" (§144 b3), "science-driven spin-offs" from
 * research (§26). Each supported agent gets
 *   spinoffBoost += intensity * boost
 * which the demography mechanism reads as a higher spin-off probability of a parent
 * (p * (1 + spinoffBoost)) and an easier survival of a supported start-up. Firms and
 * research institutions are eligible; each costs `costPerFirm` a step, in random order
 * until the step's budget is used.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { Kind, isFirmKind } from '../population.js';
import { nonneg } from '../../scenario/common.js';
import { payPerTarget } from './common.js';

export const SpinoffSupportParams = z
  .strictObject({
    boost: nonneg().default(1).describe('spinoffBoost of a supported agent at intensity 1: 1 doubles its spin-off probability and eases survival of its start-ups (002 §126 b1, §144 b3).'),
    costPerFirm: nonneg().default(0.5).describe('Cost of supporting one agent for one step: incubation, advice, seed money (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption ~ 5 000 EUR).'),
  })
  .prefault({});
export type SpinoffSupportParams = z.infer<typeof SpinoffSupportParams>;

export const spinoffSupport: Lever<SpinoffSupportParams> = {
  id: 'spinoffSupport',
  doc: 'Spin-off support: more spin-offs from supported firms and research institutions, and easier survival of start-ups (002 §126 b1, §144 b3).',
  params: SpinoffSupportParams,
  writes: ['policy.spinoffBoost'],
  targetKinds: ['sme', 'leading', 'kibs', 'research'],
  apply(ctx) {
    const { state, params, intensity } = ctx;
    const v = intensity * params.boost;
    if (v <= 0) return;
    const kind = state.pop.kind;
    payPerTarget(ctx, (i) => isFirmKind(kind[i]) || kind[i] === Kind.research, () => params.costPerFirm, (i) => { state.policy.spinoffBoost[i] += v; });
  },
};
