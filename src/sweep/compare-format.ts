/** The terminal's view of a comparison: the tests at the last compared step, then the marginal costs. */
import type { CompareOutcome } from './compare.js';

export function formatCompare(o: CompareOutcome, alpha = 0.05): string {
  if (o.tests.length === 0) return 'no metric had at least two values in each scenario; nothing to test.';
  const test = o.tests[0]!.result.test;
  const effect = test === 'welch' ? "Cohen's d [95% CI]" : 'rank-biserial r [95% CI]';
  // The printed table shows the last compared step; every step is in compare-tests.csv.
  const last = Math.max(...o.tests.map((t) => t.step));
  const shown = o.tests.filter((t) => t.step === last);
  const rows = shown.map((t) => [
    t.metric,
    String(t.step),
    fmt(t.result.meanA),
    fmt(t.result.meanB),
    `${fmt(t.result.diff)} ${interval(t.result.diffLow, t.result.diffHigh)}`,
    Number.isNaN(t.result.effectSize) ? 'n/a (no spread)' : `${fmt(t.result.effectSize)} ${interval(t.result.effectLow, t.result.effectHigh)}`,
    fmtP(t.result.pValue),
    fmtP(t.pHolm),
    t.differs ? 'differ' : 'no evidence',
  ]);
  const head = ['metric', 'step', o.labels[0], o.labels[1], `${o.labels[1]} - ${o.labels[0]} [95% CI]`, effect, 'p', 'p (Holm)', `at ${alpha}`];
  const name = test === 'welch' ? "Welch's t-test (unequal variances)" : 'Mann-Whitney U (normal approximation)';
  const family = o.adjust === 'all' ? `Holm over all ${o.tests.length} tests` : `Holm over the ${shown.length} metrics of each step`;
  const more = shown.length < o.tests.length ? [`(step ${last} shown; the tests at every compared step are in ${o.outDir}/compare-tests.csv)`] : [];
  const out = [`${name}; ${o.tests[0]!.result.nA} vs ${o.tests[0]!.result.nB} replicates; ${family}`, ...table(head, rows), ...more];
  if (o.marginal.length > 0) {
    out.push('', `Marginal cost at step ${o.marginal[0]!.step}: extra spending of ${o.labels[1]} per unit of extra outcome (${o.outDir}/marginal-costs.csv)`);
    const mrows = o.marginal.map((m) => [
      m.outcome,
      m.metric,
      `${fmt(m.deltaSpend)} ${interval(m.deltaSpendLow, m.deltaSpendHigh)}`,
      `${fmt(m.deltaOutcome)} ${interval(m.deltaOutcomeLow, m.deltaOutcomeHigh)}`,
      Number.isNaN(m.cost) ? 'n/a' : `${fmt(m.cost)} ${interval(m.costLow, m.costHigh)}`,
      m.note,
    ]);
    out.push(...table(['outcome', 'metric', 'Δspend [95% CI]', 'Δoutcome [95% CI]', 'Δspend/Δoutcome [95% CI]', 'note'], mrows));
  }
  return out.join('\n');
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

function interval(lo: number, hi: number): string {
  return Number.isFinite(lo) && Number.isFinite(hi) ? `[${fmt(lo)}, ${fmt(hi)}]` : '';
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'n/a' : String(x);
  return Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toFixed(3);
}

function fmtP(p: number): string {
  return Number.isNaN(p) ? 'n/a' : p < 1e-4 ? '<0.0001' : p.toFixed(4);
}
