/** `clustersim drift DIR`: is the drift of single long runs a trend, or the stationary process's own fluctuation? */
import type { CommandModule } from 'yargs';
import { UserError } from '../../messages.js';

export interface DriftArgs {
  dir: string;
  metrics?: string;
  window: number;
  from: number;
  stride: number;
  threshold: number;
  out?: string;
}

export const driftCommand: CommandModule<object, DriftArgs> = {
  command: 'drift <dir>',
  describe:
    'Drift of single runs in the stationary part of a long sweep kept at every step: the relative least-squares drift over windows (the dynamics check\'s statistic), against what a stationary process with the runs\' own variation and autocorrelation shows',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: "Folder of a finished 'clustersim sweep' with keep.steps: all" })
      .option('metrics', { alias: 'm', type: 'string', describe: 'Comma-separated metrics (default: every kept metric)' })
      .option('window', { type: 'number', default: 200, describe: 'Steps of a window (the dynamics check judges the second half of 400 steps: 200)' })
      .option('from', { type: 'number', default: 400, describe: 'First step of the stationary part (after the warm-up the sweep shows, see clustersim warmup)' })
      .option('stride', { type: 'number', default: 50, describe: 'Steps between the starts of successive windows' })
      .option('threshold', { type: 'number', default: 0.15, describe: 'Largest |drift| the check allows' })
      .option('out', { type: 'string', describe: 'Output folder (default: DIR/drift)' })
      .example('$0 drift out/validation/warmup-default --from 400 --window 200', 'how often does a stationary default.yaml fail a drift check of 0.15?'),
  handler: async (a) => {
    for (const k of ['window', 'stride'] as const) if (!Number.isInteger(a[k]) || a[k] < 2) throw new UserError(`--${k}: expected a whole number >= 2, found '${a[k]}'.`);
    if (!Number.isInteger(a.from) || a.from < 0) throw new UserError(`--from: expected a whole number >= 0, found '${a.from}'.`);
    if (!(a.threshold > 0)) throw new UserError(`--threshold: expected a number > 0, found '${a.threshold}'.`);
    const { driftCheck, formatDrift } = await import('../../sweep/validation.js');
    const r = driftCheck({ dir: a.dir, metrics: a.metrics?.split(',').filter(Boolean), window: a.window, from: a.from, stride: a.stride, threshold: a.threshold, out: a.out });
    console.log(formatDrift(r));
    console.log(`Tables in ${r.outDir}: drift.csv (per metric), drift-windows.csv (per run and window).`);
  },
};
