/**
 * The browser explorer (web/): `npm run explore` serves it, `npm run build:web` writes a
 * static site to dist/web/ that any static host can serve from any folder (relative
 * paths, nothing fetched from the network: scenarios, fonts, vega and the docs are bundled).
 *
 * Three build-time pieces: the module `virtual:explorer-controls` (the sliders, described from
 * the scenario schema by src/explorer/controls.ts), `virtual:explorer-scenarios` (the shipped
 * scenarios resolved by the CLI's loader, web/vite/scenarios.ts) and the docs pages
 * (web/vite/docs.ts).
 */
import { defineConfig, type Plugin } from 'vite';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { explorerControls } from './src/explorer/controls.js';
import { renderDocs } from './web/vite/docs.js';
import { buildCatalog, scenarioFiles } from './web/vite/scenarios.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DOCS = path.join(here, 'docs');
const SCENARIOS = path.join(here, 'scenarios');

function controls(): Plugin {
  const id = 'virtual:explorer-controls';
  return {
    name: 'clustersim-explorer-controls',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (source) => (source === `\0${id}` ? `export default ${JSON.stringify(explorerControls())};` : undefined),
  };
}

/** `virtual:explorer-scenarios`: the shipped scenarios, resolved by the CLI's loader (web/vite/scenarios.ts). */
function scenarios(): Plugin {
  const id = 'virtual:explorer-scenarios';
  return {
    name: 'clustersim-explorer-scenarios',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    async load(source) {
      if (source !== `\0${id}`) return undefined;
      for (const f of scenarioFiles(SCENARIOS)) this.addWatchFile(path.join(SCENARIOS, f));
      return `export default ${JSON.stringify(await buildCatalog(SCENARIOS))};`;
    },
  };
}

function docs(): Plugin {
  return {
    name: 'clustersim-docs',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/docs\/(.+\.(html|png))(?:\?.*)?$/.exec(req.url ?? '');
        if (!m) return next();
        const file = decodeURIComponent(m[1]);
        const docs = renderDocs(DOCS);
        if (m[2] === 'png' && docs.images?.has(file)) {
          res.setHeader('Content-Type', 'image/png');
          return res.end(readFileSync(path.join(DOCS, file)));
        }
        const page = docs.get(file);
        if (!page) return next();
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(page);
      });
    },
    generateBundle() {
      const docs = renderDocs(DOCS);
      for (const [file, html] of docs) this.emitFile({ type: 'asset', fileName: `docs/${file}`, source: html });
      for (const image of docs.images ?? []) this.emitFile({ type: 'asset', fileName: `docs/${image}`, source: readFileSync(path.join(DOCS, image)) });
    },
  };
}

export default defineConfig({
  root: path.join(here, 'web'),
  base: './',
  publicDir: false,
  plugins: [controls(), scenarios(), docs()],
  worker: { format: 'es' },
  server: { fs: { allow: [here] } },
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    // One file per asset: fonts and the scenario texts stay inside the site, nothing is fetched elsewhere.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: { index: path.join(here, 'web/index.html'), guide: path.join(here, 'web/guide.html') } },
  },
});
