// Turns the `file:line` references of a rendered report into links to the log at that line
// (`<target>#L<line>`, which the Markdown preview opens at the line). Only references to files
// we analysed are linked, and the link target is always a URI we built, never text from a log.
// Code spans (where log text is quoted) are left untouched. Pure: no vscode import.
import { escapeMarkdown, reportFileName } from '../core/report';

export interface LinkTarget {
  /** The path as it appears in `Analysis.files[i].path` (the report prints its base name). */
  path: string;
  /** URI of the file without a fragment (e.g. `file:///logs/CBS.log`); undefined = do not link. */
  target?: string;
}

/** Characters that may stand right before a file name in the report without being part of a longer name. */
const NAME_CHAR = /[\p{L}\p{N}._\\-]/u;

/** Escapes what would end or break a Markdown link destination. */
function safeDestination(uri: string): string {
  return uri.replace(/[()<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Ranges [start, end) of a line that are outside inline code spans (CommonMark backtick runs). */
export function proseRanges(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') {
      i += 2; // an escaped character (outside code spans) is literal
      continue;
    }
    if (c !== '`') {
      i++;
      continue;
    }
    let n = 1;
    while (line[i + n] === '`') n++;
    const close = findRun(line, i + n, n);
    if (close < 0) {
      i += n; // no closing run of the same length: the backticks are literal
      continue;
    }
    if (i > start) out.push([start, i]);
    i = close + n;
    start = i;
  }
  if (line.length > start) out.push([start, line.length]);
  return out;
}

/** Index of the next run of exactly `n` backticks at or after `from`, or -1. */
function findRun(line: string, from: number, n: number): number {
  let i = line.indexOf('`', from);
  while (i >= 0) {
    let m = 1;
    while (line[i + m] === '`') m++;
    if (m === n) return i;
    i = line.indexOf('`', i + m);
  }
  return -1;
}

/** True when the report already carries links of its own (then it is returned unchanged). */
function hasOwnLinks(markdown: string): boolean {
  for (const line of markdown.split('\n')) {
    for (const [s, e] of proseRanges(line)) {
      const part = line.slice(s, e);
      for (let i = part.indexOf(']('); i >= 0; i = part.indexOf('](', i + 1)) {
        let bs = 0;
        while (part[i - 1 - bs] === '\\') bs++;
        if (bs % 2 === 0) return true;
      }
    }
  }
  return false;
}

/** Links `name:line` references (1-based line numbers, as the report prints them) to their files. */
export function linkEvidence(markdown: string, files: readonly LinkTarget[]): string {
  // Escaped base name → target; names shared by two files with different targets are ambiguous: not linked.
  const byName = new Map<string, string | undefined>();
  for (const f of files) {
    const name = escapeMarkdown(reportFileName(f.path));
    if (!name) continue;
    const target = f.target ? safeDestination(f.target) : undefined;
    if (byName.has(name) && byName.get(name) !== target) byName.set(name, undefined);
    else byName.set(name, target);
  }
  const names = [...byName.entries()].filter(([, t]) => t !== undefined).map(([n]) => n);
  if (!names.length || hasOwnLinks(markdown)) return markdown;
  // Longest names first, so `xCBS.log` is not read as `CBS.log`.
  names.sort((a, b) => b.length - a.length);
  const re = new RegExp(`(${names.map(escapeRegExp).join('|')}):(\\d{1,9})(?!\\d)`, 'gu');
  return markdown.split('\n').map((line) => {
    const ranges = proseRanges(line);
    if (!ranges.length) return line;
    let out = '';
    let last = 0;
    for (const [s, e] of ranges) {
      const part = line.slice(s, e);
      out += line.slice(last, s);
      out += part.replace(re, (m: string, name: string, num: string, offset: number) => {
        const before = offset > 0 ? part[offset - 1] : s > 0 ? line[s - 1] : '';
        if (before && NAME_CHAR.test(before)) return m;
        const target = byName.get(name);
        return target ? `[${m}](${target}#L${Number(num)})` : m;
      });
      last = e;
    }
    return out + line.slice(last);
  }).join('\n');
}
