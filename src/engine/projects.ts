/**
 * Joint innovation projects (strategy networks, 002 §83; 000 §5.7-5.8), stored in flat
 * typed arrays: a slot per project with up to `maxMembers` member rows. An agent works on at
 * most one project at a time (its `project` column holds the slot).
 */
import type { Population } from './population.js';

export class ProjectTable {
  readonly maxMembers: number;
  capacity: number;
  /** Slots in use are 0..used-1; a finished project's slot is reused. */
  used = 0;
  active: Uint8Array;
  coordinator: Int32Array;
  size: Uint8Array;
  members: Int32Array;
  start: Int32Array;
  duration: Int32Array;
  /** Governance quality of the coordination (0..1): raises success (002 §100 "governance"). */
  governance: Float64Array;
  /** Public funding attached to the project (from a lever), in money units. */
  funding: Float64Array;
  /** Lever instance index that funded it, or -1. */
  fundedBy: Int32Array;

  constructor(maxMembers: number, capacity = 64) {
    this.maxMembers = maxMembers;
    this.capacity = capacity;
    this.active = new Uint8Array(capacity);
    this.coordinator = new Int32Array(capacity);
    this.size = new Uint8Array(capacity);
    this.members = new Int32Array(capacity * maxMembers);
    this.start = new Int32Array(capacity);
    this.duration = new Int32Array(capacity);
    this.governance = new Float64Array(capacity);
    this.funding = new Float64Array(capacity);
    this.fundedBy = new Int32Array(capacity);
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const g = <T extends Uint8Array | Int32Array | Float64Array>(a: T, per = 1): T => {
      const b = new (a.constructor as new (n: number) => T)(cap * per);
      b.set(a);
      return b;
    };
    this.active = g(this.active);
    this.coordinator = g(this.coordinator);
    this.size = g(this.size);
    this.members = g(this.members, this.maxMembers);
    this.start = g(this.start);
    this.duration = g(this.duration);
    this.governance = g(this.governance);
    this.funding = g(this.funding);
    this.fundedBy = g(this.fundedBy);
    this.capacity = cap;
  }

  /**
   * Start a project with `coordinator` and `members` (rows; the coordinator should be among
   * them). Members already on a project are skipped. Returns the slot, or -1 when fewer
   * than two members are free.
   */
  launch(pop: Population, coordinator: number, members: ArrayLike<number>, t: number, duration: number, governance: number, funding = 0, fundedBy = -1): number {
    let free = 0;
    for (let k = 0; k < members.length; k++) if (pop.project[members[k]] < 0 && pop.alive[members[k]]) free++;
    if (free < 2) return -1;
    let slot = -1;
    for (let s = 0; s < this.used; s++) if (!this.active[s]) { slot = s; break; }
    if (slot < 0) {
      if (this.used === this.capacity) this.grow();
      slot = this.used++;
    }
    this.active[slot] = 1;
    this.coordinator[slot] = coordinator;
    this.start[slot] = t;
    this.duration[slot] = duration;
    this.governance[slot] = governance;
    this.funding[slot] = funding;
    this.fundedBy[slot] = fundedBy;
    let m = 0;
    const base = slot * this.maxMembers;
    for (let k = 0; k < members.length && m < this.maxMembers; k++) {
      const i = members[k];
      if (pop.project[i] >= 0 || !pop.alive[i]) continue;
      this.members[base + m++] = i;
      pop.project[i] = slot;
    }
    this.size[slot] = m;
    return slot;
  }

  /** End the project in `slot`, freeing its members. */
  end(pop: Population, slot: number): void {
    const base = slot * this.maxMembers;
    for (let k = 0; k < this.size[slot]; k++) {
      const i = this.members[base + k];
      if (pop.project[i] === slot) pop.project[i] = -1;
    }
    this.active[slot] = 0;
    this.size[slot] = 0;
  }

  /** Number of active projects. */
  activeCount(): number {
    let c = 0;
    for (let s = 0; s < this.used; s++) c += this.active[s];
    return c;
  }

  /**
   * Apply a population compaction map (called after `pop.compact()`): members that exited
   * leave their project; a project left with fewer than two members ends.
   */
  remap(pop: Population, map: Int32Array): void {
    for (let s = 0; s < this.used; s++) {
      if (!this.active[s]) continue;
      const base = s * this.maxMembers;
      let w = 0;
      for (let k = 0; k < this.size[s]; k++) {
        const to = map[this.members[base + k]];
        if (to >= 0) this.members[base + w++] = to;
      }
      this.size[s] = w;
      const c = map[this.coordinator[s]];
      this.coordinator[s] = c >= 0 ? c : w > 0 ? this.members[base] : -1;
      if (w < 2) this.end(pop, s);
    }
  }
}
