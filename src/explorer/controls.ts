/**
 * The explorer's sliders and choices, declared as data: one line per scenario path. Everything
 * a slider shows (label, unit, range, one-line explanation, default) is read from the scenario
 * schema (src/scenario/schema.ts, through its JSON Schema) when the site is built, so adding
 * a parameter to the explorer is adding one line to SLIDERS. A choice (a drop-down, for a
 * field that takes one of a list of values) reads its values and explanation the same way,
 * from the field's `enum` and description: one line in CHOICES.
 *
 * Paths name fields of a scenario file:
 *   parameters.mechanisms.market.elasticity  a field
 *   regions.*.socialCapital                  that field in every region
 *   populations[kind=sme].openness           in every SME population
 * A slider sets the mean over the fields it names (weighted by `count` for populations) and
 * moves every field by the same amount, so a multi-region scenario keeps its differences.
 * A [low, high] range field (the values agents are drawn from) moves as a whole; the slider
 * shows its centre. `total` sliders (counts) scale every field by the same factor instead.
 */
import { z } from 'zod';
import { ScenarioSchema } from '../scenario/schema.js';
import { KIND_DEFAULTS } from '../engine/build.js';

export interface SliderEntry {
  /** Short name, used in the page's URL (`?trust=0.9`). */
  key: string;
  path: string;
  group: string;
  /** Shown instead of the field's name. */
  label?: string;
  /** Overrides the unit found in the schema. */
  unit?: string;
  /** Upper end of the slider for fields the schema leaves unbounded. */
  max?: number;
  /** `shift` (default): move every field by the same amount; `total`: scale them. */
  mode?: 'shift' | 'total';
}

/** The sliders, in the order the page shows them. */
export const SLIDERS: readonly SliderEntry[] = [
  { key: 'agents', path: 'populations.*.count', group: 'Cluster', label: 'Agents at the start', unit: 'agents', max: 3000, mode: 'total' },
  { key: 'trust', path: 'regions.*.socialCapital', group: 'Region', label: 'Trust / social capital' },
  { key: 'institutions', path: 'regions.*.institutionalQuality', group: 'Region', label: 'Institutions' },
  { key: 'ictInfra', path: 'regions.*.ictInfrastructure', group: 'Region', label: 'ICT infrastructure' },
  { key: 'qualified', path: 'regions.*.qualifiedWorkers', group: 'Region', label: 'Qualified workers' },
  { key: 'openness', path: 'populations[kind=sme].openness', group: 'SMEs', label: 'Openness of SMEs' },
  { key: 'absorptive', path: 'populations[kind=sme].absorptive', group: 'SMEs', label: 'Absorptive capacity of SMEs' },
  { key: 'ict', path: 'populations[kind=sme].ict', group: 'SMEs', label: 'ICT adoption of SMEs' },
  { key: 'international', path: 'populations[kind=sme].international', group: 'SMEs', label: 'International orientation of SMEs' },
  { key: 'spillRadius', path: 'parameters.mechanisms.spillover.radiusKm', group: 'Knowledge spillovers', label: 'Spillover radius', max: 50 },
  { key: 'spillRate', path: 'parameters.mechanisms.spillover.rate', group: 'Knowledge spillovers', label: 'Spillover rate', max: 0.2 },
  { key: 'remoteSearch', path: 'parameters.mechanisms.network.remoteSearch', group: 'Network', label: 'Remote search' },
  { key: 'searchRate', path: 'parameters.mechanisms.network.searchRate', group: 'Network', label: 'Partner search rate' },
  { key: 'tieDecay', path: 'parameters.mechanisms.network.decay', group: 'Network', label: 'Decay of unused ties' },
  { key: 'tieLearning', path: 'parameters.mechanisms.tieLearning.rate', group: 'Learning', label: 'Learning from partners' },
  { key: 'acGrowth', path: 'parameters.mechanisms.capabilities.acGrowth', group: 'Learning', label: 'Growth of absorptive capacity' },
  { key: 'projectLearning', path: 'parameters.mechanisms.projects.learnRate', group: 'Learning', label: 'Learning in joint projects' },
  { key: 'radical', path: 'parameters.mechanisms.innovation.radicalRate', group: 'Learning', label: 'Radical innovation rate' },
  { key: 'lowOpt', path: 'parameters.proximity.optimalDistanceLow', group: 'Learning', label: 'Best cognitive distance at absorptive capacity 0' },
  { key: 'highOpt', path: 'parameters.proximity.optimalDistanceHigh', group: 'Learning', label: 'Best cognitive distance at absorptive capacity 1' },
  { key: 'lockIn', path: 'parameters.proximity.lockIn', group: 'Learning', label: 'Lock-in when every proximity is high' },
  { key: 'remoteEnable', path: 'parameters.proximity.remoteEnable', group: 'Learning', label: 'Proximities that work at a distance' },
  { key: 'drift', path: 'parameters.mechanisms.capabilities.frontierDrift.low', group: 'Learning', label: 'Obsolescence of low-tech knowledge', unit: 'share a year' },
  { key: 'fade', path: 'parameters.mechanisms.capabilities.dispositionFade', group: 'Learning', label: 'Fading of the openness business animation gave firms (0: kept for life)', unit: 'share a year' },
  { key: 'heterogeneity', path: 'populations[kind=sme].heterogeneity', group: 'SMEs', label: 'How different the SMEs\' specialisations are' },
  { key: 'elasticity', path: 'parameters.mechanisms.market.elasticity', group: 'Market', label: 'How strongly customers choose the better and cheaper', unit: 'elasticity of substitution', max: 10 },
  { key: 'returns', path: 'parameters.mechanisms.market.returnsToScale', group: 'Market', label: 'Returns to scale (1: larger firms no dearer)', unit: 'exponent of labour' },
  { key: 'turnover', path: 'parameters.mechanisms.market.lineTurnover', group: 'Market', label: 'Product lines contested a year', unit: 'share a year' },
  { key: 'outside', path: 'parameters.mechanisms.market.outsideShare', group: 'Market', label: 'Demand served from outside the cluster', unit: 'share at step 0' },
  { key: 'payout', path: 'parameters.mechanisms.market.payoutShare', group: 'Market', label: 'Profit paid out to owners', unit: 'share of profit' },
  { key: 'ictProductivity', path: 'parameters.mechanisms.market.ictProductivity', group: 'Market', label: 'Productivity gain of ICT', unit: 'x productivity at full ICT', max: 2 },
  { key: 'efficiencySd', path: 'parameters.mechanisms.market.efficiencySd', group: 'Market', label: 'Spread of firms\' own efficiency (0: none)', unit: 'sd of ln efficiency' },
  { key: 'demand', path: 'sectors.*.demand', group: 'Market', label: 'Demand', unit: 'x initial costs', max: 3 },
  { key: 'growth', path: 'sectors.*.growth', group: 'Market', label: 'Demand growth', unit: 'share per step' },
  { key: 'spinoff', path: 'parameters.mechanisms.demography.spinoffRate', group: 'Demography', label: 'Spin-off rate', max: 0.05 },
  { key: 'spinoffSize', path: 'parameters.mechanisms.demography.spinoffSizeElasticity', group: 'Demography', label: 'Larger firms spin off more (1: every employee a potential founder)', unit: 'elasticity', max: 1.5 },
  { key: 'entry', path: 'parameters.mechanisms.demography.entryRate', group: 'Demography', label: 'Entry rate', unit: 'entrants a year per firm of step 0', max: 0.3 },
  { key: 'closure', path: 'parameters.mechanisms.demography.closureHazard', group: 'Demography', label: 'Closure of loss-making firms', unit: 'chance a year without capital' },
  { key: 'funding', path: 'regions.*.institutionFunding', group: 'Region', label: 'Public budget of institutions', unit: 'money per employee and step', max: 0.5 },
  { key: 'warmup', path: 'warmup', group: 'Cluster', label: 'Warm-up steps before step 0', unit: 'steps', max: 2400 },
];

/** A drop-down for a field that takes one of a list of values (a zod enum). */
export interface ChoiceEntry {
  /** Short name, used in the page's URL (`?lineLoss=relative`); distinct from the sliders' keys. */
  key: string;
  path: string;
  group: string;
  /** Shown instead of the field's name. */
  label?: string;
}

/** The choices, in the order the page shows them (after the sliders of their group). */
export const CHOICES: readonly ChoiceEntry[] = [
  { key: 'knowledgeBase', path: 'sectors.*.knowledgeBase', group: 'Sectors', label: 'Knowledge base of the sectors' },
  { key: 'techIntensity', path: 'sectors.*.techIntensity', group: 'Sectors', label: 'Technology intensity of the sectors' },
  { key: 'lineLoss', path: 'parameters.mechanisms.market.lineLoss', group: 'Market', label: 'Who loses product lines' },
  { key: 'outsideSupplier', path: 'parameters.mechanisms.market.outsideSupplier', group: 'Market', label: 'How imports compete for lines' },
  { key: 'entrantLine', path: 'parameters.mechanisms.market.entrantLine', group: 'Market', label: 'Where an entrant\'s first product line comes from' },
  { key: 'entrantKinds', path: 'parameters.mechanisms.demography.entrantKinds', group: 'Demography', label: 'Kind of new firms without a parent' },
];

/** A slider as the page draws it: the entry plus what the schema says about its field. */
export interface Slider extends Required<Omit<SliderEntry, 'max'>> {
  description: string;
  min: number;
  max: number;
  step: number;
  integer: boolean;
  /** The field holds a [low, high] range; the slider shows its centre. */
  range: boolean;
  /** The schema's default for the field, when it has one. */
  schemaDefault?: number;
}

/** A choice as the page draws it: the entry plus the field's values and explanation from the schema. */
export interface Choice extends Required<ChoiceEntry> {
  description: string;
  /** The values the field takes (its enum), in the schema's order. */
  options: string[];
  /** The schema's default for the field, when it has one. */
  schemaDefault?: string;
}

type Json = Record<string, any>;

/** One step of a path: a field, or every element of a list (optionally only those matching). */
type Segment = { key: string } | { each: { field: string; value: string } | null };

export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.split('.')) {
    const m = /^([A-Za-z_$][\w$]*)?(?:\[(\w+)=([\w-]+)\])?$/.exec(part);
    if (part === '*') out.push({ each: null });
    else if (m && m[1]) {
      out.push({ key: m[1] });
      if (m[2]) out.push({ each: { field: m[2], value: m[3] } });
    } else throw new Error(`bad control path '${path}' at '${part}': expected a field name, '*' or name[field=value]`);
  }
  return out;
}

/** The scenario's JSON Schema (what editors see), the form the sliders are read from. */
export function scenarioJsonSchema(): Json {
  return z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Json;
}

/** The JSON Schema node of the field a path names, or an error naming the missing step. */
function nodeAt(root: Json, path: string, what: string): Json {
  let node = root;
  for (const seg of parsePath(path)) {
    if ('key' in seg) {
      const next = node.properties?.[seg.key];
      if (!next) throw new Error(`${what} path '${path}': the scenario schema has no field '${seg.key}' here (fields: ${Object.keys(node.properties ?? {}).join(', ')})`);
      node = next;
    } else {
      if (node.type !== 'array' || !node.items) throw new Error(`${what} path '${path}': '*' or [..] follows a field that is not a list`);
      node = node.items;
    }
  }
  return node;
}

/** The first description among the nodes (a range's may sit on its items): the page shows it beside the control. */
function descriptionOf(path: string, what: string, ...nodes: Json[]): string {
  const text = nodes.map((n) => n.description).find((d) => typeof d === 'string' && d !== '');
  if (!text) throw new Error(`${what} path '${path}': the schema gives the field no description (.describe())`);
  return text;
}

/**
 * The page's own keys in its URL (src/explorer/setup.ts): a control may not take one. Keys with
 * a dot are the levers' (`lever.<name>`, `budget.<name>`, `start.<name>`).
 */
export const PAGE_KEYS = ['scenario', 'seed', 'steps', 'speed', 'color', 'autoplay'] as const;

/** Keys name controls in the URL, so one key must mean one control across sliders and choices, and none the page's own. */
function checkKeys(entries: readonly { key: string }[], what: string): void {
  const keys = new Set<string>();
  for (const e of entries) {
    if (keys.has(e.key)) throw new Error(`${what} key '${e.key}' is used twice`);
    if ((PAGE_KEYS as readonly string[]).includes(e.key) || !/^[A-Za-z][A-Za-z0-9]*$/.test(e.key)) {
      throw new Error(`${what} key '${e.key}' is not allowed: a key is letters and digits, starting with a letter, and not one of the page's own (${PAGE_KEYS.join(', ')})`);
    }
    keys.add(e.key);
  }
}

const labelOf = (e: { path: string; label?: string }) => e.label ?? humanise(e.path.split('.').pop()!);

/** The unit of a field: explicit metadata (`.meta({ unit })`), else read from its description. */
export function unitOf(node: Json, description: string, min: number, max: number): string {
  if (typeof node.unit === 'string') return node.unit;
  const d = description;
  if (/\(km\)|\bkm\b/.test(d)) return 'km';
  if (/\bmoney\b/i.test(d)) return /per (employee and )?step/i.test(d) ? 'money units/step' : 'money units';
  if (/^(chance|probability)\b/i.test(d) || /\bchance per step\b/i.test(d)) return 'chance per step';
  if (/^(share|relative)\b/i.test(d)) return /\bper step\b/i.test(d) ? 'share per step, 0–1' : 'share, 0–1';
  if (/\bper step\b|\ba step\b/i.test(d)) return 'per step';
  if (node.type === 'integer' && /^steps?\b/i.test(d)) return 'steps';
  if (min === 0 && max === 1) return '0–1';
  return 'value (no unit)';
}

const round = (v: number) => Number(v.toPrecision(6));

/** A step that gives about 100-200 positions over the slider, rounded to 1, 2 or 5 x 10^k. */
function niceStep(span: number): number {
  const raw = span / 100;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5]) if (m * p >= raw) return round(m * p);
  return round(10 * p);
}

/** What the schema says about every slider; throws on a path the schema lacks. */
export function describeSliders(entries: readonly SliderEntry[] = SLIDERS, schema: Json = scenarioJsonSchema()): Slider[] {
  checkKeys(entries, 'slider');
  return entries.map((e) => {
    const node = nodeAt(schema, e.path, 'slider');
    const range = node.type === 'array' && Array.isArray(node.prefixItems);
    const scalar: Json = range ? node.prefixItems[0] : node;
    if (scalar.type !== 'number' && scalar.type !== 'integer') throw new Error(`slider path '${e.path}': the field is not a number or a [low, high] range of numbers`);
    const description = descriptionOf(e.path, 'slider', node, scalar);
    const integer = scalar.type === 'integer';
    const min = typeof scalar.minimum === 'number' ? scalar.minimum : typeof scalar.exclusiveMinimum === 'number' ? scalar.exclusiveMinimum : 0;
    const schemaMax = typeof scalar.maximum === 'number' && scalar.maximum < 1e9 ? scalar.maximum : undefined;
    const schemaDefault = typeof node.default === 'number' ? node.default : undefined;
    const max = e.max ?? schemaMax ?? Math.max(1, 4 * (schemaDefault ?? 1));
    if (!(max > min)) throw new Error(`slider path '${e.path}': empty range [${min}, ${max}]`);
    const step = integer ? 1 : niceStep(max - min);
    const lo = typeof scalar.exclusiveMinimum === 'number' ? round(min + step) : min;
    return {
      key: e.key,
      path: e.path,
      group: e.group,
      label: labelOf(e),
      unit: e.unit ?? unitOf(node, description, min, max),
      mode: e.mode ?? 'shift',
      description,
      min: lo,
      max,
      step,
      integer,
      range,
      ...(schemaDefault !== undefined ? { schemaDefault } : {}),
    };
  });
}

/** What the schema says about every choice; throws on a path the schema lacks or a field that is not an enum. */
export function describeChoices(entries: readonly ChoiceEntry[] = CHOICES, schema: Json = scenarioJsonSchema()): Choice[] {
  checkKeys(entries, 'choice');
  return entries.map((e) => {
    const node = nodeAt(schema, e.path, 'choice');
    const options = node.enum;
    if (!Array.isArray(options) || options.length === 0 || !options.every((o) => typeof o === 'string')) {
      throw new Error(`choice path '${e.path}': the field is not one of a list of values (a z.enum of strings)`);
    }
    return {
      key: e.key,
      path: e.path,
      group: e.group,
      label: labelOf(e),
      description: descriptionOf(e.path, 'choice', node),
      options: [...options],
      ...(typeof node.default === 'string' ? { schemaDefault: node.default } : {}),
    };
  });
}

function humanise(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Where a control's path lands in a scenario object: the holders and the field name. */
interface Site {
  holder: Record<string, unknown>;
  field: string;
  /** Weight in the mean: a population's count, else 1. */
  weight: number;
}

function sites(raw: unknown, path: string): Site[] {
  const segs = parsePath(path);
  const field = segs.pop();
  if (!field || !('key' in field)) throw new Error(`control path '${path}' must end with a field name`);
  let cur: unknown[] = [raw];
  for (const seg of segs) {
    const next: unknown[] = [];
    for (const c of cur) {
      if ('key' in seg) {
        if (c && typeof c === 'object' && !Array.isArray(c)) {
          const o = c as Record<string, unknown>;
          // Missing objects on the way (e.g. parameters.mechanisms) are created: the field then takes its default.
          if (o[seg.key] === undefined) o[seg.key] = {};
          next.push(o[seg.key]);
        }
      } else if (Array.isArray(c)) {
        for (const el of c) if (el && typeof el === 'object' && (!seg.each || String((el as Record<string, unknown>)[seg.each.field]) === seg.each.value)) next.push(el);
      }
    }
    cur = next;
  }
  return cur
    .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object' && !Array.isArray(c))
    .map((holder) => ({ holder, field: field.key, weight: typeof holder.count === 'number' && field.key !== 'count' ? Math.max(holder.count, 0) : 1 }));
}

/** A field's value as the engine will use it: the scenario's, else the kind's or schema's default. */
function effective(site: Site, slider: Slider): number | [number, number] | undefined {
  const v = site.holder[site.field];
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  const kind = site.holder.kind;
  if (typeof kind === 'string' && kind in KIND_DEFAULTS) {
    const d = (KIND_DEFAULTS as unknown as Record<string, Record<string, unknown>>)[kind][site.field];
    if (Array.isArray(d)) return [d[0] as number, d[1] as number];
    if (typeof d === 'number') return d;
  }
  return slider.schemaDefault;
}

const centre = (v: number | [number, number]) => (typeof v === 'number' ? v : (v[0] + v[1]) / 2);

/** The slider's value in a scenario (mean, or total for `total` sliders); undefined when it names no field. */
export function sliderValue(raw: unknown, slider: Slider): number | undefined {
  const copy = structuredClone(raw);
  const found = sites(copy, slider.path).map((s) => ({ s, v: effective(s, slider) })).filter((x) => x.v !== undefined);
  if (found.length === 0) return undefined;
  if (slider.mode === 'total') return found.reduce((a, x) => a + centre(x.v!), 0);
  const w = found.reduce((a, x) => a + x.s.weight, 0);
  if (w === 0) return undefined;
  return round(found.reduce((a, x) => a + x.s.weight * centre(x.v!), 0) / w);
}

/** Set a slider in a scenario object (changed in place); a no-op when it names no field. */
export function applySlider(raw: unknown, slider: Slider, value: number): void {
  const current = sliderValue(raw, slider);
  if (current === undefined) return;
  const clamp = (v: number) => Math.min(slider.max, Math.max(slider.min, v));
  for (const s of sites(raw, slider.path)) {
    const v = effective(s, slider);
    if (v === undefined) continue;
    if (slider.mode === 'total') {
      const n = centre(v);
      const scaled = current > 0 ? Math.round((n * value) / current) : 0;
      s.holder[s.field] = n > 0 ? Math.max(1, scaled) : 0;
      continue;
    }
    const delta = value - current;
    s.holder[s.field] = typeof v === 'number' ? round(clamp(v + delta)) : [round(clamp(v[0] + delta)), round(clamp(v[1] + delta))];
  }
}

/** A choice's value in a scenario: the first field's, and whether the fields it names differ. */
export interface ChoiceValue {
  value: string;
  /** The fields differ (e.g. sectors of different knowledge bases); `value` is the first one's. */
  mixed: boolean;
}

/** The choice's value in a scenario (a field left out takes the schema's default); undefined when it names no field. */
export function choiceValue(raw: unknown, choice: Choice): ChoiceValue | undefined {
  const values = sites(structuredClone(raw), choice.path)
    .map((s) => s.holder[s.field])
    .map((v) => (typeof v === 'string' && choice.options.includes(v) ? v : choice.schemaDefault))
    .filter((v): v is string => v !== undefined);
  if (values.length === 0) return undefined;
  return { value: values[0], mixed: values.some((v) => v !== values[0]) };
}

/** Set a choice in a scenario object (changed in place), in every field it names; a value not among its options changes nothing. */
export function applyChoice(raw: unknown, choice: Choice, value: string): void {
  if (!choice.options.includes(value)) return;
  for (const s of sites(raw, choice.path)) s.holder[s.field] = value;
}

/** The schema's explanations of the settings every lever has (budget, start), for the lever controls. */
export function describeLeverSettings(schema: Json = scenarioJsonSchema()): { budget: string; start: string } {
  const option = schema.properties.policies.items.oneOf?.[0] ?? schema.properties.policies.items;
  const d = (k: string) => {
    const text = option.properties?.[k]?.description;
    if (typeof text !== 'string') throw new Error(`the lever schema has no description for '${k}'`);
    return text;
  };
  return { budget: d('budget'), start: d('start') };
}

/** The controls a setup is read and applied with (src/explorer/setup.ts). */
export interface Controls {
  sliders: readonly Slider[];
  choices: readonly Choice[];
}

/** The sliders and choices described from the schema; their keys share the URL, so they must differ. */
export function describeControls(sliders: readonly SliderEntry[] = SLIDERS, choices: readonly ChoiceEntry[] = CHOICES, schema: Json = scenarioJsonSchema()): Controls {
  checkKeys([...sliders, ...choices], 'slider or choice');
  return { sliders: describeSliders(sliders, schema), choices: describeChoices(choices, schema) };
}

/** What the site is built with (web/vite.config: the module `virtual:explorer-controls`). */
export function explorerControls(): Controls & { leverSettings: { budget: string; start: string } } {
  const schema = scenarioJsonSchema();
  return { ...describeControls(SLIDERS, CHOICES, schema), leverSettings: describeLeverSettings(schema) };
}
