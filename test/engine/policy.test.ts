/**
 * The policy runtime (src/engine/policy.ts) and lever expressions (src/engine/expr.ts):
 * validation of lever settings, time-varying budgets and intensities, several levers and
 * several instances of one lever at once, spending and cost-effectiveness metrics.
 */
import { describe, expect, it } from 'vitest';
import { checkExpr, compileExpr } from '../../src/engine/expr.js';
import { METRIC_SYMBOLS } from '../../src/engine/metrics/index.js';
import { NO_EXIT, expectIssue, issuesOf, run, scenario, total, value } from './levers/helpers.js';

describe('lever validation', () => {
  it('names the field of each bad common setting', () => {
    expectIssue([{ lever: 'ictTrainig', budget: 1 }], 'policies.0.lever', /unknown lever 'ictTrainig' \(did you mean 'ictTraining'\?\)/);
    expectIssue([{ lever: 'matchmaking', start: 5, end: 2, budget: 1 }], 'policies.0.end', /end \(2\) is before start \(5\)/);
    expectIssue([{ lever: 'matchmaking', budget: -3 }], 'policies.0.budget', /must not be negative/);
    expectIssue([{ lever: 'matchmaking', budget: 1, budgetMode: 'monthly' }], 'policies.0.budgetMode', /value not allowed/);
    expectIssue([{ lever: 'matchmaking', budget: 1, target: { regions: ['nort'] } }], 'policies.0.target.regions.0', /unknown region 'nort'/);
    expectIssue([{ lever: 'matchmaking', budget: 1, name: 'mm' }, { lever: 'rdSubsidy', budget: 1, name: 'mm' }], 'policies.1.name', /duplicate lever instance name/);
  });
  it('names the field of an expression with an unknown symbol, function or a syntax error', () => {
    expectIssue([{ lever: 'matchmaking', budget: '100 * (ictAdopton < 0.4)' }], 'policies.0.budget', /unknown symbol 'ictAdopton'/);
    expectIssue([{ lever: 'matchmaking', budget: 1, intensity: 'foo(t)' }], 'policies.0.intensity', /unknown function 'foo'/);
    expectIssue([{ lever: 'matchmaking', budget: '50000 * (t >= ' }], 'policies.0.budget', /syntax error/);
  });
  it('accepts the documented examples', () => {
    expect(issuesOf([{ lever: 'matchmaking', budget: '50000 * (t >= 20) * (t < 80)', intensity: '0.5 + 0.5 * (ictAdoption < 0.4)' }])).toEqual([]);
    expect(issuesOf([{ lever: 'matchmaking', budget: 'max(0, 100 - costPerInnovation) * (spendCumulative < 5000)' }])).toEqual([]);
  });
});

describe('expressions reach nothing but t and the metrics', () => {
  const bad = [
    ['import({evaluate: 1}, {override: true})', /unknown function 'import'/],
    ['evaluate("1 + 1")', /unknown function 'evaluate'/],
    ['createUnit("foo")', /unknown function 'createUnit'/],
    ['t.constructor', /not allowed/],
    ['ictAdoption["x"]', /not allowed/],
    ['x = 3', /not allowed/],
    ['f(x) = x', /not allowed/],
    ['t; 1', /not allowed/],
    ['[1, 2]', /not allowed/],
    ['{a: 1}', /not allowed/],
    ['1:3', /not allowed/],
    ['"text"', /constants must be numbers/],
    ['pi * t', /unknown symbol 'pi'/],
    ['t to cm', /the operator 'to' \(to\) is not allowed/],
  ] as const;
  for (const [src, why] of bad) it(`rejects ${src}`, () => expect(checkExpr(src, METRIC_SYMBOLS)).toMatch(why));
  it('evaluates comparisons as 0/1, functions and conditionals', () => {
    const budget = compileExpr('50000 * (t >= 20) * (t < 80)');
    expect([19, 20, 79, 80].map((t) => budget.evaluate({ t }))).toEqual([0, 50000, 50000, 0]);
    expect(compileExpr('0.5 + 0.5 * (ictAdoption < 0.4)').evaluate({ t: 0, ictAdoption: 0.3 })).toBe(1);
    expect(compileExpr('t > 3 ? min(t, 5) : sqrt(-1)').evaluate({ t: 1 })).toBe(0); // complex -> 0
    expect(compileExpr('t > 3 ? min(t, 5) : 2').evaluate({ t: 9 })).toBe(5);
  });
});

describe('the policy phase', () => {
  it('follows a time-varying budget: spends only inside the window', () => {
    const sim = run(scenario([{ lever: 'businessAnimation', name: 'ba', budget: '3 * (t >= 4) * (t < 8)' }], NO_EXIT));
    const spend = sim.rows.filter((r) => r.metric === 'policy.spend.ba' && r.step > 0);
    // Row at step s records the spending of step t = s - 1.
    for (const r of spend) {
      const t = r.step - 1;
      if (t >= 4 && t < 8) expect(r.value).toBeCloseTo(3, 9);
      else expect(r.value).toBe(0);
    }
  });
  it('evaluates an intensity expression on last step\'s metrics, every step even when recording rarely', () => {
    // Animate while mean ICT adoption is below 0.3, then stop.
    const entry = { lever: 'businessAnimation', name: 'ba', budget: 100, intensity: 'ictAdoption < 0.3' };
    const a = run(scenario([entry], { ...NO_EXIT, steps: 10 }));
    const b = run(scenario([entry], { ...NO_EXIT, steps: 10, record: { every: 5, scopes: ['region'] } }));
    expect(value(a, 'ict.mean', 10, 'region:north')).toBe(value(b, 'ict.mean', 10, 'region:north'));
    let on = 0, off = 0;
    for (let step = 0; step < 10; step++) {
      const spent = value(a, 'policy.spend.ba', step + 1);
      if (value(a, 'ict.mean', step) < 0.3) { expect(spent).toBeGreaterThan(0); on++; }
      else { expect(spent).toBe(0); off++; }
    }
    expect(on).toBeGreaterThan(0);
    expect(off).toBeGreaterThan(0);
  });
  it('runs several levers and several instances of one lever, each with its own spending', () => {
    const sim = run(scenario([
      { lever: 'matchmaking', budget: 3, target: { regions: ['north'] } },
      { lever: 'matchmaking', budget: 3, target: { regions: ['south'] } },
      { lever: 'rdSubsidy', name: 'rd', budget: 1 },
    ], NO_EXIT));
    const names = new Set(sim.rows.filter((r) => r.metric.startsWith('policy.spend.')).map((r) => r.metric));
    expect(names).toEqual(new Set(['policy.spend.matchmaking1', 'policy.spend.matchmaking2', 'policy.spend.rd']));
    const all = total(sim, 'policy.spend.matchmaking1') + total(sim, 'policy.spend.matchmaking2') + total(sim, 'policy.spend.rd');
    expect(total(sim, 'policy.spend')).toBeCloseTo(all, 9);
    expect(total(sim, 'policy.spend.matchmaking1')).toBeGreaterThan(0);
    expect(total(sim, 'policy.spend.matchmaking2')).toBeGreaterThan(0);
    expect(value(sim, 'policy.spendCumulative')).toBeCloseTo(all, 9);
  });
  it('a negative intensity does nothing', () => {
    const neg = run(scenario([{ lever: 'businessAnimation', budget: 5, intensity: '0 - 1' }], NO_EXIT));
    const none = run(scenario([], NO_EXIT));
    expect(value(neg, 'knowledge.mean')).toBe(value(none, 'knowledge.mean'));
  });
  it('records cost per innovation and per unit of knowledge gained', () => {
    const sim = run(scenario([{ lever: 'rdSubsidy', budget: 10 }], NO_EXIT));
    const spend = value(sim, 'policy.spendCumulative');
    const innov = total(sim, 'innovations.incremental') + total(sim, 'innovations.radical');
    const knowledge = ['spillover', 'tie', 'project', 'codified'].reduce((s, c) => s + total(sim, `flow.${c}`), 0);
    expect(spend).toBeGreaterThan(0);
    expect(value(sim, 'policy.costPerInnovation')).toBeCloseTo(spend / innov, 9);
    expect(value(sim, 'policy.costPerKnowledge')).toBeCloseTo(spend / Math.max(1, knowledge), 9);
    const none = run(scenario([], NO_EXIT));
    expect(value(none, 'policy.costPerInnovation')).toBe(0);
  });
  it('records the cumulative outcomes as running sums of the per-step counts', () => {
    const sim = run(scenario([{ lever: 'spinoffSupport', budget: 5 }]));
    const steps = sim.rows.filter((r) => r.scope === 'system' && r.metric === 'births.cumulative').map((r) => r.step);
    expect(steps.length).toBeGreaterThan(2);
    const at = (metric: string, step: number) => sim.rows.find((r) => r.scope === 'system' && r.metric === metric && r.step === step)!.value;
    const upTo = (metric: string, step: number) => sim.rows.filter((r) => r.scope === 'system' && r.metric === metric && r.step <= step && r.step > 0).reduce((s, r) => s + r.value, 0);
    for (const step of steps) {
      expect(at('births.cumulative', step)).toBe(upTo('births', step));
      expect(at('deaths.cumulative', step)).toBe(upTo('deaths', step));
      expect(at('innovations.cumulative', step)).toBeCloseTo(upTo('innovations.incremental', step) + upTo('innovations.radical', step), 9);
    }
    const last = Math.max(...steps);
    expect(at('innovations.cumulative', last)).toBeGreaterThan(0);
  });
});
