// WindowsUpdate.log of Windows 10/11 (Get-WindowsUpdateLog):
// `2022/09/26 15:55:37.5603397 4792  12396 Agent           message` (date also `2024-04-11`).
import type { LogRecord } from '../model/types';
import { findCodes, findCvs, findKbs, findUpdateIds } from '../tokens';
import { dateTime, digits, markerLevel, skipSpaces, wordEnd } from './fields';

export function parseWu10(line: string, lineNo: number): LogRecord | undefined {
  const o = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (line.length < o + 33) return undefined;
  const sep = line.charCodeAt(o + 4);
  if ((sep !== 47 && sep !== 45) || line.charCodeAt(o + 7) !== sep || line.charCodeAt(o + 10) !== 32) return undefined;
  if (line.charCodeAt(o + 13) !== 58 || line.charCodeAt(o + 16) !== 58 || line.charCodeAt(o + 19) !== 46 || line.charCodeAt(o + 27) !== 32) return undefined;
  const frac = digits(line, o + 20, 7);
  const base = dateTime(line, o, o + 11);
  if (frac < 0 || Number.isNaN(base)) return undefined;
  // PID and TID: digits read while scanning; each field ends at a space (a tab or the line end for the PID).
  let p = skipSpaces(line, o + 28);
  const pidStart = p;
  let pid = 0;
  let c = line.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    pid = pid * 10 + (c - 48);
    c = line.charCodeAt(++p);
  }
  if (p === pidStart || p - pidStart > 10 || !(c === 32 || c === 9 || p >= line.length)) return undefined;
  p = skipSpaces(line, p);
  const tidStart = p;
  let tid = 0;
  c = line.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    tid = tid * 10 + (c - 48);
    c = line.charCodeAt(++p);
  }
  if (p === tidStart || p - tidStart > 10 || c !== 32) return undefined;
  const compStart = skipSpaces(line, p);
  const compEnd = wordEnd(line, compStart);
  // The component is padded (16 characters, 18 in newer agents); the message starts after the padding.
  const msg = skipSpaces(line, compEnd);
  // One literal, same field order for every record: a single object shape for the engine.
  return {
    line: lineNo,
    endLine: lineNo,
    timeText: line.slice(o, o + 27),
    time: base + frac / 10000,
    pid,
    tid,
    component: line.slice(compStart, compEnd),
    level: markerLevel(line, msg),
    message: line.slice(msg),
    messageColumn: msg,
    codes: findCodes(line, msg),
    updateIds: findUpdateIds(line, msg),
    kbs: findKbs(line, msg),
    cvs: findCvs(line, msg),
  };
}
