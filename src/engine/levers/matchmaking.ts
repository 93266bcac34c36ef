/**
 * Business match-making events (000 §5.6): a chamber of commerce holds "face-to-face
 * meetings of selected targeted groups of firms" to "facilitate business cooperation at the
 * international level in a trusted environment" (¶1): firms "specialized in the selected
 * sector and localized in its area of interest" are invited (¶3a), meet in "a large room"
 * (¶3d) with an assistance centre (¶3e), and contacts are followed up (¶3f).
 *
 * Every `everySteps` steps (counted from the lever's start) an event is held in each region
 * that has targeted firms (or one event for all targets when `perRegion` is false). An
 * event gathers up to `firmsPerEvent` targeted firms: from the host region, plus a share
 * `foreignShare` of guests from the other targeted regions. Each participant has
 * `meetings` meetings; for each it looks at `candidates` random participants and meets the
 * one with the highest score
 *   learningValue(cognitive distance, absorptive capacity) * (1 + crossRegionBonus if from another region)
 * (complementary partners first, Nooteboom's inverted U), and a tie forms with chance
 * intensity * tieChance, starting with `tieTrust` (the trusted environment). An event
 * costs `costPerEvent` plus `costPerFirm` per participant; an event that cannot be paid
 * for with at least two participants is not held.
 */
import { z } from 'zod';
import type { Lever, LeverContext } from '../contract.js';
import { isFirmKind } from '../population.js';
import { count, nonneg, prob } from '../../scenario/common.js';
import { cognitiveDistance, learningValue } from '../proximity.js';
import { clamp01, formTie, shuffle } from './common.js';

export const MatchmakingParams = z
  .strictObject({
    everySteps: z.number().int().min(1).default(2).describe('An event round every k steps from the start (assumption: 2 events a year with quarterly steps).'),
    perRegion: z.boolean().default(true).describe('Hold one event per targeted region (true) or one event for all targets (false).'),
    firmsPerEvent: z.number().int().min(2).default(30).describe('Firms per event (assumption: "a large room", 000 §5.6 ¶3).'),
    foreignShare: prob().default(0.2).describe('Share of an event\'s seats for firms from other targeted regions (international match-making, 000 §5.6 ¶1).'),
    meetings: count().default(3).describe('Meetings per participant and event.'),
    candidates: z.number().int().min(1).max(64).default(4).describe('Participants a firm looks at before choosing whom to meet.'),
    crossRegionBonus: nonneg().default(0.5).describe('Extra weight for a partner from another region (cooperation at the international level, ¶1).'),
    tieChance: prob().default(0.4).describe('Chance a meeting at intensity 1 ends in a tie (follow-up, ¶3f).'),
    tieStrength: prob().default(0.3).describe('Strength of a tie formed at an event.'),
    tieTrust: prob().default(0.5).describe('Trust of a tie formed at an event ("a trusted environment", ¶1).'),
    costPerEvent: nonneg().default(2).describe('Fixed cost of an event: room, catalogue, organisation (money units, 1 = one employee-step of wages, ~10 000 EUR; assumption ~ 20 000 EUR).'),
    costPerFirm: nonneg().default(0.05).describe('Cost per participant: invitation, follow-up (money units).'),
  })
  .prefault({});
export type MatchmakingParams = z.infer<typeof MatchmakingParams>;

let byRegion = new Int32Array(0);
let seats = new Int32Array(0);

/** Hold one event among participants seats[0..m); returns ties formed. */
function holdEvent(ctx: LeverContext<MatchmakingParams>, m: number): number {
  const { state, params, rng } = ctx;
  const pop = state.pop;
  const prox = state.scenario.parameters.proximity;
  const p = clamp01(ctx.intensity * params.tieChance);
  let formed = 0;
  for (let a = 0; a < m; a++) {
    const i = seats[a];
    for (let meet = 0; meet < params.meetings; meet++) {
      let best = -1, bestV = 0;
      for (let c = 0; c < params.candidates; c++) {
        const j = seats[rng.int(m)];
        if (j === i || state.ties.has(i, j)) continue;
        let v = learningValue(cognitiveDistance(pop, i, j), pop.absorptive[i], prox);
        if (pop.region[j] !== pop.region[i]) v *= 1 + params.crossRegionBonus;
        if (v > bestV) { bestV = v; best = j; }
      }
      if (best >= 0 && rng.chance(p) && formTie(state, i, best, params.tieStrength, params.tieTrust)) formed++;
    }
  }
  return formed;
}

export const matchmaking: Lever<MatchmakingParams> = {
  id: 'matchmaking',
  doc: 'Business match-making events: periodic face-to-face meetings of selected firms that create ties, favouring complementary and foreign partners (000 §5.6).',
  params: MatchmakingParams,
  writes: ['ties'],
  targetKinds: ['sme', 'leading', 'kibs'],
  apply(ctx) {
    const { state, params, rng } = ctx;
    if (ctx.intensity <= 0) return;
    if ((state.t - ctx.base.start) % params.everySteps !== 0) return;
    const pop = state.pop;
    const R = state.regions.length;
    // Eligible targets in random order, then grouped by region (a stable counting sort).
    const targets = ctx.targets;
    shuffle(targets, rng);
    if (byRegion.length < targets.length) byRegion = new Int32Array(targets.length);
    if (seats.length < params.firmsPerEvent) seats = new Int32Array(params.firmsPerEvent);
    const start = new Int32Array(R + 1);
    let n = 0;
    for (let q = 0; q < targets.length; q++) if (isFirmKind(pop.kind[targets[q]])) { start[pop.region[targets[q]] + 1]++; n++; }
    for (let r = 0; r < R; r++) start[r + 1] += start[r];
    const cursor = start.slice(0, R);
    for (let q = 0; q < targets.length; q++) {
      const i = targets[q];
      if (isFirmKind(pop.kind[i])) byRegion[cursor[pop.region[i]]++] = i;
    }
    if (n < 2) return;
    let left = ctx.budget;
    const affordable = () => Math.min(params.firmsPerEvent, params.costPerFirm > 0 ? Math.floor((left - params.costPerEvent) / params.costPerFirm) : params.firmsPerEvent);
    const pay = (m: number) => {
      const c = params.costPerEvent + m * params.costPerFirm;
      ctx.spend(c);
      left -= c;
    };
    if (!params.perRegion) {
      const m = Math.min(n, affordable());
      if (m < 2) return;
      let a = 0;
      for (let q = 0; q < targets.length && a < m; q++) if (isFirmKind(pop.kind[targets[q]])) seats[a++] = targets[q];
      pay(m);
      holdEvent(ctx, m);
      return;
    }
    for (let r = 0; r < R; r++) {
      const local = start[r + 1] - start[r];
      if (local === 0) continue;
      const cap = affordable();
      if (cap < 2) return;
      const others = n - local;
      const wantGuests = Math.min(others, Math.round(params.foreignShare * cap));
      const hosts = Math.min(local, cap - wantGuests);
      let m = 0;
      for (let a = 0; a < hosts; a++) seats[m++] = byRegion[start[r] + a];
      // Guests: a random sample of the other regions' targeted firms (no repeats).
      for (let tries = 0; m < hosts + wantGuests && tries < 4 * wantGuests; tries++) {
        const g = rng.int(others);
        const j = byRegion[g < start[r] ? g : g + local];
        let dup = false;
        for (let s = hosts; s < m; s++) if (seats[s] === j) { dup = true; break; }
        if (!dup) seats[m++] = j;
      }
      if (m < 2) continue;
      pay(m);
      holdEvent(ctx, m);
    }
  },
};
