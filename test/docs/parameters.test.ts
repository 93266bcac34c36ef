import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { MORRIS_RESULTS, PARAMS_DOC, morrisRanks, parametersMarkdown, sourcesOf, unitOf } from '../../src/cli/write-params.js';

describe('docs/parameters.md', () => {
  it('is what the generator writes from the schema and the committed Morris results (run `npm run params` after changing either)', () => {
    const csv = existsSync(MORRIS_RESULTS) ? readFileSync(MORRIS_RESULTS, 'utf8') : null;
    expect(csv, `${MORRIS_RESULTS} is committed`).not.toBeNull();
    expect(readFileSync(PARAMS_DOC, 'utf8')).toBe(parametersMarkdown(csv));
  });

  it('lists every mechanism parameter with its default', () => {
    const md = parametersMarkdown(null);
    expect(md).toContain('| `parameters.mechanisms.spillover.rate` | 0.02 | [0, 1] |');
    expect(md).toContain('| `parameters.mechanisms.market.elasticity` | 4 | [1.05, 20] |');
    expect(md).toContain('| `parameters.network.maxDegree` | 16 | [1, 255] integer |');
  });

  it('reads sources as citation keys, and assumptions', () => {
    expect(sourcesOf('Trust (002 §58; Slovic 1993; assumption).')).toEqual(['[IKINET 2008] §58', '[Slovic 1993]', 'assumption']);
    expect(sourcesOf('related variety, Frenken, Van Oort & Verburg 2007; Nooteboom et al. 2007')).toEqual(['[Frenken et al. 2007]', '[Nooteboom et al. 2007]']);
    expect(sourcesOf('001 VC2 ¶1; Klepper 2007')).toEqual(['[Milan CoC] VC2 ¶1', '[Klepper 2007]']);
    expect(sourcesOf('Neighbourhood radius (km).')).toEqual([]);
    expect(unitOf('x.radiusKm', { type: 'number' }, 'Neighbourhood radius.')).toBe('km');
  });

  it('ranks parameters by Morris mu* per outcome, 1 the largest', () => {
    const csv = [
      'method,metric,parameter,index,estimate,ci_low,ci_high',
      'morris,firms.count,a,mu_star,1,0,2',
      'morris,firms.count,b,mu_star,3,2,4',
      'morris,firms.count,b,sigma,9,2,4',
      'prcc,firms.count,a,prcc,0.9,0.8,1',
    ].join('\n');
    const r = morrisRanks(csv).get('firms.count')!;
    expect(r.get('b')).toBe(1);
    expect(r.get('a')).toBe(2);
  });
});
