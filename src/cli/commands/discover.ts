/** `clustersim discover DIR --metric M (--above X | --below X)`: PRIM scenario discovery on a sweep. */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { chartsOption } from '../charts-option.js';

export interface DiscoverArgs {
  dir: string;
  metric: string;
  above?: number;
  below?: number;
  'peel-alpha': number;
  'paste-alpha': number;
  'mass-min': number;
  boxes: number;
  select?: number;
  out?: string;
  charts: boolean;
}

export const discoverCommand: CommandModule<object, DiscoverArgs> = {
  command: 'discover <dir>',
  describe: 'Scenario discovery (PRIM, as in the EMA Workbench): which parameter ranges of a sweep lead to a metric above or below a threshold',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: "Folder of a finished 'clustersim sweep'" })
      .option('metric', { alias: 'm', type: 'string', demandOption: true, describe: 'The outcome, e.g. ict.mean (its last kept step in every run)' })
      .option('above', { type: 'number', describe: 'Cases of interest: runs whose metric is above this value' })
      .option('below', { type: 'number', describe: 'Cases of interest: runs whose metric is below this value' })
      .option('peel-alpha', { type: 'number', default: 0.05, describe: 'Share of the cases in the box cut at each peeling step' })
      .option('paste-alpha', { type: 'number', default: 0.05, describe: 'Share of the cases added back at each pasting step' })
      .option('mass-min', { type: 'number', default: 0.05, describe: 'Smallest box, as a share of all runs' })
      .option('boxes', { type: 'number', default: 1, describe: 'How many boxes to find, each on the runs no earlier box holds' })
      .option('select', { type: 'number', describe: "Report this point of the first box's peeling trajectory (default: the last)" })
      .option('out', { type: 'string', describe: 'Output folder (default: DIR/discover-<metric>-<above|below>-<X>)' })
      .option('charts', { ...chartsOption, describe: 'Draw the peeling trajectory (charts/peeling-trajectory.svg); --no-charts skips it' })
      .check((a) => {
        if ((a.above === undefined) === (a.below === undefined)) throw new Error('Give exactly one of --above X or --below X.');
        for (const k of ['peel-alpha', 'paste-alpha', 'mass-min'] as const) if (!(a[k] > 0 && a[k] < 1)) throw new Error(`--${k}: expected a number between 0 and 1, found '${a[k]}'.`);
        if (!Number.isInteger(a.boxes) || a.boxes < 1) throw new Error(`--boxes: expected a whole number >= 1, found '${a.boxes}'.`);
        return true;
      })
      .example('$0 discover out/policy-lhs --metric ict.gap --below 0.3', 'which training budgets, intensities and centre capacities close the ICT gap?')
      .example('$0 discover out/sobol --metric knowledge.mean --above 0.4 --boxes 2', 'two boxes of high knowledge'),
  handler: async (a) => {
    const [{ discover, formatDiscover }, { peelingTrajectorySpec }] = await Promise.all([import('../../sweep/discover.js'), import('../../charts/prim.js')]);
    const o = discover({ dir: a.dir, metric: a.metric, above: a.above, below: a.below, peelAlpha: a['peel-alpha'], pasteAlpha: a['paste-alpha'], massMin: a['mass-min'], boxes: a.boxes, select: a.select, out: a.out });
    console.log(formatDiscover(o));
    if (a.charts) {
      const [{ renderSvg }, { writeAtomic }] = await Promise.all([import('../../report/render.js'), import('../../io/files.js')]);
      const rows = o.result.boxes.flatMap((b) => b.trajectory.map((t) => ({ box: b.index, id: t.id, coverage: t.coverage, density: t.density, mass: t.mass, restricted: t.restricted, selected: t.id === b.selected })));
      const { svg } = await renderSvg(peelingTrajectorySpec({ rows, question: o.question }));
      await writeAtomic(path.join(o.outDir, 'charts', 'peeling-trajectory.svg'), svg);
    }
  },
};
