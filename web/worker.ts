/**
 * The simulation worker: one `Simulation` (the engine the CLI runs), stepped off the page's
 * thread so the page stays responsive. Work is done in slices of about SLICE_MS and the
 * worker yields between slices (through a MessageChannel, which has no timer clamping), so
 * pause, step and agent requests are answered at once.
 */
import { Simulation } from '../src/engine/simulate.js';
import { validateScenario } from '../src/scenario/validate.js';
import { formatIssue } from '../src/messages.js';
import { mapFrame, frameBuffers, agentDetail, type MapFrame } from '../src/explorer/frame.js';
import { instanceNames } from '../src/engine/policy.js';
import type { FromWorker, ToWorker } from '../src/explorer/protocol.js';

const SLICE_MS = 12;
/** At most this many map frames a second: the page draws at the display's rate anyway. */
const FRAME_MS = 1000 / 60;

interface WorkerScope {
  postMessage(msg: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

let sim: Simulation | null = null;
let gen = 0;
let frames = true;
let sent = 0;
let playing = false;
let speed = 10;
let target = Infinity;
let busyMs = 0;
let stepped = 0;
let lastFrameAt = 0;
let nextStepAt = 0;

const tick = new MessageChannel();
let scheduled = false;
function schedule(delayMs = 0): void {
  if (scheduled) return;
  scheduled = true;
  if (delayMs > 0) setTimeout(() => { scheduled = false; loop(); }, delayMs);
  else tick.port2.postMessage(null);
}
tick.port1.onmessage = () => { scheduled = false; loop(); };

type Reply = FromWorker extends infer T ? (T extends unknown ? Omit<T, 'gen'> : never) : never;
function post(msg: Reply, frame?: MapFrame): void {
  scope.postMessage({ ...msg, gen } as FromWorker, frame ? frameBuffers(frame) : []);
}

function progress(withFrame: boolean): void {
  if (!sim) return;
  const rows = sim.rows.slice(sent);
  sent = sim.rows.length;
  const frame = withFrame && frames ? mapFrame(sim.state, sim.done) : undefined;
  if (frame) lastFrameAt = performance.now();
  post({ type: 'progress', done: sim.done, steps: sim.steps, rows, frame, stepped, busyMs, playing: playing && sim.done < Math.min(sim.steps, target) }, frame);
  busyMs = 0;
  stepped = 0;
}

function stepOnce(): void {
  const t0 = performance.now();
  sim!.step();
  busyMs += performance.now() - t0;
  stepped++;
}

function loop(): void {
  if (!sim || !playing) return;
  const end = Math.min(sim.steps, target);
  if (sim.done >= end) {
    playing = false;
    progress(true);
    return;
  }
  const now = performance.now();
  if (speed > 0) {
    // Paced: one step when it is due, then sleep until the next is.
    if (now < nextStepAt) return schedule(nextStepAt - now);
    stepOnce();
    nextStepAt = Math.max(nextStepAt + 1000 / speed, now);
    progress(true);
    return schedule(Math.max(0, nextStepAt - performance.now()));
  }
  // As fast as possible: steps for one slice, then a message with what they recorded.
  const t0 = now;
  while (sim.done < end && performance.now() - t0 < SLICE_MS) stepOnce();
  progress(performance.now() - lastFrameAt >= FRAME_MS || sim.done >= end);
  schedule();
}

function load(raw: unknown, withFrames: boolean, g: number): void {
  playing = false;
  gen = g;
  const result = validateScenario(raw, 'explorer');
  if (!result.ok) {
    sim = null;
    post({ type: 'invalid', problems: result.issues.map((i) => formatIssue({ ...i, file: 'scenario' })) });
    return;
  }
  const sc = result.scenario;
  frames = withFrames;
  sim = new Simulation(sc);
  sent = sim.rows.length;
  target = Infinity;
  const frame = frames ? mapFrame(sim.state, 0) : undefined;
  post({
    type: 'loaded',
    info: {
      name: sc.name, seed: sim.seed, steps: sim.steps, timeUnit: sc.timeUnit, agents: frame?.n ?? sim.state.pop.n,
      regions: sc.regions.map((r) => r.id), domains: [...sc.domains], levers: instanceNames(sc.policies),
    },
    rows: sim.rows.slice(),
    frame,
  }, frame);
}

scope.onmessage = (e) => {
  const m = e.data;
  try {
    switch (m.type) {
      case 'load':
        return load(m.raw, m.frames, m.gen);
      case 'play':
        if (!sim) return;
        speed = m.speed;
        target = Infinity;
        if (!playing) nextStepAt = performance.now();
        playing = true;
        return schedule();
      case 'pause':
        playing = false;
        return progress(true);
      case 'step':
        playing = false;
        if (sim && sim.done < sim.steps) stepOnce();
        return progress(true);
      case 'runTo':
        if (!sim) return;
        target = m.step;
        speed = 0;
        playing = true;
        return schedule();
      case 'agent':
        if (!sim) return;
        return post({ type: 'agent', id: m.id, detail: agentDetail(sim.state, m.id) });
    }
  } catch (err) {
    playing = false;
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
