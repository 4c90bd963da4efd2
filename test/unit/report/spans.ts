// Test helper: removes CommonMark inline code spans (any fence length) from Markdown, leaving
// the prose a renderer would interpret. A backslash-escaped backtick opens no span.

export function stripCodeSpans(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    const c = md[i];
    if (c === '\\' && i + 1 < md.length) {
      out += md.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      out += c;
      i++;
      continue;
    }
    let n = 0;
    while (md[i + n] === '`') n++;
    const close = findRun(md, i + n, n);
    if (close < 0) {
      out += md.slice(i, i + n);
      i += n;
    } else {
      i = close + n;
    }
  }
  return out;
}

/** Lists the contents of code spans (fences removed, one padding space stripped each side). */
export function codeSpanContents(md: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < md.length) {
    if (md[i] === '\\') {
      i += 2;
      continue;
    }
    if (md[i] !== '`') {
      i++;
      continue;
    }
    let n = 0;
    while (md[i + n] === '`') n++;
    const close = findRun(md, i + n, n);
    if (close < 0) {
      i += n;
      continue;
    }
    let body = md.slice(i + n, close);
    if (body.length > 1 && body.startsWith(' ') && body.endsWith(' ') && body.trim()) body = body.slice(1, -1);
    found.push(body);
    i = close + n;
  }
  return found;
}

/** Start of the next run of exactly `n` backticks on the same line, or -1. */
function findRun(md: string, from: number, n: number): number {
  let j = from;
  while (j < md.length && md[j] !== '\n') {
    if (md[j] === '`') {
      let m = 0;
      while (md[j + m] === '`') m++;
      if (m === n) return j;
      j += m;
    } else j++;
  }
  return -1;
}
