// The report (or a code explanation) as HTML and as plain text, from the Markdown our renderers
// write. HTML is built from the parsed tree with escapeHtml on every piece of text: only the tags
// listed here can appear, whatever the log said. `file name:line` references to the analysed
// files become links that carry the file's index and the line (never a path or URL), for the
// report view to open; everywhere else they stay text.
import { escapeHtml } from './escape';
import { escapeRegExp } from '../text/regexp';
import { parseMarkdown, type Block, type Inline } from './mdParse';

export interface HtmlOptions {
  /** File names as the report prints them (index = file index): `name:line` in prose becomes a link. */
  refNames?: readonly string[];
}

/** The report's body as an HTML fragment (no scripts, no styles, no URLs). */
export function markdownToHtml(md: string, opts: HtmlOptions = {}): string {
  const linker = refLinker(opts.refNames ?? []);
  return parseMarkdown(md).map((b) => blockHtml(b, linker)).join('\n');
}

type Linker = (text: string) => string;

function blockHtml(b: Block, link: Linker): string {
  switch (b.t) {
    case 'heading':
      return `<h${b.level}>${inlineHtml(b.c, link)}</h${b.level}>`;
    case 'para':
      return `<p>${inlineHtml(b.c, link)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
      const items = b.items.map((it) => `<li>${inlineHtml(it.c, link)}${it.children.map((c) => blockHtml(c, link)).join('')}</li>`);
      return `<${tag}${start}>${items.join('')}</${tag}>`;
    }
    case 'table': {
      const head = `<tr>${b.head.map((c) => `<th>${inlineHtml(c, link)}</th>`).join('')}</tr>`;
      const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${inlineHtml(c, link)}</td>`).join('')}</tr>`);
      return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
    }
  }
}

function inlineHtml(list: Inline[], link: Linker): string {
  return list.map((x) => {
    switch (x.t) {
      case 'text': return link(x.v);
      case 'code': return `<code>${escapeHtml(x.v)}</code>`;
      case 'strong': return `<strong>${inlineHtml(x.c, link)}</strong>`;
      case 'em': return `<em>${inlineHtml(x.c, link)}</em>`;
      case 'br': return '<br>';
    }
  }).join('');
}

const NAME_CHAR = /[\p{L}\p{N}._\\/-]/u;

/** Escapes text and links `name:line` references to known file names (longest name first). */
function refLinker(names: readonly string[]): Linker {
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (n && !index.has(n)) index.set(n, i);
  });
  if (!index.size) return escapeHtml;
  const sorted = [...index.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(${sorted.map(escapeRegExp).join('|')}):(\\d{1,9})(?!\\d)`, 'gu');
  return (text) => {
    let out = '';
    let last = 0;
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      if (at > 0 && NAME_CHAR.test(text[at - 1])) continue;
      out += escapeHtml(text.slice(last, at));
      out += `<a href="#" class="ref" data-file="${index.get(m[1])}" data-line="${Number(m[2])}">${escapeHtml(m[0])}</a>`;
      last = at + m[0].length;
    }
    return out + escapeHtml(text.slice(last));
  };
}

/** Style for the HTML report outside VS Code (Save as HTML, the rich-text clipboard). */
export const REPORT_CSS = [
  'body{font-family:"Segoe UI",system-ui,-apple-system,"Microsoft YaHei",sans-serif;font-size:14px;line-height:1.5;max-width:60em;margin:1.5em auto;padding:0 1em;color:#1f1f1f}',
  'h1{font-size:1.5em;margin:0 0 .5em}h2{font-size:1.2em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}h3{font-size:1.05em;margin:1.2em 0 .3em}',
  'code{font-family:Consolas,"Cascadia Mono",monospace;font-size:.92em;background:#f3f3f3;padding:0 .2em;border-radius:3px;word-break:break-word}',
  'ul,ol{padding-left:1.6em;margin:.3em 0}li{margin:.15em 0}p{margin:.5em 0}',
  'table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}',
].join('\n');

/** The report as rich text for the clipboard (an email): inline styles, no links. */
export function clipboardHtml(md: string): string {
  const body = markdownToHtml(md).replace(/<code>/g, '<code style="font-family:Consolas,\'Courier New\',monospace;font-size:0.92em">');
  return `<div style="font-family:'Segoe UI',Arial,'Microsoft YaHei',sans-serif;font-size:14px;line-height:1.45">${body}</div>`;
}

/** A standalone HTML document (Save as HTML): the report, its style, no script, no links. */
export function htmlDocument(md: string, title: string, lang: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    `<body>\n${markdownToHtml(md)}\n</body>`,
    '</html>',
    '',
  ].join('\n');
}
