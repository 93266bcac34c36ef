/**
 * Writes docs/parameters.md from the zod scenario schema (`npm run params`), so the parameter
 * table cannot drift from the code: every model parameter with its default, allowed range,
 * unit and source as its schema description states them, and its Morris rank for the key
 * outcomes, read from the committed screening results (experiments/validation/morris.yaml,
 * docs/sensitivity.md). test/docs/parameters.test.ts checks that the committed file is what
 * this writes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ScenarioSchema } from '../scenario/schema.js';
import { KIND_DEFAULTS } from '../engine/build.js';
import { KINDS } from '../engine/population.js';
import { LEVER_IDS } from '../engine/contract.js';
import { LEVERS } from '../engine/levers/index.js';

export const PARAMS_DOC = 'docs/parameters.md';
/** The Morris indices the rank columns are read from (a sweep's sensitivity.csv). */
export const MORRIS_RESULTS = 'experiments/validation/results/morris-settled/sensitivity.csv';
/** The key outcomes whose Morris rank the table shows, with their column headings. */
export const RANK_OUTCOMES: readonly { metric: string; head: string }[] = [
  { metric: 'knowledge.mean', head: 'K' },
  { metric: 'innovations.cumulative', head: 'I' },
  { metric: 'firms.count', head: 'F' },
  { metric: 'market.smeShare', head: 'S' },
];

/** A JSON Schema node, as z.toJSONSchema writes it (only the fields read here). */
interface Node {
  type?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  properties?: Record<string, Node>;
  prefixItems?: Node[];
  items?: Node | false;
}

export interface ParamRow {
  path: string;
  default: string;
  range: string;
  unit: string;
  source: string;
  /** Where the source came from: the parameter's own description or its group's. */
  sourceFrom: 'own' | 'group' | 'none' | 'switch';
  description: string;
}

/** Seed documents: their short names in code comments and their keys in docs/references.md. */
const SEED_KEYS: Record<string, string> = { '000': 'INDE-Network', '001': 'Milan CoC', '002': 'IKINET 2008', '004': 'Alps4EU' };

/**
 * The sources a description cites, as citation keys: seed documents (`002 §58` ->
 * `[IKINET 2008] §58`), author-year citations (three or more authors shortened to "et al.",
 * as docs/references.md keys them), SKIN, OECD; and "assumption" when it says so.
 */
export function sourcesOf(text: string): string[] {
  const out: string[] = [];
  const add = (s: string) => { if (!out.includes(s)) out.push(s); };
  // Seed documents with their paragraph references, e.g. "002 §41-47", "001 VC1 ¶1", "002 Table 1".
  const seed = /\b(000|001|002|004)((?:\s+(?:§\s?[\d.]+(?:-[\d.]+)?(?:\s?b\d+)?|VC\d+|¶\s?\d+|Table \d+(?:-\d+)?|hdr|intro|Abs))*)/g;
  for (const m of text.matchAll(seed)) {
    const where = m[2].trim().replace(/[.,;]+$/, '');
    add(`[${SEED_KEYS[m[1]]}]${where ? ' ' + where : ''}`);
  }
  // Author-year: "Boschma 2005", "Cohen & Levinthal 1990", "Nooteboom et al. 2007",
  // "Frenken, Van Oort & Verburg 2007", "Restuccia & Rogerson (2008)".
  const name = "[A-Z][A-Za-zà-ÿ'’-]+(?: [A-Z][a-zà-ÿ'’-]+)?";
  const cite = new RegExp(`(${name}(?:(?:, ${name})*(?: & ${name}))?(?: et al\\.)?) \\(?((?:19|20)\\d\\d)\\b`, 'g');
  for (const m of text.matchAll(cite)) {
    const authors = m[1];
    if (/^(Table|See|Since|From|About|Upper|Lower|At|In|On)$/.test(authors)) continue;
    const parts = authors.replace(/ et al\.$/, '').split(/, | & /);
    const key = / et al\.$/.test(authors) || parts.length >= 3 ? `${parts[0]} et al.` : parts.join(' & ');
    add(`[${key} ${m[2]}]`);
  }
  if (/\bSKIN\b/.test(text)) add('SKIN [Ahrweiler et al. 2004]');
  if (/\bOECD\b/.test(text)) add('OECD');
  if (/\bassumption\b/i.test(text)) add('assumption');
  return out;
}

/** Units that descriptions state in their own words (first match wins). */
const MORE_UNITS: [RegExp, string][] = [
  [/innovations expected per step/, 'innovations per step'],
  [/^Elasticity of\b/, 'elasticity'],
  [/^R&D factor\b/, 'factor (x)'],
  [/^ICT cap of a region = min\(1, infraScale/, 'factor (x)'],
  [/raises the chance to innovate: up to \(1 \+ learningBoost\) times/, 'factor (x)'],
  [/^A tie weaker than this\b/, 'tie strength (0-1)'],
  [/as a share of tieCost/, 'share of tieCost'],
  [/^Relative error\b/, 'relative error'],
  [/^How much better \(relative\)/, 'relative'],
  [/^A new firm's relative knowledge level as a share of its source's/, 'share of the source firm\'s level'],
  [/^Mean pairwise cognitive distance\b/, 'cognitive distance (0-1)'],
  [/^Success gain per unit\b/, 'success probability per unit'],
  [/^Margin over costs\b/, 'share of costs'],
  [/^ICT adoption gained per unit of ICT spending per employee/, 'ICT adoption per money unit per employee'],
  [/as a share of the frontier/, 'share of the frontier'],
  [/^Returns to scale\b/, 'exponent'],
  [/^Standard deviation of ln efficiency\b/, 'sd of ln efficiency'],
  [/^Autocorrelation of a firm's ln efficiency over a year/, 'autocorrelation a year'],
  [/^A used tie pays off when/, 'share of last step\'s mean payoff'],
  [/^How a firm's spin-off chance scales with its employees/, 'elasticity'],
];

/** The unit a description states (or the parameter's name implies); '' when neither says. */
export function unitOf(path: string, node: Node, text: string): string {
  const t = text;
  const isInt = node.type === 'integer';
  if (/Km$/.test(path) || /\(km\)/.test(t)) return 'km';
  if (/^Factor\b/.test(t)) return 'factor (x)';
  if (/money units?|^Money\b|^Public budget|\bcapital per employee\b/i.test(t)) return 'money units (1 = a step\'s wage)';
  if (/\bWage per employee\b/.test(t)) return 'money units';
  if (/^Chance a year\b/.test(t)) return 'probability per year';
  if (/^Chance per step\b/.test(t)) return 'probability per step';
  if (/^Chance a tie is used in a step\b/.test(t)) return 'factor on a probability per step';
  if (/^Chance\b/.test(t)) return 'probability';
  if (/^Entrants a year per firm\b/.test(t)) return 'entrants per firm and year';
  if (/^(Frontier growth a year|Growth a year)/.test(t)) return 'share per year';
  if (/\bper step\b|\ba step\b/.test(t) && /^(Share|Relative|Demand growth)/.test(t)) return 'share per step';
  if (/^Steps\b/.test(t)) return 'steps';
  if (/^Employees\b/.test(t)) return 'employees';
  if (/^(Tie slots|Partners|Candidates|Neighbours|Strongest domains|Local tie proposals)\b/.test(t)) return 'count';
  if (/^(Share|Strength|Trust|Coordination skill|Upper bound of the success chance|Extra success chance|Success chance|Baseline trust|Institutional proximity|Optimal cognitive distance|Strength of|ICT infrastructure|Share of|How far|How well|Cut in|How concentrated)\b/.test(t)) return '0-1';
  if (/^(R&D effort|Learning effort)\b/.test(t)) return 'share of the wage bill';
  if (/^Profit rate\b/.test(t)) return 'profit / costs';
  if (/^Profit per employee\b/.test(t)) return 'money units per employee and step';
  if (/^Knowledge absorbed\b/.test(t)) return 'share of own knowledge stock per step';
  if (/^Knowledge level\b/.test(t)) return 'relative knowledge (frontier = 1)';
  if (/^Premium\b/.test(t)) return 'share of knowledge';
  if (/^Productivity gain\b/.test(t)) return 'share of output';
  if (/^Distance\b/.test(t)) return 'km';
  if (/^Demand at step 0\b/.test(t)) return 'factor (x)';
  if (/^(Price elasticity|Elasticity of substitution)/i.test(t)) return 'elasticity';
  for (const [re, unit] of MORE_UNITS) if (re.test(t)) return unit;
  if (isInt) return 'count';
  return '';
}

function fmtNum(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

function fmtDefault(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return fmtNum(v);
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'number' ? fmtNum(x) : String(x))).join(', ')}]`;
  if (typeof v === 'object' && v !== null) return '';
  return String(v);
}

function fmtRange(n: Node): string {
  if (n.enum) return n.enum.map(String).join(' | ');
  if (n.type === 'boolean') return 'true | false';
  if (n.type === 'array' && n.prefixItems && n.prefixItems.length > 0) return `[lo, hi], each in ${fmtRange(n.prefixItems[0])}`;
  if (n.type !== 'number' && n.type !== 'integer') return '';
  // A bound of +-Infinity (range(0)) comes out of the JSON Schema as null.
  const lo = n.exclusiveMinimum != null ? `(${fmtNum(n.exclusiveMinimum)}` : n.minimum != null ? `[${fmtNum(n.minimum)}` : '(-inf';
  const hi = n.exclusiveMaximum != null ? `${fmtNum(n.exclusiveMaximum)})` : n.maximum != null ? `${fmtNum(n.maximum)}]` : 'inf)';
  return `${lo}, ${hi}${n.type === 'integer' ? ' integer' : ''}`;
}

/** Leaves of a schema object, depth first, with their nearest group's description. */
function leaves(node: Node, path: string, group: string, out: ParamRow[], keep: (n: Node) => boolean): void {
  if (node.type === 'object' && node.properties) {
    const g = node.description ?? group;
    for (const [k, v] of Object.entries(node.properties)) leaves(v, path ? `${path}.${k}` : k, g, out, keep);
    return;
  }
  if (!keep(node)) return;
  const text = (node.description ?? '').replace(/\s+/g, ' ').trim();
  // A mechanism's on/off switch is a modelling choice, not a quantity with a source.
  if (node.type === 'boolean' && path.endsWith('.enabled')) {
    out.push({ path, default: fmtDefault(node.default), range: fmtRange(node), unit: '', source: 'switch', sourceFrom: 'switch', description: 'Switches the mechanism off (false) for experiments that isolate the others.' });
    return;
  }
  const own = sourcesOf(text);
  const inherited = own.length === 0 ? sourcesOf(group) : [];
  out.push({
    path,
    // A model parameter without a default is optional: unset, the mechanism uses its own rule.
    default: node.default === undefined && path.startsWith('parameters.') ? 'unset' : fmtDefault(node.default),
    range: fmtRange(node),
    unit: unitOf(path, node, text),
    source: own.length > 0 ? own.join('; ') : inherited.length > 0 ? inherited.join('; ') : 'not stated',
    sourceFrom: own.length > 0 ? 'own' : inherited.length > 0 ? 'group' : 'none',
    description: text,
  });
}

/** Every parameter of the scenario schema the table lists, by section. */
export function parameterSections(): { title: string; intro: string; rows: ParamRow[] }[] {
  const js = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Node;
  const p = js.properties!;
  const params = p.parameters.properties!;
  const all = () => true;
  const withDefault = (n: Node) => n.default !== undefined && (n.type !== 'string' || Array.isArray(n.enum));
  const sections: { title: string; intro: string; rows: ParamRow[] }[] = [];
  const mech = params.mechanisms.properties!;
  for (const [id, node] of Object.entries(mech)) {
    const rows: ParamRow[] = [];
    leaves(node, `parameters.mechanisms.${id}`, '', rows, all);
    const anchor = id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    sections.push({ title: `Mechanism \`${id}\``, intro: `\`parameters.mechanisms.${id}\`; submodel: [odd.md, ${id}](odd.md#${anchor}).`, rows });
  }
  const group = (key: string, title: string, intro: string) => {
    const rows: ParamRow[] = [];
    leaves(params[key], `parameters.${key}`, '', rows, all);
    sections.push({ title, intro, rows });
  };
  group('proximity', 'Proximity', '`parameters.proximity`: the five proximities and the optimal cognitive distance (src/engine/proximity.ts).');
  group('knowledgeBases', 'Knowledge bases', '`parameters.knowledgeBases`: factors on the engine\'s rates by a sector\'s knowledge base (src/engine/knowledgeBase.ts); synthetic is the reference (all 1).');
  group('network', 'Network limits', '`parameters.network`: bounds on the network (src/engine/ties.ts, src/engine/projects.ts).');
  const item = (key: string, title: string, intro: string) => {
    const rows: ParamRow[] = [];
    const items = p[key].items as Node;
    leaves(items, `${key}[]`, '', rows, withDefault);
    sections.push({ title, intro, rows });
  };
  item('regions', 'Region fields', 'Fields of each entry of `regions` that have a default (a scenario usually sets them from its sources).');
  item('sectors', 'Sector fields', 'Fields of each entry of `sectors` that have a default.');
  item('populations', 'Population fields', 'Fields of each entry of `populations` that have a default; the per-kind defaults of the others are in the next section.');
  return sections;
}

/**
 * Every field of each lever's `params` (docs/levers.md), by lever, as `policies[<lever>].params.<field>`:
 * not part of docs/parameters.md, but walked the same way so that test/docs/model-parameters.test.ts
 * can check the hand-written tables of docs/levers.md against the same defaults.
 */
export function leverParameterSections(): { lever: string; rows: ParamRow[] }[] {
  return LEVER_IDS.map((id) => {
    const js = z.toJSONSchema(LEVERS[id].params, { io: 'input', unrepresentable: 'any' }) as Node;
    const rows: ParamRow[] = [];
    leaves(js, `policies[${id}].params`, '', rows, () => true);
    return { lever: id, rows };
  });
}

/** Morris rank (1 = largest mu*) of each parameter path for each outcome, from a sensitivity.csv. */
export function morrisRanks(csv: string): Map<string, Map<string, number>> {
  const lines = csv.trim().split('\n');
  const head = lines[0].split(',');
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`${MORRIS_RESULTS}: no column '${name}' (expected method,metric,parameter,index,estimate,...)`);
    return i;
  };
  const [cm, cmet, cp, ci, ce] = ['method', 'metric', 'parameter', 'index', 'estimate'].map(col);
  const byMetric = new Map<string, { path: string; mu: number }[]>();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    if (f[cm] !== 'morris' || f[ci] !== 'mu_star') continue;
    const list = byMetric.get(f[cmet]) ?? [];
    list.push({ path: f[cp], mu: f[ce] === '' ? NaN : Number(f[ce]) });
    byMetric.set(f[cmet], list);
  }
  const out = new Map<string, Map<string, number>>();
  for (const [metric, list] of byMetric) {
    const sorted = [...list].sort((a, b) => (Number.isNaN(b.mu) ? -1 : Number.isNaN(a.mu) ? 1 : b.mu - a.mu || a.path.localeCompare(b.path)));
    const ranks = new Map<string, number>();
    sorted.forEach((e, i) => ranks.set(e.path, i + 1));
    out.set(metric, ranks);
  }
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The whole of docs/parameters.md; `morrisCsv` null when no screening results are committed. */
export function parametersMarkdown(morrisCsv: string | null): string {
  const sections = parameterSections();
  const ranks = morrisCsv ? morrisRanks(morrisCsv) : new Map<string, Map<string, number>>();
  const screened = new Set<string>();
  for (const m of ranks.values()) for (const k of m.keys()) screened.add(k);
  const rankCells = (path: string) =>
    RANK_OUTCOMES.map(({ metric }) => {
      const r = ranks.get(metric)?.get(path.replace('regions[].', 'regions.0.'));
      return r === undefined ? '' : String(r);
    });
  const all = sections.flatMap((s) => s.rows);
  const counted = (f: (r: ParamRow) => boolean) => all.filter(f).length;
  const L: string[] = [];
  L.push('# Model parameters');
  L.push('');
  L.push('<!-- Generated by `npm run params` (src/cli/write-params.ts) from the scenario schema and');
  L.push(`     ${MORRIS_RESULTS}. Do not edit by hand: test/docs/parameters.test.ts fails when this file`);
  L.push('     differs from what the generator writes. -->');
  L.push('');
  L.push('Every parameter of the scenario format (src/scenario/schema.ts and each mechanism\'s own');
  L.push('parameter schema in src/engine/mechanisms/), with its default, the range the schema');
  L.push('allows, its unit and its source. A scenario sets any of them under the path shown');
  L.push('(docs/scenarios.md); a field left out takes the default. Every one of them is read:');
  L.push('test/scenario/parameters-read.test.ts moves each off its value and fails if no run of');
  L.push('default, linear-vs-systemic/systemic, alps4eu-cooperation or lock-in-open changes (or');
  L.push('a variant of one that switches on what the parameter needs, listed in the test).');
  L.push('');
  L.push('- **unit**: as the description states it or the name implies (km, money units, ...);');
  L.push('  `0-1` is a share, probability or index on [0, 1]; empty where the description names none.');
  L.push('- **source**: the works the parameter\'s description cites, by their keys in');
  L.push('  [references.md](references.md) (seed documents with their paragraph, e.g.');
  L.push('  `[IKINET 2008] §58` for "002 §58" in the code), and `assumption` where the description');
  L.push('  says the value is one. Where the parameter\'s own description cites nothing, the sources');
  L.push('  of its group\'s description are shown in *italics*. `not stated`: neither cites a source');
  L.push('  nor calls the value an assumption.');
  L.push(`- **K, I, F, S**: the parameter's rank by Morris mu* (1 = most influential) for`);
  L.push('  knowledge.mean (K), innovations.cumulative (I), firms.count (F) and market.smeShare (S)');
  L.push('  at the last step of scenarios/default.yaml as shipped, after its 1,200 warm-up steps, from');
  L.push('  the screening of the settled district in');
  L.push(`  [sensitivity.md](sensitivity.md#the-settled-district-1200-warm-up-steps) (\`${MORRIS_RESULTS}\`); empty: not screened`);
  L.push('  (not read by the default scenario, or not a number). Ranks below the noise floor of the');
  L.push('  screening (the mu* of parameters the default scenario does not read) say nothing: for');
  L.push('  each outcome only the first few ranks are resolved, and sensitivity.md says which.');
  L.push('');
  L.push(`${all.length} parameters: ${counted((r) => r.sourceFrom === 'own' && r.source !== 'assumption')} cite a source in their own description, ` +
    `${counted((r) => r.source === 'assumption')} are stated as assumptions only, ` +
    `${counted((r) => r.sourceFrom === 'group')} take their group's sources, ` +
    `${counted((r) => r.sourceFrom === 'none')} state none, ${counted((r) => r.sourceFrom === 'switch')} are mechanism switches; ${all.filter((r) => screened.has(r.path.replace('regions[].', 'regions.0.'))).length} were screened.`);
  L.push('');
  for (const s of sections) {
    if (s.rows.length === 0) continue;
    L.push(`## ${s.title}`);
    L.push('');
    L.push(s.intro);
    L.push('');
    L.push(`| parameter | default | range | unit | source | ${RANK_OUTCOMES.map((o) => o.head).join(' | ')} | description |`);
    L.push(`|---|---|---|---|---|${RANK_OUTCOMES.map(() => '---:').join('|')}|---|`);
    for (const r of s.rows) {
      const src = r.sourceFrom === 'group' ? `*${r.source}*` : r.source;
      L.push(`| \`${r.path}\` | ${cell(r.default)} | ${cell(r.range)} | ${cell(r.unit)} | ${cell(src)} | ${rankCells(r.path).join(' | ')} | ${cell(r.description)} |`);
    }
    L.push('');
  }
  L.push('## Initial attributes by kind');
  L.push('');
  L.push('Defaults of the population fields a scenario leaves out, by actor kind');
  L.push('(`KIND_DEFAULTS`, src/engine/build.ts); ranges are drawn uniformly, employees');
  L.push('log-uniformly; capital is per employee. Sources: the comment above `KIND_DEFAULTS`');
  L.push('(SMEs small, tacit, low ICT and absorptive capacity, [IKINET 2008] §22-37, [INDE-Network] §5.2;');
  L.push('leading firms large and international, [INDE-Network] §5.7, [IKINET 2008] §73; research');
  L.push('institutions analytical and more codified, [INDE-Network] §5.8, [IKINET 2008] §126; bridging');
  L.push('institutions open by mandate, [IKINET 2008] §133-152); the sizes of the ranges are assumptions.');
  L.push('');
  const fields = ['employees', 'knowledge', 'tacitShare', 'absorptive', 'ict', 'openness', 'international', 'capital'] as const;
  L.push(`| kind | ${fields.join(' | ')} |`);
  L.push(`|---|${fields.map(() => '---').join('|')}|`);
  for (const k of KINDS) {
    const d = KIND_DEFAULTS[k];
    L.push(`| ${k} | ${fields.map((f) => fmtDefault(d[f])).join(' | ')} |`);
  }
  L.push('');
  // Link every citation key to its entry in references.md (the anchors are the keys slugged).
  const keys = new Set<string>();
  for (const r of all) for (const m of r.source.matchAll(/\[([^\]]+)\]/g)) keys.add(m[1]);
  L.push('<!-- citation links -->');
  for (const k of [...keys].sort()) L.push(`[${k}]: references.md#${citationAnchor(k)}`);
  L.push('');
  return L.join('\n');
}

/** The anchor of a citation key in docs/references.md: "Asheim & Gertler 2005" -> asheim-gertler-2005. */
export function citationAnchor(key: string): string {
  return key.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const csv = existsSync(MORRIS_RESULTS) ? readFileSync(MORRIS_RESULTS, 'utf8') : null;
  writeFileSync(PARAMS_DOC, parametersMarkdown(csv));
  console.log(`wrote ${PARAMS_DOC}${csv ? '' : ` (no ${MORRIS_RESULTS}: rank columns empty)`}`);
}
