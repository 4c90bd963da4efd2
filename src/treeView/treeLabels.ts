// Small text helpers for tree nodes (pure; unit-tested).
import { truncateToWidth } from '../core/text/width';
/** First block of an update GUID (`A1B2C3D4…`), for short descriptions; the tooltip has it whole. */
export function shortId(id: string): string {
  const dash = id.indexOf('-');
  return dash > 0 ? `${id.slice(0, dash)}…` : id;
}

/** Longest label text taken from a log line, in display columns (a hanzi takes two). */
export const MESSAGE_MAX = 160;

// Date, time (with optional fraction), optional comma (CBS), then optional PID and TID (WU).
// Anchored, no nested quantifiers: linear on any line; it is only applied to a bounded prefix.
const HEADER = /^\uFEFF?\d{4}[-/]\d{2}[-/]\d{2}[ \t]+\d{1,2}:\d{2}:\d{2}(?:[.:]\d{1,7})?,?[ \t]+(?:\d{1,10}[ \t]+[0-9A-Fa-f]{1,8}[ \t]+)?/;

/** The message part of a log line for a label: timestamp/PID/TID removed, whitespace collapsed,
 *  control characters dropped, at most MESSAGE_MAX columns (cut between whole characters). */
export function lineMessage(text: string): string {
  const head = text.slice(0, 200);
  const m = HEADER.exec(head);
  const body = m ? text.slice(m[0].length, m[0].length + MESSAGE_MAX * 2) : text.slice(0, MESSAGE_MAX * 2);
  // eslint-disable-next-line no-control-regex
  const clean = body.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
  return truncateToWidth(clean, MESSAGE_MAX);
}

// The timestamp at the start of a line: `2025/03/10 00:03:09.1234567` (WU), `2025-03-10 08:03:09,` (CBS),
// `2018-10-02<TAB>10:55:18:145` (Windows 7), a ReportingEvents line's second field.
const TIME = /^\uFEFF?(?:\{[0-9A-Fa-f-]{36}\}\t)?(\d{4})[-/](\d{2})[-/](\d{2})[ \t]+(\d{1,2}:\d{2}:\d{2})/;

/** The date and time a log line starts with, as `2025-03-10 08:03:09`; '' when it has none. */
export function lineTime(text: string): string {
  const m = TIME.exec(text.slice(0, 80));
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4].padStart(8, '0')}` : '';
}
