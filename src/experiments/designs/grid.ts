/** Full factorial grid: every combination; the last factor varies fastest. */
import type { ParamValue } from '../schema.js';
import { gridValues } from './factors.js';
import type { DesignBuilder, DesignProblem } from './types.js';

export const grid: DesignBuilder<{ type: 'grid' }> = (factors) => {
  const problems: DesignProblem[] = [];
  const axes = factors.map((f, i) => {
    const values = gridValues(f);
    if (values === undefined) {
      problems.push({
        path: `vary.${i}`,
        message: `a grid needs the values of '${f.path}'`,
        found: 'a range with no count',
        allowed: 'values: [...], or min, max and count (evenly spaced values)',
      });
    }
    return values ?? [];
  });
  if (problems.length > 0) return problems;
  let points: ParamValue[][] = [[]];
  for (const axis of axes) points = points.flatMap((p) => axis.map((v) => [...p, v]));
  return { points };
};
