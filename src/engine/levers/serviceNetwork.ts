/**
 * An integrated service network (000 §5.4): "local networks of service providing tailored
 * on firm needs" through which institutions "sustain firm competitiveness as well as
 * increase the level of cooperation among firms" (¶1), built in four steps: idea, team
 * building, network plan with "partner selection and synergies", action (¶2).
 *
 * Each step the lever acts it first makes sure every targeted region has enough
 * business-service firms (KIBS, 002 §73): at least `kibsPer100Firms` per 100 firms; missing
 * ones are created through addAgent (an entry) at `setupCostPerKibs` each. Then the KIBS of
 * a region serve up to `firmsPerKibs` targeted firms each a step, at `costPerFirm` a firm:
 *   coopCostCut += intensity * cut * ramp     (share, combined as 1 - (1-a)(1-b))
 * where ramp rises linearly from 0 to 1 over the first `rampSteps` steps of the lever (the
 * four set-up phases). Tie learning and network dynamics read coopCostCut: cooperation is
 * cheaper, ties are used and kept more. A served firm also ties to one of the region's
 * KIBS with chance intensity * tieChance (the service relationship, vertical), so KIBS
 * bridge knowledge. KIBS created by the lever stay after it ends.
 */
import { z } from 'zod';
import type { Lever } from '../contract.js';
import { Kind, isFirmKind } from '../population.js';
import { count, nonneg, prob } from '../../scenario/common.js';
import { TieType } from '../ties.js';
import { addShare, clamp01, createAgent, formTie, instanceMemory, payPerTarget } from './common.js';

export const ServiceNetworkParams = z
  .strictObject({
    cut: prob().default(0.3).describe('coopCostCut of a served firm at intensity 1 once the network runs: share of the cost of cooperation saved (000 §5.4 ¶1).'),
    rampSteps: count().default(2).describe('Steps over which the service ramps up from 0 to full (the four phases of 000 §5.4 ¶2; assumption ~6 months).'),
    kibsPer100Firms: nonneg().default(2).describe('Business-service firms a targeted region needs per 100 firms; missing ones are created (assumption).'),
    setupCostPerKibs: nonneg().default(10).describe('Cost of creating one business-service firm (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption ~ 100 000 EUR).'),
    maxNewKibsPerStep: count().default(5).describe('At most this many KIBS are created per step (team building takes time, 000 §5.4 ¶2b).'),
    firmsPerKibs: count().default(20).describe('Firms one KIBS can serve per step (capacity).'),
    costPerFirm: nonneg().default(0.1).describe('Cost of serving one firm for one step (money units).'),
    tieChance: prob().default(0.2).describe('Chance at intensity 1 that a served firm ties to a KIBS of its region this step.'),
    tieStrength: prob().default(0.3).describe('Strength of a firm-KIBS service tie.'),
  })
  .prefault({});
export type ServiceNetworkParams = z.infer<typeof ServiceNetworkParams>;

let kibsRows = new Int32Array(0);

export const serviceNetwork: Lever<ServiceNetworkParams> = {
  id: 'serviceNetwork',
  doc: 'Integrated service network: creates business-service firms where too few exist and lowers the cost of cooperation of served firms (000 §5.4).',
  params: ServiceNetworkParams,
  writes: ['population (new KIBS)', 'policy.coopCostCut', 'ties'],
  targetKinds: ['sme', 'leading'],
  apply(ctx) {
    const { state, params, rng } = ctx;
    const a = ctx.intensity;
    if (a <= 0) return;
    const mem = instanceMemory(state, ctx.name, () => ({ first: state.t }));
    const R = state.regions.length;
    let left = ctx.budget;
    // Targeted firms per region, and one targeted firm per region to copy the sector from.
    const targeted = new Int32Array(R);
    const sample = new Int32Array(R).fill(-1);
    for (let q = 0; q < ctx.targets.length; q++) {
      const i = ctx.targets[q];
      if (!isFirmKind(state.pop.kind[i]) || state.pop.kind[i] === Kind.kibs) continue;
      const r = state.pop.region[i];
      if (targeted[r]++ === 0 || rng.chance(1 / targeted[r])) sample[r] = i; // reservoir sample
    }
    // Firms and KIBS per region.
    const firms = new Int32Array(R), kibs = new Int32Array(R);
    for (let i = 0; i < state.pop.n; i++) {
      if (!state.pop.alive[i] || !isFirmKind(state.pop.kind[i])) continue;
      if (state.pop.kind[i] === Kind.kibs) kibs[state.pop.region[i]]++;
      else firms[state.pop.region[i]]++;
    }
    // Create missing KIBS in targeted regions (rows are appended; columns may be reallocated).
    let created = 0;
    for (let r = 0; r < R; r++) {
      if (targeted[r] === 0) continue;
      const need = Math.ceil((firms[r] * params.kibsPer100Firms) / 100);
      while (kibs[r] < need && created < params.maxNewKibsPerStep && left >= params.setupCostPerKibs) {
        left -= params.setupCostPerKibs;
        ctx.spend(params.setupCostPerKibs, createAgent(state, 'kibs', r, state.pop.sector[sample[r]], rng));
        kibs[r]++;
        created++;
      }
    }
    // KIBS rows grouped by region, for service ties.
    const pop = state.pop;
    const start = new Int32Array(R + 1);
    for (let r = 0; r < R; r++) start[r + 1] = start[r] + kibs[r];
    if (kibsRows.length < start[R]) kibsRows = new Int32Array(Math.max(16, start[R] * 2));
    const cursor = start.slice(0, R);
    for (let i = 0; i < pop.n; i++) if (pop.alive[i] && pop.kind[i] === Kind.kibs) kibsRows[cursor[pop.region[i]]++] = i;
    // Serve targeted firms within the KIBS' capacity.
    const capacity = new Int32Array(R);
    for (let r = 0; r < R; r++) capacity[r] = kibs[r] * params.firmsPerKibs;
    const ramp = params.rampSteps > 0 ? Math.min(1, (state.t - mem.first + 1) / params.rampSteps) : 1;
    const v = a * params.cut * ramp;
    const pTie = clamp01(a * params.tieChance);
    payPerTarget(
      ctx,
      (i) => isFirmKind(pop.kind[i]) && pop.kind[i] !== Kind.kibs && capacity[pop.region[i]] > 0,
      () => params.costPerFirm,
      (i) => {
        const r = pop.region[i];
        capacity[r]--;
        addShare(state.policy.coopCostCut, i, v);
        if (kibs[r] > 0 && rng.chance(pTie)) {
          const j = kibsRows[start[r] + rng.int(kibs[r])];
          formTie(state, i, j, params.tieStrength, state.regions[r].socialCapital, TieType.vertical);
        }
      },
      { budget: left },
    );
  },
};
