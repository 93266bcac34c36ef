/**
 * Small recorded data sets for chart and report tests, built in code (no engine): rows for
 * the pure builders, and the same rows written as run / sweep / compare folders in a temp
 * dir, in the formats the run, sweep and compare commands write.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AgentRow, CompareRow, MetricRow, SensitivityRow, SummaryRow, TieRow } from '../../src/charts/types.js';
import { TKM_FACTORS } from '../../src/charts/metrics.js';

/** Deterministic numbers for fixtures (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const REGIONS = ['north', 'south'];
export const SECTORS = ['wood', 'metal'];
export const STEPS = 10;

const SYSTEM_METRICS = [
  'agents.count',
  'knowledge.mean',
  'knowledge.gini',
  'network.density',
  'network.clustering',
  'network.giantShare',
  'network.interRegionalShare',
  'ict.mean',
  'innovations.incremental',
  'policy.spend.ictTraining',
];

/** metrics.csv rows: `runs` replicates, steps 0..STEPS, system / region / sector scopes. */
export function metricRows(runs = 3, seed = 1, series?: string, level = 0): MetricRow[] {
  const r = rng(seed);
  const out: MetricRow[] = [];
  for (let k = 0; k < runs; k++) {
    const run_id = `${series ?? 'default'}-${k}`;
    for (let step = 0; step <= STEPS; step++) {
      const t = step / STEPS;
      const push = (scope: string, metric: string, value: number) => out.push({ run_id, step, scope, metric, value, ...(series ? { series } : {}) });
      for (const metric of SYSTEM_METRICS) {
        const base = metric === 'agents.count' ? 40 + 2 * step : metric.startsWith('innovations') ? 3 + step : 0.2 + 0.5 * t + level;
        push('system', metric, metric === 'agents.count' ? Math.round(base + r() * 3) : base + 0.05 * r());
      }
      REGIONS.forEach((region, i) => {
        push(`region:${region}`, 'knowledge.mean', 0.3 + 0.4 * t + 0.1 * i + 0.05 * r());
        push(`region:${region}`, 'agents.count', 20 + step + i + Math.round(r() * 2));
        TKM_FACTORS.forEach((f, j) => push(`region:${region}`, `tkm.${f}`, 0.2 + 0.05 * j + 0.3 * t * (i + 1) + 0.03 * r()));
      });
      SECTORS.forEach((sector, i) => push(`sector:${sector}`, 'knowledge.mean', 0.25 + 0.45 * t + 0.08 * i + 0.05 * r()));
    }
  }
  return out;
}

/** Agents at the given steps: 16 per region, two clusters 60 km apart. */
export function agentRows(steps: number[] = [0, STEPS], seed = 2): AgentRow[] {
  const r = rng(seed);
  const out: AgentRow[] = [];
  for (const step of steps) {
    let id = 0;
    REGIONS.forEach((region, i) => {
      for (let k = 0; k < 16; k++) {
        out.push({
          step,
          id: `a${id++}`,
          kind: k === 0 ? 'university' : k < 3 ? 'large' : 'sme',
          region,
          sector: SECTORS[k % 2],
          x: 10 + 60 * i + 20 * r(),
          y: 15 + 20 * r(),
          employees: Math.round(2 + 200 * r() ** 3),
          knowledge: 0.2 + 0.6 * r() + (step / STEPS) * 0.2,
          tacitShare: 0.6,
          absorptive: 0.4,
          ict: 0.3,
        });
      }
    });
  }
  return out;
}

/** Ties: a ring inside each region plus `inter` ties between regions. */
export function tieRows(steps: number[] = [0, STEPS], inter = 3): TieRow[] {
  const out: TieRow[] = [];
  for (const step of steps) {
    for (let region = 0; region < 2; region++) {
      for (let k = 0; k < 16; k++) {
        out.push({ step, a: `a${region * 16 + k}`, b: `a${region * 16 + ((k + 1) % 16)}`, type: 'horizontal', strength: 0.5, trust: 0.5, interRegional: 0 });
      }
    }
    for (let k = 0; k < inter; k++) out.push({ step, a: `a${k}`, b: `a${16 + k}`, type: 'interregional', strength: 0.3, trust: 0.2, interRegional: 1 });
  }
  return out;
}

export const P1 = 'parameters.mechanisms.spillover.rate';
export const P2 = 'parameters.regions.trust';
export const P3 = 'parameters.mechanisms.innovation.threshold';

/** summary.csv rows of a 3 x 3 grid over P1, P2 at steps 0..5. */
export function summaryRows(): SummaryRow[] {
  const out: SummaryRow[] = [];
  let point = 0;
  for (const a of [0.1, 0.2, 0.3]) {
    for (const b of [0.2, 0.5, 0.8]) {
      for (let step = 0; step <= 5; step++) {
        for (const metric of ['knowledge.mean', 'network.density']) {
          const mean = a + b * (step / 5) + (metric === 'network.density' ? 0.1 : 0);
          out.push({ point: String(point), params: { [P1]: a, [P2]: b }, step, metric, n: 4, mean, sd: 0.02, ci_low: mean - 0.03, ci_high: mean + 0.03 });
        }
      }
      point++;
    }
  }
  return out;
}

export function sensitivityRows(): SensitivityRow[] {
  const out: SensitivityRow[] = [];
  const params = [P1, P2, P3];
  params.forEach((p, i) => {
    for (const metric of ['knowledge.mean']) {
      out.push({ method: 'sobol', metric, parameter: p, index: 'S1', estimate: 0.5 - 0.2 * i, ci_low: 0.45 - 0.2 * i, ci_high: 0.55 - 0.2 * i });
      out.push({ method: 'sobol', metric, parameter: p, index: 'ST', estimate: 0.6 - 0.2 * i, ci_low: 0.52 - 0.2 * i, ci_high: 0.68 - 0.2 * i });
      out.push({ method: 'morris', metric, parameter: p, index: 'mu_star', estimate: 0.3 - 0.1 * i, ci_low: 0.25 - 0.1 * i, ci_high: 0.35 - 0.1 * i });
      out.push({ method: 'morris', metric, parameter: p, index: 'sigma', estimate: 0.05 + 0.04 * i, ci_low: NaN, ci_high: NaN });
    }
  });
  return out;
}

export const SCENARIOS = ['baseline', 'linear-policy', 'systemic-policy'];

export function compareRows(): CompareRow[] {
  const out: CompareRow[] = [];
  SCENARIOS.forEach((scenario, i) => {
    for (let step = 0; step <= STEPS; step++) {
      for (const metric of ['knowledge.mean', 'network.density', 'network.clustering', 'network.giantShare', 'network.interRegionalShare']) {
        const mean = 0.2 + (0.05 + 0.03 * i) * step * (metric === 'knowledge.mean' ? 1 : 0.5);
        out.push({ metric, scenario, step, mean, sd: 0.02, ci_low: mean - 0.02, ci_high: mean + 0.02, n: 3 });
      }
    }
  });
  return out;
}

// ---- folders --------------------------------------------------------------

function csv(header: string[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    const s = typeof v === 'number' && Number.isNaN(v) ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\n') + '\n';
}

export function tempDir(prefix = 'clustersim-charts-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export const SCENARIO = {
  name: 'fixture-district',
  description: 'A small two-region district for tests.\nAssumptions: trust is high in the north, low in the south.',
  regions: REGIONS.map((id) => ({ id, country: 'IT' })),
  sectors: SECTORS.map((id) => ({ id, knowledgeBase: 'synthetic' })),
};

export function runManifest(steps = STEPS) {
  return {
    tool: 'clustersim',
    version: '0.1.0',
    gitCommit: 'abc1234',
    node: 'v20.20.2',
    scenarioName: SCENARIO.name,
    scenarioHash: 'sha256:0123456789abcdef',
    seed: 42,
    steps,
    timeUnit: 'quarter',
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:00:02.000Z',
    wallSeconds: 2,
    scenario: SCENARIO,
  };
}

export interface RunFolderOptions {
  runs?: number;
  snapshots?: boolean;
  manifest?: boolean;
}

/** A run folder: metrics.csv, manifest.json, snapshots at steps 0 and STEPS. */
export function writeRunFolder(dir = tempDir(), o: RunFolderOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'metrics.csv'), csv(['run_id', 'step', 'scope', 'metric', 'value'], metricRows(o.runs ?? 3) as unknown as Record<string, unknown>[]));
  if (o.manifest !== false) writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(runManifest(), null, 2));
  if (o.snapshots !== false) {
    mkdirSync(path.join(dir, 'snapshots'), { recursive: true });
    for (const step of [0, STEPS]) {
      writeFileSync(path.join(dir, 'snapshots', `agents-${step}.csv`), csv(['step', 'id', 'kind', 'region', 'sector', 'x', 'y', 'employees', 'knowledge', 'tacitShare', 'absorptive', 'ict'], agentRows([step]) as unknown as Record<string, unknown>[]));
      writeFileSync(path.join(dir, 'snapshots', `ties-${step}.csv`), csv(['step', 'a', 'b', 'type', 'strength', 'trust', 'interRegional'], tieRows([step]) as unknown as Record<string, unknown>[]));
    }
  }
  return dir;
}

/** A sweep folder: results.csv, summary.csv, sensitivity.csv, manifest.json. */
export function writeSweepFolder(dir = tempDir()): string {
  mkdirSync(dir, { recursive: true });
  const summary = summaryRows();
  const flat = summary.map((r) => ({ ...r, ...r.params, q05: r.mean, q25: r.mean, q50: r.mean, q75: r.mean, q95: r.mean }));
  writeFileSync(path.join(dir, 'summary.csv'), csv(['point', P1, P2, 'step', 'metric', 'n', 'mean', 'sd', 'ci_low', 'ci_high', 'q05', 'q25', 'q50', 'q75', 'q95'], flat));
  const results = summary.flatMap((r, i) =>
    [0, 1].map((rep) => ({ run_id: `p${r.point}-r${rep}`, point: r.point, replicate: rep, seed: 1000 + i, ...r.params, step: r.step, metric: r.metric, value: r.mean + (rep ? 0.01 : -0.01) })),
  );
  writeFileSync(path.join(dir, 'results.csv'), csv(['run_id', 'point', 'replicate', 'seed', P1, P2, 'step', 'metric', 'value'], results));
  writeFileSync(path.join(dir, 'sensitivity.csv'), csv(['method', 'metric', 'parameter', 'index', 'estimate', 'ci_low', 'ci_high'], sensitivityRows() as unknown as Record<string, unknown>[]));
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify(
      {
        tool: 'clustersim',
        version: '0.1.0',
        gitCommit: 'abc1234',
        node: 'v20.20.2',
        scenarioName: SCENARIO.name,
        scenarioHash: 'sha256:0123456789abcdef',
        seed: 7,
        steps: 5,
        scenario: SCENARIO,
        experiment: { name: 'spillover-trust grid', design: { kind: 'grid' }, parameters: [{ path: P1 }, { path: P2 }] },
      },
      null,
      2,
    ),
  );
  return dir;
}

/** A compare folder: compare.csv, runs.csv, manifest.json. */
export function writeCompareFolder(dir = tempDir()): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'compare.csv'), csv(['metric', 'scenario', 'step', 'mean', 'sd', 'ci_low', 'ci_high', 'n'], compareRows() as unknown as Record<string, unknown>[]));
  const runs = SCENARIOS.flatMap((scenario, i) => metricRows(2, 10 + i, scenario, 0.1 * i).filter((r) => r.scope === 'system').map((r) => ({ scenario, run_id: r.run_id, step: r.step, metric: r.metric, value: r.value })));
  writeFileSync(path.join(dir, 'runs.csv'), csv(['scenario', 'run_id', 'step', 'metric', 'value'], runs));
  const tests = ['knowledge.mean', 'network.density'].map((metric) => ({ metric, step: STEPS, test: 'welch', statistic: 3.2, df: 3.9, p_value: 0.03, p_holm: 0.06, effect: 'hedges_g', effect_size: 1.4, mean_a: 0.5, mean_b: 0.7, n_a: 3, n_b: 3, differs: false }));
  writeFileSync(path.join(dir, 'compare-tests.csv'), csv(Object.keys(tests[0]), tests));
  return dir;
}
