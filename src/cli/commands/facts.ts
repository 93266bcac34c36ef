/**
 * `clustersim facts FILE`: the stylised facts of industrial dynamics, checked on the
 * scenarios a stylised-facts file names (docs/model/stylised-facts.md). Phases: read and
 * validate the file, load its scenarios (paths relative to it), check --out and claim the
 * folder, run every scenario for every seed (one after another, in this process: a run of
 * the shipped districts takes a second or two) recording the firm panel, measure and judge
 * the facts, then write the tables, the chart and the manifest, each file atomically.
 *
 * Output folder (default out/<name>):
 *   facts.csv      one row per scenario and fact: the statistic's mean across seeds, its
 *                  95 % interval, the band and whether the fact is reproduced;
 *   runs.csv       every statistic of every run (scenario, seed, statistic, value);
 *   hazard.csv     exit hazard by age class and run;
 *   facts.vl.json  the chart's Vega-Lite spec, facts.svg and facts.png the chart;
 *   manifest.json  the file, its seeds, steps and warm-up, the --set overrides, and when it ran.
 */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError, msgFacts } from '../../messages.js';
import { progress } from '../../io/progress.js';
import { checkOutDir, claimOutDir } from '../../io/out-dir.js';
import { overridesOf, setOption, setTexts } from '../set-option.js';

export interface FactsArgs {
  file: string;
  out?: string;
  seeds?: number;
  quiet: boolean;
  force?: boolean;
  png: boolean;
  set?: string | string[];
}

export async function factsCommandImpl(args: FactsArgs): Promise<{ dir: string; reproduced: number; facts: number }> {
  const [{ readInputText }, { parseFactsFile }, { loadScenarioFile }] = await Promise.all([
    import('../../io/read.js'),
    import('../../experiments/facts/parse.js'),
    import('../../io/scenario-file.js'),
  ]);
  if (!/\.(ya?ml|json)$/i.test(args.file)) throw new UserError(msgFacts.unsupported(args.file));
  const spec = parseFactsFile(readInputText(args.file), args.file);
  if (args.seeds !== undefined) {
    if (!Number.isInteger(args.seeds) || args.seeds < 2 || args.seeds > spec.seeds.length) throw new UserError(msgFacts.badSeeds(args.seeds, spec.seeds.length));
    spec.seeds = spec.seeds.slice(0, args.seeds);
  }
  // --set changes a field of every scenario (an option switched on, a parameter moved); the
  // file keeps its seeds and steps.
  const overrides = overridesOf(args.set);
  const runSetting = overrides.find((o) => o.path === 'seed' || o.path === 'steps');
  if (runSetting) throw new UserError(msgFacts.setRunSetting(runSetting.text));
  // --set warmup=N wins over the file's warmup (each scenario then runs the N steps).
  if (overrides.some((o) => o.path === 'warmup')) spec.warmup = undefined;
  const scenarios: { label: string; scenario: Awaited<ReturnType<typeof loadScenarioFile>> }[] = [];
  for (const [k, rel] of spec.scenarios.entries()) {
    const file = path.isAbsolute(rel) ? rel : path.join(path.dirname(args.file), rel);
    try {
      scenarios.push({ label: path.basename(rel).replace(/\.(ya?ml|json)$/i, ''), scenario: await loadScenarioFile(file, overrides) });
    } catch (e) {
      if (e instanceof UserError) throw new UserError(msgFacts.scenario(args.file, k, rel, e.message));
      throw e;
    }
  }
  const dir = args.out ?? path.join('out', spec.name);
  checkOutDir(dir, 'facts');
  const [{ checkFacts }, { writeAtomic }, { factsSpec }, { renderChart }, csv] = await Promise.all([
    import('../../experiments/facts/facts.js'),
    import('../../io/files.js'),
    import('../../charts/facts.js'),
    import('../../report/render.js'),
    import('../../experiments/csv.js'),
  ]);
  const note = (line: string) => process.stderr.write(`${line}\n`);
  const out = claimOutDir(dir, 'facts', args.force ? 'replace' : 'move-aside', note);
  try {
    const startedAt = new Date();
    const total = scenarios.length * spec.seeds.length * spec.steps;
    const bar = progress(spec.name, total, { quiet: args.quiet });
    let before = 0;
    const results = checkFacts(spec, scenarios, (p) => {
      if (p.step === spec.steps) before = p.runsDone * spec.steps;
      bar.update(Math.min(total, before + (p.step < spec.steps ? p.step : 0)));
    });
    bar.stop();
    const { numCell, textCell, csvLine } = csv;
    const bound = (v: number | null) => (v === null ? '' : numCell(v));
    let factsCsv = csvLine(['scenario', 'id', 'statistic', 'seeds', 'mean', 'ci_low', 'ci_high', 'min', 'max', 'reproduced', 'fact', 'literature', 'source']);
    for (const r of results.flatMap((s) => s.rows)) {
      factsCsv += csvLine([textCell(r.scenario), r.id, r.statistic, String(r.seeds), numCell(r.mean), numCell(r.ciLow), numCell(r.ciHigh), bound(r.min), bound(r.max), r.reproduced ? 'yes' : 'no', textCell(r.fact), textCell(r.literature), textCell(r.source)]);
    }
    let runsCsv = csvLine(['scenario', 'seed', 'statistic', 'value']);
    let hazardCsv = csvLine(['scenario', 'seed', 'age_from', 'age_to', 'exposure_years', 'exits', 'hazard']);
    for (const s of results) {
      for (const run of s.runs) {
        for (const [k, v] of Object.entries(run.stats)) runsCsv += csvLine([textCell(s.scenario), String(run.seed), k, numCell(v)]);
        for (const h of run.hazard) hazardCsv += csvLine([textCell(s.scenario), String(run.seed), numCell(h.ageFrom), Number.isFinite(h.ageTo) ? numCell(h.ageTo) : '', numCell(h.exposureYears), String(h.exits), numCell(h.hazard)]);
      }
    }
    const chart = factsSpec(results.map((s) => ({ scenario: s.scenario, runs: s.runs.map((r) => ({ ...r, z: r.growth.z })) })));
    await writeAtomic(path.join(dir, 'facts.csv'), factsCsv);
    await writeAtomic(path.join(dir, 'runs.csv'), runsCsv);
    await writeAtomic(path.join(dir, 'hazard.csv'), hazardCsv);
    await writeAtomic(path.join(dir, 'facts.vl.json'), `${JSON.stringify(chart, null, 1)}\n`);
    await writeAtomic(path.join(dir, 'facts.svg'), (await renderChart(chart, 'svg')) as string);
    if (args.png) await writeAtomic(path.join(dir, 'facts.png'), (await renderChart(chart, 'png')) as Uint8Array);
    const manifest = { tool: 'clustersim', kind: 'facts', file: args.file, name: spec.name, scenarios: spec.scenarios, overrides: setTexts(args.set), seeds: spec.seeds, steps: spec.steps, warmup: spec.warmup ?? 'each scenario\'s own', measure: spec.measure, startedAt: startedAt.toISOString(), endedAt: new Date().toISOString() };
    await writeAtomic(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const rows = results.flatMap((s) => s.rows);
    return { dir, reproduced: rows.filter((r) => r.reproduced).length, facts: rows.length };
  } finally {
    out.release();
  }
}

export const factsCommand: CommandModule<object, FactsArgs> = {
  command: 'facts <file>',
  describe: 'Check the stylised facts of industrial dynamics (size distribution, growth rates, turnover, hazard, spin-offs against other entrants) on scenarios',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Stylised-facts file (.yaml or .json), e.g. experiments/validation/stylised-facts.yaml' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<name>); an earlier check there is moved aside to <folder>.previous-<time>' })
      .option('seeds', { type: 'number', describe: "Use only the file's first N seeds (a quicker look; at least 2)" })
      .option('force', { type: 'boolean', default: false, describe: 'Delete an earlier check in the output folder instead of moving it aside' })
      .option('png', { type: 'boolean', default: true, describe: 'Also write the chart as PNG (--no-png: SVG only)' })
      .option('set', { ...setOption, describe: 'Change one field of every scenario: PATH=VALUE with an experiment path (parameters.mechanisms.market.efficiencySd=0.25); repeatable; not seed or steps, which the file sets' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .example('$0 facts experiments/validation/stylised-facts.yaml', 'the facts of default.yaml and brianza.yaml, 10 seeds each, into out/stylised-facts/')
      .example('$0 facts experiments/validation/stylised-facts.yaml --seeds 3 --out out/facts-quick', 'a quick look with 3 seeds')
      .example('$0 facts experiments/validation/stylised-facts.yaml --set parameters.mechanisms.market.efficiencySd=0.25 --out out/facts-efficiency', 'the facts with firms\' own efficiency switched on'),
  handler: async (args) => {
    const t0 = Date.now();
    const r = await factsCommandImpl(args);
    if (!args.quiet) console.error(msgFacts.done(r.dir, r.reproduced, r.facts, (Date.now() - t0) / 1000));
  },
};
