/**
 * Live Vega-Lite charts of the key metrics (system scope), through vega-embed. New rows are
 * inserted into each chart's data set (a Vega changeset) a few times a second, not redrawn
 * from scratch. A baseline run (the same scenario without the student's changes) is drawn
 * as a faint dashed "ghost" line beside this run's line.
 */
import embed, { type Result } from 'vega-embed';
import { changeset } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { BASE_CONFIG, CATEGORY_COLORS } from '../src/charts/theme.js';
import { metricInfo, NETWORK_METRICS, TKM_FACTORS, stepTitle } from '../src/charts/index.js';
import type { MetricRow } from '../src/engine/simulation.js';

export type Run = 'this run' | 'baseline';

interface ChartDef {
  id: string;
  title: string;
  metrics: readonly string[];
  yTitle: string;
  zero?: boolean;
}

/** The charts, in page order. */
export const CHARTS: readonly ChartDef[] = [
  { id: 'knowledge', title: 'Knowledge', metrics: ['knowledge.mean'], yTitle: 'Mean knowledge (knowledge units)' },
  { id: 'firms', title: 'Firms', metrics: ['firms.count'], yTitle: 'Firms', zero: true },
  { id: 'innovations', title: 'Innovations', metrics: ['innovations.incremental', 'innovations.radical'], yTitle: 'Innovations per step', zero: true },
  { id: 'ict', title: 'ICT and the ICT gap', metrics: ['ict.mean', 'ict.gap'], yTitle: 'Share (0–1)' },
  { id: 'network', title: 'Network', metrics: NETWORK_METRICS, yTitle: 'Share (0–1)', zero: true },
  { id: 'tkm', title: 'Territorial Knowledge Management factors', metrics: TKM_FACTORS.map((f) => `tkm.${f}`), yTitle: 'Factor score (0–1)', zero: true },
];

interface Point {
  step: number;
  metric: string;
  series: string;
  run: Run;
  value: number;
}

function spec(def: ChartDef, timeUnit: string, steps: number, width: number, values: Point[]): TopLevelSpec {
  const labels = def.metrics.map((m) => metricInfo(m).label);
  return {
    config: { ...BASE_CONFIG, legend: { ...BASE_CONFIG.legend, orient: 'bottom', columns: 2 } },
    title: def.title,
    width,
    height: 190,
    // Named, so rows are added as they come; the first step's rows are there from the start
    // (an empty data set would give the scales an empty extent).
    data: { name: 'points', values },
    mark: { type: 'line', interpolate: 'linear', clip: true },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: stepTitle(timeUnit), scale: { domain: [0, steps], nice: false }, axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', title: def.yTitle, scale: { zero: def.zero ?? false } },
      color: labels.length > 1
        ? { field: 'series', type: 'nominal', title: null, sort: labels, scale: { domain: labels, range: CATEGORY_COLORS.slice(0, labels.length) } }
        : { value: CATEGORY_COLORS[0] },
      detail: { field: 'run', type: 'nominal' },
      strokeDash: { field: 'run', type: 'ordinal', title: null, scale: { domain: ['this run', 'baseline'], range: [[1, 0], [5, 3]] }, legend: null },
      opacity: { field: 'run', type: 'ordinal', scale: { domain: ['this run', 'baseline'], range: [1, 0.4] }, legend: null },
      strokeWidth: { value: 2 },
      tooltip: [
        { field: 'series', title: 'Metric' },
        { field: 'run', title: 'Run' },
        { field: 'step', title: 'Step' },
        { field: 'value', title: 'Value', format: '.4~g' },
      ],
    },
  } as TopLevelSpec;
}

function points(rows: readonly MetricRow[], run: Run): Point[] {
  const out: Point[] = [];
  for (const r of rows) if (r.scope === 'system') out.push({ step: r.step, metric: r.metric, series: metricInfo(r.metric).label, run, value: r.value });
  return out;
}

export class Charts {
  private views: { def: ChartDef; result: Result; el: HTMLElement }[] = [];
  private pending: Point[] = [];
  private timer: number | null = null;
  drawn = 0;

  constructor(private readonly container: HTMLElement) {}

  /** Build the charts for a new run (replaces any), with the rows recorded at step 0. */
  async reset(timeUnit: string, steps: number, first: readonly MetricRow[]): Promise<void> {
    for (const v of this.views) v.result.finalize();
    this.views = [];
    this.pending = [];
    this.container.innerHTML = '';
    for (const def of CHARTS) {
      const el = document.createElement('figure');
      el.className = 'chart';
      el.dataset.chart = def.id;
      el.setAttribute('aria-label', `${def.title}: ${def.metrics.map((m) => metricInfo(m).label).join(', ')} over time; dashed faint lines: the baseline`);
      const inner = document.createElement('div');
      el.appendChild(inner);
      this.container.appendChild(el);
      const width = Math.max(240, inner.clientWidth - 90);
      const values = points(first, 'this run').filter((p) => def.metrics.includes(p.metric));
      const result = await embed(inner, spec(def, timeUnit, steps, width, values), { actions: false, renderer: 'svg', tooltip: { theme: 'light' } });
      this.views.push({ def, result, el });
    }
    this.drawn = this.views.length;
  }

  /** Queue recorded rows of a run (system scope only); drawn at the next flush. */
  add(rows: readonly MetricRow[], run: Run): void {
    this.pending.push(...points(rows, run));
    this.timer ??= window.setTimeout(() => this.flush(), 200);
  }

  /** Remove a run's points (the baseline, when the student's changes are undone). */
  clear(run: Run): void {
    this.pending = this.pending.filter((p) => p.run !== run);
    for (const v of this.views) v.result.view.change('points', changeset().remove((d: Point) => d.run === run)).run();
  }

  flush(): void {
    this.timer = null;
    const points = this.pending;
    this.pending = [];
    if (points.length === 0) return;
    for (const v of this.views) {
      const mine = points.filter((p) => v.def.metrics.includes(p.metric));
      if (mine.length) v.result.view.change('points', changeset().insert(mine)).run();
    }
  }
}
