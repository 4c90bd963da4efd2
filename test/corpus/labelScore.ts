// Scores the analysis against the labelled expectations (test/corpus/expectations/*.json):
// which reported failures match which expected ones, by deciding line and code.
import type { Analysis, Failure } from '../../src/core/analysis/types';

export interface Expected {
  lines: number[];
  range?: [number, number];
  code: string;
  alsoCodes?: string[];
  phase: string;
  subject?: string;
  recovered?: boolean;
  note?: string;
}

export interface FileLabels {
  failures: Expected[];
  lowConfidence?: Expected[];
}

export interface FileScore {
  file: string;
  expected: number;
  reported: number;
  matched: { exp: Expected; got: Failure }[];
  missed: Expected[];
  /** Reported failures that match no expectation (false positives). */
  extra: Failure[];
}

const codeOf = (s: string): number => parseInt(s.replace(/^0x/i, ''), 16) >>> 0;

/** 1-based lines at which a failure is stated: its deciding line and its merged repeats. */
function linesOf(f: Failure): number[] {
  return [f.at.line + 1].concat((f.repeats ?? []).map((r) => r.line + 1));
}

function codeMatches(e: Expected, f: Failure): boolean {
  const codes = new Set([e.code].concat(e.alsoCodes ?? []).map(codeOf));
  return codes.has(f.code) || (f.callErrorCode !== undefined && codes.has(f.callErrorCode));
}

function hit(e: Expected, f: Failure, exact: boolean): boolean {
  if (!codeMatches(e, f)) return false;
  const ls = linesOf(f);
  if (ls.some((l) => e.lines.includes(l))) return true;
  return !exact && !!e.range && ls.some((l) => l >= (e.range as [number, number])[0] && l <= (e.range as [number, number])[1]);
}

/** Greedy one-to-one matching: exact lines first, then ranges. Failures matching a low-confidence label are neutral. */
export function scoreFile(file: string, labels: FileLabels, analysis: Analysis): FileScore {
  const got = analysis.failures.filter((f) => f.at.file === 0);
  const left = new Set(got);
  const matched: FileScore['matched'] = [];
  const missed: Expected[] = [];
  const open = labels.failures.slice();
  for (const exact of [true, false]) {
    for (let i = 0; i < open.length; i++) {
      const e = open[i];
      const f = [...left].find((x) => hit(e, x, exact));
      if (!f) continue;
      matched.push({ exp: e, got: f });
      left.delete(f);
      open.splice(i--, 1);
    }
  }
  missed.push(...open);
  for (const f of [...left]) if ((labels.lowConfidence ?? []).some((e) => hit(e, f, false))) left.delete(f);
  return { file, expected: labels.failures.length, reported: got.length, matched, missed, extra: [...left] };
}
