/**
 * The finished runs of a sweep folder, wherever they are: in the journal (parts/, runs of
 * a session not yet assembled) or in the assembled tables (runs.csv and results.csv of a
 * finished sweep, whose parts/ has been removed). Runs are keyed by what they are, design
 * point and replicate, not by run id: run ids depend on the number of replicates
 * (run_id = point * replicates + replicate), which `sweep --replicates N` can raise.
 *
 * The tables are indexed once (one pass over results.csv noting where each run's lines
 * lie) and a run's rows are read back on demand, as `step,metric,value` lines: memory
 * stays small whatever the size of the sweep.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCsvLine } from '../experiments/csv.js';
import { readBlock, readJournal } from './journal.js';

export interface RunRecord {
  point: number;
  replicate: number;
  status: 'ok' | 'failed';
  error: string | null;
  wallMs: number;
  /** The run's rows: `step,metric,value` lines, each ending with a newline. */
  read(): string;
}

export const runKey = (point: number, replicate: number) => `${point}/${replicate}`;

/** Open files shared by the records of one store; close them when done. */
export class FileCache {
  private readonly fds = new Map<string, number>();
  fd(file: string): number {
    let fd = this.fds.get(file);
    if (fd === undefined) this.fds.set(file, (fd = fs.openSync(file, 'r')));
    return fd;
  }
  /** The map readBlock takes. */
  get map(): Map<string, number> {
    return this.fds;
  }
  close(): void {
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
  }
}

/** Runs recorded in a folder's journal, keyed by point/replicate. */
export function journalRecords(dir: string, replicates: number, files: FileCache): Map<string, RunRecord> {
  const out = new Map<string, RunRecord>();
  for (const e of readJournal(dir, replicates).values()) {
    out.set(runKey(e.point, e.replicate), {
      point: e.point,
      replicate: e.replicate,
      status: e.status,
      error: e.error,
      wallMs: e.wallMs,
      read: () => readBlock(e, files.map),
    });
  }
  return out;
}

/** Byte ranges of each run's lines in results.csv, and the length of their fixed prefix. */
interface Span {
  offset: number;
  bytes: number;
  /** Bytes of `run_id,point,replicate,seed,<params>,` before `step,metric,value`. */
  prefix: number;
}

const CHUNK = 1 << 20;

/** The index in a CSV line just after its first `k` fields (and their commas); quotes respected. */
export function afterFields(line: string, k: number): number {
  let i = 0;
  for (let f = 0; f < k; f++) {
    if (line[i] === '"') {
      i++;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) i += line[i] === '"' ? 2 : 1;
      i++; // the closing quote
    }
    const c = line.indexOf(',', i);
    i = c < 0 ? line.length : c + 1;
  }
  return i;
}

/** One pass over results.csv: where the lines of each (point, replicate) lie. */
function indexResults(file: string, paramCount: number): Map<string, Span> {
  const spans = new Map<string, Span>();
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let carry = Buffer.alloc(0);
    let pos = 0; // file offset of carry[0]
    let header = true;
    let cur: { key: string; span: Span } | undefined;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, pos + carry.length);
      const data = n > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : carry;
      let start = 0;
      for (;;) {
        const nl = data.indexOf(10, start);
        if (nl < 0) break;
        if (header) header = false;
        else if (nl > start) {
          const line = data.toString('utf8', start, nl);
          // run_id, point and replicate are plain numbers: the first three fields.
          const c1 = line.indexOf(',');
          const c2 = line.indexOf(',', c1 + 1);
          const c3 = line.indexOf(',', c2 + 1);
          const key = runKey(Number(line.slice(c1 + 1, c2)), Number(line.slice(c2 + 1, c3)));
          if (!cur || cur.key !== key) {
            const prefix = Buffer.byteLength(line.slice(0, afterFields(line, 4 + paramCount)));
            cur = { key, span: { offset: pos + start, bytes: 0, prefix } };
            spans.set(key, cur.span);
          }
          cur.span.bytes = pos + nl + 1 - cur.span.offset;
        }
        start = nl + 1;
      }
      pos += start;
      carry = Buffer.from(data.subarray(start));
      if (n <= 0) break;
    }
  } finally {
    fs.closeSync(fd);
  }
  return spans;
}

/**
 * Runs in a folder's assembled tables (runs.csv gives status, error and wall time;
 * results.csv the rows of the runs that succeeded), keyed by point/replicate; empty when
 * the folder has no tables.
 */
export function tableRecords(dir: string, paramCount: number, files: FileCache): Map<string, RunRecord> {
  const out = new Map<string, RunRecord>();
  const runsFile = path.join(dir, 'runs.csv');
  const resultsFile = path.join(dir, 'results.csv');
  if (!fs.existsSync(runsFile) || !fs.existsSync(resultsFile)) return out;
  const spans = indexResults(resultsFile, paramCount);
  const lines = fs.readFileSync(runsFile, 'utf8').split('\n');
  const head = parseCsvLine(lines[0] ?? '');
  const col = (name: string) => head.indexOf(name);
  const [cPoint, cRep, cStatus, cError, cWall] = ['point', 'replicate', 'status', 'error', 'wallMs'].map(col) as [number, number, number, number, number];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const cells = parseCsvLine(line);
    const point = Number(cells[cPoint]);
    const replicate = Number(cells[cRep]);
    const status = cells[cStatus] === 'ok' ? 'ok' : 'failed';
    const key = runKey(point, replicate);
    const span = spans.get(key);
    if (status === 'ok' && !span) continue; // its rows are not there: run it again
    out.set(key, {
      point,
      replicate,
      status,
      error: cells[cError] === '' || cells[cError] === undefined ? null : cells[cError]!,
      wallMs: Number(cells[cWall]),
      read: () => (span ? readSpan(resultsFile, span, files) : ''),
    });
  }
  return out;
}

function readSpan(file: string, span: Span, files: FileCache): string {
  const buf = Buffer.allocUnsafe(span.bytes);
  fs.readSync(files.fd(file), buf, 0, span.bytes, span.offset);
  let out = '';
  let start = 0;
  while (start < buf.length) {
    let nl = buf.indexOf(10, start);
    if (nl < 0) nl = buf.length;
    out += `${buf.toString('utf8', start + span.prefix, nl)}\n`;
    start = nl + 1;
  }
  return out;
}

/** Every finished run of a folder: its tables, overridden by its journal (newer sessions). */
export function folderRecords(dir: string, replicates: number, paramCount: number, files: FileCache): Map<string, RunRecord> {
  const out = tableRecords(dir, paramCount, files);
  for (const [k, r] of journalRecords(dir, replicates, files)) out.set(k, r);
  return out;
}
