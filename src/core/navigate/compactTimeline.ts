// A compact timeline of a bundle's analysis for its report: the calls that matter (installs,
// downloads, uninstalls, and any failed call), the failures (still failing or recovered), the
// CBS sessions of Windows Update or with errors, and the DISM runs, in time order. Successful
// searches are counted, not listed. Plain data for src/core/report to phrase.
import type { Analysis, CbsSession, DismRun, Failure, LineRef } from '../analysis/types';
import { logicalCalls, type LogicalCall } from './logicalCalls';

export type CompactEntry =
  | { kind: 'call'; at: LineRef; time?: number; call: LogicalCall }
  | { kind: 'failure'; at: LineRef; time?: number; failure: Failure }
  | { kind: 'session'; at: LineRef; time?: number; session: CbsSession }
  | { kind: 'dismRun'; at: LineRef; time?: number; run: DismRun };

export interface CompactTimeline {
  entries: CompactEntry[];
  /** Calls left out: successful or unfinished searches and agent calls with no failure. */
  omittedCalls: number;
  /** Entries beyond `maxEntries` (the latest are kept). */
  omittedEntries: number;
}

export interface CompactTimelineOptions {
  /** Milliseconds added to the times of each file (index into `analysis.files`), e.g. the clock offset of WindowsUpdate.log. */
  shiftMs?: readonly number[];
  maxEntries?: number;
}

const LISTED_KINDS = new Set(['install', 'download', 'uninstall']);

/** The shift of each analysed file for an offset: decoder-clock files (Get-WindowsUpdateLog text, not decoded ETL) get `offsetMs`. */
export function clockShifts(analysis: Analysis, offsetMs: number): number[] {
  return analysis.files.map((f) => (f.format === 'wu10' && !f.etl ? offsetMs : 0));
}

export function compactTimeline(analysis: Analysis, options: CompactTimelineOptions = {}): CompactTimeline {
  const shift = (file: number, t: number | undefined): number | undefined => (t === undefined ? undefined : t + (options.shiftMs?.[file] ?? 0));
  const entries: CompactEntry[] = [];
  const failedCallKeys = new Set(analysis.failures.map((f) => f.callKey).filter((k): k is string => !!k));
  let omittedCalls = 0;
  for (const call of logicalCalls(analysis.calls)) {
    const listed = LISTED_KINDS.has(call.kind) || call.result === 'failed' || call.halves.some((h) => failedCallKeys.has(h.key));
    if (!listed) {
      omittedCalls++;
      continue;
    }
    entries.push({ kind: 'call', at: { file: call.file, line: call.startLine }, time: shift(call.file, call.startTime), call });
  }
  for (const failure of analysis.failures) entries.push({ kind: 'failure', at: failure.at, time: shift(failure.at.file, failure.time), failure });
  const cited = new Set(analysis.failures.flatMap((f) => f.cbsSessionKeys));
  for (const session of analysis.cbsSessions) {
    if (session.errors.length || session.client === 'WindowsUpdateAgent' || cited.has(session.key)) {
      entries.push({ kind: 'session', at: { file: session.file, line: session.startLine }, time: shift(session.file, session.startTime), session });
    }
  }
  for (const run of analysis.dismRuns ?? []) entries.push({ kind: 'dismRun', at: { file: run.file, line: run.startLine }, time: shift(run.file, run.startTime), run });
  entries.sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || a.at.file - b.at.file || a.at.line - b.at.line);
  const max = options.maxEntries ?? 200;
  const omittedEntries = Math.max(0, entries.length - max);
  return { entries: omittedEntries ? entries.slice(omittedEntries) : entries, omittedCalls, omittedEntries };
}
