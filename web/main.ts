/**
 * The explorer page: reads the setup from the URL, resolves the chosen shipped scenario
 * (bundled as text), applies the student's changes, and runs it in a worker, with the
 * unchanged scenario in a second worker as the baseline. Draws the map and charts as rows
 * and frames arrive; keeps the URL in step with the setup so it can be shared.
 */
import { stringify } from 'yaml';
import controls from 'virtual:explorer-controls';
import CATALOG from 'virtual:explorer-scenarios';
import { choiceValue, sliderValue } from '../src/explorer/controls.js';
import { ADDABLE_LEVERS, ADDED_LEVER, applySetup, changesModel, leverInstances, setupFromQuery, setupToQuery, withoutChanges, type ColorBy, type LeverSetting, type Setup } from '../src/explorer/setup.js';
import { MECHANISM_PANELS } from '../src/explorer/guide.js';
import type { FromWorker, RunInfo, ToWorker } from '../src/explorer/protocol.js';
import type { MetricRow } from '../src/engine/simulation.js';
import { LEVERS } from '../src/engine/levers/index.js';
import type { LeverId } from '../src/engine/contract.js';
import { validateScenario } from '../src/scenario/validate.js';
// The lever-expression checker: validation loads it only where a scenario has expressions
// (src/engine/leverSetting.ts), and shipped scenarios do.
import '../src/engine/expr.js';
import { formatIssue } from '../src/messages.js';
import { metricsCsv, runId } from '../src/io/format.js';
import { MapView } from './map.js';
import { Charts } from './charts.js';
import { renderAgent, renderLevers, renderMechanisms, renderParameters, type LeverRow } from './panel.js';

const { sliders, choices, leverSettings } = controls;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = {
  scenario: $<HTMLSelectElement>('scenario'), seed: $<HTMLInputElement>('seed'), steps: $<HTMLInputElement>('steps'),
  play: $<HTMLButtonElement>('play'), step: $<HTMLButtonElement>('step'), reset: $<HTMLButtonElement>('reset'),
  speed: $<HTMLSelectElement>('speed'), color: $<HTMLSelectElement>('color'),
  sliders: $('sliders'), levers: $('levers'), undo: $<HTMLButtonElement>('undo'),
  name: $('scenario-name'), title: $('scenario-title'), status: $('status'), announce: $('announce'), problems: $('problems'),
  map: $<HTMLCanvasElement>('map'), mapTies: $<HTMLCanvasElement>('map-ties'), legend: $('map-legend'), agent: $('agent'), charts: $('charts'), chartsNote: $('charts-note'), mechanisms: $('mechanisms'),
  exportYaml: $<HTMLButtonElement>('export-yaml'), exportCsv: $<HTMLButtonElement>('export-csv'), copyLink: $<HTMLButtonElement>('copy-link'), link: $<HTMLInputElement>('link'),
};

class Runner {
  readonly worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  constructor(onMessage: (m: FromWorker) => void) {
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    this.worker.onerror = (e) => showProblems([`The simulation stopped: ${e.message}`]);
  }
  send(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}

let setup: Setup = setupFromQuery(location.search, controls);
let base: Record<string, unknown> = {};
let raw: Record<string, unknown> = {};
let info: RunInfo | null = null;
let rows: MetricRow[] = [];
let done = 0;
let playing = false;
let baselineOn = false;
let generation = 0;
/** Wall-clock step rate of the main run while playing, and the worker's time per step. */
const rate = { perSecond: 0, busyMs: 0, busySteps: 0 };

const map = new MapView(el.map, el.mapTies, el.legend);
const charts = new Charts(el.charts);
const main = new Runner(onMain);
const baseline = new Runner(onBaseline);

function showProblems(problems: string[], heading = 'This setup cannot run:'): void {
  el.problems.hidden = problems.length === 0;
  el.problems.innerHTML = problems.length ? `<p>${heading}</p><ul>${problems.map((p) => `<li>${p.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</li>`).join('')}</ul>` : '';
}

function syncUrl(): void {
  const q = setupToQuery(setup, controls);
  history.replaceState(null, '', `${location.pathname}?${q}`);
  el.link.value = location.href;
}

/** Tell screen readers what changed (the step counter itself changes too often to be read out). */
function announce(text: string): void {
  el.announce.textContent = text;
}

function setPlaying(p: boolean): void {
  if (p !== playing && info) announce(p ? 'Playing' : done >= info.steps ? `Finished at step ${done}` : `Paused at step ${done}`);
  playing = p;
  el.play.textContent = p ? 'Pause' : 'Play';
  el.play.setAttribute('aria-pressed', String(p));
}

function status(): void {
  el.chartsNote.hidden = !baselineOn;
  if (!info) return;
  const s = rate.perSecond ? `, ${rate.perSecond.toFixed(0)} steps/s` : '';
  el.status.textContent = `Step ${done} of ${info.steps} (1 step = 1 ${info.timeUnit}) · ${info.agents} agents at the start · seed ${info.seed}${playing ? s : ''}${baselineOn ? ' · dashed: the scenario without your changes' : ''}`;
}

/** Read the chosen scenario and redraw the controls for it; then start a run. */
function loadScenario(): void {
  let entry = CATALOG.find((c) => c.id === setup.scenario);
  const unknown = entry ? [] : [`There is no shipped scenario '${setup.scenario}': showing '${CATALOG[0].id}' instead. Pick one from the list.`];
  if (!entry) {
    entry = CATALOG[0];
    setup = { ...withoutChanges(setup), scenario: entry.id };
  }
  base = structuredClone(entry.scenario);
  el.scenario.value = setup.scenario;
  drawControls();
  restart(setup.autoplay || playing);
  showProblems(unknown, 'Note:');
}

function drawControls(): void {
  // Drawing replaces the inputs, and a removed input takes the keyboard focus with it: give it
  // back to the new input of the same id, so that a keyboard user can go on from there.
  const focused = el.sliders.contains(document.activeElement) || el.levers.contains(document.activeElement) ? document.activeElement!.id : '';
  buildControls();
  if (focused) document.getElementById(focused)?.focus();
}

/** The parameter and lever controls, seed, steps and Undo, for the current setup. */
function buildControls(): void {
  const current = applySetup(base, setup, controls);
  const values = {
    sliders: Object.fromEntries(sliders.map((s) => [s.key, sliderValue(current, s)])),
    choices: Object.fromEntries(choices.map((c) => [c.key, choiceValue(current, c)])),
  };
  const changed = new Set([...Object.keys(setup.values), ...Object.keys(setup.choices)]);
  // A change acts on the initial state as much as on later steps: the run starts again from step 0.
  const changeAndRestart = (change: () => void) => {
    change();
    drawControls();
    restart(playing);
  };
  renderParameters(el.sliders, sliders, choices, values, changed, {
    onSlider: (key, value) => changeAndRestart(() => { setup.values[key] = value; }),
    onChoice: (key, value) => changeAndRestart(() => { setup.choices[key] = value; }),
  });
  const steps = Number(current.steps ?? 80);
  const present = leverInstances(base);
  const leverRows: LeverRow[] = present.map((i) => {
    const l = setup.levers[i.name] ?? {};
    return {
      name: i.name, lever: i.lever, present: true, on: l.on ?? true,
      budget: l.budget ?? (i.policy.budget as number | string | undefined) ?? 0, start: l.start ?? Number(i.policy.start ?? 0),
      doc: LEVERS[i.lever as LeverId]?.doc ?? '',
    };
  });
  const names = new Set(present.map((i) => i.name));
  for (const id of ADDABLE_LEVERS) {
    if (names.has(id)) continue;
    const l = setup.levers[id] ?? {};
    leverRows.push({ name: id, lever: id, present: false, on: l.on ?? false, budget: l.budget ?? ADDED_LEVER.budget, start: l.start ?? ADDED_LEVER.start, doc: LEVERS[id].doc });
  }
  renderLevers(el.levers, leverRows, steps, leverSettings.budget, leverSettings.start, {
    onChange: (name, s: LeverSetting) => changeAndRestart(() => { setup.levers[name] = { ...setup.levers[name], ...s }; }),
  });
  el.seed.value = String(current.seed ?? 1);
  el.steps.value = String(steps);
  el.undo.disabled = !changesModel(setup);
}

/** Start a new run of the current setup (and of its baseline when the setup changes the model). */
function restart(play: boolean): void {
  generation++;
  setPlaying(false);
  showProblems([]);
  raw = applySetup(base, setup, controls);
  rows = [];
  done = 0;
  info = null;
  rate.busyMs = rate.busySteps = 0;
  map.select(null);
  el.agent.hidden = true;
  baselineRows = [];
  baselineAll = [];
  chartsReady = false;
  delete document.body.dataset.ready;
  main.send({ type: 'load', raw, frames: true, gen: generation });
  // The worker runs the unrecorded warm-up before it answers (1,200 steps in the shipped
  // districts, a few seconds), so say what it is doing meanwhile.
  const warmup = Number(raw.warmup ?? 0);
  el.status.textContent = warmup > 0 ? `Warming up: ${warmup} unrecorded steps before step 0…` : 'Starting…';
  baselineOn = changesModel(setup);
  if (baselineOn) {
    const unchanged = applySetup(base, withoutChanges(setup), controls);
    baseline.send({ type: 'load', raw: unchanged, frames: false, gen: generation });
  }
  pendingPlay = play;
  syncUrl();
}
let pendingPlay = false;

function onMain(m: FromWorker): void {
  if (m.gen !== generation) return;
  switch (m.type) {
    case 'loaded': {
      info = m.info;
      const g = generation;
      el.name.textContent = `${info.name}${changesModel(setup) ? ' (changed)' : ''}`;
      const entry = CATALOG.find((c) => c.id === setup.scenario);
      el.title.textContent = entry?.title ?? '';
      document.title = `${info.name} · clustersim explorer`;
      rows = [...m.rows];
      if (m.frame) map.reset(m.frame);
      void charts.reset(info.timeUnit, info.steps, rows).then(() => {
        if (g !== generation) return;
        charts.add(rows.slice(m.rows.length), 'this run');
        if (baselineOn) charts.add(baselineRows, 'baseline');
        baselineRows = [];
        chartsReady = true;
        document.body.dataset.ready = '1';
      });
      status();
      announce(`${info.name}: ${info.agents} agents, ${info.steps} steps, seed ${info.seed}`);
      if (pendingPlay) play();
      return;
    }
    case 'progress':
      rows.push(...m.rows);
      done = m.done;
      if (m.frame) map.setFrame(m.frame);
      if (chartsReady) charts.add(m.rows, 'this run');
      rate.busyMs += m.busyMs;
      rate.busySteps += m.stepped;
      measureRate(m.done);
      if (baselineOn) baseline.send({ type: 'runTo', step: m.done });
      if (!m.playing && playing) setPlaying(false);
      if (map.selected !== null) main.send({ type: 'agent', id: map.selected });
      status();
      return;
    case 'agent':
      if (m.id !== map.selected) return;
      if (el.agent.hidden || !el.agent.textContent?.startsWith(`Agent ${m.id}`)) announce(`Agent ${m.id} selected${m.detail ? `: ${m.detail.kind}, ${m.detail.partners.length} partners` : ', no longer alive'}`);
      map.select(m.id, m.detail?.partners.map((p) => p.id) ?? []);
      renderAgent(el.agent, m.detail, m.id, selectAgent);
      return;
    case 'invalid':
      showProblems(m.problems);
      el.name.textContent = `${String(raw.name ?? setup.scenario)} (cannot run)`;
      return;
    case 'error':
      setPlaying(false);
      showProblems([`The simulation stopped: ${m.message}`]);
      return;
  }
}

let chartsReady = false;
/** Baseline rows that came before the charts were ready, and all of them. */
let baselineRows: MetricRow[] = [];
let baselineAll: MetricRow[] = [];
function onBaseline(m: FromWorker): void {
  if (m.gen !== generation) return;
  if (m.type === 'loaded' || m.type === 'progress') {
    baselineAll.push(...m.rows);
    if (chartsReady) charts.add(m.rows, 'baseline');
    else baselineRows.push(...m.rows);
  } else if (m.type === 'error' || m.type === 'invalid') {
    baselineOn = false;
  }
}

/** Steps per second of the main run over the last two seconds of (time, steps done) samples. */
const samples: [number, number][] = [];
function measureRate(d: number): void {
  const now = performance.now();
  samples.push([now, d]);
  while (samples.length > 2 && samples[0][0] < now - 2000) samples.shift();
  const [t0, d0] = samples[0];
  rate.perSecond = now - t0 > 250 ? ((d - d0) * 1000) / (now - t0) : 0;
}

function play(): void {
  if (!info) return;
  if (done >= info.steps) return;
  setPlaying(true);
  samples.length = 0;
  main.send({ type: 'play', speed: setup.speed });
}

function pause(): void {
  setPlaying(false);
  main.send({ type: 'pause' });
}

function selectAgent(id: number | null): void {
  map.select(id);
  if (id === null) {
    el.agent.hidden = true;
    return;
  }
  main.send({ type: 'agent', id });
}

function download(name: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The scenario as YAML, checked first: a file that would not validate is not offered. */
function scenarioYaml(): string | null {
  const result = validateScenario(raw, 'explorer');
  if (!result.ok) {
    showProblems(result.issues.map((i) => formatIssue({ ...i, file: 'scenario' })));
    return null;
  }
  const changes = setupToQuery({ ...setup, speed: 10, color: 'knowledge', autoplay: false }, controls);
  const head = `# Exported from the clustersim explorer: scenario '${setup.scenario}' with ${changes}\n# Run it with: npx clustersim run <this file>\n`;
  return head + stringify({ ...raw, $schema: undefined }, { lineWidth: 0 });
}

// --- wiring ---
el.scenario.innerHTML = CATALOG.map((c) => `<option value="${c.id}">${c.id}${c.name !== c.id ? ` (${c.name})` : ''}</option>`).join('');
el.speed.value = String(setup.speed);
el.color.value = setup.color;
map.setColorBy(setup.color);
renderMechanisms(el.mechanisms, MECHANISM_PANELS, sliders);

el.scenario.addEventListener('change', () => {
  setup = { ...withoutChanges(setup), scenario: el.scenario.value, steps: undefined };
  loadScenario();
});
el.seed.addEventListener('change', () => {
  const v = Number(el.seed.value);
  if (Number.isInteger(v) && v >= 0) setup.seed = v;
  restart(playing);
});
el.steps.addEventListener('change', () => {
  const v = Number(el.steps.value);
  if (Number.isInteger(v) && v >= 1 && v <= 1000) setup.steps = v;
  drawControls();
  restart(playing);
});
el.play.addEventListener('click', () => (playing ? pause() : play()));
el.step.addEventListener('click', () => {
  setPlaying(false);
  main.send({ type: 'step' });
});
el.reset.addEventListener('click', () => restart(false));
el.speed.addEventListener('change', () => {
  setup.speed = Number(el.speed.value);
  syncUrl();
  if (playing) main.send({ type: 'play', speed: setup.speed });
});
el.color.addEventListener('change', () => {
  setup.color = el.color.value as ColorBy;
  map.setColorBy(setup.color);
  syncUrl();
});
el.undo.addEventListener('click', () => {
  setup = withoutChanges(setup);
  drawControls();
  restart(playing);
});
el.exportYaml.addEventListener('click', () => {
  const text = scenarioYaml();
  if (text) download(`${String(raw.name)}-explorer.yaml`, text, 'application/yaml');
});
el.exportCsv.addEventListener('click', () => {
  if (info) download(`${info.name}-s${info.seed}-metrics.csv`, metricsCsv(runId(info.name, info.seed), rows), 'text/csv');
});
el.copyLink.addEventListener('click', () => {
  el.link.select();
  void navigator.clipboard?.writeText(el.link.value).catch(() => undefined);
});

el.map.addEventListener('click', (e) => {
  const r = el.map.getBoundingClientRect();
  selectAgent(map.agentAt(e.clientX - r.left, e.clientY - r.top));
});
el.map.addEventListener('keydown', (e) => {
  const ids = map.idsBySize();
  if (ids.length === 0) return;
  const at = map.selected === null ? -1 : ids.indexOf(map.selected);
  if (e.key === 'ArrowRight' || e.key === 'ArrowDown') selectAgent(ids[(at + 1) % ids.length]);
  else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') selectAgent(ids[(at - 1 + ids.length) % ids.length]);
  else if (e.key === 'Escape') selectAgent(null);
  else return;
  e.preventDefault();
});
document.addEventListener('keydown', (e) => {
  const t = e.target as HTMLElement;
  if (t.closest('input, select, textarea, button, canvas, a')) return;
  if (e.key === ' ') (playing ? pause() : play());
  else if (e.key === 's') main.send({ type: 'step' });
  else if (e.key === 'r') restart(false);
  else return;
  e.preventDefault();
});

// The map redraws at the display's next frame after anything on it changed (a new step's
// frame, the colour, the selection): at most at the display's rate, at most once per step.
function animate(): void {
  if (map.dirty) map.draw();
  requestAnimationFrame(animate);
}
requestAnimationFrame(animate);

/** Read by the browser test (test/explorer/browser.test.ts) and handy in the console. */
(window as unknown as { explorer: unknown }).explorer = {
  rows: () => rows,
  baselineRows: () => baselineAll,
  done: () => done,
  info: () => info,
  playing: () => playing,
  baseline: () => baselineOn,
  fps: () => map.stats(),
  benchmarkMap: (frames: number) => map.benchmark(frames),
  ties: () => map.ties(),
  /** Steps per second: on the page's clock while playing, and of the worker's stepping alone (since the run started). */
  rate: () => ({ stepsPerSecond: rate.perSecond, engineStepsPerSecond: rate.busyMs > 0 ? (rate.busySteps * 1000) / rate.busyMs : 0 }),
  chartsDrawn: () => charts.drawn,
};

loadScenario();
