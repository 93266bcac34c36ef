/**
 * docs/model.md, Behaviour and validation: ICT training narrows the ICT gap between small and large firms (000 §5.2
 * ¶1, ¶3: "the smaller the company, the less it uses ICT"; training "to reduce this digital
 * divide among firms"). Runs the shipped experiment scenarios/experiments/ict-gap.yaml with
 * its ictTraining lever and, as the control, the same file with the training budget at 0
 * (what experiments/ict-gap.yaml compares); paired by seed.
 */
import { describe, expect, it } from 'vitest';
import { experiment, runs, series, mean } from './helpers.js';
import type { Scenario } from '../../src/scenario/schema.js';

const SEEDS = 4, STEPS = 16;
const withBudget = (sc: Scenario, budget: number): Scenario => ({ ...sc, policies: sc.policies.map((p) => ({ ...p, budget })) });
const last = (v: number[]) => v[v.length - 1];

describe('behaviour: ICT training and the ICT gap', async () => {
  const trained = await experiment('ict-gap');
  const control = withBudget(trained, 0);
  const on = runs(trained, SEEDS, STEPS), off = runs(control, SEEDS, STEPS);
  const gap = (rows: (typeof on)[0]) => series(rows, 'ict.gap');

  it('ships the training lever on small firms, and the control spends nothing', () => {
    expect(trained.policies.map((p) => p.lever)).toEqual(['ictTraining']);
    for (const rows of on) expect(series(rows, 'policy.spend').reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const rows of off) expect(series(rows, 'policy.spend').every((v) => v === 0)).toBe(true);
  });

  it('starts with large firms well ahead in ICT; without training the gap narrows less than half as much, seed by seed', () => {
    // Without training the gap narrows by 5-32 % in 16 quarters (imitation of partners, new
    // firms; measured), with it by 45-56 %.
    for (let s = 0; s < SEEDS; s++) {
      expect(gap(off[s])[0]).toBeGreaterThan(0.25);
      const by = (rows: (typeof on)[0]) => gap(rows)[0] - last(gap(rows));
      expect(by(off[s])).toBeLessThan(0.5 * by(on[s]) + 0.02);
    }
  });

  it('narrows the gap with training, seed by seed, by a third or more', () => {
    for (let s = 0; s < SEEDS; s++) {
      expect(last(gap(on[s]))).toBeLessThan(last(gap(off[s])) - 0.05);
      expect(last(gap(on[s]))).toBeLessThan((2 / 3) * gap(on[s])[0]);
    }
    expect(mean(on.map((r) => last(gap(r))))).toBeLessThan(0.7 * mean(off.map((r) => last(gap(r)))));
  });

  it('raises mean ICT adoption (the small firms catch up; large ones are not pulled down)', () => {
    for (let s = 0; s < SEEDS; s++) expect(last(series(on[s], 'ict.mean'))).toBeGreaterThan(last(series(off[s], 'ict.mean')));
  });
});
