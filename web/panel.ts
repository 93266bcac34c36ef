/**
 * The control panel's parts built from data: a slider per entry of src/explorer/controls.ts
 * (label, unit, range and explanation from the schema), a drop-down per choice (values and
 * explanation from the schema), the lever controls (on/off, budget, start step) and the
 * mechanism panels. Every input has a visible label and a description tied to it
 * (aria-describedby), and native inputs, so all of it works from the keyboard.
 */
import type { Choice, ChoiceValue, Slider } from '../src/explorer/controls.js';
import { ADDED_LEVER, type LeverSetting } from '../src/explorer/setup.js';
import type { MechanismPanel } from '../src/explorer/guide.js';
import type { AgentDetail } from '../src/explorer/frame.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

export interface ParameterHandlers {
  onSlider(key: string, value: number): void;
  onChoice(key: string, value: string): void;
}

/** The scenario's current values of the sliders and choices (undefined: the scenario has no such field). */
export interface ParameterValues {
  sliders: Record<string, number | undefined>;
  choices: Record<string, ChoiceValue | undefined>;
}

/**
 * Sliders and choices grouped in fieldsets (a group's choices after its sliders); controls
 * whose field the scenario lacks are left out. `changed` holds the keys the student changed.
 */
export function renderParameters(root: HTMLElement, sliders: readonly Slider[], choices: readonly Choice[], values: ParameterValues, changed: Set<string>, h: ParameterHandlers): void {
  root.innerHTML = '';
  const groups = new Map<string, HTMLFieldSetElement>();
  const group = (name: string) => {
    let fs = groups.get(name);
    if (!fs) {
      fs = document.createElement('fieldset');
      fs.innerHTML = `<legend>${esc(name)}</legend>`;
      groups.set(name, fs);
      root.appendChild(fs);
    }
    return fs;
  };
  for (const s of sliders) {
    const value = values.sliders[s.key];
    if (value !== undefined) group(s.group).appendChild(sliderControl(s, value, changed.has(s.key), h));
  }
  for (const c of choices) {
    const value = values.choices[c.key];
    if (value !== undefined) group(c.group).appendChild(choiceControl(c, value, changed.has(c.key), h));
  }
}

/** A control's box and its explanation, the same for sliders and choices. */
function controlBox(kind: 'slider' | 'choice', key: string, changed: boolean, path: string, description: string, body: string): HTMLDivElement {
  const id = `${kind}-${key}`;
  const div = document.createElement('div');
  div.className = `${kind}${changed ? ' changed' : ''}`;
  div.innerHTML = `${body}
      <p class="help" id="${id}-help">${esc(description)} <code>${esc(path)}</code></p>`;
  return div;
}

function sliderControl(s: Slider, value: number, changed: boolean, h: ParameterHandlers): HTMLDivElement {
  const id = `slider-${s.key}`;
  const max = Math.max(s.max, value);
  const div = controlBox('slider', s.key, changed, s.path, s.description, `
      <label for="${id}">${esc(s.label)} <span class="unit">(${esc(s.unit)}${s.range ? ', centre of the range drawn from' : ''})</span></label>
      <div class="slider-row">
        <input id="${id}" type="range" min="${s.min}" max="${max}" step="${s.step}" value="${value}" aria-describedby="${id}-help" data-key="${s.key}">
        <output for="${id}" id="${id}-out">${fmt(value)}</output>
      </div>`);
  const input = div.querySelector('input')!;
  const out = div.querySelector('output')!;
  input.addEventListener('input', () => { out.textContent = fmt(Number(input.value)); });
  input.addEventListener('change', () => h.onSlider(s.key, Number(input.value)));
  return div;
}

/**
 * A drop-down of the field's values. When the fields it names differ (sectors of different
 * knowledge bases) it shows a first, unselectable entry "mixed" with the first one's value,
 * so that any value, the first one's included, can be picked to set them all.
 */
function choiceControl(c: Choice, value: ChoiceValue, changed: boolean, h: ParameterHandlers): HTMLDivElement {
  const id = `choice-${c.key}`;
  const mixed = value.mixed ? `<option value="" disabled selected>mixed (first: ${esc(value.value)})</option>` : '';
  const options = c.options.map((o) => `<option value="${esc(o)}"${!value.mixed && o === value.value ? ' selected' : ''}>${esc(o)}</option>`).join('');
  const div = controlBox('choice', c.key, changed, c.path, c.description, `
      <label for="${id}">${esc(c.label)}${value.mixed ? ' <span class="unit">(they differ)</span>' : ''}</label>
      <select id="${id}" aria-describedby="${id}-help" data-key="${c.key}">${mixed}${options}</select>`);
  const select = div.querySelector('select')!;
  select.addEventListener('change', () => h.onChoice(c.key, select.value));
  return div;
}

export interface LeverRow {
  name: string;
  lever: string;
  /** In the scenario (true) or offered to add (false). */
  present: boolean;
  on: boolean;
  budget: number | string;
  start: number;
  doc: string;
}

export interface LeverHandlers {
  onChange(name: string, setting: LeverSetting): void;
}

export function renderLevers(root: HTMLElement, rows: readonly LeverRow[], steps: number, budgetHelp: string, startHelp: string, h: LeverHandlers): void {
  root.innerHTML = '';
  const list = (present: boolean, title: string) => {
    const mine = rows.filter((r) => r.present === present);
    if (mine.length === 0) return;
    const fs = document.createElement('fieldset');
    fs.innerHTML = `<legend>${esc(title)}</legend>`;
    for (const r of mine) fs.appendChild(leverRow(r, steps, budgetHelp, startHelp, h));
    root.appendChild(fs);
  };
  list(true, 'In this scenario');
  list(false, `Add to this scenario (from step ${ADDED_LEVER.start}, ${ADDED_LEVER.budget} a step)`);
}

function leverRow(r: LeverRow, steps: number, budgetHelp: string, startHelp: string, h: LeverHandlers): HTMLElement {
  const id = `lever-${r.name.replace(/[^\w-]/g, '_')}`;
  const div = document.createElement('div');
  div.className = 'lever';
  const expr = typeof r.budget === 'string';
  const budgetMax = Math.max(20, typeof r.budget === 'number' ? 4 * r.budget : 0);
  div.innerHTML = `
    <div class="lever-head">
      <input type="checkbox" id="${id}-on" ${r.on ? 'checked' : ''} aria-describedby="${id}-doc">
      <label for="${id}-on"><strong>${esc(r.name)}</strong>${r.name !== r.lever ? ` <span class="unit">(${esc(r.lever)})</span>` : ''}</label>
    </div>
    <p class="help" id="${id}-doc">${esc(r.doc)}</p>
    <div class="lever-body" ${r.on ? '' : 'hidden'}>
      <label for="${id}-budget">Budget <span class="unit">(money units per step)</span></label>
      ${expr
        ? `<input id="${id}-budget" type="text" value="${esc(String(r.budget))}" readonly aria-describedby="${id}-bh"><p class="help" id="${id}-bh">An expression of the step and the metrics, set in the scenario file.</p>`
        : `<div class="slider-row"><input id="${id}-budget" type="range" min="0" max="${budgetMax}" step="0.5" value="${r.budget}" aria-describedby="${id}-bh"><output id="${id}-bo">${fmt(Number(r.budget))}</output></div><p class="help" id="${id}-bh">${esc(budgetHelp)}</p>`}
      <label for="${id}-start">Start step</label>
      <div class="slider-row"><input id="${id}-start" type="range" min="0" max="${Math.max(0, steps - 1)}" step="1" value="${r.start}" aria-describedby="${id}-sh"><output id="${id}-so">${r.start}</output></div>
      <p class="help" id="${id}-sh">${esc(startHelp)}</p>
    </div>`;
  const on = div.querySelector<HTMLInputElement>(`#${id}-on`)!;
  on.addEventListener('change', () => h.onChange(r.name, { on: on.checked }));
  const budget = div.querySelector<HTMLInputElement>(`#${id}-budget`)!;
  if (!expr) {
    const bo = div.querySelector(`#${id}-bo`)!;
    budget.addEventListener('input', () => { bo.textContent = fmt(Number(budget.value)); });
    budget.addEventListener('change', () => h.onChange(r.name, { budget: Number(budget.value) }));
  }
  const start = div.querySelector<HTMLInputElement>(`#${id}-start`)!;
  const so = div.querySelector(`#${id}-so`)!;
  start.addEventListener('input', () => { so.textContent = start.value; });
  start.addEventListener('change', () => h.onChange(r.name, { start: Number(start.value) }));
  return div;
}

export function renderMechanisms(root: HTMLElement, panels: readonly MechanismPanel[], sliders: readonly Slider[]): void {
  const label = new Map(sliders.map((s) => [s.key, s.label]));
  root.innerHTML = panels
    .map((p) => {
      const href = `./docs/${p.doc.replace(/\.md(#|$)/, '.html$1')}`;
      const related = p.sliders.filter((k) => label.has(k)).map((k) => label.get(k)!);
      return `<details class="mechanism"><summary>${esc(p.title)}</summary><p>${esc(p.text)}</p>
        ${related.length ? `<p class="help">Sliders: ${related.map(esc).join(', ')}.</p>` : ''}
        <p><a href="${href}">Read more: the model's ${esc(p.title.toLowerCase())} page</a></p></details>`;
    })
    .join('');
}

export function renderAgent(root: HTMLElement, d: AgentDetail | null, id: number, onPartner: (id: number) => void): void {
  root.hidden = false;
  if (!d) {
    root.innerHTML = `<h3>Agent ${id}</h3><p>This agent has left the cluster.</p>`;
    return;
  }
  const rows: [string, string][] = [
    ['Kind', d.kind + (d.leading && d.kind !== 'leading' ? ' (leading)' : '')],
    ['Region, sector', `${d.region}, ${d.sector}`],
    ['Position', `${fmt(d.x)} km, ${fmt(d.y)} km`],
    ['Age', `${d.age} steps${d.parent >= 0 ? `, spun off from agent ${d.parent}` : ''}`],
    ['Employees', fmt(d.employees)],
    ['Capital, profit', `${fmt(d.capital)}, ${fmt(d.profit)} money units`],
    ['Product lines', fmt(d.lines)],
    ['Sales a step', fmt(d.revenue)],
    ['Knowledge', `${fmt(d.knowledge)} (tacit share ${fmt(d.tacitShare)})`],
    ['By domain', Object.entries(d.domains).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')],
    ['Absorptive capacity', fmt(d.absorptive)],
    ['ICT adoption', fmt(d.ict)],
    ['Openness, international', `${fmt(d.openness)}, ${fmt(d.international)}`],
    ['R&D effort', fmt(d.rdEffort)],
  ];
  root.innerHTML = `<h3>Agent ${d.id}</h3>
    <dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
    <h4>Partners (${d.partners.length})</h4>
    ${d.partners.length === 0 ? '<p>No ties.</p>' : `<table><caption class="visually-hidden">Ties of agent ${d.id}</caption>
      <thead><tr><th scope="col">Agent</th><th scope="col">Kind</th><th scope="col">Region</th><th scope="col">Tie</th><th scope="col">Strength</th><th scope="col">Trust</th></tr></thead>
      <tbody>${d.partners.map((p) => `<tr><td><button type="button" class="link" data-id="${p.id}">${p.id}</button></td><td>${esc(p.kind)}</td><td>${esc(p.region)}</td><td>${esc(p.type)}</td><td>${fmt(p.strength)}</td><td>${fmt(p.trust)}</td></tr>`).join('')}</tbody></table>`}`;
  root.querySelectorAll<HTMLButtonElement>('button[data-id]').forEach((b) => b.addEventListener('click', () => onPartner(Number(b.dataset.id))));
}
