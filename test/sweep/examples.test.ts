/** Every shipped experiment file loads, validates and plans (each design point is validated). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentFile } from '../../src/sweep/load.js';

// Every experiment file, also those in subfolders (experiments/validation/); a stylised-facts
// file (top-level `facts:`, for `clustersim facts`) has its own schema and tests.
const files = (fs.readdirSync('experiments', { recursive: true }) as string[])
  .filter((f) => /\.ya?ml$/.test(f) && !/^facts:/m.test(fs.readFileSync(path.join('experiments', f), 'utf8')))
  .sort();

describe('shipped experiments', () => {
  it('exist', () => expect(files.length).toBeGreaterThanOrEqual(5));
  it.each(files)('%s plans', async (f) => {
    const { plan } = await loadExperimentFile(path.join('experiments', f));
    expect(plan.runCount).toBeGreaterThan(0);
    plan.scenarioFor(plan.points.length - 1);
  });
});
