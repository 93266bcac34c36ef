/**
 * The seeds of the validation scripts' runs: the scenario's own seed, then 1, 2, ... without
 * it, `runs` in all (a scenario whose seed is 1, such as brianza.yaml, would otherwise run
 * seed 1 twice). The CLI's compare, sweeps and facts derive their seeds by hash instead.
 */
export function runSeeds(scenarioSeed: number, runs: number): number[] {
  const seeds = [scenarioSeed];
  for (let s = 1; seeds.length < runs; s++) if (s !== scenarioSeed) seeds.push(s);
  return seeds;
}
