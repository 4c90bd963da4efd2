// The report (or a code explanation) as plain text for an email: no Markdown marks, no escapes,
// headings underlined, lists kept, commands as they are typed.
import { inlineText, parseMarkdown, type Block } from './mdParse';

/** Display width: East Asian wide and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/** Plain text of the Markdown our renderers write. */
export function markdownToText(md: string): string {
  const out: string[] = [];
  for (const b of parseMarkdown(md)) {
    if (out.length) out.push('');
    blockText(b, '', out);
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function blockText(b: Block, indent: string, out: string[]): void {
  switch (b.t) {
    case 'heading': {
      const text = inlineText(b.c);
      out.push(text);
      if (b.level <= 2) out.push((b.level === 1 ? '=' : '-').repeat(Math.min(72, displayWidth(text))));
      return;
    }
    case 'para':
      for (const l of inlineText(b.c).split('\n')) out.push(indent + l);
      return;
    case 'list':
      b.items.forEach((it, k) => {
        const mark = b.ordered ? `${b.start + k}. ` : '- ';
        const lines = inlineText(it.c).split('\n');
        out.push(`${indent}${mark}${lines[0]}`);
        const pad = indent + ' '.repeat(mark.length);
        for (const l of lines.slice(1)) out.push(pad + l);
        for (const c of it.children) blockText(c, pad, out);
      });
      return;
    case 'table': {
      const rows = [b.head, ...b.rows].map((r) => r.map((c) => inlineText(c)));
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
      rows.forEach((r, k) => {
        out.push(indent + r.map((c, i) => c + ' '.repeat(Math.max(0, widths[i] - displayWidth(c)))).join('  ').trimEnd());
        if (k === 0) out.push(indent + widths.map((w) => '-'.repeat(w)).join('  '));
      });
      return;
    }
  }
}
