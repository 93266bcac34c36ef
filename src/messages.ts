/**
 * Every message clustersim shows a user lives here, so wording stays consistent and a
 * translator (or a reviewer) finds them in one place.
 *
 * A `UserError` is an error the user can fix (bad file, bad flag). The CLI prints its
 * message without a stack trace and exits with code 1; anything else is a bug.
 */

/** One problem found in an input file. */
export interface Issue {
  /** The file (or other source) the problem is in. */
  file: string;
  /** 1-based line in that file, when the format gives one. */
  line?: number;
  column?: number;
  /** Dotted field path, e.g. `populations.0.count`. Empty for the document itself. */
  path: string;
  /** What was wrong, in plain words. */
  message: string;
  /** What was found there, shortened. */
  found?: string;
  /** What is allowed instead. */
  allowed?: string;
}

export class UserError extends Error {
  readonly issues: Issue[];
  constructor(message: string, issues: Issue[] = []) {
    super(message);
    this.name = 'UserError';
    this.issues = issues;
  }
}

export function formatIssue(issue: Issue): string {
  const where = issue.line !== undefined ? `${issue.file}:${issue.line}${issue.column ? `:${issue.column}` : ''}` : issue.file;
  const field = issue.path === '' ? '(document)' : issue.path;
  const parts = [`${where}: ${field}: ${issue.message}`];
  if (issue.found !== undefined) parts.push(`    found:   ${issue.found}`);
  if (issue.allowed !== undefined) parts.push(`    allowed: ${issue.allowed}`);
  return parts.join('\n');
}

export function formatIssues(issues: Issue[]): string {
  return issues.map(formatIssue).join('\n');
}

export function invalidFile(file: string, issues: Issue[]): UserError {
  const n = issues.length;
  return new UserError(`${file}: ${n} problem${n === 1 ? '' : 's'} found\n${formatIssues(issues)}`, issues);
}

/** Plain words for the errors the operating system reports on files (Node's `code`). */
const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'this is a folder, where a file was expected',
  ENOTDIR: 'a part of this path is a file, where a folder was expected',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error on the device',
  EBUSY: 'the file or folder is busy',
  ELOOP: 'too many symbolic links in the path',
  EXDEV: 'cannot move between file systems',
};

/** A Node system error (`code`, `syscall`, `path`) as one line for the user, or undefined for other errors. */
export function systemErrorMessage(err: unknown): string | undefined {
  const e = err as { code?: unknown; syscall?: unknown; path?: unknown; dest?: unknown } | null;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string' || !(e.code in SYSTEM_ERRORS)) return undefined;
  // Writes to an open file (write, fsync) carry no path.
  const where = typeof e.path === 'string' ? `${e.path}: ` : 'cannot write the output: ';
  const op = typeof e.syscall === 'string' ? ` (${e.syscall}${typeof e.dest === 'string' ? ` to ${e.dest}` : ''})` : '';
  return `${where}${SYSTEM_ERRORS[e.code]}${op} [${e.code}]`;
}

/**
 * The one line the command line prints for an error that is not a UserError: a system
 * error in plain words, a JavaScript engine limit (RangeError) with what to reduce, or an
 * internal error (a bug) with how to see its stack trace.
 */
export function unexpectedErrorMessage(err: unknown): { message: string; bug: boolean } {
  const sys = systemErrorMessage(err);
  if (sys) return { message: sys, bug: false };
  if (err instanceof RangeError) {
    return {
      message:
        `a size limit of the JavaScript engine was reached: ${err.message}. ` +
        'The input asks for more than this process can hold: use fewer agents, steps, recorded metrics or snapshots (limits: README, "Limits").',
      bug: false,
    };
  }
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { message: `internal error: ${text}
(this is a bug in clustersim; set CLUSTERSIM_DEBUG=1 to print its stack trace)`, bug: true };
}

/** "1.2 GB", "340 MB", "12 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e12) return `${(bytes / 1e12).toPrecision(3)} TB`;
  if (bytes >= 1e9) return `${(bytes / 1e9).toPrecision(3)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toPrecision(3)} MB`;
  return `${Math.ceil(bytes / 1e3)} KB`;
}

/** "40 s", "12 min", "3.2 hours", "12 days", "4.1 years". */
export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${(seconds / 3600).toPrecision(2)} hours`;
  if (seconds < 2 * 365 * 86400) return `${(seconds / 86400).toPrecision(2)} days`;
  return `${(seconds / (365 * 86400)).toPrecision(2)} years`;
}

/** 30000000 as "30,000,000". */
export const formatCount = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : String(n));

export const msg = {
  fileNotFound: (file: string) => `${file}: file not found. Check the path (it is read relative to the current folder).`,
  notAFile: (file: string) => `${file}: this is a folder, not a file. Name a .yaml, .yml or .json file.`,
  cannotRead: (file: string, why: string) => `${file}: cannot read the file: ${why}.`,
  extendsNotAFile: (file: string, target: string) => `${file}: extends: '${target}' is a folder, not a scenario file.`,
  validateSummary: (files: number, bad: number) =>
    bad === 0 ? `${files} file${files === 1 ? '' : 's'} checked: all valid` : `${files} file${files === 1 ? '' : 's'} checked: ${files - bad} valid, ${bad} with problems`,
  extendsNotFound: (file: string, target: string) =>
    `${file}: extends: cannot read '${target}' (paths in extends are relative to the file that names them).`,
  extendsCycle: (chain: string[]) => `extends: the files extend each other in a cycle: ${chain.join(' -> ')}`,
  unsupportedFormat: (file: string) => `${file}: unsupported file type. Use .yaml, .yml or .json.`,
  badSeed: (value: string) => `--seed: expected a whole number, found '${value}'.`,
  badSteps: (value: string) => `--steps: expected a whole number >= 1, found '${value}'.`,
  validOk: (file: string) => `${file}: valid`,
  warnings: (file: string, text: string) => `${file}: warning:\n${text}`,
  runDone: (dir: string, seconds: number) => `done in ${seconds.toFixed(1)} s; results in ${dir}`,
  interrupted: () => 'interrupted: no partial result file was left looking complete.',
} as const;

// --- Experiments: sweep, merge, compare (src/sweep, src/cli/commands/{sweep,merge,compare}.ts) ---

export const msgSweep = {
  unsupportedExperiment: (file: string) => `${file}: unsupported file type. Use .yaml, .yml or .json.`,
  experimentNotFound: (file: string) => `${file}: file not found. Check the path (it is read relative to the current folder).`,
  otherExperiment: (dir: string) =>
    `${dir}: this folder holds a sweep of a different experiment (or the experiment or its scenario changed since). ` +
    `Use another --out folder, or --force to delete this sweep and start over.`,
  otherShard: (dir: string, was: string, now: string) => `${dir}: this folder holds shard ${was}, not ${now}. Use one --out folder per shard.`,
  badWorkers: (value: string) => `--workers: expected a whole number >= 1, found '${value}'.`,
  badReplicates: (value: string) => `--replicates: expected a whole number >= 1, found '${value}'.`,
  resuming: (done: number, total: number) => `resuming: ${done} of ${total} runs already done`,
  extending: (was: number, now: number, runs: number) => `extending from ${was} to ${now} replicates per point: ${runs} new runs`,
  fewerReplicates: (dir: string, held: number, asked: number) =>
    `${dir}: this folder holds ${held} replicates per point; --replicates ${asked} would drop runs. Give ${held} or more, or another --out folder.`,
  extendShard: (dir: string) => `${dir}: a shard folder cannot be extended by more replicates (its share of the runs would change). Merge the shards, then extend the merged folder.`,
  nothingToRun: (total: number) => `all ${total} runs already done; rewriting the tables`,
  interrupted: (dir: string) => `interrupted: finished runs are kept in ${dir} (parts/ and the tables); run the same command again to finish the rest.`,
  failedRuns: (failures: { run: number; error: string }[], dir: string) =>
    `${failures.length} run${failures.length === 1 ? '' : 's'} failed (all in ${dir}/runs.csv; run the sweep again with --retry-failed to retry them):\n` +
    failures
      .slice(0, 10)
      .map((f) => `  run ${f.run}: ${f.error}`)
      .join('\n') +
    (failures.length > 10 ? `\n  ... and ${failures.length - 10} more` : ''),
  sweepDone: (dir: string, ok: number, failed: number, seconds: number) =>
    `done: ${ok} runs ok${failed > 0 ? `, ${failed} failed (see runs.csv)` : ''} in ${seconds.toFixed(1)} s; tables in ${dir}`,
  unknownMetric: (selectors: string[], available: string[]) =>
    `keep.metrics: ${selectors.map((s) => `'${s}'`).join(', ')} matched no metric the runs produced. Available: ${available.join(', ')}`,
  mergeNoDirs: () => 'merge: name at least one sweep folder.',
  mergeNotSweep: (dir: string) => `${dir}: no manifest.json here; this is not a sweep folder.`,
  mergeMixed: (a: string, b: string) => `${a} and ${b} hold sweeps of different experiments (their fingerprints differ); they cannot be merged.`,
  mergeDuplicates: (list: string[]) => `merge: ${list.length} run(s) are present in more than one folder: ${list.slice(0, 10).join('; ')}${list.length > 10 ? '; ...' : ''}`,
  mergeMissing: (n: number, total: number, ids: number[], details: string[]) =>
    `merge: ${n} of ${total} runs are missing (run ids ${ids.slice(0, 10).join(', ')}${n > 10 ? ', ...' : ''}); nothing was written.\n` +
    details.map((d) => `  ${d}\n`).join('') +
    'Resume the incomplete folders with the same sweep command (or rerun their Slurm tasks), then merge again.',
  mergeFolderShort: (dir: string, shard: { index: number; count: number } | undefined, status: string, lacking: number, share: number) =>
    `${dir}${shard ? ` (shard ${shard.index}/${shard.count}` : ' (whole sweep'}, ${status}): ${lacking} of its ${share} runs missing`,
  mergeFolderNotFound: (dir: string) => `${dir}: not found (has its shard run yet?)`,
  mergeNoneFound: (dirs: string[]) => `merge: ${dirs.length === 1 ? 'this folder does' : 'these folders do'} not exist: ${dirs.join(', ')}. Run their shards first, then merge.`,
  mergeDone: (dir: string, runs: number) => `merged ${runs} runs into ${dir}`,
  mergeIntoInput: (dir: string) => `merge: --out ${dir} is one of the folders being merged; name a new folder.`,
  mergeOverSweep: (dir: string) =>
    `merge: --out ${dir} holds a sweep that is not an earlier merge of these folders; nothing was written. Name a new folder, or add --force to replace it.`,
  compareSame: () => 'compare: the two scenarios are the same file; name two different scenarios.',
  compareReplicates: (value: number) => `--replicates: a test needs at least 2 replicates per scenario, found '${value}'.`,
  compareEvery: (value: number) => `--every: expected a whole number >= 1, found '${value}'.`,
  compareInterrupted: () => 'compare: interrupted before every run finished; nothing was written.',
  compareNoMetric: (metrics: string[], available: string[]) => `--metrics: ${metrics.join(', ')} matched nothing. Available: ${available.join(', ')}`,
} as const;

// --- Size limits (src/scenario/limits.ts, src/experiments/plan.ts, src/sweep/pool.ts) ---

/** What a limit message says: the problem, the value found, and what is allowed. */
interface LimitText {
  message: string;
  found: string;
  allowed: string;
}

export const msgLimits = {
  agents: (agents: number, cap: number, cost: { memory: number; perAgent: number; domains: number; steps: number; cpu: number }): LimitText => ({
    message:
      `${formatCount(agents)} agents in all populations is more than the limit of ${formatCount(cap)}: ` +
      `a run would need about ${formatBytes(cost.memory)} of memory (about ${formatBytes(cost.perAgent)} an agent with ${cost.domains} domains) ` +
      `and about ${formatDuration(cost.cpu)} of one core for its ${formatCount(cost.steps)} steps`,
    found: `${formatCount(agents)} agents`,
    allowed: `at most ${formatCount(cap)} agents in all populations; raise the limit with --max-agents N if the machine has the memory`,
  }),
  knowledgeValues: (agents: number, domains: number, max: number): LimitText => ({
    message:
      `${formatCount(agents)} agents x ${domains} domains is ${formatCount(agents * domains)} knowledge values, more than one process can hold ` +
      `(${formatCount(max)}, so that the population can double); --max-agents cannot raise this`,
    found: `${formatCount(agents)} agents, ${domains} domains`,
    allowed: `agents x domains <= ${formatCount(max)}`,
  }),
  steps: (steps: number, max: number, agents: number, cpu: number): LimitText => ({
    message: `${formatCount(steps)} steps is more than the limit of ${formatCount(max)}: with ${formatCount(agents)} agents a run would take about ${formatDuration(cpu)} of one core`,
    found: formatCount(steps),
    allowed: `1 .. ${formatCount(max)} steps`,
  }),
  metricRows: (rows: number, max: number, memory: number): LimitText => ({
    message:
      `the run would record about ${formatCount(rows)} metric rows (recorded steps x scopes x metrics), more than the limit of ${formatCount(max)}: ` +
      `about ${formatBytes(memory)} of memory before they are written`,
    found: `${formatCount(rows)} rows`,
    allowed: `at most ${formatCount(max)} rows: record less often (record.every), fewer scopes (record.scopes) or fewer metrics (record.metrics), or run fewer steps`,
  }),
  snapshotRows: (snapshots: number, agents: number, max: number, memory: number): LimitText => ({
    message:
      `${snapshots} snapshots of ${formatCount(agents)} agents is ${formatCount(snapshots * agents)} agent rows, more than the limit of ${formatCount(max)}: ` +
      `about ${formatBytes(memory)} of memory before they are written`,
    found: `${snapshots} snapshot steps`,
    allowed: `at most ${formatCount(max)} agent rows in all snapshots: fewer snapshot steps`,
  }),
  designPoints: (points: number, how: string, max: number, memory: number): LimitText => ({
    message:
      `the design has ${formatCount(points)} points (${how}), more than the limit of ${formatCount(max)}: ` +
      `listing and validating them would take about ${formatBytes(memory)} of memory before any run starts`,
    found: `${formatCount(points)} design points`,
    allowed: `at most ${formatCount(max)} design points`,
  }),
  runs: (runs: number, points: number, replicates: number, max: number, memory: number, cpu: number): LimitText => ({
    message:
      `${formatCount(points)} design point(s) x ${formatCount(replicates)} replicate(s) is ${formatCount(runs)} runs, more than the limit of ${formatCount(max)}: ` +
      `the run list and journal would take about ${formatBytes(memory)} of memory, and the runs about ${formatDuration(cpu)} of one core`,
    found: `${formatCount(runs)} runs`,
    allowed: `at most ${formatCount(max)} runs in one sweep; split it into several experiments`,
  }),
  compareRuns: (replicates: number, max: number): string =>
    `--replicates: ${formatCount(replicates)} replicates of each scenario is ${formatCount(2 * replicates)} runs, more than the limit of ${formatCount(max)} runs.`,
  badMaxAgents: (value: string): string => `--max-agents: expected a whole number >= 1, found '${value}'.`,
  workersClamped: (asked: number, cores: number): string =>
    `note: --workers ${asked} is more than the ${cores} core(s) this process may use; using ${cores} (add --oversubscribe to start more threads than cores)`,
  workersTooMany: (asked: number, max: number): string => `--workers: ${formatCount(asked)} threads is more than the limit of ${max}, even with --oversubscribe.`,
} as const;

// --- Lever expressions (src/engine/expr.ts); shown after "bad expression: " ---

export const msgExpr = {
  tooLong: (length: number, max: number) => `too long: ${formatCount(length)} characters, at most ${formatCount(max)}`,
  tooNested: (depth: number, max: number) => `parentheses nested ${depth} deep, at most ${max}`,
  tooDeep: (max: number) => `nested too deeply: more than ${max} levels of operators, calls and conditionals`,
  syntax: (detail: string) => `syntax error: ${detail}`,
  notAllowed: (text: string, operators: string, functions: string) =>
    `'${text}' is not allowed (only numbers, t, the metric symbols, the operators ${operators}, cond ? a : b, and the functions ${functions})`,
  notANumber: (text: string) => `'${text}' is not allowed: constants must be numbers (or true/false)`,
  unknownSymbol: (name: string) => `unknown symbol '${name}'; allowed: t and the metric symbols listed in docs/levers.md`,
  badOperator: (op: string, fn: string, allowed: string) =>
    `the operator '${op}' (${fn}) is not allowed; allowed: ${allowed} (no postfix ! or ', no unit conversion with to/in, no bit operations)`,
  unknownFunction: (name: string, allowed: string) => `unknown function '${name}'; allowed: ${allowed}`,
  arity: (name: string, count: number, lo: number, hi: number) =>
    `${name}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? '' : 's'}, found ${count}`,
  cannotCompile: (detail: string) => `cannot be compiled: ${detail}`,
  cannotEvaluate: (value: number, detail: string) => `cannot be evaluated with every symbol = ${value}: ${detail}`,
  notNumeric: (type: string) => `the result is a ${type}, not a number`,
  failedInRun: (source: string, t: number, detail: string) => `the lever expression '${source}' failed at step ${t}: ${detail}`,
} as const;

// --- Output folders and their locks (src/io/out-dir.ts) ---

/** What a lock file names: the holder. */
interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command?: string;
}

const holderText = (h: LockHolder) => `PID ${h.pid} on ${h.host}, started ${h.startedAt}${h.command ? `: clustersim ${h.command}` : ''}`;

export const msgOut = {
  rootFolder: (dir: string) => `--out ${dir}: this is the root of the file system; clustersim never writes there. Name a folder of your own, e.g. out/<name>.`,
  systemFolder: (dir: string, real: string) =>
    `--out ${dir}: ${real === dir ? 'this' : `this (${real})`} is a system folder or inside one; clustersim never writes there. Name a folder of your own, e.g. out/<name>.`,
  sharedFolder: (dir: string, real: string) =>
    `--out ${dir}: ${real === dir ? 'this' : `this (${real})`} is a top-level or home folder that holds other things; name a new folder inside it, e.g. ${joinPath(real, 'my-results')}.`,
  notAFolder: (dir: string) => `--out ${dir}: this is a file, not a folder. Name a new or empty folder.`,
  fileIsFolder: (file: string) => `--out ${file}: this is a folder; name the chart file to write, e.g. ${joinPath(file, 'chart.svg')}.`,
  parentNotAFolder: (dir: string, parent: string) => `--out ${dir}: ${parent} is a file, so no folder can be made there.`,
  notWritable: (dir: string, where: string, why: string) => `--out ${dir}: cannot write in ${where} (${why}). Name a folder you can write to.`,
  cannotUse: (dir: string, why: string) => `--out ${dir}: cannot use this folder: ${why}.`,
  otherKind: (dir: string, found: string, kind: string) =>
    `--out ${dir}: this folder holds clustersim's output of another command (${found === 'other-clustersim' ? 'part of another output' : found}), not a ${kind} folder; nothing was written. Name another folder (--force replaces only a folder of the same kind).`,
  notOurs: (dir: string, kind: string, entries: string[]) =>
    `--out ${dir}: this folder is not empty and was not written by clustersim ${kind} (it holds ${entries.slice(0, 5).join(', ')}${entries.length > 5 ? `, ... (${entries.length} entries)` : ''}); nothing was written. Name a new or empty folder.`,
  locked: (dir: string, h: LockHolder, file: string) =>
    `--out ${dir}: another clustersim is writing into this folder (${holderText(h)}). Wait for it to end, or use another folder. (Lock file: ${file}.)`,
  lockedElsewhere: (dir: string, h: LockHolder, file: string) =>
    `--out ${dir}: this folder is locked by clustersim on another machine (${holderText(h)}), whose process cannot be checked from here. If it is no longer running, delete ${file}.`,
  badLock: (dir: string, file: string) => `--out ${dir}: the lock file ${file} cannot be read. If no clustersim is writing into this folder, delete it.`,
  staleLock: (dir: string, h: LockHolder) => `note: took over the lock of ${dir} from a clustersim that is no longer running (${holderText(h)}).`,
  movedAside: (dir: string, to: string, kind: string) => `note: the previous ${kind} in ${dir} was moved to ${to} (--force replaces it instead).`,
  replaced: (dir: string) => `note: --force: the previous output in ${dir} was deleted.`,
} as const;

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

// --- Shards from a scheduler's environment (src/sweep/shard-auto.ts) ---

export const msgShardAuto = {
  noScheduler: () =>
    '--shard auto: no scheduler environment found. It reads SLURM_ARRAY_TASK_ID (a task of a Slurm job array, sbatch --array) ' +
    'or JOB_COMPLETION_INDEX (a pod of a Kubernetes Indexed Job, with --shards N). Outside a scheduler give the shard as --shard i/N.',
  slurmNotArray: (job: string) =>
    `--shard auto: this is Slurm job ${job}, but not a task of a job array (SLURM_ARRAY_TASK_ID is not set). Submit it with sbatch --array=1-N.`,
  badVariable: (name: string, value: string) => `--shard auto: ${name} should be a whole number >= 0, found '${value}'.`,
  badShards: (value: string) => `--shards: expected a whole number >= 1, found '${value}'.`,
  shardsWithoutAuto: () => '--shards goes with --shard auto (it gives the number of shards); with --shard i/N the count is N.',
  kubernetesNeedsShards: (index: number) =>
    `--shard auto: JOB_COMPLETION_INDEX=${index} (a Kubernetes Indexed Job) does not say how many shards there are: add --shards N, N being the Job's completions.`,
  kubernetesOutside: (index: number, shards: number) =>
    `--shard auto: JOB_COMPLETION_INDEX=${index} is outside 0..${shards - 1} for --shards ${shards}: make --shards equal to the Job's completions.`,
  slurmOutside: (task: number, shards: number) =>
    `--shard auto: SLURM_ARRAY_TASK_ID=${task} is outside 1..${shards}. With --shards ${shards} the array's task ids are the shard numbers: submit with --array=1-${shards} (or a subset of it).`,
  slurmNoRange: (task: number) =>
    `--shard auto: SLURM_ARRAY_TASK_ID=${task} is set but not the array's range (SLURM_ARRAY_TASK_MIN and _MAX or _COUNT). Give --shards N, with task ids 1..N.`,
  slurmNotRange: (task: number, range: string, count: number) =>
    `--shard auto: task ${task} of a Slurm array of ${count} tasks whose ids are not an evenly spaced range (min-max:step ${range}), so its position is unknown. ` +
    'Submit a range such as --array=1-N, or give --shards N with task ids 1..N.',
  resolved: (shard: { index: number; count: number }, source: string) => `--shard auto: shard ${shard.index}/${shard.count} (${source})`,
} as const;

// --- Slurm job scripts (src/cli/commands/slurm.ts, src/sweep/slurm.ts) ---

export const msgSlurm = {
  badTasks: (value: string) => `--tasks: expected a whole number >= 1 (the number of array tasks, one shard each), found '${value}'.`,
  badCpus: (value: string) => `--cpus: expected a whole number >= 1 (CPUs per task), found '${value}'.`,
  badTime: (value: string) =>
    `--time: expected a Slurm time limit such as 04:00:00 (HH:MM:SS; also MM, MM:SS, D-HH, D-HH:MM, D-HH:MM:SS), found '${value}'.`,
  badPartition: (value: string) => `--partition: expected a partition name (letters, digits, . _ -; several separated by commas), found '${value}'.`,
  badOut: (dir: string) =>
    `--out: ${dir}: the job scripts name this folder in #SBATCH lines, which cannot hold spaces, quotes, backslashes, $, \` or %. Choose a folder without them.`,
  tooManyTasks: (tasks: number, runs: number) => `--tasks: ${tasks} tasks for an experiment of ${runs} runs would leave tasks with nothing to do; use at most ${runs}.`,
  otherExperiment: (dir: string, shard: string) =>
    `--out: ${dir}/${shard} holds a shard of a different experiment (or the experiment or its scenario changed since). Use another --out folder, or delete this one to start over.`,
  otherTasks: (dir: string, shard: string, was: number, now: number) =>
    `--out: ${dir}/${shard} holds a shard of a sweep split into ${was} tasks, not ${now}. Use --tasks ${was} to finish it, or another --out folder.`,
  wrote: (sweep: string, merge: string, tasks: number, cpus: number, runs: number, perTask: number) =>
    `wrote ${sweep} (a job array of ${tasks} task${tasks === 1 ? '' : 's'}, ${cpus} CPU${cpus === 1 ? '' : 's'} and worker thread${cpus === 1 ? '' : 's'} each; ${runs} runs, up to ${perTask} a task) and ${merge}`,
  layout: (shards: string, tasks: number, logs: string, merged: string) =>
    `shard folders: ${shards}1..${tasks}; job logs: ${logs}; merged tables: ${merged} (the folders must be on a file system the compute nodes share)`,
  bigArray: (tasks: number) => `note: Slurm's default MaxArraySize (1001) allows task ids up to 1000; ${tasks} tasks need a cluster configured for more.`,
  submit: () => 'submit the array and the merge (it runs once every task has succeeded) with:',
  rerun: (command: string) =>
    `a task that failed or was cancelled: once the array has ended, rerun it (K = its id, or a list such as 2,5) and a new merge with\n  ${command}`,
} as const;

// --- Stylised facts (src/cli/commands/facts.ts) ---

export const msgFacts = {
  unsupported: (file: string) => `${file}: unsupported file type. A stylised-facts file is .yaml, .yml or .json.`,
  badSeeds: (value: number, available: number) => `--seeds: expected a whole number from 2 to ${available} (the seeds the file lists), found '${value}'.`,
  setRunSetting: (text: string) =>
    `--set ${text}: the stylised-facts file sets the seeds and steps of its runs. Change them in the file (seeds, steps) or take fewer seeds with --seeds; --set changes scenario fields only.`,
  scenario: (file: string, index: number, rel: string, why: string) =>
    `${file}: scenarios.${index}: cannot use '${rel}' (paths are relative to ${file}):\n${why}`,
  done: (dir: string, reproduced: number, facts: number, seconds: number) =>
    `done in ${seconds.toFixed(1)} s: ${reproduced} of ${facts} checks reproduced; table and chart in ${dir}`,
} as const;
