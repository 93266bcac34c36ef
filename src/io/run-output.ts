/**
 * The files of one run folder: metrics.csv (tidy long: run_id, step, scope, metric, value),
 * manifest.json, and snapshots/agents-<step>.csv and ties-<step>.csv. Each file is written
 * atomically (see files.ts); the manifest is written last, so a folder with a manifest is
 * a complete run.
 */
import path from 'node:path';
import { rm } from 'node:fs/promises';
import type { MetricRow } from '../engine/simulate.js';
import type { Snapshot } from '../engine/snapshot.js';
import type { Scenario } from '../scenario/schema.js';
import { csvField, writeAtomic } from './files.js';
import { metricsCsv } from './format.js';
import { canonicalJson, provenance, sha256, type Provenance } from './manifest.js';

export interface RunManifest extends Provenance {
  scenarioName: string;
  scenarioFile: string;
  scenarioHash: string;
  seed: number;
  steps: number;
  timeUnit: string;
  startedAt: string;
  endedAt: string;
  wallSeconds: number;
  files: string[];
  /** The `--set PATH=VALUE` overrides applied to the scenario file (already in `scenario`). */
  overrides?: string[];
  scenario: Scenario;
}

export { metricsCsv };

export function snapshotCsvs(s: Snapshot): { agents: string; ties: string } {
  const a = s.agents;
  const agents = ['step,id,kind,region,sector,x,y,employees,knowledge,tacitShare,absorptive,ict'];
  for (let k = 0; k < a.id.length; k++)
    agents.push([s.step, a.id[k], a.kind[k], csvField(a.region[k]), csvField(a.sector[k]), a.x[k], a.y[k], a.employees[k], a.knowledge[k], a.tacitShare[k], a.absorptive[k], a.ict[k]].map((v) => csvField(v)).join(','));
  const t = s.ties;
  const ties = ['step,a,b,type,strength,trust,interRegional'];
  for (let k = 0; k < t.a.length; k++) ties.push([s.step, t.a[k], t.b[k], t.type[k], t.strength[k], t.trust[k], t.interRegional[k]].map((v) => csvField(v)).join(','));
  return { agents: agents.join('\n') + '\n', ties: ties.join('\n') + '\n' };
}

export function scenarioHash(sc: Scenario): string {
  return sha256(canonicalJson(sc));
}

export async function writeRunFolder(
  dir: string,
  run: { runId: string; scenarioFile: string; scenario: Scenario; seed: number; steps: number; startedAt: Date; endedAt: Date; rows: readonly MetricRow[]; snapshots: readonly Snapshot[]; overrides?: string[] },
): Promise<RunManifest> {
  // An older manifest would vouch for files about to be replaced: remove it first.
  await rm(path.join(dir, 'manifest.json'), { force: true });
  const files = ['metrics.csv'];
  await writeAtomic(path.join(dir, 'metrics.csv'), metricsCsv(run.runId, run.rows));
  for (const s of run.snapshots) {
    const { agents, ties } = snapshotCsvs(s);
    await writeAtomic(path.join(dir, 'snapshots', `agents-${s.step}.csv`), agents);
    await writeAtomic(path.join(dir, 'snapshots', `ties-${s.step}.csv`), ties);
    files.push(`snapshots/agents-${s.step}.csv`, `snapshots/ties-${s.step}.csv`);
  }
  // The scenario as run: --seed and --steps (or --set seed=/steps=) included, so the hash
  // and the scenario below reproduce this run.
  const scenario: Scenario = { ...run.scenario, seed: run.seed, steps: run.steps };
  const manifest: RunManifest = {
    ...provenance(),
    scenarioName: run.scenario.name,
    scenarioFile: run.scenarioFile,
    scenarioHash: scenarioHash(scenario),
    seed: run.seed,
    steps: run.steps,
    timeUnit: run.scenario.timeUnit,
    startedAt: run.startedAt.toISOString(),
    endedAt: run.endedAt.toISOString(),
    wallSeconds: (run.endedAt.getTime() - run.startedAt.getTime()) / 1000,
    files,
    ...(run.overrides?.length ? { overrides: run.overrides } : {}),
    scenario,
  };
  await writeAtomic(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
