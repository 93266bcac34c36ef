import { describe, expect, it } from 'vitest';
import { metricInfo, metricTitle, parameterLabel, paramValue } from '../../src/charts/metrics.js';
import { summarise, tQuantile975 } from '../../src/charts/stats.js';

describe('metric labels and statistics', () => {
  it('names metrics with units', () => {
    expect(metricTitle('knowledge.gini')).toBe('Knowledge inequality (Gini) (0–1)');
    expect(metricInfo('policy.spend.ictTraining#1').label).toBe('Policy spending: ictTraining#1');
    expect(metricTitle('something.new')).toBe('something.new (value)');
    expect(parameterLabel('parameters.mechanisms.spillover.rate')).toBe('spillover.rate');
    expect(parameterLabel('policies.0.intensity')).toBe('policies.0.intensity');
    expect(paramValue(0.10666666666666666)).toBe(paramValue(0.10666666666666665));
  });

  it('summarises with a Student t interval', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706);
    expect(tQuantile975(1000)).toBeCloseTo(1.96, 2);
    const s = summarise([5]);
    expect([s.lo, s.hi, s.sd]).toEqual([5, 5, 0]);
    expect(summarise([NaN]).n).toBe(0);
  });
});
