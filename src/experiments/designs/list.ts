/** Explicit list of combinations, in the order given. */
import { describe } from '../parse.js';
import type { ParamValue } from '../schema.js';
import type { DesignBuilder, DesignProblem } from './types.js';

export const list: DesignBuilder<{ type: 'list'; points: Record<string, ParamValue>[] }> = (factors, design) => {
  const problems: DesignProblem[] = [];
  const paths = factors.map((f) => f.path);
  const points = design.points.map((p, i) => {
    const extra = Object.keys(p).filter((k) => !paths.includes(k));
    const missing = paths.filter((k) => !(k in p));
    if (extra.length > 0 || missing.length > 0) {
      problems.push({
        path: `design.points.${i}`,
        message: missing.length > 0 ? `missing ${missing.map((m) => `'${m}'`).join(', ')}` : `unknown path${extra.length > 1 ? 's' : ''} ${extra.map((m) => `'${m}'`).join(', ')} (not in vary)`,
        found: describe(p),
        allowed: `exactly the varied paths: ${paths.join(', ') || '(none)'}`,
      });
    }
    return paths.map((k) => p[k]!);
  });
  return problems.length > 0 ? problems : { points };
};
