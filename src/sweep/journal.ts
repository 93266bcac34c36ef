/**
 * The sweep's journal: what makes results stream to disk and sweeps resumable.
 *
 * Each session (one `sweep` process) appends to its own pair of files in `parts/`:
 *   rows-<session>.csv   the CSV blocks (`step,metric,value` lines) of finished runs;
 *   runs-<session>.ndjson one status line per finished run: its design point and replicate,
 *                        status, error, wall time, and where its block lies in the rows file
 *                        (offset, bytes).
 * A run's rows are written before its status line, so a run counts as done only once its
 * rows are on disk; a process killed mid-write leaves at most a torn last line, which is
 * ignored, and that run is simply run again. When several sessions record the same run
 * (a retried failure), the latest session wins. Nothing is ever rewritten in place. Once the
 * tables are assembled they hold every run (src/sweep/store.ts reads them back) and parts/
 * is removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunOutcome } from './worker.js';

export interface JournalEntry {
  run: number;
  /** Design point and replicate: what the run is, whatever the run numbering (written since replicates can be extended). */
  point: number;
  replicate: number;
  status: 'ok' | 'failed';
  error: string | null;
  wallMs: number;
  rows: number;
  /** Absolute path of the rows file holding this run's block. */
  file: string;
  offset: number;
  bytes: number;
}

export const PARTS_DIR = 'parts';

/** A session name that sorts by start time (so later sessions win). */
export function newSession(): string {
  return `${Date.now().toString().padStart(14, '0')}-${process.pid}`;
}

export class JournalWriter {
  private readonly rowsFd: number;
  private readonly runsFd: number;
  private readonly rowsName: string;
  private offset = 0;

  /** `replicates`: of the sweep being run, to record each run's point and replicate. */
  constructor(outDir: string, session: string, private readonly replicates: number) {
    const dir = path.join(outDir, PARTS_DIR);
    fs.mkdirSync(dir, { recursive: true });
    this.rowsName = `rows-${session}.csv`;
    this.rowsFd = fs.openSync(path.join(dir, this.rowsName), 'a');
    this.runsFd = fs.openSync(path.join(dir, `runs-${session}.ndjson`), 'a');
  }

  /** Appends a batch: first every block, then every status line. */
  append(outcomes: RunOutcome[], bytes: Uint8Array): void {
    if (bytes.byteLength > 0) fs.writeSync(this.rowsFd, bytes);
    let at = this.offset;
    let lines = '';
    for (const o of outcomes) {
      const entry = {
        run: o.runId,
        point: Math.floor(o.runId / this.replicates),
        replicate: o.runId % this.replicates,
        status: o.ok ? 'ok' : 'failed',
        error: o.error ?? null,
        wallMs: Math.round(o.wallMs * 1000) / 1000,
        rows: o.rows,
        file: this.rowsName,
        offset: at,
        bytes: o.bytes,
      };
      at += o.bytes;
      lines += `${JSON.stringify(entry)}\n`;
    }
    this.offset = at;
    fs.writeSync(this.runsFd, lines);
  }

  close(): void {
    for (const fd of [this.rowsFd, this.runsFd]) {
      try {
        fs.fsyncSync(fd);
      } catch {
        // fsync is best effort (some file systems refuse it); the data is already written.
      }
      fs.closeSync(fd);
    }
  }
}

/**
 * Every completed run recorded in `outDir/parts`, the latest session's entry per run, keyed
 * by run id. Entries written before runs carried their point and replicate get them from
 * `replicates`, the sweep's replicates when they were written.
 */
export function readJournal(outDir: string, replicates: number): Map<number, JournalEntry> {
  const dir = path.join(outDir, PARTS_DIR);
  const out = new Map<number, JournalEntry>();
  if (!fs.existsSync(dir)) return out;
  const files = fs.readdirSync(dir).filter((f) => /^runs-.*\.ndjson$/.test(f)).sort();
  const sizes = new Map<string, number>();
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let e: Omit<JournalEntry, 'point' | 'replicate'> & { file: string; point?: number; replicate?: number };
      try {
        e = JSON.parse(line);
      } catch {
        continue; // a torn last line from a killed process
      }
      const file = path.join(dir, e.file);
      let size = sizes.get(file);
      if (size === undefined) {
        size = fs.existsSync(file) ? fs.statSync(file).size : -1;
        sizes.set(file, size);
      }
      if (e.offset + e.bytes > size) continue; // block not fully on disk: run it again
      out.set(e.run, { ...e, point: e.point ?? Math.floor(e.run / replicates), replicate: e.replicate ?? e.run % replicates, file });
    }
  }
  return out;
}

/** Reads the CSV block of one journal entry. */
export function readBlock(entry: JournalEntry, fdCache: Map<string, number>): string {
  if (entry.bytes === 0) return '';
  let fd = fdCache.get(entry.file);
  if (fd === undefined) {
    fd = fs.openSync(entry.file, 'r');
    fdCache.set(entry.file, fd);
  }
  const buf = Buffer.allocUnsafe(entry.bytes);
  fs.readSync(fd, buf, 0, entry.bytes, entry.offset);
  return buf.toString('utf8');
}
