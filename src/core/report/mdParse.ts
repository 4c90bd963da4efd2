// Reads back the Markdown our renderers write (the report, the code explanation) into a small
// tree, so that the same text can be shown as HTML (report view, rich-text clipboard, Save as
// HTML) and as plain text (email). It covers the subset we write: ATX headings, `-` and `1.`
// list items (nested by two spaces or more), pipe tables, paragraphs with hard breaks (two
// trailing spaces), and inline backslash escapes, code spans (any fence), `**strong**` and
// `*emphasis*`. Anything else is text: this never produces markup the source did not ask for.

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'br' };

export type Block =
  | { t: 'heading'; level: number; c: Inline[] }
  | { t: 'para'; c: Inline[] }
  | { t: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { t: 'table'; head: Inline[][]; rows: Inline[][][] };

export interface ListItem {
  c: Inline[];
  /** Nested lists (and continuation paragraphs) of the item. */
  children: Block[];
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const ITEM = /^(\s*)(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;
const TABLE_SEP = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Parses Markdown into blocks. */
export function parseMarkdown(md: string): Block[] {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  return parseBlocks(lines, 0, lines.length, 0).blocks;
}

interface Parsed {
  blocks: Block[];
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

function parseBlocks(lines: string[], from: number, to: number, base: number): Parsed {
  const blocks: Block[] = [];
  let i = from;
  while (i < to) {
    const raw = lines[i];
    if (!raw.trim()) {
      i++;
      continue;
    }
    const line = raw.slice(Math.min(base, indentOf(raw)));
    const h = indentOf(line) < 4 ? HEADING.exec(line) : null;
    if (h) {
      blocks.push({ t: 'heading', level: h[1].length, c: parseInline(h[2]) });
      i++;
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      i = parseList(lines, i, to, base, blocks);
      continue;
    }
    if (line.trimStart().startsWith('|') && i + 1 < to && TABLE_SEP.test(lines[i + 1].trim())) {
      const head = cells(line);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < to && lines[i].trim().startsWith('|')) rows.push(cells(lines[i++]));
      blocks.push({ t: 'table', head, rows });
      continue;
    }
    // A paragraph: up to a blank line or a line that starts another block.
    const para: string[] = [];
    while (i < to && lines[i].trim()) {
      const l = lines[i].slice(Math.min(base, indentOf(lines[i])));
      if (para.length && (HEADING.exec(l) || ITEM.exec(l))) break;
      para.push(l);
      i++;
    }
    blocks.push({ t: 'para', c: paragraphInline(para) });
  }
  return { blocks };
}

/** A list that starts at line `from`; returns the first line after it. */
function parseList(lines: string[], from: number, to: number, base: number, out: Block[]): number {
  const first = ITEM.exec(lines[from].slice(Math.min(base, indentOf(lines[from])))) as RegExpExecArray;
  const indent = first[1].length + base;
  const ordered = first[3] !== undefined;
  const list: Block = { t: 'list', ordered, start: ordered ? Number(first[3]) : 1, items: [] };
  let i = from;
  while (i < to) {
    const raw = lines[i];
    const m = ITEM.exec(raw);
    if (!m || m[1].length !== indent || (m[3] !== undefined) !== ordered) break;
    // The item's own lines: its text, then lines indented deeper (nested lists, continuations).
    const contentIndent = indent + (m[2] ?? `${m[3]}.`).length + 1;
    let j = i + 1;
    const text = [m[4]];
    while (j < to && lines[j].trim() && indentOf(lines[j]) > indent && !ITEM.exec(lines[j])) {
      text.push(lines[j].trim());
      j++;
    }
    const childStart = j;
    while (j < to) {
      if (!lines[j].trim()) {
        // A blank line ends the item unless the next line is indented into it.
        if (j + 1 < to && lines[j + 1].trim() && indentOf(lines[j + 1]) > indent) {
          j++;
          continue;
        }
        break;
      }
      if (indentOf(lines[j]) <= indent) break;
      j++;
    }
    const children = parseBlocks(lines, childStart, j, Math.min(contentIndent, indent + 2)).blocks;
    list.items.push({ c: paragraphInline(text), children });
    i = j;
    // One blank line between items of the same list keeps the list going.
    if (i < to && !lines[i].trim() && i + 1 < to) {
      const next = ITEM.exec(lines[i + 1]);
      if (next && next[1].length === indent && (next[3] !== undefined) === ordered) i++;
    }
  }
  out.push(list);
  return i;
}

function paragraphInline(lines: string[]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((l, k) => {
    const hard = / {2,}$/.test(l) || /\\$/.test(l);
    const text = k < lines.length - 1 ? l.replace(/\\$/, '').replace(/\s+$/, '') : l.trim();
    out.push(...parseInline(k ? text.trimStart() : text.trimStart()));
    if (k < lines.length - 1) out.push(hard ? { t: 'br' } : { t: 'text', v: ' ' });
  });
  return merge(out);
}

/** The cells of a table row (`| a | b |`); `\|` stays in its cell. */
function cells(line: string): Inline[][] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (s[i] === '|') {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out.map((c) => parseInline(c.trim()));
}

const PUNCT = /[!-/:-@[-`{-~]/;

/** Inline content: escapes, code spans, strong and emphasis (balanced `**`/`*` only). */
export function parseInline(s: string): Inline[] {
  const root: Inline[] = [];
  // Open emphasis frames: the delimiter and the list its content goes to.
  const stack: { delim: string; c: Inline[]; at: number }[] = [];
  const cur = (): Inline[] => (stack.length ? stack[stack.length - 1].c : root);
  let text = '';
  const flush = (): void => {
    if (text) cur().push({ t: 'text', v: text });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && PUNCT.test(s[i + 1])) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (s[i + n] === '`') n++;
      const close = findRun(s, i + n, n);
      if (close < 0) {
        text += s.slice(i, i + n);
        i += n;
        continue;
      }
      flush();
      let v = s.slice(i + n, close).replace(/\n/g, ' ');
      if (v.length > 2 && v.startsWith(' ') && v.endsWith(' ') && v.trim()) v = v.slice(1, -1);
      cur().push({ t: 'code', v });
      i = close + n;
      continue;
    }
    if (c === '*') {
      const delim = s[i + 1] === '*' ? '**' : '*';
      const top = stack[stack.length - 1];
      if (top && top.delim === delim && i > 0 && !/\s/.test(s[i - 1])) {
        flush();
        stack.pop();
        cur().push(delim === '**' ? { t: 'strong', c: top.c } : { t: 'em', c: top.c });
        i += delim.length;
        continue;
      }
      if (i + delim.length < s.length && !/\s/.test(s[i + delim.length]) && hasCloser(s, i + delim.length, delim)) {
        flush();
        stack.push({ delim, c: [], at: i });
        i += delim.length;
        continue;
      }
      text += delim;
      i += delim.length;
      continue;
    }
    text += c;
    i++;
  }
  flush();
  // Unclosed frames: their delimiter was text after all.
  while (stack.length) {
    const f = stack.pop() as { delim: string; c: Inline[] };
    const into = cur();
    into.push({ t: 'text', v: f.delim }, ...f.c);
  }
  return merge(root);
}

/** Is there a closing `delim` (not preceded by a space, not escaped, outside code spans) after `from`? */
function hasCloser(s: string, from: number, delim: string): boolean {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === '`') {
      let n = 1;
      while (s[i + n] === '`') n++;
      const close = findRun(s, i + n, n);
      i = close < 0 ? i + n - 1 : close + n - 1;
      continue;
    }
    if (s.startsWith(delim, i) && !/\s/.test(s[i - 1]) && (delim === '**' || s[i + 1] !== '*')) return true;
    if (delim === '*' && s.startsWith('**', i)) i++;
  }
  return false;
}

/** Index of the next run of exactly `n` backticks at or after `from`, or -1. */
export function findRun(s: string, from: number, n: number): number {
  let i = s.indexOf('`', from);
  while (i >= 0) {
    let m = 1;
    while (s[i + m] === '`') m++;
    if (m === n) return i;
    i = s.indexOf('`', i + m);
  }
  return -1;
}

/** Joins neighbouring text nodes. */
function merge(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const x of list) {
    const last = out[out.length - 1];
    if (x.t === 'text' && last?.t === 'text') last.v += x.v;
    else out.push(x);
  }
  return out;
}

/** The plain text of inline content (code without fences, markup removed). */
export function inlineText(list: Inline[]): string {
  return list.map((x) => (x.t === 'text' || x.t === 'code' ? x.v : x.t === 'br' ? '\n' : inlineText(x.c))).join('');
}
