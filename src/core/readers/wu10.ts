// WindowsUpdate.log of Windows 10/11 (Get-WindowsUpdateLog):
// `2022/09/26 15:55:37.5603397 4792  12396 Agent           message` (date also `2024-04-11`).
import type { LogRecord } from '../model/types';
import { dateTime, digits, markerLevel, skipSpaces, wordEnd } from './fields';
import { newHead, type LineHead } from './head';
import { LineRecord } from './record';

/** Reads the header of `text.slice(start, end)`; false when it is not a record line. */
export function wu10Head(text: string, start: number, end: number, h: LineHead): boolean {
  const o = text.charCodeAt(start) === 0xfeff ? start + 1 : start;
  if (end - o < 33) return false;
  const sep = text.charCodeAt(o + 4);
  if ((sep !== 47 && sep !== 45) || text.charCodeAt(o + 7) !== sep || text.charCodeAt(o + 10) !== 32) return false;
  if (text.charCodeAt(o + 13) !== 58 || text.charCodeAt(o + 16) !== 58 || text.charCodeAt(o + 19) !== 46 || text.charCodeAt(o + 27) !== 32) return false;
  const frac = digits(text, o + 20, 7);
  const base = dateTime(text, o, o + 11);
  if (frac < 0 || Number.isNaN(base)) return false;
  // PID and TID: digits read while scanning; each field ends at a space (a tab or the line end for the PID).
  let p = skipSpaces(text, o + 28);
  const pidStart = p;
  let pid = 0;
  let c = text.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    pid = pid * 10 + (c - 48);
    c = text.charCodeAt(++p);
  }
  if (p === pidStart || p - pidStart > 10 || !(c === 32 || c === 9 || p >= end)) return false;
  p = skipSpaces(text, p);
  const tidStart = p;
  let tid = 0;
  c = text.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    tid = tid * 10 + (c - 48);
    c = text.charCodeAt(++p);
  }
  if (p === tidStart || p - tidStart > 10 || c !== 32) return false;
  h.compStart = skipSpaces(text, p);
  h.compEnd = wordEnd(text, h.compStart, end);
  // The component is padded (16 characters, 18 in newer agents); the message starts after the padding.
  h.msg = skipSpaces(text, h.compEnd);
  h.levelStart = h.levelEnd = h.msg;
  h.time = base + frac / 10000;
  h.timeStart = o;
  h.timeEnd = o + 27;
  h.pid = pid;
  h.tid = tid;
  return true;
}

const head = newHead();

export function parseWu10(line: string, lineNo: number): LogRecord | undefined {
  return wu10Head(line, 0, line.length, head) ? wu10Record(line, lineNo, head) : undefined;
}

/** The record of a line whose header `h` was read from it (positions from the line's start). */
export function wu10Record(line: string, lineNo: number, h: LineHead): LineRecord {
  const o = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  return new LineRecord(line, lineNo, o, o + 27, h.time, line.slice(h.compStart, h.compEnd), markerLevel(line, h.msg), h.msg, h.pid, h.tid);
}
