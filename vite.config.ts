/**
 * The browser explorer (web/): `npm run explore` serves it, `npm run build:web` writes a
 * static site to dist/web/ that any static host can serve from any folder (relative
 * paths, nothing fetched from the network: scenarios, fonts, vega and the docs are bundled).
 *
 * Two build-time pieces: the module `virtual:explorer-controls` (the sliders, described from
 * the scenario schema by src/explorer/controls.ts) and the docs pages (web/vite/docs.ts).
 */
import { defineConfig, type Plugin } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { explorerControls } from './src/explorer/controls.js';
import { renderDocs } from './web/vite/docs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DOCS = path.join(here, 'docs');

function controls(): Plugin {
  const id = 'virtual:explorer-controls';
  return {
    name: 'clustersim-explorer-controls',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (source) => (source === `\0${id}` ? `export default ${JSON.stringify(explorerControls())};` : undefined),
  };
}

function docs(): Plugin {
  return {
    name: 'clustersim-docs',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/docs\/(.+\.html)(?:\?.*)?$/.exec(req.url ?? '');
        const page = m && renderDocs(DOCS).get(decodeURIComponent(m[1]));
        if (!page) return next();
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(page);
      });
    },
    generateBundle() {
      for (const [file, html] of renderDocs(DOCS)) this.emitFile({ type: 'asset', fileName: `docs/${file}`, source: html });
    },
  };
}

export default defineConfig({
  root: path.join(here, 'web'),
  base: './',
  publicDir: false,
  plugins: [controls(), docs()],
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
