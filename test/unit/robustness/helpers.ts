// Shared by the robustness tests: a seeded PRNG and the Markdown safety check.
import * as assert from 'node:assert/strict';

export { PROJECT_ROOT as ROOT, rng } from '../../support';


/**
 * Fails when Markdown, read the way CommonMark reads it (backslash escapes, code spans closed by
 * an equal backtick run on the same line), holds a raw HTML tag or a link/image destination
 * outside code spans. Our renderer writes neither, so any hit is log text that got through.
 */
export function checkMarkdownSafe(md: string, label: string): void {
  const lines = md.split('\n');
  for (const [n, line] of lines.entries()) {
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      if (c === '\\') { i += 2; continue; }
      if (c === '`') {
        let run = 1;
        while (line[i + run] === '`') run++;
        const close = findRun(line, i + run, run);
        i = close === -1 ? i + run : close + run;
        continue;
      }
      const rest = line.slice(i, i + 16);
      if (/^<[A-Za-z/!?]/.test(rest)) assert.fail(`${label}: raw HTML at line ${n + 1}: ${line.slice(Math.max(0, i - 40), i + 60)}`);
      if (/^\]\(/.test(rest)) assert.fail(`${label}: link destination at line ${n + 1}: ${line.slice(Math.max(0, i - 40), i + 60)}`);
      if (/^\]\(\s*(command|javascript):/i.test(rest)) assert.fail(`${label}: command/javascript link at line ${n + 1}`);
      i++;
    }
  }
}

/** Index of the next backtick run of exactly `len` from `from`, or -1. */
function findRun(line: string, from: number, len: number): number {
  let i = from;
  while (i < line.length) {
    if (line[i] !== '`') { i++; continue; }
    let run = 1;
    while (line[i + run] === '`') run++;
    if (run === len) return i;
    i += run;
  }
  return -1;
}
