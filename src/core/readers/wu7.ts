// Legacy WindowsUpdate.log (Windows 7/8.1), tab-separated:
// `2018-10-02<TAB>10:55:18:145<TAB> 408<TAB>12cc<TAB>Agent<TAB>message` (PID decimal, TID hex, both may be space-padded).
import type { LogRecord } from '../model/types';
import { findCodes, findCvs, findKbs, findUpdateIds } from '../tokens';
import { dateTime, digits, markerLevel, skipSpaces } from './fields';
import { readReportingEvent } from './reporting';

const REPORT_EVENT = 'REPORT EVENT: ';

export function parseWu7(line: string, lineNo: number): LogRecord | undefined {
  const o = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (line.length < o + 29) return undefined;
  if (line.charCodeAt(o + 4) !== 45 || line.charCodeAt(o + 7) !== 45 || line.charCodeAt(o + 10) !== 9) return undefined;
  if (line.charCodeAt(o + 13) !== 58 || line.charCodeAt(o + 16) !== 58 || line.charCodeAt(o + 19) !== 58 || line.charCodeAt(o + 23) !== 9) return undefined;
  const ms = digits(line, o + 20, 3);
  const base = dateTime(line, o, o + 11);
  if (ms < 0 || Number.isNaN(base)) return undefined;
  const pidStart = skipSpaces(line, o + 24);
  const pidTab = line.indexOf('\t', pidStart);
  if (pidTab < 0) return undefined;
  const pid = digits(line, pidStart, pidTab - pidStart);
  if (pid < 0 || pidTab === pidStart || pidTab - pidStart > 10) return undefined;
  const tidStart = skipSpaces(line, pidTab + 1);
  const tidTab = line.indexOf('\t', tidStart);
  if (tidTab < 0 || tidTab === tidStart || tidTab - tidStart > 8) return undefined;
  const tid = parseHex(line, tidStart, tidTab);
  if (tid < 0) return undefined;
  const compStart = tidTab + 1;
  const compTab = line.indexOf('\t', compStart);
  // A line may end after the component (no message).
  const compEnd = compTab < 0 ? line.length : compTab;
  if (compEnd - compStart > 40) return undefined;
  // Leading spaces of the message are indentation (`  * WARNING: ...`): the message starts after them.
  const msg = compTab < 0 ? line.length : skipSpaces(line, compTab + 1);
  const rec: LogRecord = {
    line: lineNo,
    endLine: lineNo,
    timeText: line.slice(o, o + 23),
    time: base + ms,
    pid,
    tid,
    component: line.slice(compStart, compEnd).trim(),
    level: markerLevel(line, msg),
    message: line.slice(msg),
    messageColumn: msg,
    codes: findCodes(line, msg),
    updateIds: findUpdateIds(line, msg),
    kbs: findKbs(line, msg),
    cvs: findCvs(line, msg),
  };
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
