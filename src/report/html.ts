/**
 * The self-contained HTML report: one file that opens from disk with no network. The
 * vega, vega-lite and vega-embed builds are inlined from node_modules, the fonts are
 * embedded as data URLs, and a Content-Security-Policy forbids any fetch, so nothing can
 * reach a CDN even by accident. Charts are interactive (tooltips, export menu).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FONT_FAMILY } from '../charts/theme.js';
import type { FolderData, Manifest } from './load.js';
import type { NamedChart } from './standard.js';
import type { TextTable } from './tables.js';
import { fontPath } from './fonts.js';

const require = createRequire(import.meta.url);

/** A browser build shipped inside an npm package, next to the package's main entry. */
function browserBuild(pkg: string, file: string): string {
  const entry = require.resolve(pkg);
  const text = readFileSync(path.join(path.dirname(entry), file), 'utf8');
  // Drop source-map comments: the maps are not shipped, and a browser would look for them.
  return text.replace(/\/\/# sourceMappingURL=\S+\s*$/gm, '');
}

let scriptsCache: string | undefined;
function scripts(): string {
  return (scriptsCache ??= [browserBuild('vega', 'vega.min.js'), browserBuild('vega-lite', 'vega-lite.min.js'), browserBuild('vega-embed', 'vega-embed.min.js')]
    .map((s) => `<script>${s.replace(/<\/script/gi, '<\\/script')}</script>`)
    .join('\n'));
}

function fontFaces(): string {
  const face = (file: string, weight: number) =>
    `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${readFileSync(file).toString('base64')}) format('woff2');}`;
  return face(fontPath('webRegular'), 400) + face(fontPath('webBold'), 700);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON safe inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function assumptionsHtml(a: unknown): string {
  if (a === undefined || a === null) return '';
  if (typeof a === 'string') return `<h3>Assumptions</h3>${paragraphs(a)}`;
  if (Array.isArray(a)) return `<h3>Assumptions</h3><ul>${a.map((x) => `<li>${escapeHtml(typeof x === 'string' ? x : JSON.stringify(x))}</li>`).join('')}</ul>`;
  if (typeof a === 'object') return `<h3>Assumptions</h3><ul>${Object.entries(a).map(([k, v]) => `<li><b>${escapeHtml(k)}</b>: ${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</li>`).join('')}</ul>`;
  return '';
}

const MANIFEST_FIELDS: [keyof Manifest, string][] = [
  ['tool', 'Tool'],
  ['version', 'Version'],
  ['gitCommit', 'Git commit'],
  ['node', 'Node'],
  ['scenarioName', 'Scenario'],
  ['scenarioHash', 'Scenario hash'],
  ['seed', 'Seed'],
  ['steps', 'Steps'],
  ['timeUnit', 'One step is'],
  ['startedAt', 'Started'],
  ['endedAt', 'Ended'],
  ['wallSeconds', 'Wall time (s)'],
];

function manifestHtml(m: Manifest | undefined, dir: string, kind: FolderData['kind']): string {
  if (!m && kind === 'compare') return `<p>No manifest.json in ${escapeHtml(dir)}; each compared scenario's seed and version are in the command line that made it and in runs.csv.</p>`;
  if (!m) return `<p class="warn">No manifest.json in ${escapeHtml(dir)}: seed, version and scenario hash are unknown, so this result cannot be reproduced from the report alone.</p>`;
  const rows = MANIFEST_FIELDS.filter(([k]) => m[k] !== undefined && m[k] !== null).map(([k, label]) => `<tr><th>${label}</th><td><code>${escapeHtml(String(m[k]))}</code></td></tr>`);
  const exp = m.experiment;
  if (exp) {
    if (exp.name) rows.push(`<tr><th>Experiment</th><td>${escapeHtml(String(exp.name))}</td></tr>`);
    if (exp.design !== undefined) rows.push(`<tr><th>Design</th><td><code>${escapeHtml(JSON.stringify(exp.design))}</code></td></tr>`);
    if (Array.isArray(exp.parameters)) rows.push(`<tr><th>Varied parameters</th><td><code>${escapeHtml(exp.parameters.map((p) => (typeof p === 'object' && p && 'path' in p ? String((p as { path: unknown }).path) : JSON.stringify(p))).join(', '))}</code></td></tr>`);
  }
  if (Array.isArray(m.scenarios)) rows.push(`<tr><th>Scenarios</th><td>${escapeHtml(m.scenarios.map((s) => (typeof s === 'string' ? s : JSON.stringify(s))).join(', '))}</td></tr>`);
  return `<table class="kv">${rows.join('')}</table>`;
}

function tableHtml(t: TextTable, tall = false): string {
  const head = `<tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((c, k) => `<td${k > 0 && /^[-\d[]/.test(c) ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  const more = t.omitted ? `<p>${t.omitted} more rows are in the CSV files.</p>` : '';
  return `<div class="scroll${tall ? ' tall' : ''}"><table class="data"><caption>${escapeHtml(t.caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table></div>${more}`;
}

const CSS = `
body{font-family:'${FONT_FAMILY}',sans-serif;margin:0;color:#222;background:#fafafa;line-height:1.45}
main{max-width:1180px;margin:0 auto;padding:16px 28px 48px}
h1{font-size:24px;margin:8px 0 2px} h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px} h3{font-size:15px;margin:14px 0 6px}
.sub{color:#555;margin:0 0 12px} .warn{background:#fff4e5;border-left:4px solid #e69f00;padding:6px 10px}
nav a{margin-right:14px;color:#0072b2}
table{border-collapse:collapse;font-size:13px;background:white} th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums} caption{text-align:left;color:#555;padding:4px 0;caption-side:top}
table.kv th{background:#f3f3f3;white-space:nowrap} .scroll{overflow-x:auto;max-width:100%}
.scroll.tall{max-height:420px;overflow-y:auto;border:1px solid #e4e4e4} .scroll.tall thead th{position:sticky;top:0;background:#f3f3f3}
figure{margin:14px 0;padding:10px;background:white;border:1px solid #e4e4e4;display:inline-block;max-width:100%;overflow-x:auto;vertical-align:top}
.chart-error{color:#a00}
footer{color:#666;font-size:12px;margin-top:32px}
`;

/** The page's own script: wait for the fonts (so text is measured with them), then draw. */
const BOOT = `
(async function () {
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  try { await Promise.all([document.fonts.load("11px '${FONT_FAMILY}'"), document.fonts.load("bold 14px '${FONT_FAMILY}'")]); } catch (e) {}
  var drawn = 0;
  for (var i = 0; i < specs.length; i++) {
    var el = document.getElementById(specs[i].id);
    try {
      await vegaEmbed(el, specs[i].spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } });
      el.setAttribute('data-drawn', 'true');
      drawn++;
    } catch (e) {
      el.className += ' chart-error';
      el.textContent = 'This chart could not be drawn: ' + (e && e.message ? e.message : e);
      console.error(e);
    }
  }
  document.body.setAttribute('data-charts-drawn', String(drawn));
})();
`;

/** Links to each compared scenario's own report (arms/<label>/report.html, written by compare). */
function armLinks(m: Manifest | undefined): string {
  const arms = Array.isArray(m?.arms) ? (m.arms as { label?: unknown; folder?: unknown }[]) : [];
  const links = arms
    .filter((a) => typeof a.folder === 'string' && typeof a.label === 'string')
    .map((a) => `<a href="${escapeHtml(`${String(a.folder).split(path.sep).join('/')}/report.html`)}">${escapeHtml(String(a.label))}</a>`);
  return links.length > 0
    ? `Each scenario's description, assumptions, seeds and replicates over time are in its own report: ${links.join(', ')}.`
    : "Each scenario's description is in its scenario file.";
}

function warningsHtml(warnings: readonly string[]): string {
  return warnings.length ? `<div class="warn"><b>Unreliable sensitivity estimates</b><ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>` : '';
}

export interface ReportInput {
  data: FolderData;
  charts: NamedChart[];
  table: TextTable;
  /** Further tables after the final metrics (e.g. a comparison's tests). */
  extraTables?: TextTable[];
}

const KIND_LABEL = { run: 'Run', sweep: 'Sweep', compare: 'Comparison' } as const;

export function reportHtml({ data, charts, table, extraTables = [] }: ReportInput): string {
  const m = data.manifest;
  const scenario = m?.scenario;
  const name = (data.kind === 'sweep' && m?.experiment?.name) || m?.scenarioName || scenario?.name || path.basename(path.resolve(data.dir));
  const title = `${KIND_LABEL[data.kind]}: ${name}`;
  const sections = [...new Set(charts.map((c) => c.section))];
  const specs = charts.map((c, k) => ({ id: `chart-${k}`, name: c.name, spec: c.spec }));
  const chartsHtml = sections
    .map((s) => {
      const figs = specs
        .filter((_, k) => charts[k].section === s)
        .map((c) => `<figure><div id="${c.id}" class="chart" data-name="${escapeHtml(c.name)}"></div></figure>`)
        .join('\n');
      return `<h3>${escapeHtml(s)}</h3>\n${figs}`;
    })
    .join('\n');
  const description = scenario?.description ? paragraphs(String(scenario.description)) : '<p class="sub">The scenario gives no description.</p>';
  const expDescription = data.kind === 'sweep' && m?.experiment?.description ? `<h3>Experiment</h3>${paragraphs(String(m.experiment.description))}` : '';
  const about =
    scenario || expDescription
      ? `<h2 id="scenario">Scenario${scenario?.name ? `: ${escapeHtml(String(scenario.name))}` : ''}</h2>${description}${assumptionsHtml(scenario?.assumptions)}${expDescription}`
      : data.kind === 'compare'
        ? `<h2 id="scenario">Scenarios</h2><p>Scenarios compared: ${escapeHtml([...new Set(data.compare.map((r) => r.scenario))].join(', '))}. ${armLinks(m)}</p>`
        : '';
  // A sweep's table has a row per design point: the charts come first, the table scrolls.
  const finalBlock = `<h2 id="final">Final metrics</h2>\n${tableHtml(table, data.kind === 'sweep')}\n${extraTables.map((t) => tableHtml(t)).join('\n')}`;
  const chartsBlock = `<h2 id="charts">Charts</h2>
<noscript><p class="warn">The charts need JavaScript; the SVG files in charts/ show the same.</p></noscript>
${chartsHtml || '<p>No chart could be made from this folder.</p>'}`;
  const links = [['scenario', 'Scenario'], ...(data.kind === 'sweep' ? [['charts', 'Charts'], ['final', 'Final metrics']] : [['final', 'Final metrics'], ['charts', 'Charts']]), ['manifest', 'Provenance']];
  const nav = links.map(([id, text]) => `<a href="#${id}">${text}</a>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; font-src data:; img-src data: blob:">
<title>${escapeHtml(title)} - clustersim report</title>
<style>${fontFaces()}${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="sub">clustersim report of <code>${escapeHtml(data.dir)}</code>. Hover over a chart for values; its menu (…) saves it as SVG or PNG.</p>
<nav>${nav}</nav>
${about}
${data.kind === 'sweep' ? `${warningsHtml(data.warnings)}${chartsBlock}
${finalBlock}` : `${finalBlock}
${chartsBlock}`}
<h2 id="manifest">Provenance</h2>
${manifestHtml(m, data.dir, data.kind)}
<footer>Made by ${escapeHtml([m?.tool ?? 'clustersim', m?.version].filter(Boolean).join(' '))}. Charts drawn with Vega-Lite; everything this page needs is inside it.</footer>
</main>
<script type="application/json" id="chart-specs">${scriptJson(specs.map(({ id, spec }) => ({ id, spec })))}</script>
${scripts()}
<script>${BOOT}</script>
</body>
</html>
`;
}
