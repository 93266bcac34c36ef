/**
 * Options that lift a size limit (src/scenario/limits.ts), shared by the commands that
 * load scenarios or start worker threads: `--max-agents N` raises the agent cap;
 * `--workers N` is clamped to the cores this process may use unless `--oversubscribe`.
 */
import os from 'node:os';
import { UserError, formatCount, msgLimits, msgSweep } from '../messages.js';
import { LIMITS } from '../scenario/limits.js';

export const maxAgentsOption = {
  type: 'number',
  describe: `Refuse scenarios with more agents than this (default ${formatCount(LIMITS.agents)}; each agent needs about 2 KB of memory)`,
} as const;

export const oversubscribeOption = {
  type: 'boolean',
  default: false,
  describe: 'Allow --workers above the number of cores (by default it is clamped to them, with a note)',
} as const;

/** `--max-agents` checked: a whole number >= 1, or undefined for the default cap. */
export function maxAgentsArg(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1) throw new UserError(msgLimits.badMaxAgents(String(value)));
  return value;
}

/**
 * The number of worker threads to start for `--workers` (undefined: every core). More than
 * the cores available is clamped to them with a note, unless `oversubscribe`; never more
 * than LIMITS.workers.
 */
export function resolveWorkers(requested: number | undefined, oversubscribe: boolean, note: (line: string) => void, cores = os.availableParallelism()): number {
  const available = Math.max(1, cores);
  if (requested === undefined) return available;
  if (!Number.isInteger(requested) || requested < 1) throw new UserError(msgSweep.badWorkers(String(requested)));
  if (requested > available && !oversubscribe) {
    note(msgLimits.workersClamped(requested, available));
    return available;
  }
  if (requested > LIMITS.workers) throw new UserError(msgLimits.workersTooMany(requested, LIMITS.workers));
  return requested;
}
