/**
 * The files of one run folder: metrics.csv (tidy long: run_id, step, scope, metric, value),
 * manifest.json, and snapshots/agents-<step>.csv and ties-<step>.csv. Each file is written
 * atomically (see files.ts), the large ones line by line (no string of the whole file). The
 * manifest is written last, after the charts and report (`beforeManifest`), so a folder
 * with a manifest is a complete run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import type { MetricRow } from '../engine/simulate.js';
import type { Snapshot } from '../engine/snapshot.js';
import type { Scenario } from '../scenario/schema.js';
import { AtomicTextWriter, csvField, writeAtomic } from './files.js';
import { metricsCsv, metricsLines } from './format.js';
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

function* agentLines(s: Snapshot): Generator<string> {
  const a = s.agents;
  // parent is empty for an agent that is not a spin-off; k.<domain> is the relative level in each domain.
  yield ['step,id,kind,region,sector,x,y,employees,knowledge,tacitShare,absorptive,ict,parent,age,lines,revenue,capital,efficiency', ...s.domains.map((d) => csvField(`k.${d}`))].join(',');
  for (let k = 0; k < a.id.length; k++)
    yield [s.step, a.id[k], a.kind[k], csvField(a.region[k]), csvField(a.sector[k]), a.x[k], a.y[k], a.employees[k], a.knowledge[k], a.tacitShare[k], a.absorptive[k], a.ict[k],
      a.parent[k] ?? '', a.age[k], a.lines[k], a.revenue[k], a.capital[k], a.efficiency[k], ...a.profile[k]].map((v) => csvField(v)).join(',');
}

function* tieLines(s: Snapshot): Generator<string> {
  const t = s.ties;
  yield 'step,a,b,type,strength,trust,interRegional';
  for (let k = 0; k < t.a.length; k++) yield [s.step, t.a[k], t.b[k], t.type[k], t.strength[k], t.trust[k], t.interRegional[k]].map((v) => csvField(v)).join(',');
}

/**
 * Writes `lines` to `file` atomically, a buffer at a time: a file of millions of rows is
 * never one string (V8 strings stop at about 512 MB).
 */
function writeLines(file: string, lines: Iterable<string>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = new AtomicTextWriter(file);
  try {
    for (const line of lines) out.write(`${line}\n`);
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
}

export function scenarioHash(sc: Scenario): string {
  return sha256(canonicalJson(sc));
}

export async function writeRunFolder(
  dir: string,
  run: { runId: string; scenarioFile: string; scenario: Scenario; seed: number; steps: number; startedAt: Date; endedAt: Date; rows: readonly MetricRow[]; snapshots: readonly Snapshot[]; overrides?: string[] },
  /** Called after the data files and before the manifest (the charts and report). */
  beforeManifest?: (manifest: RunManifest) => Promise<void>,
): Promise<RunManifest> {
  // An older manifest would vouch for files about to be replaced: remove it first.
  await rm(path.join(dir, 'manifest.json'), { force: true });
  const files = ['metrics.csv'];
  writeLines(path.join(dir, 'metrics.csv'), metricsLines(run.runId, run.rows));
  for (const s of run.snapshots) {
    writeLines(path.join(dir, 'snapshots', `agents-${s.step}.csv`), agentLines(s));
    writeLines(path.join(dir, 'snapshots', `ties-${s.step}.csv`), tieLines(s));
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
  await beforeManifest?.(manifest);
  await writeAtomic(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
