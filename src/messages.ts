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

export const msg = {
  fileNotFound: (file: string) => `${file}: file not found. Check the path (it is read relative to the current folder).`,
  extendsNotFound: (file: string, target: string) =>
    `${file}: extends: cannot read '${target}' (paths in extends are relative to the file that names them).`,
  extendsCycle: (chain: string[]) => `extends: the files extend each other in a cycle: ${chain.join(' -> ')}`,
  unsupportedFormat: (file: string) => `${file}: unsupported file type. Use .yaml, .yml or .json.`,
  badSeed: (value: string) => `--seed: expected a whole number, found '${value}'.`,
  badSteps: (value: string) => `--steps: expected a whole number >= 1, found '${value}'.`,
  validOk: (file: string) => `${file}: valid`,
  runDone: (dir: string, seconds: number) => `done in ${seconds.toFixed(1)} s; results in ${dir}`,
  interrupted: () => 'interrupted: no partial result file was left looking complete.',
} as const;
