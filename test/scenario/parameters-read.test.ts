/**
 * "A parameter that is stored but never read is a bug": every model parameter the
 * parameter table lists (docs/parameters.md, from the schema) must change a run when it is
 * moved off its value. Each one is moved once (a number by half its value, or to the
 * middle of its range when 0; a switch flipped; a choice to another of its values) and the
 * run's metric rows compared with the unchanged run's. A parameter may act only in some
 * kinds of scenario (the symbolic knowledge base only where a sector is symbolic), so the
 * run is tried in four shipped scenarios that between them use every mechanism, and the
 * parameter passes if any of them changes.
 */
import { describe, expect, it } from 'vitest';
import { parameterSections, type ParamRow } from '../../src/cli/write-params.js';
import { runScenario } from '../../src/engine/simulation.js';
import { getPath, setPathInPlace } from '../../src/experiments/paths.js';
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { validateScenario } from '../../src/scenario/validate.js';
import type { Scenario } from '../../src/scenario/schema.js';

const SCENARIOS: { file: string; set?: Record<string, unknown> }[] = [
  { file: 'scenarios/default.yaml' },
  { file: 'scenarios/linear-vs-systemic/systemic.yaml' },
  { file: 'scenarios/alps4eu-cooperation.yaml' },
  { file: 'scenarios/experiments/lock-in-open.yaml' },
  // No shipped scenario ties a symbolic-base firm to a research institution (lock-in-open's
  // institute is in the district, its design firms next door), so the symbolic base's
  // researchLinks needs the district's own sector made symbolic.
  { file: 'scenarios/experiments/lock-in-open.yaml', set: { 'sectors.0.knowledgeBase': 'symbolic' } },
];
/** Short runs: 40 unrecorded steps so that demography and ties have moved, then 40 recorded. */
const WARMUP = 40;
const STEPS = 40;

const rows: ParamRow[] = parameterSections().flatMap((s) => s.rows);

/** The bounds of a numeric row (a [lo, hi] pair: of each element), from the table's range text. */
function bounds(row: ParamRow): { lo: number; hi: number; loOpen: boolean; hiOpen: boolean; integer: boolean } {
  const text = row.range.replace(/^\[lo, hi\], each in /, '');
  const m = /^([[(])(-?[\d.e+-]+|-inf), (-?[\d.e+-]+|inf)([\])])( integer)?$/.exec(text);
  if (!m) throw new Error(`${row.path}: cannot read the range '${row.range}'`);
  return {
    lo: m[2] === '-inf' ? -Infinity : Number(m[2]),
    hi: m[3] === 'inf' ? Infinity : Number(m[3]),
    loOpen: m[1] === '(',
    hiOpen: m[4] === ')',
    integer: Boolean(m[5]),
  };
}

/**
 * The values a parameter is moved to, in the order tried: up by half, down by half, one
 * unit (an integer), the low end of its range (a cap binds only when lowered far enough),
 * then three times the value (a small chance shows only when moved far enough); from 0, to
 * 0.01, 0.1 or 1. Never to the top of a wide range: a radius or growth rate there makes a
 * run take minutes. Always inside the allowed range, never the value itself.
 */
function moves(row: ParamRow, value: unknown): unknown[] {
  if (typeof value === 'boolean') return [!value];
  if (typeof value === 'string') return row.range.split(' | ').filter((o) => o !== value);
  if (Array.isArray(value)) {
    const each = value.map((v) => moves(row, v));
    const n = Math.max(...each.map((e) => e.length));
    // A [lo, hi] pair stays ordered.
    return Array.from({ length: n }, (_, k) => each.map((e, i) => e[Math.min(k, e.length - 1)] ?? value[i]).sort((x, y) => (x as number) - (y as number)));
  }
  if (typeof value !== 'number') throw new Error(`${row.path}: cannot move a ${typeof value}`);
  const b = bounds(row);
  const inside = (x: number) => (b.loOpen ? x > b.lo : x >= b.lo) && (b.hiOpen ? x < b.hi : x <= b.hi);
  const fix = (x: number) => (b.integer ? Math.round(x) : x);
  const inner = (x: number, toward: number) => (Number.isFinite(x) ? (b.integer ? x : x + (toward - x) * 0.01) : NaN);
  const lo = b.loOpen ? inner(b.lo, value) : b.lo;
  const hi = b.hiOpen ? inner(b.hi, value) : b.hi;
  const raw = value === 0
    ? [0.01, 0.1, 1]
    : [value * 1.5, value * 0.5, value + (b.integer ? 1 : 0), value - (b.integer ? 1 : 0), lo, Math.min(hi, value * 3)];
  const out: number[] = [];
  for (const x of raw.map(fix)) if (Number.isFinite(x) && inside(x) && x !== value && !out.includes(x)) out.push(x);
  return out;
}

/** The concrete paths a table row stands for in a scenario (a list field: every entry). */
function concrete(sc: Scenario, path: string): string[] {
  const m = /^(regions|sectors|populations)\[\]\.(.+)$/.exec(path);
  if (!m) return [path];
  return (sc[m[1] as 'regions'] as unknown[]).map((_, i) => `${m[1]}.${i}.${m[2]}`);
}

const loaded = new Map<string, { sc: Scenario; base: string }>();
async function scenario(file: string, set: Record<string, unknown> = {}) {
  const key = `${file} ${JSON.stringify(set)}`;
  let got = loaded.get(key);
  if (!got) {
    const sc = await loadScenarioFile(file);
    sc.warmup = WARMUP;
    for (const [p, v] of Object.entries(set)) setPathInPlace(sc, p, v);
    got = { sc, base: run(sc) };
    loaded.set(key, got);
  }
  return got;
}
function run(sc: Scenario): string {
  return JSON.stringify(runScenario(sc, { steps: STEPS }).rows.map((r) => r.value));
}

describe('every listed parameter is read', () => {
  it('lists the model parameters', () => {
    expect(rows.length).toBeGreaterThan(150);
  });
  it.each(rows.map((r) => [r.path, r] as const))('%s changes a run', async (_, row) => {
    const tried: string[] = [];
    for (const { file, set } of SCENARIOS) {
      const { sc, base } = await scenario(file, set);
      const paths = concrete(sc, row.path);
      const options = paths.map((p) => moves(row, getPath(sc, p)));
      for (let k = 0; k < Math.max(...options.map((o) => o.length)); k++) {
        const obj = structuredClone(sc);
        paths.forEach((p, i) => setPathInPlace(obj, p, options[i][Math.min(k, options[i].length - 1)]));
        const res = validateScenario(obj, file);
        if (!res.ok) throw new Error(`${row.path} in ${file}: ${res.issues.map((i) => i.message).join('; ')}`);
        if (run(res.scenario) !== base) return;
        tried.push(`${file}${set ? ` with ${JSON.stringify(set)}` : ''} (${JSON.stringify(options.map((o) => o[Math.min(k, o.length - 1)]))})`);
      }
    }
    expect.fail(`${row.path} changes nothing in ${tried.join(', ')}`);
  });
});
