// Legacy WindowsUpdate.log (Windows 7/8.1), tab-separated:
// `2018-10-02<TAB>10:55:18:145<TAB> 408<TAB>12cc<TAB>Agent<TAB>message` (PID decimal, TID hex, both may be space-padded).
import type { LogRecord } from '../model/types';
import { dateTime, digits, markerLevel, skipSpaces } from './fields';
import { newHead, type LineHead } from './head';
import { LineRecord } from './record';
import { readReportingEvent } from './reporting';

const REPORT_EVENT = 'REPORT EVENT: ';

/** Reads the header of `text.slice(start, end)`; false when it is not a record line. */
export function wu7Head(text: string, start: number, end: number, h: LineHead): boolean {
  const o = text.charCodeAt(start) === 0xfeff ? start + 1 : start;
  if (end - o < 29) return false;
  if (text.charCodeAt(o + 4) !== 45 || text.charCodeAt(o + 7) !== 45 || text.charCodeAt(o + 10) !== 9) return false;
  if (text.charCodeAt(o + 13) !== 58 || text.charCodeAt(o + 16) !== 58 || text.charCodeAt(o + 19) !== 58 || text.charCodeAt(o + 23) !== 9) return false;
  const ms = digits(text, o + 20, 3);
  const base = dateTime(text, o, o + 11);
  if (ms < 0 || Number.isNaN(base)) return false;
  const pidStart = skipSpaces(text, o + 24);
  const pidTab = tabBefore(text, pidStart, end);
  if (pidTab < 0) return false;
  const pid = digits(text, pidStart, pidTab - pidStart);
  if (pid < 0 || pidTab === pidStart || pidTab - pidStart > 10) return false;
  const tidStart = skipSpaces(text, pidTab + 1);
  const tidTab = tabBefore(text, tidStart, end);
  if (tidTab < 0 || tidTab === tidStart || tidTab - tidStart > 8) return false;
  const tid = parseHex(text, tidStart, tidTab);
  if (tid < 0) return false;
  const compStart = tidTab + 1;
  const compTab = tabBefore(text, compStart, end);
  // A line may end after the component (no message).
  const compEnd = compTab < 0 ? end : compTab;
  if (compEnd - compStart > 40) return false;
  h.compStart = compStart;
  h.compEnd = compEnd;
  // Leading spaces of the message are indentation (`  * WARNING: ...`): the message starts after them.
  h.msg = compTab < 0 ? end : skipSpaces(text, compTab + 1);
  h.levelStart = h.levelEnd = h.msg;
  h.time = base + ms;
  h.timeStart = o;
  h.timeEnd = o + 23;
  h.pid = pid;
  h.tid = tid;
  return true;
}

/** The next tab at `from` or later, before `end`; -1 when none. */
function tabBefore(text: string, from: number, end: number): number {
  const t = text.indexOf('\t', from);
  return t >= 0 && t < end ? t : -1;
}

const head = newHead();

export function parseWu7(line: string, lineNo: number): LogRecord | undefined {
  return wu7Head(line, 0, line.length, head) ? wu7Record(line, lineNo, head) : undefined;
}

/** The record of a line whose header `h` was read from it (positions from the line's start). */
export function wu7Record(line: string, lineNo: number, h: LineHead): LineRecord {
  const o = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  const msg = h.msg;
  const rec = new LineRecord(line, lineNo, o, o + 23, h.time, line.slice(h.compStart, h.compEnd).trim(), markerLevel(line, msg), msg, h.pid, h.tid);
  // `REPORT EVENT: {GUID}<TAB>time<TAB>...`: the ReportingEvents fields, inline.
  // The first-letter test spares a startsWith call (slow on a line sliced from a chunk) on every other line.
  if (line.charCodeAt(msg) === 82 && line.startsWith(REPORT_EVENT, msg)) {
    const ev = readReportingEvent(line, msg + REPORT_EVENT.length);
    if (ev) rec.reporting = ev.fields;
  }
  return rec;
}

function parseHex(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}
