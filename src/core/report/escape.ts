// Log text is untrusted: everything taken from a log is escaped before it goes into Markdown or
// HTML. This is the one place that escapes: Markdown prose (light, so that the report still reads
// clean as text), Markdown with every punctuation character escaped (the hover), code spans, our
// own texts (which mark commands with backticks) and HTML.

/** Escapes text for inline Markdown prose (never placed at the start of a line by our renderer,
 *  but a leading list/heading marker is escaped anyway). Newlines become spaces. Only characters
 *  that could open a link, image, HTML, code, emphasis, a table cell, an entity or an autolink in
 *  their position get a backslash; a backslash only where it would escape the next character. */
export function escapeMarkdown(text: string): string {
  return clean(text)
    // A backslash is literal unless punctuation follows it (or it ends the text).
    .replace(/\\(?=[!-/:-@[-`{-~]|$)/g, '\\\\')
    // Always special inline: code, emphasis, link brackets, HTML, table cells.
    .replace(/[`*[\]<>|]/g, '\\$&')
    // `_` opens emphasis only at a word boundary (intraword `_` is literal in CommonMark).
    .replace(/_/g, (m, i: number, s: string) => (isWord(s[i - 1]) && isWord(s[i + 1]) ? m : '\\_'))
    // `~~` strikethrough (GFM), `&name;` / `&#123;` entities.
    .replace(/~/g, '\\~')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    // GFM autolinks: scheme://, www., e-mail addresses.
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@')
    // Block markers if the text ever starts a line: heading, list, quote.
    .replace(/^(\s*)([#>+-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Escapes every ASCII punctuation character (CommonMark allows a backslash before all of them),
 * so text can never form links, HTML, emphasis, code, headings or tables. For surfaces that
 * render with their own rules (the hover). Line breaks become spaces.
 */
export function escapeMarkdownStrict(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (ch) => `\\${ch}`);
}

/** Puts text in an inline code span (nothing is interpreted inside it). The fence is one
 *  backtick longer than the longest backtick run in the text, so the span cannot be closed
 *  early and the log text is shown unchanged. */
export function codeSpan(text: string): string {
  const t = clean(text);
  if (!t.length) return '` `';
  let longest = 0;
  for (const run of t.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each side when both are present; pad when the text
  // starts/ends with a backtick (it would join the fence) or with spaces on both sides.
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim().length > 0);
  return pad ? `${fence} ${t} ${fence}` : `${fence}${t}${fence}`;
}

/**
 * Our own texts (explanations, advice) mark commands with single backticks: those become code
 * spans, everything else is escaped with `escape` (light by default). Unbalanced backticks: all text.
 */
export function ownMarkdown(text: string, escape: (s: string) => string = escapeMarkdown): string {
  const parts = text.replace(/[\r\n]+/g, ' ').split('`');
  if (parts.length % 2 === 0) return escape(text);
  return parts.map((p, i) => (i % 2 === 0 ? (p ? escape(p) : '') : p.trim() ? codeSpan(p) : escape(`\`${p}\``))).join('');
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Removes control characters and line breaks, and bounds the length. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  const t = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return t.length > 400 ? `${t.slice(0, 400)}…` : t;
}
