/**
 * `mergeSweeps`: shard folders (or any folders holding parts of one sweep) to one sweep
 * folder with the same tables an unsharded sweep writes. Checks first that every folder
 * holds the same experiment (fingerprint) and that every run of the canonical list is
 * present exactly once; then assembles from the folders' tables and journals, which it only
 * reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../messages.js';
import { inShard, shardRunIds } from '../experiments/runs.js';
import { provenance } from '../io/manifest.js';
import { assembleTables } from './assemble.js';
import { readManifest, writeManifest, type SweepManifest, type SweepMeta } from './manifest.js';
import { FileCache, folderRecords, runKey, type RunRecord } from './store.js';
import { msgSweep } from '../messages.js';
import { claimOutDir } from '../io/out-dir.js';

export interface MergeOptions {
  dirs: string[];
  out: string;
  parquet?: boolean;
  /** Replace a sweep folder at `out` that is not an earlier merge of the same sweep. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface MergeOutcome {
  outDir: string;
  runs: number;
  ok: number;
  failed: number;
}

export function mergeSweeps(opts: MergeOptions): MergeOutcome {
  const t0 = Date.now();
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (opts.dirs.length === 0) throw new UserError(msgSweep.mergeNoDirs());
  // A folder that does not exist yet is a shard that has not run (or not been copied back):
  // reported with the missing runs below, not as a bad folder.
  const notFound = opts.dirs.filter((dir) => !fs.existsSync(dir));
  const dirs = opts.dirs.filter((dir) => fs.existsSync(dir));
  if (dirs.length === 0) throw new UserError(msgSweep.mergeNoneFound(notFound));
  const manifests = dirs.map((dir) => {
    const m = readManifest(dir);
    if (!m) throw new UserError(msgSweep.mergeNotSweep(dir));
    return m;
  });
  const meta = manifests[0]!.meta;
  manifests.forEach((m, i) => {
    if (m.meta.fingerprint !== meta.fingerprint || m.meta.replicates !== meta.replicates) throw new UserError(msgSweep.mergeMixed(dirs[0]!, dirs[i]!));
  });
  const files = new FileCache();
  try {
    return mergeInto(opts, dirs, notFound, manifests, meta, files, log, t0);
  } finally {
    files.close();
  }
}

function mergeInto(
  opts: MergeOptions,
  dirs: string[],
  notFound: string[],
  manifests: SweepManifest[],
  meta: SweepMeta,
  files: FileCache,
  log: (line: string) => void,
  t0: number,
): MergeOutcome {
  // Each folder's runs, from its tables (a finished shard) and its journal (an unfinished one).
  const entries = new Map<string, RunRecord>();
  const owner = new Map<string, string>();
  const duplicates: string[] = [];
  const shortOf: string[] = [];
  const keyOf = (r: number) => runKey(Math.floor(r / meta.replicates), r % meta.replicates);
  dirs.forEach((dir, i) => {
    const m = manifests[i]!;
    const shard = m.shard ?? undefined;
    const records = folderRecords(dir, meta.replicates, meta.paths.length, files);
    for (const [key, e] of records) {
      const run = e.point * meta.replicates + e.replicate;
      if (e.replicate >= meta.replicates || !inShard(run, shard)) continue; // not this folder's share: ignore stray entries
      const prev = owner.get(key);
      if (prev !== undefined) {
        duplicates.push(`run ${run} in ${prev} and ${dir}`);
        continue;
      }
      owner.set(key, dir);
      entries.set(key, e);
    }
    const share = shardRunIds(meta.runCount, shard);
    const lacking = share.filter((r) => !records.has(keyOf(r))).length;
    if (lacking > 0) shortOf.push(msgSweep.mergeFolderShort(dir, shard, m.status, lacking, share.length));
  });
  if (duplicates.length > 0) throw new UserError(msgSweep.mergeDuplicates(duplicates));

  const all = Array.from({ length: meta.runCount }, (_, r) => r);
  const missing = all.filter((r) => !entries.has(keyOf(r)));
  if (missing.length > 0) {
    const shards = manifests.map((m) => m.shard).filter((s) => s !== null);
    const count = shards[0]?.count;
    const details = [...shortOf, ...notFound.map((dir) => msgSweep.mergeFolderNotFound(dir))];
    if (count !== undefined) {
      const have = new Set(shards.map((s) => s.index));
      const absent = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !have.has(i));
      if (absent.length > 0) details.push(`No folder holds shard${absent.length > 1 ? 's' : ''} ${absent.map((i) => `${i}/${count}`).join(', ')}.`);
    }
    throw new UserError(msgSweep.mergeMissing(missing.length, meta.runCount, missing, details));
  }
  if (notFound.length > 0) throw new UserError(msgSweep.mergeNoneFound(notFound));

  // The output folder: never one of the inputs; a sweep folder only if it holds an earlier
  // merge of the same sweep (merged again), or with --force (replaced).
  if (opts.dirs.some((d) => path.resolve(d) === path.resolve(opts.out))) throw new UserError(msgSweep.mergeIntoInput(opts.out));
  const folder = claimOutDir(opts.out, 'sweep', opts.force ? 'replace' : 'keep', log);
  try {
    if (folder.kept) {
      const was = readManifest(opts.out);
      if (!was?.mergedFrom || was.meta.fingerprint !== meta.fingerprint) throw new UserError(msgSweep.mergeOverSweep(opts.out));
      // The earlier merge's charts are drawn again from the new tables.
      for (const f of ['report.html', 'charts']) fs.rmSync(path.join(opts.out, f), { recursive: true, force: true });
    }
    return writeMerged(opts, manifests, entries, all, t0, log);
  } finally {
    folder.release();
  }
}

function writeMerged(opts: MergeOptions, manifests: SweepManifest[], entries: Map<string, RunRecord>, all: number[], t0: number, log: (line: string) => void): MergeOutcome {
  const meta = manifests[0]!.meta;
  const assembled = assembleTables(opts.out, meta, entries, all, { parquet: opts.parquet ?? true, summaries: true });
  const now = new Date().toISOString();
  const manifest: SweepManifest = {
    ...provenance(),
    kind: 'sweep',
    startedAt: manifests.map((m) => m.startedAt).sort()[0] ?? now,
    endedAt: now,
    seedRule: 'deriveSeed(masterSeed, point, replicate)',
    runRule: 'run_id = point * replicates + replicate',
    meta,
    shard: null,
    status: 'complete',
    counts: { runs: meta.runCount, ok: assembled.ok, failed: assembled.failed, missing: 0 },
    files: assembled.files,
    wallSeconds: (Date.now() - t0) / 1000,
    mergedFrom: opts.dirs.map((d) => path.resolve(d)),
    ...(assembled.warnings.length > 0 ? { warnings: assembled.warnings } : {}),
  };
  for (const w of assembled.warnings) log(`warning: ${w}`);
  writeManifest(opts.out, manifest);
  log(msgSweep.mergeDone(opts.out, meta.runCount));
  return { outDir: opts.out, runs: meta.runCount, ok: assembled.ok, failed: assembled.failed };
}
