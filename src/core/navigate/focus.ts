// Focus views: which lines of a log belong to one update, one call, one thread, one component,
// one CBS session, one DISM run, or are failures. Whole records are taken (a record's
// continuation lines come with it), in line order. Plain data: the VS Code layer builds the
// read-only document and its links back from these line numbers.
import type { Analysis } from '../analysis/types';
import { failureLines } from './failureLines';
import { logicalCallIndex, logicalCalls } from './logicalCalls';
import { firstRecordFrom, recordAt, type RecordIndex } from './recordIndex';
import { mentionPattern } from './relatedIds';

export type FocusSelector =
  | { kind: 'update'; updateId: string; kb?: string }
  | { kind: 'kb'; kb: string }
  | { kind: 'call'; callKey: string }
  | { kind: 'thread'; tid: number; pid?: number }
  | { kind: 'component'; component: string }
  | { kind: 'session'; sessionKey: string }
  | { kind: 'dismRun'; runKey: string }
  | { kind: 'failures' };

/** Lines a focus view holds at most (the rest is cut, and the view says so). */
export const FOCUS_MAX_LINES = 200_000;

export interface FocusResult {
  /** Source lines, ascending. */
  lines: number[];
  /** More lines matched than FOCUS_MAX_LINES. */
  truncated: boolean;
}

export interface FocusSource {
  analysis: Analysis;
  index: RecordIndex;
  lineText: (line: number) => string | undefined;
  lineCount: number;
}

/** The lines of the source that the selector keeps (file 0 of the analysis). */
export function focusLines(src: FocusSource, sel: FocusSelector): FocusResult {
  const acc = new LineSet(src.index);
  switch (sel.kind) {
    case 'update': {
      const patterns = [mentionPattern({ kind: 'update', value: sel.updateId })];
      if (sel.kb) patterns.push(mentionPattern({ kind: 'kb', value: sel.kb }));
      scanText(src, patterns, acc);
      break;
    }
    case 'kb':
      scanText(src, [mentionPattern({ kind: 'kb', value: sel.kb })], acc);
      break;
    case 'call':
      callLines(src, sel.callKey, acc);
      break;
    case 'thread':
      eachRecord(src.index, 0, Infinity, (r) => src.index.tid[r] === sel.tid && (sel.pid === undefined || src.index.pid[r] === sel.pid), acc);
      break;
    case 'component': {
      const id = src.index.components.indexOf(sel.component);
      if (id > 0) eachRecord(src.index, 0, Infinity, (r) => src.index.component[r] === id, acc);
      break;
    }
    case 'session': {
      const s = src.analysis.cbsSessions.find((x) => x.key === sel.sessionKey && x.file === 0);
      if (s) acc.addRange(s.startLine, s.endLine ?? s.startLine);
      break;
    }
    case 'dismRun': {
      const run = (src.analysis.dismRuns ?? []).find((x) => x.key === sel.runKey && x.file === 0);
      if (run) {
        const end = run.endLine ?? run.resultLine ?? run.startLine;
        acc.addRecordOf(run.startLine);
        eachRecord(src.index, run.startLine, end, (r) => run.pid === undefined || src.index.pid[r] < 0 || src.index.pid[r] === run.pid, acc);
      }
      break;
    }
    case 'failures': {
      for (const l of failureLines(src.analysis, 'all')) acc.addRecordOf(l);
      for (const f of src.analysis.failures) for (const e of f.evidence) if (e.file === 0) acc.addRecordOf(e.line);
      break;
    }
  }
  return acc.result(src.lineCount);
}

/** Lines of a logical call: the lines of each half's thread inside the half, and every line carrying its cV. */
function callLines(src: FocusSource, callKey: string, acc: LineSet): void {
  const list = logicalCalls(src.analysis.calls.filter((c) => c.file === 0));
  const call = logicalCallIndex(list).get(callKey);
  if (!call) return;
  const { index } = src;
  for (const h of call.halves) {
    const end = h.endLine ?? h.startLine;
    acc.addRecordOf(h.startLine);
    acc.addRecordOf(end);
    if (h.tid !== undefined) eachRecord(index, h.startLine, end, (r) => index.tid[r] === h.tid && (h.pid === undefined || index.pid[r] === h.pid), acc);
  }
  if (call.cv) {
    const base = call.cv;
    const end = call.endLine ?? call.startLine;
    const re = mentionPattern({ kind: 'cv', value: base });
    for (let l = call.startLine; l <= end; l++) {
      const t = src.lineText(l);
      if (t === undefined) break;
      re.lastIndex = 0;
      if (t.indexOf(base) >= 0 && re.test(t)) acc.addRecordOf(l);
    }
  }
}

function scanText(src: FocusSource, patterns: RegExp[], acc: LineSet): void {
  for (let l = 0; l < src.lineCount && !acc.full; l++) {
    const t = src.lineText(l);
    if (t === undefined) break;
    for (const re of patterns) {
      re.lastIndex = 0;
      if (re.test(t)) {
        acc.addRecordOf(l);
        break;
      }
    }
  }
}

function eachRecord(index: RecordIndex, from: number, to: number, keep: (r: number) => boolean, acc: LineSet): void {
  for (let r = firstRecordFrom(index, from); r < index.count && index.start[r] <= to && !acc.full; r++) {
    if (keep(r)) acc.addRange(index.start[r], index.end[r]);
  }
}

/** Collects lines (whole records), bounded. */
class LineSet {
  private readonly lines = new Set<number>();
  private over = false;

  constructor(private readonly index: RecordIndex) {}

  get full(): boolean {
    return this.over;
  }

  addRange(from: number, to: number): void {
    for (let l = from; l <= to; l++) {
      if (this.lines.size >= FOCUS_MAX_LINES) {
        if (!this.lines.has(l)) this.over = true;
        return;
      }
      this.lines.add(l);
    }
  }

  /** The record holding `line` (or the line alone when it is in none). */
  addRecordOf(line: number): void {
    const r = recordAt(this.index, line);
    if (r >= 0) this.addRange(this.index.start[r], this.index.end[r]);
    else this.addRange(line, line);
  }

  result(lineCount: number): FocusResult {
    const lines = [...this.lines].filter((l) => l >= 0 && l < Math.max(lineCount, 1)).sort((a, b) => a - b);
    return { lines, truncated: this.over };
  }
}
