/** `clustersim merge DIR...`: shard folders of one sweep to the tables of the whole sweep. */
import type { CommandModule } from 'yargs';
import { chartsOption, drawCharts } from '../charts-option.js';

export interface MergeArgs {
  dirs: string[];
  out: string;
  parquet: boolean;
  charts: boolean;
  force?: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'Merge the folders of a sharded sweep; checks every run is present exactly once',
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Sweep folders (one per shard)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for the merged tables (new, empty, or an earlier merge of the same sweep)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace a sweep folder at --out that is not an earlier merge of these folders' })
      .option('parquet', { type: 'boolean', default: true, describe: 'Also write results.parquet (--no-parquet to skip)' })
      .option('charts', chartsOption)
      .example('$0 merge out/sobol-1 out/sobol-2 out/sobol-3 --out out/sobol', 'three shards into one sweep folder'),
  handler: async (args) => {
    const { mergeSweeps } = await import('../../sweep/merge.js');
    mergeSweeps({ dirs: args.dirs.map(String), out: args.out, parquet: args.parquet, force: args.force });
    await drawCharts(args.out, args.charts, false);
  },
};
