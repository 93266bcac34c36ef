/**
 * Exchange of experiences among institutions (000 §5.5): "exchange of good practices and
 * experiences" to "support a stable transnational cooperation among local economic
 * systems" (¶1) through forums, "exchange of personnel among institutions", networks of
 * consultants and tutoring (¶2), "established through formal agreements among institutions
 * at the international level (i.e consortia)" (¶3). In the model it raises the
 * institutional proximity between every pair of the named regions, each step by
 *   m_ab += intensity * gain     (symmetric, capped at `maxProximity`)
 * Institutional proximity lets tacit knowledge travel across distance (tacitReach, 002 §51,
 * §62): tie learning and projects between the regions become more effective. The gain
 * stays after the lever ends (agreements and shared practices persist). Each pair costs
 * `costPerPair` a step; pairs are served in order until the step's budget is used. The
 * targeting rule is not used: the lever acts on regions, named in `params.regions`.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { ident, nonneg, prob } from '../../scenario/common.js';
import { checkRegions } from './common.js';

export const InstitutionalExchangeParams = z.strictObject({
  regions: z.array(ident()).min(2).describe('Regions whose institutions exchange experiences (at least two region ids).'),
  gain: prob().default(0.0125).describe('Rise of institutional proximity per step between each pair at intensity 1 (assumption: +0.05 a year with quarterly steps; 000 §5.5).'),
  maxProximity: prob().default(0.9).describe('Institutional proximity the exchange cannot raise a pair above (regions keep their own institutions).'),
  costPerPair: nonneg().default(2).describe('Cost per pair of regions and step: forums, exchange of personnel, tutoring (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption ~ 20 000 EUR a quarter).'),
});
export type InstitutionalExchangeParams = z.infer<typeof InstitutionalExchangeParams>;

export const institutionalExchange: Lever<InstitutionalExchangeParams> = {
  id: 'institutionalExchange',
  doc: 'Exchange of experiences among institutions: raises institutional proximity between the named regions (000 §5.5).',
  params: InstitutionalExchangeParams,
  writes: ['institutional'],
  targetKinds: null,
  check(params, sc) {
    return checkRegions(params.regions, sc, 'params.regions');
  },
  apply(ctx) {
    const { state, params } = ctx;
    const step = ctx.intensity * params.gain;
    if (step <= 0) return;
    const R = state.regions.length;
    const idx = params.regions.map((id) => state.regions.findIndex((r) => r.id === id));
    const m = state.institutional;
    let left = ctx.budget;
    for (let p = 0; p < idx.length; p++) {
      for (let q = p + 1; q < idx.length; q++) {
        const a = idx[p], b = idx[q];
        if (a < 0 || b < 0 || a === b) continue;
        if (left < params.costPerPair) return;
        const cur = m[a * R + b];
        if (cur >= params.maxProximity) continue; // nothing left to gain: no spending
        ctx.spend(params.costPerPair);
        left -= params.costPerPair;
        m[a * R + b] = m[b * R + a] = Math.min(params.maxProximity, cur + step);
      }
    }
  },
};
