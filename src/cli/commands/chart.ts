/** `clustersim chart DIR --metric M`: one chart on demand, as SVG or PNG. */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError } from '../../messages.js';
import { CHART_KINDS, type ChartKind } from '../../report/single.js';
import { reportMsg } from '../../report/messages.js';
import { writeAtomic } from '../../io/files.js';
import { checkOutFile } from '../../io/out-dir.js';

export interface ChartArgs {
  dir: string;
  metric?: string;
  kind: ChartKind;
  facet?: 'region' | 'sector';
  format: 'svg' | 'png';
  step?: number[];
  color: 'sector' | 'knowledge';
  field: 'knowledge' | 'employees';
  x?: string;
  y?: string;
  scale: number;
  out?: string;
}

export const chartCommand: CommandModule<object, ChartArgs> = {
  command: 'chart <dir>',
  describe: 'Make one chart from a run, sweep or compare folder (SVG or PNG)',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: "Output folder of 'run', 'sweep' or 'compare'" })
      .option('metric', { alias: 'm', type: 'string', describe: 'Metric to draw, e.g. knowledge.mean (see metrics.csv)' })
      .option('kind', {
        alias: 'k',
        choices: CHART_KINDS,
        default: 'auto' as ChartKind,
        describe: 'Chart kind; auto: time series for runs and comparisons; for sweeps: panels (sampled designs), heatmap (two parameters) or line (one)',
      })
      .option('facet', { choices: ['region', 'sector'] as const, describe: 'Time series: one panel per region or sector' })
      .option('format', { alias: 'f', choices: ['svg', 'png'] as const, default: 'svg' as const, describe: 'Output format' })
      .option('step', { type: 'number', array: true, describe: 'Map and distribution: snapshot step(s); default first and last' })
      .option('color', { choices: ['sector', 'knowledge'] as const, default: 'sector' as const, describe: 'Map: colour agents by' })
      .option('field', { choices: ['knowledge', 'employees'] as const, default: 'knowledge' as const, describe: 'Distribution: which quantity' })
      .option('x', { type: 'string', describe: 'Sweep charts: parameter path on the x axis (default: first varied)' })
      .option('y', { type: 'string', describe: 'Heatmap: parameter on the y axis; line: one line per value of it' })
      .option('scale', { type: 'number', default: 2, describe: 'PNG: pixels per chart pixel' })
      .option('out', { alias: 'o', type: 'string', describe: 'Output file (default DIR/charts/<name>.<format>)' })
      .example('$0 chart out/default --metric knowledge.mean', 'time series with replicate bands')
      .example('$0 chart out/default --metric knowledge.mean --facet region --format png', 'one panel per region, as PNG')
      .example('$0 chart out/default --kind map --step 0 100 --color knowledge', 'the map at two steps')
      .example('$0 chart out/spillover-grid --metric knowledge.mean', 'heatmap over the two varied parameters of a grid')
      .example('$0 chart out/policy-lhs --metric ict.gap --format png', 'one panel per parameter: points, trend and band')
      .example('$0 chart out/sobol --kind sobol --metric knowledge.mean', 'Sobol indices'),
  handler: async (a) => {
    const { buildChart, loadFolder, renderChart } = await import('../../report/index.js');
    try {
      const data = loadFolder(a.dir);
      const { name, spec } = buildChart(data, { kind: a.kind, metric: a.metric, facet: a.facet, steps: a.step, color: a.color, field: a.field, x: a.x, y: a.y });
      if (a.out !== undefined) checkOutFile(a.out);
      const file = a.out ?? path.join(a.dir, 'charts', `${name}.${a.format}`);
      await writeAtomic(file, await renderChart(spec, a.format, { scale: a.scale }));
      console.log(reportMsg.chartWritten(file));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      console.error(e.message);
      process.exitCode = 1;
    }
  },
};
