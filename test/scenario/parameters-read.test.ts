/**
 * "A parameter that is stored but never read is a bug": every model parameter the
 * parameter table lists (docs/parameters.md, from the schema), every population field whose
 * default depends on the agent's kind, and every numeric, switch or choice parameter of
 * every lever must change a run when it is moved off its value. The
 * run's metric rows are compared with the unchanged run's.
 *
 * A parameter may act only in some kinds of scenario (the symbolic knowledge base only
 * where a sector is symbolic; a cap only when it binds), so each is moved several ways and
 * tried in several scenarios, and passes if any run changes: model parameters in four
 * shipped scenarios that between them use every mechanism, lever parameters in every
 * shipped scenario that switches the lever on.
 */
import { describe, expect, it } from 'vitest';
import { shippedFiles } from '../fixtures/shipped.js';
import { z } from 'zod';
import { parameterSections, type ParamRow } from '../../src/cli/write-params.js';
import { KIND_DEFAULTS } from '../../src/engine/build.js';
import { LEVERS } from '../../src/engine/levers/index.js';
import { runScenario } from '../../src/engine/simulation.js';
import { getPath, setPathInPlace } from '../../src/experiments/paths.js';
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { PopulationSchema, type Scenario } from '../../src/scenario/schema.js';

const MODEL_SCENARIOS: { file: string; set?: Record<string, unknown> }[] = [
  { file: 'scenarios/default.yaml' },
  { file: 'scenarios/linear-vs-systemic/systemic.yaml' },
  { file: 'scenarios/alps4eu-cooperation.yaml' },
  { file: 'scenarios/experiments/lock-in-open.yaml' },
  // No shipped scenario ties a symbolic-base firm to a research institution (lock-in-open's
  // institute is in the district, its design firms next door), so the symbolic base's
  // researchLinks needs the district's own sector made symbolic.
  { file: 'scenarios/experiments/lock-in-open.yaml', set: { 'sectors.0.knowledgeBase': 'symbolic' } },
  // Firms' own efficiency is an option no shipped scenario takes (efficiencySd 0): its
  // persistence acts only with a spread, here the literature's 0.25 (docs/model/market.md).
  { file: 'scenarios/default.yaml', set: { 'parameters.mechanisms.market.efficiencySd': 0.25 } },
  // The coordination skill of a firm that is not a leading firm (projects' governanceOther)
  // acts only on the projects such a firm coordinates: in the shipped scenarios those the
  // researchAggregation lever funds, a few a run, whose outcomes a move flips only sometimes.
  { file: 'scenarios/inde.yaml' },
  // The leading role's succession acts only when a leading firm exits, which the shipped
  // districts' leading firms (250-2,000 employees) do after hundreds of steps: here they
  // start with a few employees and one product line, and leave within the short run.
  { file: 'scenarios/default.yaml', set: { 'populations.1.employees': [2, 4] } },
];
/** Short runs: 40 unrecorded steps so that demography and ties have moved, then 40 recorded. */
const WARMUP = 40;
const STEPS = 40;

type Domain =
  | { kind: 'number'; lo: number; hi: number; loOpen: boolean; hiOpen: boolean; integer: boolean }
  | { kind: 'choice'; options: string[] }
  | { kind: 'switch' };

/** The values a row of the parameter table may take, from its range text. */
function domainOfRow(row: ParamRow): Domain {
  if (row.range === 'true | false') return { kind: 'switch' };
  const text = row.range.replace(/^\[lo, hi\], each in /, '');
  const m = /^([[(])(-?[\d.e+-]+|-inf), (-?[\d.e+-]+|inf)([\])])( integer)?$/.exec(text);
  if (m) {
    return {
      kind: 'number',
      lo: m[2] === '-inf' ? -Infinity : Number(m[2]),
      hi: m[3] === 'inf' ? Infinity : Number(m[3]),
      loOpen: m[1] === '(',
      hiOpen: m[4] === ')',
      integer: Boolean(m[5]),
    };
  }
  if (row.range.includes(' | ')) return { kind: 'choice', options: row.range.split(' | ') };
  throw new Error(`${row.path}: cannot read the range '${row.range}'`);
}

/** A JSON Schema node (z.toJSONSchema), the fields read here. */
interface Node {
  type?: string;
  enum?: unknown[];
  minimum?: number | null;
  maximum?: number | null;
  exclusiveMinimum?: number | null;
  exclusiveMaximum?: number | null;
  properties?: Record<string, Node>;
  prefixItems?: Node[];
}

/** The values a schema node may take, or null for what is not moved (names, lists of names, tables). */
function domainOfNode(n: Node): Domain | null {
  if (n.type === 'boolean') return { kind: 'switch' };
  if (n.enum) return { kind: 'choice', options: n.enum.map(String) };
  if (n.type === 'array' && n.prefixItems?.length) return domainOfNode(n.prefixItems[0]);
  if (n.type !== 'number' && n.type !== 'integer') return null;
  return {
    kind: 'number',
    lo: n.exclusiveMinimum ?? n.minimum ?? -Infinity,
    hi: n.exclusiveMaximum ?? n.maximum ?? Infinity,
    loOpen: n.exclusiveMinimum != null,
    hiOpen: n.exclusiveMaximum != null,
    integer: n.type === 'integer',
  };
}

/**
 * The values a parameter is moved to, in the order tried: up by half, down by half, one
 * unit (an integer), the low end of its range (a cap binds only when lowered far enough),
 * then three times the value (a small chance shows only when moved far enough); from 0, to
 * 0.01, 0.1 or 1. Never to the top of a wide range: a radius or growth rate there makes a
 * run take minutes. Always inside the allowed range, never the value itself.
 */
function moves(d: Domain, value: unknown, what: string): unknown[] {
  // An optional setting left out: set it (a number to the middle of its range or 0.5).
  if (value === undefined) {
    if (d.kind === 'switch') return [true, false];
    if (d.kind === 'choice') return d.options;
    return [Number.isFinite(d.hi) && Number.isFinite(d.lo) ? (d.lo + d.hi) / 2 : 0.5, d.lo, d.hi].filter(Number.isFinite);
  }
  if (typeof value === 'boolean') return [!value];
  if (typeof value === 'string' && d.kind === 'choice') return d.options.filter((o) => o !== value);
  if (Array.isArray(value)) {
    const each = value.map((v) => moves(d, v, what));
    const n = Math.max(...each.map((e) => e.length));
    // A [lo, hi] pair stays ordered.
    return Array.from({ length: n }, (_, k) => each.map((e, i) => e[Math.min(k, e.length - 1)] ?? value[i]).sort((x, y) => (x as number) - (y as number)));
  }
  if (typeof value !== 'number' || d.kind !== 'number') throw new Error(`${what}: cannot move ${JSON.stringify(value)}`);
  const inside = (x: number) => (d.loOpen ? x > d.lo : x >= d.lo) && (d.hiOpen ? x < d.hi : x <= d.hi);
  const fix = (x: number) => (d.integer ? Math.round(x) : x);
  const lo = d.loOpen && !d.integer ? d.lo + (value - d.lo) * 0.01 : d.lo;
  const raw = value === 0
    ? [0.01, 0.1, 1]
    : [value * 1.5, value * 0.5, value + (d.integer ? 1 : 0), value - (d.integer ? 1 : 0), lo, Math.min(d.hi, value * 3)];
  const out: number[] = [];
  for (const x of raw.map(fix)) if (Number.isFinite(x) && inside(x) && x !== value && !out.includes(x)) out.push(x);
  return out;
}

const loaded = new Map<string, { sc: Scenario; steps: number; base: string }>();
async function scenario(file: string, set: Record<string, unknown> = {}, steps = STEPS) {
  const key = `${file} ${JSON.stringify(set)} ${steps}`;
  let got = loaded.get(key);
  if (!got) {
    const sc = await loadScenarioFile(file);
    sc.warmup = WARMUP;
    for (const [p, v] of Object.entries(set)) setPathInPlace(sc, p, v);
    const res = validateScenario(sc, file);
    if (!res.ok) throw new Error(`${file} with ${JSON.stringify(set)}: ${res.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    got = { sc: res.scenario, steps, base: run(res.scenario, steps) };
    loaded.set(key, got);
  }
  return got;
}
function run(sc: Scenario, steps: number): string {
  return JSON.stringify(runScenario(sc, { steps }).rows.map((r) => r.value));
}

/**
 * Moves `paths` of each scenario together, each in turn; returns nothing when a run
 * changes, else what was tried.
 */
async function tryMoves(
  what: string,
  cases: { file: string; set?: Record<string, unknown>; steps?: number; paths: (sc: Scenario) => string[]; domain: Domain; read?: (sc: Scenario, p: string) => unknown }[],
  opts: { skipInvalid?: boolean } = {},
): Promise<string[]> {
  const tried: string[] = [];
  for (const c of cases) {
    const { sc, steps, base } = await scenario(c.file, c.set, c.steps);
    const paths = c.paths(sc);
    const options = paths.map((p) => moves(c.domain, c.read ? c.read(sc, p) : getPath(sc, p), `${what} in ${c.file}`));
    for (let k = 0; k < Math.max(0, ...options.map((o) => o.length)); k++) {
      const obj = structuredClone(sc);
      const values = options.map((o) => o[Math.min(k, o.length - 1)]);
      paths.forEach((p, i) => setPathInPlace(obj, p, values[i]));
      const res = validateScenario(obj, c.file);
      if (!res.ok && opts.skipInvalid) { tried.push(`${c.file} (${JSON.stringify(values)}: invalid)`); continue; }
      if (!res.ok) throw new Error(`${what} in ${c.file}: ${res.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      if (run(res.scenario, steps) !== base) return [];
      tried.push(`${c.file}${c.set ? ` with ${JSON.stringify(c.set)}` : ''} (${JSON.stringify(values)})`);
    }
  }
  return tried;
}

const rows: ParamRow[] = parameterSections().flatMap((s) => s.rows);

/** The concrete paths a table row stands for in a scenario (a list field: every entry). */
function concrete(sc: Scenario, p: string): string[] {
  const m = /^(regions|sectors|populations)\[\]\.(.+)$/.exec(p);
  if (!m) return [p];
  return (sc[m[1] as 'regions'] as unknown[]).map((_, i) => `${m[1]}.${i}.${m[2]}`);
}

describe('every model parameter is read', () => {
  it('lists the model parameters', () => {
    expect(rows.length).toBeGreaterThan(150);
  });
  it.each(rows.map((r) => [r.path, r] as const))('%s changes a run', async (_, row) => {
    const domain = domainOfRow(row);
    const tried = await tryMoves(row.path, MODEL_SCENARIOS.map((s) => ({ ...s, domain, paths: (sc: Scenario) => concrete(sc, row.path) })));
    if (tried.length > 0) expect.fail(`${row.path} changes nothing in ${tried.join(', ')}`);
  });
});

/**
 * The population fields whose default depends on the agent's kind (KIND_DEFAULTS, so not in
 * the parameter table): each is moved from the value a population has (its own or its
 * kind's default) in every population of the scenario.
 */
const POPULATION_FIELDS = ['employees', 'knowledge', 'tacitShare', 'absorptive', 'ict', 'openness', 'international', 'capital'] as const;
const populationNodes = (z.toJSONSchema(PopulationSchema, { io: 'input' }) as Node).properties!;

describe('every population field with a per-kind default is read', () => {
  it.each(POPULATION_FIELDS.map((f) => [f] as const))('populations[].%s changes a run', async (field) => {
    const domain = domainOfNode(populationNodes[field])!;
    const read = (sc: Scenario, p: string) => {
      const pop = sc.populations[Number(p.split('.')[1])];
      return pop[field] ?? KIND_DEFAULTS[pop.kind][field];
    };
    const paths = (sc: Scenario) => sc.populations.map((_, i) => `populations.${i}.${field}`);
    const tried = await tryMoves(field, MODEL_SCENARIOS.map((s) => ({ ...s, domain, paths, read })));
    if (tried.length > 0) expect.fail(`populations[].${field} changes nothing in ${tried.join(', ')}`);
  });
});

/** The levers each shipped scenario switches on, with their first start. */
const uses = new Map<string, { file: string; start: number }[]>();
for (const file of shippedFiles()) {
  const sc = await loadScenarioFile(file);
  for (const p of sc.policies) {
    const list = uses.get(p.lever) ?? [];
    const had = list.find((u) => u.file === file);
    if (had) had.start = Math.min(had.start, p.start);
    else list.push({ file, start: p.start });
    uses.set(p.lever, list);
  }
}

const leverParams = Object.entries(LEVERS).flatMap(([id, lever]) => {
  const js = z.toJSONSchema(lever.params, { io: 'input', unrepresentable: 'any' }) as Node;
  return Object.entries(js.properties ?? {}).flatMap(([name, node]) => {
    const domain = domainOfNode(node);
    return domain ? [{ id, name, domain }] : [];
  });
});

/**
 * Lever parameters that only act in a setting no shipped scenario has, with a shipped
 * scenario changed into one (each is read; the shipped scenarios just never reach it).
 */
const LEVER_VARIANTS: Record<string, { file: string; set: Record<string, unknown> }[]> = {
  // Capacity of a region with no assistance centre: every shipped ictTraining scenario has one.
  'ictTraining.firmsWithoutCentre': [{ file: 'scenarios/default-policy.yaml', set: { 'populations.4.count': 0 } }],
  // Relatedness of sector pairs the table leaves out: the shipped tables list every pair.
  'interClusterCooperation.defaultRelatedness': [{ file: 'scenarios/alps4eu-cooperation.yaml', set: { 'policies.0.params.relatedness': [] } }],
  // Creating business-service firms where a region has fewer than kibsPer100Firms: every
  // shipped serviceNetwork scenario keeps enough KIBS through its warm-up (entrants are KIBS
  // at their built share, and with lineTurnover 0.13 the districts hold more of them), so the
  // creation's cost and cap only act in a district built without KIBS, and the cap only where
  // the budget pays for more than one a step (default-policy's 4 a quarter is below the
  // default setup cost of 10).
  'serviceNetwork.setupCostPerKibs': [{ file: 'scenarios/default-policy.yaml', set: { 'populations.2.count': 0 } }],
  'serviceNetwork.maxNewKibsPerStep': [{ file: 'scenarios/default-policy.yaml', set: { 'populations.2.count': 0, 'policies.3.budget': 40 } }],
  // Subsidising research institutions needs them in the target (validation insists).
  'rdSubsidy.research': [{ file: 'scenarios/linear-vs-systemic/linear.yaml', set: { 'policies.0.target.kinds': ['sme', 'leading', 'kibs', 'research'] } }],
};

describe('every lever parameter is read', () => {
  it('every lever is switched on by some shipped scenario', () => {
    expect(Object.keys(LEVERS).filter((id) => !uses.has(id))).toEqual([]);
  });
  it.each(leverParams.map((p) => [`${p.id}.${p.name}`, p] as const))('%s changes a run', async (what, { id, name, domain }) => {
    const variants = (LEVER_VARIANTS[what] ?? []).map((v) => ({ ...v, start: uses.get(id)?.find((u) => u.file === v.file)?.start ?? 0 }));
    const all: { file: string; start: number; set?: Record<string, unknown> }[] = [...variants, ...(uses.get(id) ?? [])];
    const cases = all.map((u) => ({
      file: u.file,
      set: u.set,
      // Long enough for the lever to act for 20 steps.
      steps: Math.max(STEPS, u.start + 20),
      domain,
      paths: (sc: Scenario) => sc.policies.flatMap((p, k) => (p.lever === id ? [`policies.${k}.params.${name}`] : [])),
    }));
    // Where a variant exists, only it is tried: the check must pass because the variant
    // makes the parameter act, not through a shipped scenario by luck.
    const tried = await tryMoves(what, variants.length > 0 ? cases.slice(0, variants.length) : cases);
    if (tried.length > 0) expect.fail(`${what} changes nothing in ${tried.join(', ')}`);
  });
  it.each(Object.entries(LEVER_VARIANTS))('%s is inert in every shipped scenario (why it needs its variant)', async (what, variants) => {
    const [id, name] = what.split('.');
    // Moves that a shipped scenario rejects (rdSubsidy.research) count as inert there.
    const cases = (uses.get(id) ?? []).map((u) => ({ file: u.file, steps: Math.max(STEPS, u.start + 20), domain: leverParams.find((p) => p.id === id && p.name === name)!.domain, paths: (sc: Scenario) => sc.policies.flatMap((p, k) => (p.lever === id ? [`policies.${k}.params.${name}`] : [])) }));
    expect(variants.length).toBeGreaterThan(0);
    expect(await tryMoves(what, cases, { skipInvalid: true })).not.toEqual([]);
  });
});
