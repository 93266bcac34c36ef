/**
 * ICT training through assistance centres (000 §5.2): assistance centres / chambers of
 * commerce train low-ICT SMEs. Centres are capacity-limited: each assistance-centre agent
 * in a target's region trains at most `firmsPerCentre` firms a step (a region with no
 * centre gets `firmsWithoutCentre`). A trained firm's ICT adoption rises by
 *   intensity * gain * (1 - ict)
 * and its absorptive capacity a little (training is learning effort, Cohen & Levinthal).
 * Each trainee costs `costPerFirm`; no training happens beyond the budget. Eligible firms
 * are served in a seeded random order, so that capacity and budget limits favour no row.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { Kind } from '../population.js';
import { count, nonneg, prob } from '../../scenario/common.js';
import { shuffle } from './common.js';

export const IctTrainingParams = z
  .strictObject({
    gain: prob().default(0.25).describe('Share of the ICT gap (1 - ict) closed by one training at intensity 1 (000 §5.2 ¶3: "helping SMEs adopt high-impact ICT applications"; assumption).'),
    acGain: prob().default(0.02).describe('Absorptive-capacity increase per training at intensity 1 (training is learning effort, Cohen & Levinthal; 000 §5.2 ¶5).'),
    costPerFirm: nonneg().default(0.5).describe('Cost of training one firm (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption: a few days of training and advice ~ 5 000 EUR).'),
    firmsPerCentre: count().default(10).describe('Firms one assistance centre can train per step (capacity-limited centres, 000 §5.2 ¶4-5; assumption).'),
    firmsWithoutCentre: count().default(2).describe('Firms trained per step in a region without an assistance centre (universities, consultants, chambers, 000 §5.2 ¶4; assumption).'),
    maxIct: prob().default(0.5).describe('Only firms with ICT adoption below this are eligible ("enterprises with low level of knowledge and skills about ICT", 000 §5.2 ¶4).'),
  })
  .prefault({});
export type IctTrainingParams = z.infer<typeof IctTrainingParams>;

export const ictTraining: Lever<IctTrainingParams> = {
  id: 'ictTraining',
  doc: 'ICT training of low-ICT SMEs by capacity-limited assistance centres (000 §5.2).',
  params: IctTrainingParams,
  writes: ['ict', 'absorptive'],
  targetKinds: ['sme'],
  apply(ctx) {
    const { state, params, targets, intensity } = ctx;
    const pop = state.pop;
    const R = state.regions.length;
    // Training capacity per region from the assistance centres located there.
    const capacity = new Int32Array(R).fill(params.firmsWithoutCentre);
    const centres = new Int32Array(R);
    for (let i = 0; i < pop.n; i++) if (pop.alive[i] && pop.kind[i] === Kind.assistanceCentre) centres[pop.region[i]]++;
    for (let r = 0; r < R; r++) if (centres[r] > 0) capacity[r] = centres[r] * params.firmsPerCentre;
    let budget = ctx.budget;
    shuffle(targets, ctx.rng);
    for (let q = 0; q < targets.length; q++) {
      const i = targets[q];
      if (pop.kind[i] !== Kind.sme || pop.ict[i] >= params.maxIct) continue;
      const r = pop.region[i];
      if (capacity[r] <= 0 || budget < params.costPerFirm) continue;
      capacity[r]--;
      budget -= params.costPerFirm;
      ctx.spend(params.costPerFirm, i);
      pop.ict[i] = Math.min(1, pop.ict[i] + intensity * params.gain * (1 - pop.ict[i]));
      pop.absorptive[i] = Math.min(1, pop.absorptive[i] + intensity * params.acGain);
    }
  },
};
