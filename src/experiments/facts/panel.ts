/**
 * A firm panel: every firm (SME, leading firm, KIBS; institutions are left out) followed by
 * its stable id over the recorded steps of one run: its employees at each step it was alive,
 * its age when first seen, the step it exited (or that it was still alive at the end), and
 * the agent it spun off from, if any.
 *
 * The panel reads the population after each step (after `endStep` has removed the exited),
 * so a firm seen at step t and missing at t + 1 exited during step t + 1. A firm that enters
 * and exits within one step is never seen (it held no employees at any recorded step).
 * Browser-safe: it only reads the engine's state.
 */
import type { Scenario } from '../../scenario/schema.js';
import { Simulation } from '../../engine/simulate.js';
import { isFirmKind } from '../../engine/population.js';
import { stepsPerYear } from '../../engine/frontier.js';

export interface FirmRecord {
  id: number;
  /** First recorded step at which the firm was alive (0 for the firms of the initial state). */
  first: number;
  /** Age (steps) at `first`. */
  ageAtFirst: number;
  /** The step during which it exited, or -1 if it was alive at the last recorded step. */
  exit: number;
  /** Employees at steps first, first + 1, ... while alive. */
  sizes: number[];
  /** Stable id of the agent it spun off from (a firm or a research institution), or -1. */
  parent: number;
}

export interface FirmPanel {
  seed: number;
  /** Recorded steps after step 0 (the panel covers steps 0..steps). */
  steps: number;
  stepsPerYear: number;
  firms: FirmRecord[];
  /** Firms alive at each step 0..steps. */
  alive: number[];
}

/** Runs `scenario` with `seed` for `steps` recorded steps (after its warm-up) and records the firm panel. */
export function recordPanel(scenario: Scenario, seed: number, steps: number, onStep?: (done: number) => void): FirmPanel {
  const sim = new Simulation({ ...scenario, record: { ...scenario.record, snapshots: [] } }, { seed, steps });
  const byId = new Map<number, FirmRecord>();
  const firms: FirmRecord[] = [];
  const alive: number[] = [];
  const observe = (t: number) => {
    const pop = sim.state.pop;
    let count = 0;
    for (let i = 0; i < pop.n; i++) {
      if (!pop.alive[i] || !isFirmKind(pop.kind[i])) continue;
      count++;
      const id = pop.id[i];
      let f = byId.get(id);
      if (!f) {
        f = { id, first: t, ageAtFirst: pop.age[i], exit: -1, sizes: [], parent: pop.parent[i] };
        byId.set(id, f);
        firms.push(f);
      }
      f.sizes.push(pop.employees[i]);
    }
    // A firm seen before that is no longer in the population exited during step t.
    for (const f of firms) if (f.exit < 0 && f.first + f.sizes.length === t) f.exit = t;
    alive.push(count);
  };
  observe(0);
  while (sim.done < steps) {
    sim.step();
    observe(sim.done);
    onStep?.(sim.done);
  }
  return { seed, steps, stepsPerYear: stepsPerYear(sim.state), firms, alive };
}
