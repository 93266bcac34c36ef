/**
 * docs/**.md as HTML pages of the explorer site (docs/<name>.html), so the mechanism panels'
 * "read more" links work offline from any static host. Links between the pages are kept
 * (.md becomes .html); links to files outside docs/ (source files) become plain text, since
 * the site does not carry them. Headings get GitHub's anchor ids, so #anchors keep working.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Marked, type Tokens } from 'marked';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
}

function files(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, path.posix.join(rel, e.name)) : e.name.endsWith('.md') ? [path.posix.join(rel, e.name)] : [],
  );
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every page: docs-relative output path (`model/market.html`) -> HTML; and the images the pages show (docs-relative paths). */
export function renderDocs(docsDir: string): Map<string, string> & { images?: Set<string> } {
  const pages = files(docsDir);
  const known = new Set(pages);
  const out: Map<string, string> & { images?: Set<string> } = new Map();
  const images = new Set<string>();
  out.images = images;
  for (const page of pages) {
    const depth = page.split('/').length - 1;
    const up = '../'.repeat(depth);
    const md = new Marked({
      gfm: true,
      renderer: {
        heading(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, { tokens, depth: level }: Tokens.Heading) {
          const html = this.parser.parseInline(tokens);
          return `<h${level} id="${slug(html)}">${html}</h${level}>\n`;
        },
        image({ href, title, text }: Tokens.Image) {
          if (/^[a-z]+:/i.test(href)) return `<span class="repo-ref">${esc(text)}</span>`; // nothing from the network
          images.add(path.posix.normalize(path.posix.join(path.posix.dirname(page), href)));
          return `<img src="${esc(href)}" alt="${esc(text)}"${title ? ` title="${esc(title)}"` : ''} style="max-width:100%">`;
        },
        link(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, { href, title, tokens }: Tokens.Link) {
          const text = this.parser.parseInline(tokens);
          if (/^[a-z]+:/i.test(href) || href.startsWith('#')) return `<a href="${esc(href)}"${title ? ` title="${esc(title)}"` : ''}>${text}</a>`;
          const [file, anchor] = href.split('#');
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
          if (known.has(target)) return `<a href="${esc(file.replace(/\.md$/, '.html'))}${anchor ? `#${esc(anchor)}` : ''}">${text}</a>`;
          return `<span class="repo-ref" title="in the clustersim repository: ${esc(target)}">${text}</span>`;
        },
      },
    });
    const body = md.parse(readFileSync(path.join(docsDir, page), 'utf8')) as string;
    const title = /^#\s+(.+)$/m.exec(readFileSync(path.join(docsDir, page), 'utf8'))?.[1]?.replace(/`/g, '') ?? page;
    out.set(page.replace(/\.md$/, '.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · clustersim</title><link rel="icon" href="data:,">
<style>
body{font-family:'DejaVu Sans',system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:1rem 1.5rem 4rem;line-height:1.55;color:#1a1a1a}
nav{margin-bottom:1.5rem;font-size:.95rem} a{color:#0b5a8f} code{background:#f3f3f3;padding:0 .2em;border-radius:3px}
pre{background:#f6f6f6;padding:.75rem;overflow-x:auto} table{border-collapse:collapse;display:block;overflow-x:auto}
th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top} .repo-ref{border-bottom:1px dotted #888}
</style></head>
<body><nav aria-label="Site"><a href="${up}../index.html">← Back to the explorer</a> · <a href="${up}model.html">The model</a> · <a href="${up}levers.html">Policy levers</a> · <a href="${up}model/indicators.html">What is measured</a></nav>
<main>
${body}
</main></body></html>
`);
  }
  return out;
}
