/** PRIM on data with a known box: it should find the box, report coverage and density, and peel as the EMA Workbench does. */
import { describe, expect, it } from 'vitest';
import { prim, primQuantile, selectPoint } from '../../src/experiments/prim.js';

// A 21 x 21 grid over [0, 1]^2 plus an irrelevant whole-number parameter and a text one;
// the cases of interest are x1 > 0.7 and x2 < 0.4.
const xs: number[] = [];
const ys: number[] = [];
for (let a = 0; a <= 20; a++) for (let b = 0; b <= 20; b++) {
  xs.push(a / 20);
  ys.push(b / 20);
}
const n = xs.length;
const noise = xs.map((_, i) => (i * 7) % 5);
const colour = xs.map((_, i) => (i % 3 === 0 ? 'red' : 'blue'));
const y = xs.map((x, i) => x > 0.7 && ys[i]! < 0.4);
const columns = [
  { name: 'x1', values: xs },
  { name: 'x2', values: ys },
  { name: 'noise', values: noise },
  { name: 'colour', values: colour },
];

describe('PRIM', () => {
  const r = prim(columns, y);
  const box = r.boxes[0]!;
  const last = box.trajectory[box.selected]!;
  it('finds the box of the cases of interest and restricts only x1 and x2', () => {
    expect(r.casesOfInterest).toBe(y.filter(Boolean).length);
    expect(last.density).toBe(1);
    expect(last.coverage).toBeGreaterThan(0.8);
    expect(box.restrictions.map((x) => x.name).sort()).toEqual(['x1', 'x2']);
    const x1 = box.restrictions.find((x) => x.name === 'x1')!;
    const x2 = box.restrictions.find((x) => x.name === 'x2')!;
    expect(x1.min).toBeGreaterThan(0.7);
    expect(x1.max).toBe(1);
    expect(x2.min).toBe(0);
    expect(x2.max).toBeLessThan(0.4);
    expect(x1.qpLower).toBeLessThan(0.01); // lifting the limit would lose density: significant
    expect(Number.isNaN(x1.qpUpper)).toBe(true); // not restricted above
  });
  it('keeps a trajectory whose density rises as the mass falls, down to no less than massMin', () => {
    expect(box.trajectory[0]).toMatchObject({ coverage: 1, mass: 1, restricted: 0 });
    for (let i = 1; i < box.trajectory.length; i++) {
      expect(box.trajectory[i]!.density).toBeGreaterThanOrEqual(box.trajectory[i - 1]!.density);
    }
    expect(Math.min(...box.trajectory.map((p) => p.mass))).toBeGreaterThanOrEqual(0.05);
    expect(last.n).toBe(box.cases.length);
    const vals: Record<string, number[]> = { x1: xs, x2: ys };
    for (const x of box.restrictions) expect(box.cases.every((i) => vals[x.name]![i]! >= x.min && vals[x.name]![i]! <= x.max)).toBe(true);
  });
  it('selects another point of the trajectory', () => {
    const early = selectPoint(r, 0, 2, columns, y);
    expect(early.selected).toBe(2);
    expect(early.cases.length).toBe(box.trajectory[2]!.n);
  });
  it('finds a second box among the remaining cases', () => {
    const two = prim(columns, y, { boxes: 2 });
    expect(two.boxes.length).toBeGreaterThanOrEqual(1);
    const first = new Set(two.boxes[0]!.cases);
    if (two.boxes[1]) expect(two.boxes[1].cases.some((i) => first.has(i))).toBe(false);
  });
  it('takes quantiles as sdtoolkit does: midway between distinct neighbours', () => {
    expect(primQuantile([1, 2, 3, 4, 5], 0.05)).toBe(1.5);
    expect(primQuantile([1, 2, 3, 4, 5], 0.95)).toBe(4.5);
    expect(primQuantile([1, 1, 1, 2], 0.05)).toBe(1.5);
    expect(n).toBe(441);
  });
});
