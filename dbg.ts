import { runScenario } from './src/engine/simulation.js';
import { loadScenarioFile } from './src/io/scenario-file.js';
import { validateScenario } from './src/scenario/validate.js';
import { LEVERS } from './src/engine/levers/index.js';
import { z } from 'zod';
import { readdirSync } from 'node:fs';
import path from 'node:path';
const files = (d: string): string[] => readdirSync(d,{withFileTypes:true}).flatMap(e=>e.isDirectory()?files(path.join(d,e.name)):e.name.endsWith('.yaml')?[path.join(d,e.name)]:[]);
const h = (sc: any, steps: number) => JSON.stringify(runScenario(sc,{steps}).rows.map(r=>r.value));
const inde = await loadScenarioFile('scenarios/inde.yaml'); inde.warmup = 40;
const B0 = h(inde, 40);
const scs: any[] = [];
for (const f of files('scenarios').sort()) { const sc = await loadScenarioFile(f); sc.warmup = 40; scs.push([f, sc]); }
outer: for (const [id, lever] of Object.entries(LEVERS)) {
  const js: any = z.toJSONSchema((lever as any).params, { io: 'input', unrepresentable: 'any' });
  for (const [name, node] of Object.entries<any>(js.properties ?? {})) {
    if (!['number','integer','boolean'].includes(node.type)) continue;
    for (const [f, sc] of scs) {
      const ks = sc.policies.flatMap((p: any, k: number) => p.lever === id ? [k] : []);
      if (!ks.length) continue;
      const steps = Math.max(40, Math.min(...ks.map((k: number) => sc.policies[k].start)) + 20);
      for (const mv of [1.5, 0.5]) {
        const o = structuredClone(sc);
        for (const k of ks) { const cur = o.policies[k].params[name] ?? node.default; if (cur === undefined) continue; o.policies[k].params[name] = typeof cur === 'boolean' ? !cur : node.type === 'integer' ? Math.max(1, Math.round(cur * mv)) : Math.min(node.maximum ?? Infinity, cur * mv); }
        const r = validateScenario(o, f); if (!r.ok) continue;
        h(r.scenario, steps);
        if (h(inde, 40) !== B0) { console.log('inde differs after', id, name, mv, f); break outer; }
      }
    }
  }
}
console.log('done');
