/**
 * Output folders (`--out`): checked before any work, then claimed (issue 19). Nothing is
 * ever written into a folder clustersim did not create for the same kind of output.
 *
 * `checkOutDir` refuses, with a message naming the folder and why:
 *   - `/`, a system folder (/proc, /sys, /dev, /etc, /usr, ...; symbolic links resolved),
 *     or a bare top-level or home folder (/tmp, /home, ~);
 *   - a path that is a file, or a folder (or the nearest existing parent) not writable;
 *   - a non-empty folder that is not this command's kind of output (run, sweep, compare,
 *     slurm: the job folder of `clustersim slurm`).
 * `claimOutDir` then creates the folder, takes its lock and marks its kind:
 *   - the lock file `.clustersim.lock` names the holder's PID, host and start time; a
 *     second command into the same folder is refused while the holder lives; a lock
 *     whose PID is dead (same host) is taken over, with a note;
 *   - the marker file `.clustersim` says which kind of output the folder holds, so an
 *     interrupted output is still recognised as clustersim's own;
 *   - an earlier output of the same kind is kept (a sweep resumes), moved aside to a
 *     sibling folder `<dir>.previous-<time>` (run, compare), or replaced (`--force`).
 * The lock is released when the command ends, also on exit by a signal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError, msgOut, systemErrorMessage } from '../messages.js';

export type OutputKind = 'run' | 'sweep' | 'compare' | 'slurm' | 'facts';

export const MARKER_FILE = '.clustersim';
export const LOCK_FILE = '.clustersim.lock';

/** Folders that hold the system: never written into, nor anything below them. */
// (/usr/local, /usr/src and /var/lib are not here: projects and CI workspaces live there.)
const SYSTEM_TREES = [
  '/proc', '/sys', '/dev', '/etc', '/boot', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/run', '/snap',
  '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/lib32', '/usr/lib64', '/usr/libexec', '/usr/include', '/usr/share',
  '/var/log', '/var/run', '/var/spool', '/var/cache',
];
/** Folders shared by everything below them: never an output folder themselves (below them is fine). */
const SHARED_ROOTS = ['/home', '/root', '/tmp', '/usr', '/usr/local', '/var', '/var/lib', '/var/tmp', '/opt', '/mnt', '/media', '/srv', '/Users', '/Volumes'];

const within = (p: string, root: string) => p === root || p.startsWith(root.endsWith('/') ? root : `${root}/`);

/** The path with symbolic links resolved as far as it exists (the rest appended as given). */
function realish(p: string): string {
  const abs = path.resolve(p);
  let head = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(head), ...tail.reverse());
    } catch {
      const up = path.dirname(head);
      if (up === head) return abs;
      tail.push(path.basename(head));
      head = up;
    }
  }
}

/** The nearest folder at or above `p` that exists. */
function existingAncestor(p: string): string {
  let cur = path.resolve(p);
  while (!fs.existsSync(cur)) {
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  return cur;
}

/** The kind of clustersim output a folder holds, from its marker or (older folders) its files. */
export function detectOutputKind(dir: string): OutputKind | 'other-clustersim' | undefined {
  const read = (file: string): Record<string, unknown> | undefined => {
    try {
      const v: unknown = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const marker = read(MARKER_FILE);
  if (marker && (marker.kind === 'run' || marker.kind === 'sweep' || marker.kind === 'compare' || marker.kind === 'slurm' || marker.kind === 'facts')) return marker.kind;
  const manifest = read('manifest.json');
  if (manifest?.tool === 'clustersim') {
    if (manifest.kind === 'sweep') return 'sweep';
    if (manifest.kind === 'compare') return 'compare';
    if (manifest.kind === undefined && typeof manifest.scenarioHash === 'string') return 'run';
    return 'other-clustersim';
  }
  if (fs.existsSync(path.join(dir, 'compare.csv')) && fs.existsSync(path.join(dir, 'compare-tests.csv'))) return 'compare';
  return undefined;
}

export interface OutDirState {
  /** Absolute path. */
  dir: string;
  /** Whether the folder holds an earlier output of this kind (else it is new or empty). */
  holdsOutput: boolean;
}

/**
 * Checks that `dir` may receive this command's output; throws a UserError if not. No side
 * effects, so it can run before any work.
 */
export function checkOutDir(dir: string, kind: OutputKind): OutDirState {
  const abs = path.resolve(dir);
  const real = realish(abs);
  for (const p of new Set([abs, real])) {
    if (p === path.parse(p).root) throw new UserError(msgOut.rootFolder(dir));
    if (SYSTEM_TREES.some((root) => within(p, root))) throw new UserError(msgOut.systemFolder(dir, p));
    if (SHARED_ROOTS.includes(p) || p === os.homedir()) throw new UserError(msgOut.sharedFolder(dir, p));
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(abs);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UserError(msgOut.cannotUse(dir, systemErrorMessage(e) ?? String(e)));
  }
  if (stat && !stat.isDirectory()) throw new UserError(msgOut.notAFolder(dir));
  const writable = stat ? abs : existingAncestor(abs);
  if (!fs.statSync(writable).isDirectory()) throw new UserError(msgOut.parentNotAFolder(dir, writable));
  try {
    fs.accessSync(writable, fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    throw new UserError(msgOut.notWritable(dir, writable, systemErrorMessage(e) ?? String(e)));
  }
  if (!stat) return { dir: abs, holdsOutput: false };
  const entries = fs.readdirSync(abs).filter((f) => f !== LOCK_FILE);
  if (entries.length === 0) return { dir: abs, holdsOutput: false };
  const found = detectOutputKind(abs);
  if (found === kind) return { dir: abs, holdsOutput: true };
  if (found !== undefined) throw new UserError(msgOut.otherKind(dir, found, kind));
  throw new UserError(msgOut.notOurs(dir, kind, entries));
}

/** What to do with an earlier output of the same kind. */
export type ExistingOutput = 'keep' | 'move-aside' | 'replace';

export interface OutputFolder {
  /** Absolute path. */
  dir: string;
  /** Where an earlier output was moved, if it was. */
  movedTo?: string;
  /** Whether the folder holds an earlier output that was kept. */
  kept: boolean;
  /** Removes the lock (also done at process exit). */
  release(): void;
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/**
 * Checks `dir` again, creates it, takes its lock and marks it as `kind`; then keeps, moves
 * aside or replaces an earlier output of the same kind. `log` receives the notes (a stale
 * lock taken over, an output moved aside).
 */
export function claimOutDir(dir: string, kind: OutputKind, existing: ExistingOutput, log: (line: string) => void): OutputFolder {
  const state = checkOutDir(dir, kind);
  fs.mkdirSync(state.dir, { recursive: true });
  const release = takeLock(state.dir, dir, log);
  try {
    let movedTo: string | undefined;
    let kept = false;
    if (state.holdsOutput) {
      if (existing === 'replace') {
        for (const f of fs.readdirSync(state.dir)) if (f !== LOCK_FILE) fs.rmSync(path.join(state.dir, f), { recursive: true, force: true });
        log(msgOut.replaced(dir));
      } else if (existing === 'move-aside') {
        movedTo = moveAside(state.dir);
        log(msgOut.movedAside(dir, movedTo, kind));
      } else kept = true;
    }
    if (!fs.existsSync(path.join(state.dir, MARKER_FILE))) {
      fs.writeFileSync(path.join(state.dir, MARKER_FILE), `${JSON.stringify({ tool: 'clustersim', kind, createdAt: new Date().toISOString() })}\n`);
    }
    return { dir: state.dir, movedTo, kept, release };
  } catch (e) {
    release();
    throw e;
  }
}

/** Moves every entry of `dir` but the lock into a new sibling folder; returns its path. */
function moveAside(dir: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  let target = `${dir}.previous-${stamp}`;
  for (let k = 2; fs.existsSync(target); k++) target = `${dir}.previous-${stamp}-${k}`;
  fs.mkdirSync(target);
  for (const f of fs.readdirSync(dir)) if (f !== LOCK_FILE) fs.renameSync(path.join(dir, f), path.join(target, f));
  return target;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Creates the lock atomically (written to a temporary file, then hard-linked to its name:
 * the link fails if the name exists, and a lock is never seen half-written). Returns its
 * release function.
 */
function takeLock(absDir: string, shown: string, log: (line: string) => void): () => void {
  const file = path.join(absDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), command: process.argv.slice(2).join(' ') };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(info)}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.linkSync(tmp, file);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== 'EEXIST' || attempt > 0) throw e;
      }
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
      } catch {
        holder = undefined;
      }
      if (!holder || typeof holder.pid !== 'number') throw new UserError(msgOut.badLock(shown, file));
      if (holder.host !== info.host) throw new UserError(msgOut.lockedElsewhere(shown, holder, file));
      if (holder.pid === process.pid || alive(holder.pid)) throw new UserError(msgOut.locked(shown, holder, file));
      log(msgOut.staleLock(shown, holder));
      fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      const now = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
      if (now.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // Gone already (the folder was removed): nothing to release.
    }
  };
  process.on('exit', release);
  return release;
}

/** Checks a single output file (`chart --out FILE`): not in a system folder, not a folder, in a writable place. */
export function checkOutFile(file: string): void {
  const real = realish(file);
  if (SYSTEM_TREES.some((root) => within(real, root)) || SYSTEM_TREES.some((root) => within(path.resolve(file), root))) throw new UserError(msgOut.systemFolder(file, real));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UserError(msgOut.fileIsFolder(file));
  const parent = existingAncestor(path.dirname(path.resolve(file)));
  if (!fs.statSync(parent).isDirectory()) throw new UserError(msgOut.parentNotAFolder(file, parent));
  try {
    fs.accessSync(parent, fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    throw new UserError(msgOut.notWritable(file, parent, systemErrorMessage(e) ?? String(e)));
  }
}
