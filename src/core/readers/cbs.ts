// CBS.log / CbsPersist / DISM.log / Panther setupact.log, setuperr.log:
// `2016-09-28 04:30:30, Info                  CBS    message`, optional message-id column
// (`Info       [0x0601c1] IBS    ...`), possibly empty component, DISM's `PID=.. TID=..`.
import type { LogRecord } from '../model/types';
import { CBS_COMPONENT_FIELD_WIDTH, CBS_LEVEL_FIELD_WIDTH } from '../format/detect';
import { findCodes, findCvs, findKbs, findUpdateIds } from '../tokens';
import { dateTime, digits, levelOf, skipSpaces, wordEnd } from './fields';

export function parseCbs(line: string, lineNo: number): LogRecord | undefined {
  const o = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (line.length < o + 25) return undefined;
  if (line.charCodeAt(o + 4) !== 45 || line.charCodeAt(o + 7) !== 45 || line.charCodeAt(o + 10) !== 32) return undefined;
  if (line.charCodeAt(o + 13) !== 58 || line.charCodeAt(o + 16) !== 58 || line.charCodeAt(o + 19) !== 44 || line.charCodeAt(o + 20) !== 32) return undefined;
  const time = dateTime(line, o, o + 11);
  if (Number.isNaN(time)) return undefined;
  const levelStart = o + 21;
  let p = levelStart;
  while (isLetter(line.charCodeAt(p))) p++;
  if (p === levelStart || p - levelStart > 12 || (line.charCodeAt(p) !== 32 && p !== line.length)) return undefined;
  const levelWord = line.slice(levelStart, p);
  p = skipSpaces(line, p);
  let messageId: string | undefined;
  if (line.charCodeAt(p) === 91 && line.charCodeAt(p + 1) === 48 && line.charCodeAt(p + 2) === 120) {
    const close = line.indexOf(']', p);
    if (close > 0 && close - p <= 12) {
      messageId = line.slice(p + 1, close);
      p = skipSpaces(line, close + 1);
    }
  }
  const componentCol = levelStart + CBS_LEVEL_FIELD_WIDTH;
  let component = '';
  let msg = p;
  if (p < componentCol + CBS_COMPONENT_FIELD_WIDTH) {
    const e = wordEnd(line, p);
    component = line.slice(p, e);
    msg = e;
    // Padding after the component; SFC summary lines indent their message with a tab.
    while (line.charCodeAt(msg) === 32 || line.charCodeAt(msg) === 9) msg++;
  }
  const rec: LogRecord = {
    line: lineNo,
    endLine: lineNo,
    timeText: line.slice(o, o + 19),
    time,
    component,
    level: levelOf(levelWord),
    message: line.slice(msg),
    messageColumn: msg,
    codes: findCodes(line, msg),
    updateIds: findUpdateIds(line, msg),
    kbs: findKbs(line, msg),
    cvs: findCvs(line, msg),
  };
  if (messageId !== undefined) rec.messageId = messageId;
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
