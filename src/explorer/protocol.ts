/**
 * Messages between the explorer page and its simulation worker (web/worker.ts). The page
 * sends a scenario object; the worker validates it, builds a `Simulation` and steps it,
 * sending new metric rows and, for the main run, map frames.
 */
import type { MetricRow } from '../engine/simulation.js';
import type { AgentDetail, MapFrame } from './frame.js';

export type ToWorker =
  /** Build a new run (replacing any); `frames: false` for the baseline, which draws no map. */
  | { type: 'load'; raw: unknown; frames: boolean; gen: number }
  /** Run at `speed` steps per second (0: as fast as possible) until paused or finished. */
  | { type: 'play'; speed: number }
  | { type: 'pause' }
  | { type: 'step' }
  /** Run, as fast as possible, until `step` steps are done (the baseline follows the main run). */
  | { type: 'runTo'; step: number }
  | { type: 'agent'; id: number };

export interface RunInfo {
  name: string;
  seed: number;
  steps: number;
  timeUnit: string;
  agents: number;
  regions: string[];
  domains: string[];
  levers: string[];
}

/** Every reply carries the `gen` of the load it belongs to, so the page drops replies about a run it replaced. */
export type FromWorker = { gen: number } & (
  | { type: 'loaded'; info: RunInfo; rows: MetricRow[]; frame?: MapFrame }
  | { type: 'invalid'; problems: string[] }
  /** Rows recorded since the last message; `stepped` steps took `busyMs` of the worker's time since then. */
  | { type: 'progress'; done: number; rows: MetricRow[]; frame?: MapFrame; steps: number; stepped: number; busyMs: number; playing: boolean }
  | { type: 'agent'; id: number; detail: AgentDetail | null }
  | { type: 'error'; message: string }
);
