/**
 * The project's dynamics check, run on many seeds and at a chosen warm-up (docs/validation.md,
 * "Drift of single runs: trend or fluctuation?"): does a longer warm-up take away the runs
 * whose firm count drifts by more than 0.15 over steps 200-400, or are they the fluctuation
 * of a stationary firm count?
 *
 *   npx tsx experiments/validation/dynamics-drift.ts [warmup] [first seed] [last seed] [scenario ...]
 *   (defaults: the scenario's own warm-up, seeds 1-30, scenarios/default.yaml and brianza.yaml)
 *
 * Each run is the check's: the scenario as shipped (its policy on), 400 recorded steps after
 * the warm-up. Prints one CSV row a run (warm-up, scenario, seed, the signed drift of the firm
 * count and of mean knowledge over steps 200-400 as the check computes it, firms at steps 0
 * and 400, the SME share and p90/p50 of firm size at step 400), then a summary per scenario on
 * stderr: runs whose |drift| exceeds 0.15, the median |drift| and the mean signed drift with
 * its standard error (a residual trend shows in the mean, a fluctuation only in the spread).
 */
import path from 'node:path';
import { loadScenarioFile } from '../../src/io/scenario-file.js';
import { runScenario, type MetricRow } from '../../src/engine/simulate.js';
import { relativeDrift } from '../../src/experiments/validation.js';
import { mean as meanOf, quantileSorted, sd } from '../../src/experiments/stats/describe.js';

const STEPS = 400;

/** A system metric by step (the shipped districts record every step). */
function series(rows: MetricRow[], metric: string): number[] {
  const out: number[] = [];
  for (const r of rows) if (r.scope === 'system' && r.metric === metric) out[r.step] = r.value;
  return out;
}

async function main(): Promise<void> {
  const [w, a, b, ...files] = process.argv.slice(2);
  const first = Number(a ?? 1), last = Number(b ?? 30);
  const warmup = w === undefined || w === '-' ? undefined : Number(w);
  if ((warmup !== undefined && (!Number.isInteger(warmup) || warmup < 0)) || !Number.isInteger(first) || !Number.isInteger(last) || first > last) {
    throw new Error('usage: dynamics-drift.ts [warmup >= 0, or - for the scenario\'s] [first seed] [last seed] [scenario ...]');
  }
  const scenarios = files.length > 0 ? files : ['scenarios/default.yaml', 'scenarios/brianza.yaml'];
  console.log('warmup,scenario,seed,firmsDrift,knowledgeDrift,firms0,firms400,smeShare400,p90OverP50');
  for (const file of scenarios) {
    const loaded = await loadScenarioFile(file);
    const scenario = warmup === undefined ? loaded : { ...loaded, warmup };
    const drifts: number[] = [];
    for (let seed = first; seed <= last; seed++) {
      const { rows } = runScenario(scenario, { seed, steps: STEPS });
      const firms = series(rows, 'firms.count');
      // The check's drift statistic (signed here; the check judges its absolute value).
      const df = relativeDrift(firms, STEPS / 2, STEPS), dk = relativeDrift(series(rows, 'knowledge.mean'), STEPS / 2, STEPS);
      const sme = series(rows, 'market.smeShare')[STEPS]!, p50 = series(rows, 'firms.size.p50')[STEPS]!, p90 = series(rows, 'firms.size.p90')[STEPS]!;
      drifts.push(df);
      console.log([scenario.warmup, path.basename(file, '.yaml'), seed, df.toFixed(4), dk.toFixed(4), firms[0], firms[STEPS], sme.toFixed(3), (p90 / p50).toFixed(2)].join(','));
    }
    const abs = drifts.map(Math.abs).sort((x, y) => x - y);
    const mean = meanOf(drifts), se = sd(drifts) / Math.sqrt(drifts.length);
    console.error(`${file}, warm-up ${scenario.warmup}: ${abs.filter((d) => d > 0.15).length} of ${drifts.length} runs with |firm-count drift| > 0.15; median |drift| ${quantileSorted(abs, 0.5).toFixed(3)}; mean signed drift ${mean.toFixed(3)} ± ${se.toFixed(3)} (standard error)`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
