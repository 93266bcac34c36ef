/** Cached neighbour lists (src/engine/neighbours.ts) against brute force, through entries and exits. */
import { describe, expect, it } from 'vitest';
import { buildState } from '../../src/engine/build.js';
import { NeighbourLists } from '../../src/engine/neighbours.js';
import { stream } from '../../src/engine/rng.js';
import { addAgent, beginStep, endStep, removeAgent } from '../../src/engine/state.js';
import type { State } from '../../src/engine/contract.js';
import { smallScenario } from '../fixtures/scenarios.js';

const RADIUS = 1.5;
const POOL = 12;

/** Rows within RADIUS of row i (excluding i), by brute force. */
function truth(s: State, i: number): Set<number> {
  const p = s.pop, out = new Set<number>();
  for (let j = 0; j < p.n; j++) {
    if (j === i) continue;
    const dx = p.x[j] - p.x[i], dy = p.y[j] - p.y[i];
    if (dx * dx + dy * dy <= RADIUS * RADIUS) out.add(j);
  }
  return out;
}

function check(s: State, L: NeighbourLists, pool: number): { complete: number; total: number } {
  let complete = 0;
  expect(L.rows).toBe(s.pop.n);
  for (let i = 0; i < s.pop.n; i++) {
    const list = Array.from(L.items.subarray(L.start[i], L.start[i + 1]));
    const all = truth(s, i);
    expect(new Set(list).size).toBe(list.length); // no duplicates
    expect(list.length).toBeLessThanOrEqual(pool);
    for (const j of list) expect(all.has(j)).toBe(true); // only true neighbours
    if (L.complete[i]) {
      complete++;
      expect(list.length).toBe(all.size); // complete: every neighbour
    } else expect(all.size).toBeGreaterThanOrEqual(list.length);
  }
  return { complete, total: s.pop.n };
}

/** One step of churn: `exits` random agents leave, `entries` enter at random places. */
function churn(s: State, seed: number, exits: number, entries: number): void {
  const rng = stream(seed, 'churn');
  beginStep(s, seed);
  for (let k = 0; k < exits; k++) removeAgent(s, rng.int(s.pop.n));
  for (let k = 0; k < entries; k++) {
    const i = addAgent(s, 0, 0, 0, true);
    s.pop.x[i] = rng.uniform(-12, 12);
    s.pop.y[i] = rng.uniform(-12, 12);
  }
  endStep(s);
}

describe('neighbour lists', () => {
  const build = () => buildState(smallScenario({ populations: [{ kind: 'sme', region: 'r1', sector: 's1', count: 400, initialTies: 0 }] }), 3);

  it('hold the first `pool` neighbours of each row, flagged complete when that is all of them', () => {
    const s = build();
    const L = new NeighbourLists().get(s, RADIUS, POOL);
    const c = check(s, L, POOL);
    expect(c.complete).toBeGreaterThan(0);
    expect(c.complete).toBeLessThan(c.total); // some rows have more than POOL neighbours
  });

  it('stay exact through entries and exits (updated, not rebuilt), and are reused while nothing changes', () => {
    const s = build();
    const L = new NeighbourLists();
    L.get(s, RADIUS, POOL);
    for (let t = 1; t <= 6; t++) {
      churn(s, t, 3, 4);
      L.get(s, RADIUS, POOL);
      check(s, L, POOL);
    }
    expect(L.rebuilds).toBe(1);
    const items = L.items;
    endStep(s); // nothing changed: same grid version, same lists
    expect(L.get(s, RADIUS, POOL).items).toBe(items);
  });

  it('keep complete lists symmetric: j in i\'s list exactly when i is in j\'s', () => {
    const s = build();
    const L = new NeighbourLists();
    L.get(s, RADIUS, POOL);
    for (let t = 1; t <= 4; t++) {
      churn(s, t, 5, 5);
      L.get(s, RADIUS, POOL);
    }
    for (let i = 0; i < s.pop.n; i++) {
      if (!L.complete[i]) continue;
      for (let q = L.start[i]; q < L.start[i + 1]; q++) {
        const j = L.items[q];
        if (!L.complete[j]) continue;
        const back = Array.from(L.items.subarray(L.start[j], L.start[j + 1]));
        expect(back).toContain(i);
      }
    }
  });

  it('are rebuilt when an agent moves', () => {
    const s = build();
    const L = new NeighbourLists();
    L.get(s, RADIUS, POOL);
    s.pop.x[5] += 4;
    s.grid.rebuild(s.pop.x, s.pop.y, s.pop.n, () => true);
    L.get(s, RADIUS, POOL);
    check(s, L, POOL);
  });
});
