/** Ecological spillovers (002 §81): a hand-built pair of neighbours. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/engine/build.js';
import { spillover, SpilloverParams } from '../../../src/engine/mechanisms/spillover.js';
import { stream } from '../../../src/engine/rng.js';
import { beginStep } from '../../../src/engine/state.js';
import type { State } from '../../../src/engine/contract.js';
import { smallScenario } from '../../fixtures/scenarios.js';

/** Two SMEs: 0 knows little, 1 knows more in every domain, `dist` km apart. */
function pair(dist: number, acReceiver: number): State {
  const sc = smallScenario({ populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 2, initialTies: 0 }] });
  const s = buildState(sc, 1);
  const p = s.pop, D = p.D;
  p.x[0] = 0; p.y[0] = 0; p.x[1] = dist; p.y[1] = 0;
  for (let k = 0; k < D; k++) {
    p.tacit[k] = 0.2 + 0.05 * k; p.codified[k] = 0;
    p.tacit[D + k] = 0.5 + 0.1 * ((k + 1) % D); p.codified[D + k] = 0.1;
  }
  p.absorptive[0] = acReceiver;
  s.grid.rebuild(p.x, p.y, p.n, () => true);
  beginStep(s, 0);
  return s;
}

const gain = (s: State) => {
  const before = s.pop.knowledgeOf(0);
  spillover.step({ state: s, params: SpilloverParams.parse({}), rng: stream(1, 'test') });
  return s.pop.knowledgeOf(0) - before;
};

describe('spillover', () => {
  it('moves tacit knowledge from the more knowledgeable neighbour and records the flow', () => {
    const s = pair(1, 0.5);
    const g = gain(s);
    expect(g).toBeGreaterThan(0);
    expect(s.acc.flow.spillover).toBeCloseTo(g * s.pop.D, 10);
    expect(s.acc.flowByRow[0]).toBeGreaterThan(0);
  });
  it('gives nothing to a firm with zero absorptive capacity', () => {
    expect(gain(pair(1, 0))).toBe(0);
  });
  it('gives more to higher absorptive capacity', () => {
    expect(gain(pair(1, 0.8))).toBeGreaterThan(gain(pair(1, 0.3)));
  });
  it('falls with distance and stops beyond the radius', () => {
    expect(gain(pair(1, 0.5))).toBeGreaterThan(gain(pair(8, 0.5)));
    expect(gain(pair(50, 0.5))).toBe(0);
  });
  it('never lowers the knowledge of the more knowledgeable side', () => {
    const s = pair(1, 0.5);
    const before = s.pop.knowledgeOf(1);
    gain(s);
    expect(s.pop.knowledgeOf(1)).toBeGreaterThanOrEqual(before);
  });
});
