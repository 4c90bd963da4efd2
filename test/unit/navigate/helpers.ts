// Fixtures of the navigation tests: the integration workspace's `navigate/` logs (our own),
// analysed and indexed as the editor does it.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText, type Analysis } from '../../../src/core/analysis';
import { indexRecords, splitLines, type RecordIndex } from '../../../src/core/navigate';
import { PROJECT_ROOT } from '../../support';

export const NAV_DIR = path.join(PROJECT_ROOT, 'test/integration/workspace/navigate');

export interface Doc {
  name: string;
  text: string;
  lines: string[];
  analysis: Analysis;
  index: RecordIndex;
  lineText: (line: number) => string | undefined;
}

export function readText(file: string): string {
  const bytes = readFileSync(file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function load(file: string): Doc {
  const text = readText(file);
  const name = path.basename(file);
  const lines = splitLines(text);
  return { name, text, lines, analysis: analyzeText(text, name), index: indexRecords(text, name), lineText: (l) => lines[l] };
}

export function nav(name: string): Doc {
  return load(path.join(NAV_DIR, name));
}

/** The 0-based line of the first line containing `needle`. */
export function lineOf(doc: Doc, needle: string): number {
  const i = doc.lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle} in ${doc.name}`);
  return i;
}
