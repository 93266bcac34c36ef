/**
 * PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999, "Bump hunting in
 * high-dimensional data"), for scenario discovery as the EMA Workbench does it (Kwakkel
 * 2017, its analysis module prim.py; Bryant & Lempert 2010 for coverage, density and the
 * quasi-p values): find a box of parameter ranges in which the cases of interest (runs
 * whose metric is above or below a threshold) are concentrated.
 *
 * Phases of one box: start from the box holding every remaining case; peel: among all
 * candidate peels (cut the lowest or highest `peelAlpha` quantile of one numeric
 * parameter; drop one category of a text parameter) take the one with the best objective
 * ("lenient1", the Workbench's default: gain in mean divided by the number of cases
 * removed; ties go to the box restricting fewer parameters), while the box keeps at least
 * `massMin` of all cases and the objective improves; paste: widen a restricted numeric range
 * again by `pasteAlpha` quantiles while that raises the mean. Each accepted step is a point
 * on the peeling trajectory (coverage, density, mass, restricted parameters); the box is
 * the last point, as in the Workbench. Further boxes are found on the cases no earlier box
 * holds. Pure and deterministic.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';

export interface PrimColumn {
  name: string;
  /** Numbers (whole numbers are peeled as discrete values), or text categories. */
  values: readonly (number | string)[];
}

export interface PrimOptions {
  peelAlpha?: number;
  pasteAlpha?: number;
  massMin?: number;
  /** How many boxes to look for, one after the other (default 1). */
  boxes?: number;
}

/** The range of one parameter in a box: [min, max] for numbers, the kept categories for text. */
export interface Limit {
  name: string;
  kind: 'float' | 'int' | 'category';
  min: number;
  max: number;
  categories: string[];
  /** The range over all cases (for telling what a box restricts). */
  fullMin: number;
  fullMax: number;
  fullCategories: string[];
}

export interface TrajectoryPoint {
  id: number;
  coverage: number;
  density: number;
  mean: number;
  mass: number;
  /** Cases in the box, and cases of interest among them. */
  n: number;
  k: number;
  restricted: number;
  limits: Limit[];
}

export interface Restriction extends Limit {
  /** Quasi-p value of the lower and upper limit (one-sided binomial test, Bryant & Lempert 2010); NaN when not restricted. */
  qpLower: number;
  qpUpper: number;
}

export interface PrimBox {
  index: number;
  trajectory: TrajectoryPoint[];
  /** The chosen point of the trajectory (the last, unless selected otherwise). */
  selected: number;
  /** The restricted parameters of the selected point. */
  restrictions: Restriction[];
  /** Case indices inside the box. */
  cases: number[];
}

export interface PrimResult {
  n: number;
  casesOfInterest: number;
  boxes: PrimBox[];
}

type Kind = Limit['kind'];

/** The sdtoolkit quantile the Workbench uses (prim_util.get_quantile): midway between distinct neighbours. */
export function primQuantile(data: readonly number[], q: number): number {
  const d = [...data].sort((a, b) => a - b);
  const i = (d.length - 1) * q;
  let lo = Math.floor(i);
  let hi = Math.ceil(i);
  if (q > 0.5) {
    while (d[lo] === d[hi] && lo > 0) lo--;
  } else {
    while (d[lo] === d[hi] && hi < d.length - 1) hi++;
  }
  return (d[lo]! + d[hi]!) / 2;
}

function isRestricted(l: Limit): boolean {
  return l.kind === 'category' ? l.categories.length < l.fullCategories.length : l.min > l.fullMin || l.max < l.fullMax;
}

function inLimit(l: Limit, v: number | string): boolean {
  return l.kind === 'category' ? l.categories.includes(String(v)) : (v as number) >= l.min && (v as number) <= l.max;
}

export function prim(columns: readonly PrimColumn[], y: readonly boolean[], opts: PrimOptions = {}): PrimResult {
  const peelAlpha = opts.peelAlpha ?? 0.05;
  const pasteAlpha = opts.pasteAlpha ?? 0.05;
  const massMin = opts.massMin ?? 0.05;
  const n = y.length;
  const yv = y.map((b) => (b ? 1 : 0));
  const total = yv.reduce((s: number, v) => s + v, 0);
  const kinds: Kind[] = columns.map((c) =>
    c.values.every((v) => typeof v === 'number') ? (c.values.every((v) => Number.isInteger(v)) ? 'int' : 'float') : 'category',
  );
  // Parameters with a single value cannot restrict anything.
  const cols = columns.map((c, j) => ({ ...c, kind: kinds[j]! })).filter((c) => new Set(c.values.map(String)).size > 1);
  const initial: Limit[] = cols.map((c) => {
    const nums = c.kind === 'category' ? [] : (c.values as number[]);
    const cats = c.kind === 'category' ? [...new Set(c.values.map(String))].sort() : [];
    return {
      name: c.name,
      kind: c.kind,
      min: nums.length ? Math.min(...nums) : NaN,
      max: nums.length ? Math.max(...nums) : NaN,
      categories: cats,
      fullMin: nums.length ? Math.min(...nums) : NaN,
      fullMax: nums.length ? Math.max(...nums) : NaN,
      fullCategories: cats,
    };
  });
  const meanOf = (idx: readonly number[]) => (idx.length ? idx.reduce((s, i) => s + yv[i]!, 0) / idx.length : 0);
  const point = (id: number, idx: readonly number[], limits: Limit[]): TrajectoryPoint => {
    const k = idx.reduce((s, i) => s + yv[i]!, 0);
    return { id, coverage: k / Math.max(total, 1), density: idx.length ? k / idx.length : 0, mean: meanOf(idx), mass: idx.length / n, n: idx.length, k, restricted: limits.filter(isRestricted).length, limits };
  };
  /** Lenient1: the gain in mean per case removed (or added). */
  const objective = (old: readonly number[], next: readonly number[]) => {
    const mOld = meanOf(old);
    const mNew = next.length ? meanOf(next) : 0;
    if (mOld === mNew || old.length === next.length) return 0;
    return (mNew - mOld) / Math.abs(old.length - next.length);
  };
  const best = <T extends { obj: number; free: number }>(cands: T[]): T | undefined => {
    let out: T | undefined;
    for (const c of cands) if (!out || c.obj > out.obj || (c.obj === out.obj && c.free > out.free)) out = c;
    return out;
  };
  const free = (limits: Limit[]) => limits.filter((l) => !isRestricted(l)).length;

  const boxes: PrimBox[] = [];
  let remaining = Array.from({ length: n }, (_, i) => i);
  for (let b = 0; b < (opts.boxes ?? 1) && remaining.length > 0; b++) {
    let idx = remaining;
    let limits = initial.map((l) => ({ ...l }));
    const trajectory = [point(0, idx, limits)];

    // peel
    for (;;) {
      const cands: { obj: number; free: number; idx: number[]; limits: Limit[] }[] = [];
      cols.forEach((c, j) => {
        const lim = limits[j]!;
        if (c.kind === 'category') {
          if (lim.categories.length < 2) return;
          for (const cat of lim.categories) {
            const next = idx.filter((i) => String(c.values[i]) !== cat);
            const nl = limits.map((l, q) => (q === j ? { ...l, categories: l.categories.filter((x) => x !== cat) } : l));
            cands.push({ obj: objective(idx, next), free: free(nl), idx: next, limits: nl });
          }
          return;
        }
        const xs = idx.map((i) => c.values[i] as number);
        for (const dir of ['upper', 'lower'] as const) {
          let cut = primQuantile(xs, dir === 'upper' ? 1 - peelAlpha : peelAlpha);
          let next: number[];
          if (c.kind === 'int') {
            // Whole numbers: cut at a value, and move past it when the quantile sits on the limit.
            cut = Math.trunc(cut);
            const edge = dir === 'lower' ? lim.min : lim.max;
            const keep = (v: number) => (dir === 'lower' ? (cut === edge ? v > edge : v >= cut) && v <= lim.max : (cut === edge ? v < edge : v <= cut) && v >= lim.min);
            next = idx.filter((i) => keep(c.values[i] as number));
            const kept = next.map((i) => c.values[i] as number);
            cut = kept.length ? (dir === 'lower' ? Math.min(...kept) : Math.max(...kept)) : dir === 'lower' ? Math.min(...xs) : Math.max(...xs);
          } else {
            next = idx.filter((i) => (dir === 'lower' ? (c.values[i] as number) >= cut : (c.values[i] as number) <= cut));
          }
          const nl = limits.map((l, q) => (q === j ? { ...l, ...(dir === 'lower' ? { min: cut } : { max: cut }) } : l));
          cands.push({ obj: objective(idx, next), free: free(nl), idx: next, limits: nl });
        }
      });
      const pick = best(cands);
      if (!pick) break;
      const massNew = pick.idx.length / n;
      if (!(massNew >= massMin && pick.idx.length < idx.length && pick.obj > 0)) break;
      idx = pick.idx;
      limits = pick.limits;
      trajectory.push(point(trajectory.length, idx, limits));
    }

    // paste: widen restricted numeric ranges over the remaining cases
    const inBox = (i: number, lims: Limit[]) => lims.every((l, q) => !isRestricted(l) || inLimit(l, cols[q]!.values[i]!));
    for (;;) {
      const cands: { obj: number; free: number; idx: number[]; limits: Limit[] }[] = [];
      cols.forEach((c, j) => {
        const lim = limits[j]!;
        if (c.kind === 'category' || !isRestricted(lim)) return;
        for (const dir of ['lower', 'upper'] as const) {
          const probe = limits.map((l, q) => (q === j ? { ...l, ...(dir === 'lower' ? { min: l.fullMin, max: lim.min } : { min: lim.max, max: l.fullMax }) } : l));
          const data = remaining.filter((i) => inBox(i, probe)).map((i) => c.values[i] as number);
          let value = dir === 'lower' ? lim.fullMin : lim.fullMax;
          if (data.length > 0) value = primQuantile(data, dir === 'lower' ? 1 - pasteAlpha : pasteAlpha);
          if (c.kind === 'int') value = Math.trunc(value);
          const nl = limits.map((l, q) => (q === j ? { ...l, ...(dir === 'lower' ? { min: Math.min(value, lim.min) } : { max: Math.max(value, lim.max) }) } : l));
          const next = remaining.filter((i) => inBox(i, nl));
          cands.push({ obj: objective(idx, next), free: free(nl), idx: next, limits: nl });
        }
      });
      const pick = best(cands);
      if (!pick) break;
      const massNew = pick.idx.length / n;
      if (!(massNew >= massMin && pick.idx.length > idx.length && pick.obj > 0 && meanOf(pick.idx) > meanOf(idx))) break;
      idx = pick.idx;
      limits = pick.limits;
      trajectory.push(point(trajectory.length, idx, limits));
    }

    const box: PrimBox = { index: b, trajectory, selected: trajectory.length - 1, restrictions: [], cases: idx };
    box.restrictions = restrictionsOf(box, box.selected, cols, yv, remaining);
    boxes.push(box);
    const taken = new Set(idx);
    remaining = remaining.filter((i) => !taken.has(i));
    if (trajectory.length === 1) break; // nothing could be peeled: no further box either
  }
  return { n, casesOfInterest: total, boxes };
}

/**
 * The restricted parameters of trajectory point `at`, with the quasi-p value of each
 * limit: the one-sided binomial probability of finding as many cases of interest in the box
 * if that limit were lifted (Bryant & Lempert 2010; the Workbench's calculate_qp).
 */
function restrictionsOf(box: PrimBox, at: number, cols: readonly (PrimColumn & { kind: Kind })[], yv: number[], remaining: number[]): Restriction[] {
  const p = box.trajectory[at]!;
  const restricted = p.limits.map((l, q) => ({ l, q })).filter(({ l }) => isRestricted(l));
  const inBox = (i: number, lims: Limit[]) => lims.every((l, q) => !isRestricted(l) || inLimit(l, cols[q]!.values[i]!));
  const quasiP = (lims: Limit[]) => {
    const inside = remaining.filter((i) => inBox(i, lims));
    const hits = inside.reduce((s, i) => s + yv[i]!, 0);
    const share = inside.length ? hits / inside.length : 0;
    // P(X >= k) for X ~ Binomial(n, share)
    return p.k > 0 ? 1 - binomialCdf(p.k - 1, p.n, share) : 1;
  };
  return restricted.map(({ l, q }) => {
    const lift = (patch: Partial<Limit>) => p.limits.map((x, r) => (r === q ? { ...x, ...patch } : x));
    if (l.kind === 'category') return { ...l, qpLower: quasiP(lift({ categories: l.fullCategories })), qpUpper: NaN };
    return {
      ...l,
      qpLower: l.min > l.fullMin ? quasiP(lift({ min: l.fullMin })) : NaN,
      qpUpper: l.max < l.fullMax ? quasiP(lift({ max: l.fullMax })) : NaN,
    };
  });
}

/** Choose another point of a box's trajectory (as the Workbench's box.select(i)). */
export function selectPoint(result: PrimResult, box: number, at: number, columns: readonly PrimColumn[], y: readonly boolean[]): PrimBox {
  const b = result.boxes[box]!;
  const yv = y.map((v) => (v ? 1 : 0));
  const kinds = columns.map((c) =>
    c.values.every((v) => typeof v === 'number') ? (c.values.every((v) => Number.isInteger(v)) ? ('int' as const) : ('float' as const)) : ('category' as const),
  );
  const cols = columns.map((c, j) => ({ ...c, kind: kinds[j]! })).filter((c) => new Set(c.values.map(String)).size > 1);
  const taken = new Set(result.boxes.slice(0, box).flatMap((x) => x.cases));
  const remaining = Array.from({ length: y.length }, (_, i) => i).filter((i) => !taken.has(i));
  const limits = b.trajectory[at]!.limits;
  const cases = remaining.filter((i) => limits.every((l, q) => !isRestricted(l) || inLimit(l, cols[q]!.values[i]!)));
  const out: PrimBox = { ...b, selected: at, cases };
  out.restrictions = restrictionsOf(out, at, cols, yv, remaining);
  return out;
}
