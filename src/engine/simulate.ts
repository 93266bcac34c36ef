/**
 * The engine's run API (simulation.ts) with the lever-expression parser loaded, so a
 * scenario whose budgets or intensities are expressions runs whatever imported it first.
 */
import './expr.js';

export * from './simulation.js';
