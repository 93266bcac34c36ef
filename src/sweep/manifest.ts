/**
 * manifest.json of a sweep folder: what was run (experiment, design points, seeds rule),
 * where (shard), how far it got, and a fingerprint that a resumed sweep and `merge` check
 * so runs of different experiments are never mixed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SweepPlan } from '../experiments/plan.js';
import type { Shard } from '../experiments/runs.js';
import { writeAtomicSync } from '../io/files.js';
import type { Provenance } from '../io/manifest.js';

export const MANIFEST = 'manifest.json';

/**
 * Everything needed to assemble the tables of a sweep without its input files: the plan's
 * design (its data, not its scenario builder) and where it came from.
 */
export interface SweepMeta
  extends Pick<SweepPlan, 'experiment' | 'paths' | 'points' | 'replicates' | 'masterSeed' | 'designSeed' | 'runCount' | 'steps'> {
  fingerprint: string;
  experimentFile: string;
  scenarioFile: string;
  /** `--set PATH=VALUE` overrides of the base scenario, as given. */
  overrides?: string[];
}

export interface SweepManifest extends Provenance {
  kind: 'sweep';
  startedAt: string;
  endedAt: string;
  /** How per-run seeds are made (see docs/experiments.md). */
  seedRule: 'deriveSeed(masterSeed, point, replicate)';
  /** How run ids are laid out. */
  runRule: 'run_id = point * replicates + replicate';
  meta: SweepMeta;
  shard: Shard | null;
  status: 'running' | 'incomplete' | 'complete';
  counts: { runs: number; ok: number; failed: number; missing: number };
  files: string[];
  workers?: number;
  wallSeconds?: number;
  /** For a merged folder: the shard folders it was merged from. */
  mergedFrom?: string[];
  /** Sensitivity estimates that look unreliable (Sobol, Morris), with the sample size that would help. */
  warnings?: string[];
}

export function fingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

export function readManifest(dir: string): SweepManifest | undefined {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SweepManifest;
}

export function writeManifest(dir: string, m: SweepManifest): void {
  writeAtomicSync(path.join(dir, MANIFEST), `${JSON.stringify(m, null, 2)}\n`);
}
