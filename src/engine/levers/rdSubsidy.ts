/**
 * R&D subsidy, the "linear" approach (002 Table 2, §125, §154): "Public finance to R&D"
 * (Table 2, Policies row), "public subsidied to private R&D" (§125). Each subsidised firm
 * gets
 *   rdSubsidy += intensity * share            (extra R&D effort, a share of its resources)
 * which the innovation mechanism adds to the firm's own effort at no cost to the firm. The
 * policy pays what that effort costs: share * employees * the innovation mechanism's
 * `rdCostPerEmployee`. Only firms with formal R&D of at least `minRdEffort` are eligible:
 * "Direct R&D and capital subsidies actually can only hardly reach SMEs in
 * medium-technology sectors, as the SMEs miss necessary formal R&D" (§154). Firms are
 * subsidised in random order until the step's budget is used.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { Kind, isFirmKind } from '../population.js';
import { prob } from '../../scenario/common.js';
import { payPerTarget } from './common.js';

export const RdSubsidyParams = z
  .strictObject({
    share: prob().default(0.05).describe('Extra R&D effort paid for a subsidised firm at intensity 1, as a share of its resources (002 Table 2: public finance to R&D).'),
    minRdEffort: prob().default(0).describe('Only firms whose own R&D effort is at least this are eligible (002 §154: SMEs miss formal R&D); 0 = all firms.'),
    research: z.boolean().default(false).describe('Also subsidise research institutions (public R&D, 002 §125).'),
  })
  .prefault({});
export type RdSubsidyParams = z.infer<typeof RdSubsidyParams>;

/** Money per employee per step of R&D effort 1, as the innovation mechanism charges it. */
function rdCostPerEmployee(sc: { parameters: { mechanisms: unknown } }): number {
  const inn = (sc.parameters.mechanisms as Record<string, { rdCostPerEmployee?: number } | undefined>).innovation;
  return inn?.rdCostPerEmployee ?? 1;
}

export const rdSubsidy: Lever<RdSubsidyParams> = {
  id: 'rdSubsidy',
  doc: 'R&D subsidy (the linear approach): extra R&D effort paid for firms with formal R&D (002 Table 2, §154).',
  params: RdSubsidyParams,
  writes: ['policy.rdSubsidy'],
  targetKinds: ['sme', 'leading', 'kibs', 'research'],
  check(params, _sc, policy) {
    // `research: true` with a target that leaves research institutions out pays none of
    // them, silently: say so rather than run a policy that is not the one configured.
    const kinds = policy.target.kinds;
    if (!params.research && kinds && kinds.every((k) => k === 'research')) {
      return [{
        path: 'params.research',
        message: 'target.kinds is [research], but research is false, so no one would be subsidised',
        allowed: 'set research: true, or target firms (sme, leading, kibs)',
      }];
    }
    if (!params.research || !kinds || kinds.includes('research')) return [];
    return [{
      path: 'params.research',
      message: `research is true, but target.kinds [${kinds.join(', ')}] leaves research institutions out, so none would be subsidised`,
      allowed: 'add research to target.kinds, or set research: false',
    }];
  },
  apply(ctx) {
    const { state, params, intensity } = ctx;
    const v = intensity * params.share;
    if (v <= 0) return;
    const pop = state.pop;
    const unit = rdCostPerEmployee(state.scenario);
    payPerTarget(
      ctx,
      (i) => (isFirmKind(pop.kind[i]) || (params.research && pop.kind[i] === Kind.research)) && pop.rdEffort[i] >= params.minRdEffort,
      (i) => v * pop.employees[i] * unit,
      (i) => { state.policy.rdSubsidy[i] += v; },
    );
  },
};
