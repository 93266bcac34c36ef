/**
 * User-facing messages of sweep, merge and compare (kept together, like src/messages.ts,
 * so wording stays consistent).
 */
export const msgSweep = {
  unsupportedExperiment: (file: string) => `${file}: unsupported file type. Use .yaml, .yml or .json.`,
  experimentNotFound: (file: string) => `${file}: file not found. Check the path (it is read relative to the current folder).`,
  otherExperiment: (dir: string) =>
    `${dir}: this folder holds a sweep of a different experiment (or the experiment or its scenario changed since). ` +
    `Use another --out folder, or delete this one to start over.`,
  otherShard: (dir: string, was: string, now: string) => `${dir}: this folder holds shard ${was}, not ${now}. Use one --out folder per shard.`,
  badWorkers: (value: string) => `--workers: expected a whole number >= 1, found '${value}'.`,
  resuming: (done: number, total: number) => `resuming: ${done} of ${total} runs already done`,
  nothingToRun: (total: number) => `all ${total} runs already done; rewriting the tables`,
  interrupted: (dir: string) => `interrupted: finished runs are kept in ${dir}/parts; run the same command again to finish the rest.`,
  sweepDone: (dir: string, ok: number, failed: number, seconds: number) =>
    `done: ${ok} runs ok${failed > 0 ? `, ${failed} failed (see runs.csv)` : ''} in ${seconds.toFixed(1)} s; tables in ${dir}`,
  unknownMetric: (selectors: string[], available: string[]) =>
    `keep.metrics: ${selectors.map((s) => `'${s}'`).join(', ')} matched no metric the runs produced. Available: ${available.join(', ')}`,
  mergeNoDirs: () => 'merge: name at least one sweep folder.',
  mergeNotSweep: (dir: string) => `${dir}: no manifest.json here; this is not a sweep folder.`,
  mergeMixed: (a: string, b: string) => `${a} and ${b} hold sweeps of different experiments (their fingerprints differ); they cannot be merged.`,
  mergeDuplicates: (list: string[]) => `merge: ${list.length} run(s) are present in more than one folder: ${list.slice(0, 10).join('; ')}${list.length > 10 ? '; ...' : ''}`,
  mergeMissing: (n: number, total: number, ids: number[], hint: string) =>
    `merge: ${n} of ${total} runs are missing (run ids ${ids.slice(0, 10).join(', ')}${n > 10 ? ', ...' : ''}). ${hint}`,
  mergeDone: (dir: string, runs: number) => `merged ${runs} runs into ${dir}`,
  compareSame: () => 'compare: the two scenarios are the same file; name two different scenarios.',
  compareNoMetric: (metrics: string[], available: string[]) => `--metrics: ${metrics.join(', ')} matched nothing. Available: ${available.join(', ')}`,
} as const;
