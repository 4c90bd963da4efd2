// CBS.log / CbsPersist / DISM.log / Panther setupact.log, setuperr.log:
// `2016-09-28 04:30:30, Info                  CBS    message`, optional message-id column
// (`Info       [0x0601c1] IBS    ...`), possibly empty component, DISM's `PID=.. TID=..`.
import type { LogRecord } from '../model/types';
import { CBS_COMPONENT_FIELD_WIDTH, CBS_LEVEL_FIELD_WIDTH } from '../format/detect';
import { dateTime, digits, levelOf, skipSpaces, wordEnd } from './fields';
import { newHead, type LineHead } from './head';
import { LineRecord } from './record';

/**
 * Reads the header of `text.slice(start, end)`; false when it is not a record line. A message-id
 * column (`[0x0601c1]`) lies between `levelEnd` and `compStart`; the component is empty
 * (compStart = compEnd) when the message starts past its column.
 */
export function cbsHead(text: string, start: number, end: number, h: LineHead): boolean {
  const o = text.charCodeAt(start) === 0xfeff ? start + 1 : start;
  if (end - o < 25) return false;
  if (text.charCodeAt(o + 4) !== 45 || text.charCodeAt(o + 7) !== 45 || text.charCodeAt(o + 10) !== 32) return false;
  if (text.charCodeAt(o + 13) !== 58 || text.charCodeAt(o + 16) !== 58 || text.charCodeAt(o + 19) !== 44 || text.charCodeAt(o + 20) !== 32) return false;
  const time = dateTime(text, o, o + 11);
  if (Number.isNaN(time)) return false;
  const levelStart = o + 21;
  let p = levelStart;
  while (isLetter(text.charCodeAt(p))) p++;
  if (p === levelStart || p - levelStart > 12 || (text.charCodeAt(p) !== 32 && p !== end)) return false;
  h.levelStart = levelStart;
  h.levelEnd = p;
  p = skipSpaces(text, p);
  if (text.charCodeAt(p) === 91 && text.charCodeAt(p + 1) === 48 && text.charCodeAt(p + 2) === 120) {
    const close = text.indexOf(']', p);
    if (close > 0 && close < end && close - p <= 12) p = skipSpaces(text, close + 1);
  }
  h.compStart = h.compEnd = h.msg = p;
  if (p < levelStart + CBS_LEVEL_FIELD_WIDTH + CBS_COMPONENT_FIELD_WIDTH) {
    const e = wordEnd(text, p, end);
    h.compEnd = e;
    let msg = e;
    // Padding after the component; SFC summary lines indent their message with a tab.
    while (text.charCodeAt(msg) === 32 || text.charCodeAt(msg) === 9) msg++;
    h.msg = msg;
  }
  h.time = time;
  h.timeStart = o;
  h.timeEnd = o + 19;
  h.pid = h.tid = -1;
  return true;
}

const head = newHead();

export function parseCbs(line: string, lineNo: number): LogRecord | undefined {
  return cbsHead(line, 0, line.length, head) ? cbsRecord(line, lineNo, head) : undefined;
}

/** The record of a line whose header `h` was read from it (positions from the line's start). */
export function cbsRecord(line: string, lineNo: number, h: LineHead): LineRecord {
  const o = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  const msg = h.msg;
  const component = line.slice(h.compStart, h.compEnd);
  const rec = new LineRecord(line, lineNo, o, o + 19, h.time, component, levelOf(line.slice(h.levelStart, h.levelEnd)), msg);
  // The message-id column, when the header has one (it is the only thing between level and component).
  const id = skipSpaces(line, h.levelEnd);
  if (id < h.compStart) rec.messageId = line.slice(id + 1, line.indexOf(']', id));
  // DISM: `PID=7932 TID=8160` near the start of the message (after `API: ` or a provider name).
  const k = component === 'DISM' ? line.indexOf('PID=', msg) : -1;
  if (k >= 0 && k - msg < 80) {
    const pe = wordEnd(line, k + 4);
    const pid = pe - k - 4 <= 10 ? digits(line, k + 4, pe - k - 4) : -1;
    if (pid >= 0 && pe > k + 4) {
      rec.pid = pid;
      if (line.startsWith(' TID=', pe)) {
        const te = wordEnd(line, pe + 5);
        const tid = te - pe - 5 <= 10 ? digits(line, pe + 5, te - pe - 5) : -1;
        if (tid >= 0 && te > pe + 5) rec.tid = tid;
      }
    }
  }
  return rec;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
