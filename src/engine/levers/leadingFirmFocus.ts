/**
 * Focus on leading firms (000 §5.7): leading firms "ensure firm participation", reach a
 * "critical mass" (¶1), "lead the aggregation of firms at the local and international
 * level on the basis of shared competitive goals (i.e. R&D, product development, etc.)" and
 * "play the role of project manager" (¶3). Each supported leading firm, at intensity a:
 *   projectBoost += a * boost     (extra chance to coordinate a joint project this step,
 *                                  read by the projects mechanism)
 * and recruits up to `recruits` new partners a step: among `candidates` agents within
 * `radiusKm` (from the spatial index) it ties to the one with the highest learning value
 * (complementary knowledge, Nooteboom's inverted U), with chance a * recruitChance.
 * Only agents flagged leading are eligible; each costs `costPerFirm` a step.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { Kind, isFirmKind } from '../population.js';
import { count, nonneg, positive, prob } from '../../scenario/common.js';
import { cognitiveDistance, learningValue } from '../proximity.js';
import { addShare, clamp01, formTie, payPerTarget } from './common.js';

export const LeadingFirmFocusParams = z
  .strictObject({
    boost: prob().default(0.25).describe('projectBoost of a supported leading firm at intensity 1: extra chance per step to coordinate a joint project (000 §5.7 ¶3 "project manager").'),
    recruits: count().default(1).describe('New partners a supported leading firm may recruit per step (000 §5.7 ¶1, ¶3: aggregation of firms).'),
    recruitChance: prob().default(0.5).describe('Chance at intensity 1 that a recruitment attempt forms a tie.'),
    candidates: z.number().int().min(1).max(256).default(12).describe('Nearby agents considered per recruitment (bounded candidate set).'),
    radiusKm: positive().default(25).describe('Radius (km) within which partners are recruited.'),
    tieStrength: prob().default(0.3).describe('Strength of a recruited tie.'),
    costPerFirm: nonneg().default(1).describe('Cost of supporting one leading firm for one step: project-management support (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption).'),
  })
  .prefault({});
export type LeadingFirmFocusParams = z.infer<typeof LeadingFirmFocusParams>;

let buf = new Int32Array(0);

export const leadingFirmFocus: Lever<LeadingFirmFocusParams> = {
  id: 'leadingFirmFocus',
  doc: 'Focus on leading firms: supported leading firms coordinate more joint projects and recruit complementary partners (000 §5.7).',
  params: LeadingFirmFocusParams,
  writes: ['policy.projectBoost', 'ties'],
  targetKinds: ['sme', 'leading', 'kibs'],
  apply(ctx) {
    const { state, params, rng } = ctx;
    const a = ctx.intensity;
    if (a <= 0) return;
    const pop = state.pop;
    const prox = state.scenario.parameters.proximity;
    // The buffer is shared and only grows: the pool size goes to query() as `max`, so a run
    // does not see more candidates because an earlier run in this worker had a larger pool.
    const pool = params.candidates * 4;
    if (buf.length < pool) buf = new Int32Array(pool);
    payPerTarget(ctx, (i) => pop.leading[i] === 1, () => params.costPerFirm, (i) => {
      addShare(state.policy.projectBoost, i, a * params.boost);
      for (let r = 0; r < params.recruits && !state.ties.full(i); r++) {
        const found = state.grid.query(pop.x[i], pop.y[i], params.radiusKm, pop.x, pop.y, i, buf, pool);
        let best = -1, bestV = 0;
        for (let c = 0; c < Math.min(found, params.candidates); c++) {
          const s = c + rng.int(found - c);
          const j = buf[s];
          buf[s] = buf[c];
          buf[c] = j;
          if (!pop.alive[j] || state.ties.full(j) || state.ties.has(i, j)) continue;
          if (!isFirmKind(pop.kind[j]) && pop.kind[j] !== Kind.research) continue;
          const v = learningValue(cognitiveDistance(pop, i, j), pop.absorptive[i], prox);
          if (v > bestV) { bestV = v; best = j; }
        }
        if (best >= 0 && rng.chance(clamp01(a * params.recruitChance))) {
          formTie(state, i, best, params.tieStrength, state.regions[pop.region[i]].socialCapital);
        }
      }
    });
  },
};
