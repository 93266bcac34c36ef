/**
 * When are Sobol and Morris estimates unreliable, and what sample size would help? Both
 * estimators' intervals shrink like 1/sqrt(N) (N base samples, or r trajectories), so the
 * size that brings the widest interval down to a target width w is about
 * N' = N (width / w)^2 (Saltelli et al. 2010, section 4, on the convergence of the
 * estimators; Campolongo et al. 2007 for Morris).
 */
import type { IndexEstimate } from './sobol.js';

/** Widest acceptable 95% interval of a Sobol index (a share of variance). */
export const SOBOL_TARGET_WIDTH = 0.2;
/** Widest acceptable interval of mu* relative to mu* itself. */
export const MORRIS_TARGET_RELATIVE_WIDTH = 0.5;

const pow2AtLeast = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(2, n)));

/** Warnings about one metric's Sobol indices; empty when they look sound. */
export function sobolWarnings(metric: string, est: IndexEstimate[], paths: string[], samples: number): string[] {
  const problems: string[] = [];
  const negative = est.filter((e) => e.ciHigh < 0 || (Number.isNaN(e.ciHigh) && e.estimate < -0.05));
  if (negative.length > 0) problems.push(`negative indices beyond their interval (${negative.map((e) => `${e.index} of ${paths[e.parameter]} = ${e.estimate.toFixed(2)}`).join(', ')})`);
  const sum = (idx: string) => est.filter((e) => e.index === idx && Number.isFinite(e.estimate)).reduce((s, e) => s + e.estimate, 0);
  const sumST = sum('ST');
  const sumS1 = sum('S1');
  if (sumST > 1.5) problems.push(`the total indices sum to ${sumST.toFixed(2)}, far above 1`);
  if (sumS1 > 1.2) problems.push(`the first-order indices sum to ${sumS1.toFixed(2)}, above 1`);
  const widths = est.map((e) => e.ciHigh - e.ciLow).filter(Number.isFinite);
  const widest = widths.length > 0 ? Math.max(...widths) : NaN;
  if (widest > 2 * SOBOL_TARGET_WIDTH) problems.push(`intervals up to ${widest.toFixed(2)} wide`);
  if (problems.length === 0) return [];
  const suggest = Number.isFinite(widest) ? pow2AtLeast(samples * Math.max(2, (widest / SOBOL_TARGET_WIDTH) ** 2)) : pow2AtLeast(samples * 4);
  return [
    `sobol: the indices of ${metric} are unreliable: ${problems.join('; ')}. About samples: ${suggest} (now ${samples}) would bring the intervals to ~${SOBOL_TARGET_WIDTH} wide; more replicates help a noisy metric.`,
  ];
}

/** Warnings about one metric's Morris measures; empty when they look sound. */
export function morrisWarnings(metric: string, est: IndexEstimate[], paths: string[], trajectories: number): string[] {
  const mu = est.filter((e) => e.index === 'mu_star' && Number.isFinite(e.estimate));
  if (mu.length === 0) return [];
  const top = Math.max(...mu.map((e) => e.estimate));
  if (!(top > 0)) return [];
  // The influential factors (mu* at least a tenth of the largest) should be told apart.
  const rel = mu.filter((e) => e.estimate >= 0.1 * top && Number.isFinite(e.ciHigh - e.ciLow)).map((e) => ({ e, w: (e.ciHigh - e.ciLow) / e.estimate }));
  const worst = rel.reduce((a, b) => (b.w > a.w ? b : a), rel[0]!);
  if (!worst || worst.w <= 2 * MORRIS_TARGET_RELATIVE_WIDTH) return [];
  const suggest = Math.ceil(trajectories * (worst.w / MORRIS_TARGET_RELATIVE_WIDTH) ** 2);
  return [
    `morris: the mu* of ${metric} are unreliable: the interval of ${paths[worst.e.parameter]} is ${worst.w.toFixed(1)} times its estimate. About trajectories: ${suggest} (now ${trajectories}) would narrow it to half the estimate.`,
  ];
}
