// Log text is untrusted: everything taken from a log is escaped before it goes into Markdown.

/** Escapes text for Markdown prose: the characters that open links, images, HTML, code,
 *  emphasis, tables or entities get a backslash, and autolinks (`http://`, `www.`) are broken;
 *  newlines become spaces. */
export function escapeMarkdown(text: string): string {
  return clean(text)
    .replace(/[\\`*_{}[\]()<>#!|~&]/g, (c) => `\\${c}`)
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
}

/** Puts text in an inline code span (no Markdown or HTML is interpreted inside it). Backticks in
 *  the text are replaced, so the span cannot be closed early. */
export function codeSpan(text: string): string {
  const t = clean(text).replace(/`/g, 'ˋ');
  return `\`${t.length ? t : ' '}\``;
}

/** Removes control characters and line breaks, and bounds the length. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  const t = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return t.length > 400 ? `${t.slice(0, 400)}…` : t;
}
