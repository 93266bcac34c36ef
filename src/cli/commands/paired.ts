/** `clustersim paired A B`: the sign of B - A across the design points of two sweeps run with the same seeds. */
import type { CommandModule } from 'yargs';

export interface PairedArgs {
  a: string;
  b: string;
  metrics?: string;
  stat: 'final' | 'mean';
  out?: string;
}

export const pairedCommand: CommandModule<object, PairedArgs> = {
  command: 'paired <a> <b>',
  describe: 'Robustness of a comparison: two sweeps of the same design and seeds (two base scenarios); per design point the paired difference B - A with its 95 % interval, and the share of points where B > A',
  builder: (y) =>
    y
      .positional('a', { type: 'string', demandOption: true, describe: "Folder of a finished sweep (the reference arm)" })
      .positional('b', { type: 'string', demandOption: true, describe: 'Folder of a finished sweep of the same design and seeds (the other arm)' })
      .option('metrics', { alias: 'm', type: 'string', describe: 'Comma-separated metrics (default: every metric both kept)' })
      .option('stat', { choices: ['final', 'mean'] as const, default: 'final' as const, describe: "A run's value: at its last kept step, or its mean over the kept steps after step 0 (e.g. innovations a step over the horizon)" })
      .option('out', { type: 'string', describe: 'Output folder (default: B/paired, or B/paired-mean with --stat mean)' })
      .example('$0 paired out/validation/robust-default out/validation/robust-default-policy', 'does the package raise knowledge at every sampled parameter point?'),
  handler: async (a) => {
    const { pairedCheck, formatPaired } = await import('../../sweep/validation.js');
    const r = pairedCheck({ a: a.a, b: a.b, metrics: a.metrics?.split(',').filter(Boolean), stat: a.stat, out: a.out });
    console.log(formatPaired(r));
    console.log(`Tables in ${r.outDir}: paired.csv (per design point), paired-summary.csv (per metric), results.csv (B - A run by run; clustersim discover ${r.outDir} --metric M --below 0 finds where B falls short).`);
  },
};
