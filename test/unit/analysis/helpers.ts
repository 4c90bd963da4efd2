// Runs the Analyzer over fixture files of test/fixtures/analysis with the test record parser.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogFormat } from '../../../src/core/model/types';
import { Analyzer } from '../../../src/core/analysis/analyzer';
import type { Analysis } from '../../../src/core/analysis/types';
import { recordsOf } from './records';

// out/test/unit/analysis → project root; fall back to the working directory (mocha runs there).
const fromOut = path.resolve(__dirname, '../../../../test/fixtures/analysis');
export const FIXTURES = fs.existsSync(fromOut) ? fromOut : path.resolve('test/fixtures/analysis');

export function formatOf(name: string): LogFormat {
  if (name.startsWith('wu7')) return 'wu7';
  if (name.startsWith('cbs')) return 'cbs';
  if (name.startsWith('setup')) return 'setup';
  if (name.startsWith('reporting')) return 'reporting';
  return 'wu10';
}

export function analyseFixtures(...names: string[]): Analysis {
  const a = new Analyzer();
  for (const n of names) {
    const fmt = formatOf(n);
    const i = a.addFile(n, fmt);
    for (const r of recordsOf(fs.readFileSync(path.join(FIXTURES, n), 'utf8'), fmt)) a.push(i, r);
  }
  return a.finish([]);
}

export function analyseText(text: string, fmt: LogFormat, name = 'inline.log'): Analysis {
  const a = new Analyzer();
  const i = a.addFile(name, fmt);
  for (const r of recordsOf(text, fmt)) a.push(i, r);
  return a.finish([]);
}

/** 1-based line numbers of refs, for readable assertions. */
export const lines = (refs: { line: number }[]): number[] => refs.map((r) => r.line + 1);
