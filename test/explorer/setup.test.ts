/**
 * The explorer's setup: the URL round trip, the scenario a setup makes, the shipped
 * scenarios resolved from memory exactly as the CLI resolves the files, and the guide's
 * experiments and mechanism panels pointing at things that exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeControls } from '../../src/explorer/controls.js';
import { ADDABLE_LEVERS, applySetup, changesModel, emptySetup, leverInstances, setupFromQuery, setupToQuery, withoutChanges } from '../../src/explorer/setup.js';
import { buildCatalog, scenarioFiles } from '../../web/vite/scenarios.js';
import type { CatalogEntry } from '../../src/explorer/catalog.js';
import { EXPERIMENTS, MECHANISM_PANELS } from '../../src/explorer/guide.js';
import { loadScenarioWithIssues } from '../../src/io/scenario-file.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { slug } from '../../web/vite/docs.js';

const controls = describeControls();
const { sliders, choices } = controls;

let CATALOG: CatalogEntry[] = [];
const resolveScenario = (id: string) => structuredClone(CATALOG.find((c) => c.id === id)!.scenario);
beforeAll(async () => {
  CATALOG = await buildCatalog('scenarios');
});

describe('explorer setup', () => {
  it('survives the URL round trip, ignoring what it cannot read', () => {
    const q = 'scenario=brianza&seed=7&steps=20&trust=0.3&spillRadius=999&lineLoss=relative&knowledgeBase=symbolic&lever.ictTraining=on&budget.ictTraining=8&start.x=2&speed=50&color=ict&autoplay=1&junk=1&seed2=x';
    const s = setupFromQuery(q, controls);
    expect(s).toMatchObject({ scenario: 'brianza', seed: 7, steps: 20, speed: 50, color: 'ict', autoplay: true });
    expect(s.values).toEqual({ trust: 0.3, spillRadius: 50 }); // clamped to the slider's range
    expect(s.choices).toEqual({ lineLoss: 'relative', knowledgeBase: 'symbolic' });
    expect(s.levers).toEqual({ ictTraining: { on: true, budget: 8 }, x: { start: 2 } });
    expect(setupToQuery(s, controls)).toContain('lineLoss=relative');
    expect(setupFromQuery(setupToQuery(s, controls), controls)).toEqual(s);
    expect(setupFromQuery('seed=-1&steps=0&speed=7&color=red', controls)).toEqual(emptySetup());
  });

  it('ignores a choice\'s value that is not among its options, as it ignores an unreadable number', () => {
    // Values are matched exactly: the schema's enum is case-sensitive, and so is the URL.
    expect(setupFromQuery('lineLoss=proportional&entrantKinds=SME&knowledgeBase=&techIntensity=high', controls).choices).toEqual({ techIntensity: 'high' });
    expect(setupFromQuery('trust=abc&lineLoss=abc', controls)).toEqual(emptySetup());
  });

  it('applies changes to a copy, writes seed and steps, and leaves the original alone', () => {
    const base = resolveScenario('brianza');
    const before = JSON.stringify(base);
    const setup = { ...emptySetup('brianza'), seed: 7, steps: 12, values: { trust: 0.3 }, choices: { lineLoss: 'relative' } };
    const sc = applySetup(base, setup, controls);
    expect(JSON.stringify(base)).toBe(before);
    expect(sc).toMatchObject({ seed: 7, steps: 12, parameters: { mechanisms: { market: { lineLoss: 'relative' } } } });
    expect((sc.regions as { socialCapital: number }[])[0].socialCapital).toBe(0.3);
    expect(validateScenario(sc, 'x').ok).toBe(true);
    expect(changesModel(setup)).toBe(true);
    expect(changesModel({ ...setup, values: {} })).toBe(true);
    expect(changesModel({ ...setup, choices: {} })).toBe(true);
    expect(changesModel(withoutChanges(setup))).toBe(false);
    expect(applySetup(base, withoutChanges(setup), controls)).toMatchObject({ seed: 7, steps: 12 });
  });

  it('sets a sector choice in every sector of a scenario whose sectors differ', () => {
    const base = resolveScenario('alps4eu');
    const kinds = (sc: Record<string, unknown>) => (sc.sectors as { knowledgeBase: string }[]).map((s) => s.knowledgeBase);
    expect(new Set(kinds(base)).size).toBeGreaterThan(1);
    const sc = applySetup(base, setupFromQuery('scenario=alps4eu&knowledgeBase=symbolic&entrantKinds=sme', controls), controls);
    expect(kinds(sc)).toEqual(kinds(base).map(() => 'symbolic'));
    expect(sc).toMatchObject({ parameters: { mechanisms: { demography: { entrantKinds: 'sme' } } } });
    expect(validateScenario(sc, 'x').ok).toBe(true);
  });

  it('switches lever instances off without renaming the others, changes budgets and starts, adds levers', () => {
    const base = resolveScenario('brianza-policy');
    const names = leverInstances(base).map((i) => i.name);
    expect(names.length).toBeGreaterThan(1);
    const [off, keep] = names;
    const sc = applySetup(base, { ...emptySetup(), levers: { [off]: { on: false }, [keep]: { budget: 7, start: 3 } } }, controls);
    const after = leverInstances(sc);
    expect(after.map((i) => i.name)).toEqual(names.slice(1));
    expect(after[0].policy).toMatchObject({ budget: 7, start: 3 });
    expect(validateScenario(sc, 'x').ok).toBe(true);
    const missing = ADDABLE_LEVERS.find((id) => !names.includes(id))!;
    const added = applySetup(base, { ...emptySetup(), levers: { [missing]: { on: true, budget: 2 } } }, controls);
    expect(leverInstances(added).map((i) => i.name)).toEqual([...names, missing]);
    expect(validateScenario(added, 'x').ok).toBe(true);
  });

  it('holds every shipped scenario as the CLI loads it, default first', async () => {
    const files = scenarioFiles('scenarios');
    expect(CATALOG.map((c) => c.file).sort()).toEqual([...files].sort());
    expect(CATALOG[0].id).toBe('default');
    for (const e of CATALOG) {
      const { raw, issues } = await loadScenarioWithIssues(path.join('scenarios', e.file));
      expect(issues, e.id).toEqual([]);
      expect(e.scenario, e.id).toEqual(JSON.parse(JSON.stringify(raw)));
      expect(Object.getPrototypeOf(e.scenario), e.id).toBe(Object.prototype);
      expect(e.title.length, e.id).toBeGreaterThan(0);
    }
  });

  it('sets up every guided experiment as a valid scenario that changes the model', () => {
    expect(EXPERIMENTS.length).toBeGreaterThanOrEqual(5);
    expect(EXPERIMENTS.length).toBeLessThanOrEqual(8);
    for (const x of EXPERIMENTS) {
      const q = new URLSearchParams(x.query);
      const setup = setupFromQuery(q, controls);
      // every key of the query is understood
      for (const k of q.keys()) expect(k === 'scenario' || [...sliders, ...choices].some((s) => s.key === k) || /^(lever|budget|start)\./.test(k), `${x.title}: ${k}`).toBe(true);
      expect(changesModel(setup), x.title).toBe(true);
      const base = resolveScenario(setup.scenario);
      for (const name of Object.keys(setup.levers)) expect(leverInstances(base).map((i) => i.name).concat(ADDABLE_LEVERS), `${x.title}: ${name}`).toContain(name);
      const sc = applySetup(base, setup, controls);
      expect(JSON.stringify(sc), x.title).not.toBe(JSON.stringify(applySetup(base, withoutChanges(setup), controls)));
      expect(validateScenario(sc, x.title).ok, x.title).toBe(true);
    }
  });

  it('is documented: docs/explorer.md lists every slider and choice key with its path, and the number of experiments', () => {
    const doc = fs.readFileSync('docs/explorer.md', 'utf8');
    for (const s of [...sliders, ...choices]) expect(doc, s.key).toMatch(new RegExp(`\\| \`${s.key}\` \\| \`${s.path.replace(/[.*[\]]/g, '\\$&')}\``));
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    expect(doc).toContain(`${words[EXPERIMENTS.length]} one-minute experiments`);
  });

  it('links each mechanism panel to a docs page and heading that exist, and names existing sliders', () => {
    for (const p of MECHANISM_PANELS) {
      const [file, anchor] = p.doc.split('#');
      const text = fs.readFileSync(path.join('docs', file), 'utf8');
      if (anchor) expect(text.split('\n').filter((l) => l.startsWith('#')).map((l) => slug(l.replace(/^#+\s*/, '')))).toContain(anchor);
      for (const k of p.sliders) expect(sliders.map((s) => s.key), p.id).toContain(k);
    }
  });
});
