/** `clustersim warmup DIR`: how long a sweep's series take to settle (MSER-5 and a rolling-mean band). */
import type { CommandModule } from 'yargs';
import { UserError } from '../../messages.js';

export interface WarmupArgs {
  dir: string;
  metrics?: string;
  window: number;
  reference: number;
  band: number;
  batch: number;
  by: number;
  out?: string;
}

export const warmupCommand: CommandModule<object, WarmupArgs> = {
  command: 'warmup <dir>',
  describe: 'Warm-up length of a sweep kept at every step: per run and metric, MSER-5 (White 1997) and the step after which the rolling mean stays within a band of the final mean',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: "Folder of a finished 'clustersim sweep' with keep.steps: all" })
      .option('metrics', { alias: 'm', type: 'string', describe: 'Comma-separated metrics (default: every kept metric)' })
      .option('window', { type: 'number', default: 50, describe: 'Steps of the trailing rolling mean' })
      .option('reference', { type: 'number', default: 200, describe: 'Last steps whose mean is the steady-state reference' })
      .option('band', { type: 'number', default: 0.05, describe: 'Allowed relative distance of the rolling mean from the reference' })
      .option('batch', { type: 'number', default: 5, describe: 'Batch size of MSER (5: MSER-5)' })
      .option('by', { type: 'number', default: 300, describe: 'The warm-up to judge: the share of runs settled by this step is reported' })
      .option('out', { type: 'string', describe: 'Output folder (default: DIR/warmup)' })
      .example('$0 warmup out/validation/warmup-default --by 300', 'does a warm-up of 300 steps reach the steady state?'),
  handler: async (a) => {
    // Checked here rather than in yargs' .check(), whose errors reach main() as internal errors.
    for (const k of ['window', 'reference', 'batch'] as const) if (!Number.isInteger(a[k]) || a[k] < 1) throw new UserError(`--${k}: expected a whole number >= 1, found '${a[k]}'.`);
    if (!(a.band > 0 && a.band < 1)) throw new UserError(`--band: expected a number between 0 and 1, found '${a.band}'.`);
    const { warmupCheck, formatWarmup } = await import('../../sweep/validation.js');
    const r = warmupCheck({ dir: a.dir, metrics: a.metrics?.split(',').filter(Boolean), window: a.window, reference: a.reference, band: a.band, batch: a.batch, by: a.by, out: a.out });
    console.log(formatWarmup(r));
    console.log(`Tables in ${r.outDir}: warmup.csv (per metric), warmup-runs.csv (per run and metric).`);
  },
};
