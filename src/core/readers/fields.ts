// Small character-level helpers shared by the line readers. Header fields are parsed with
// charCodeAt arithmetic rather than regexes: this runs once per line of logs of hundreds of MB.
import type { Level } from '../model/types';

/** Value of the decimal digit at `i`, or -1. */
export function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Value of `n` decimal digits at `i`, or -1 when one is not a digit. */
export function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(s, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Skips spaces (and tabs when `tabs`) from `i`. */
export function skipSpaces(s: string, i: number): number {
  while (s.charCodeAt(i) === 32) i++;
  return i;
}

/** End of the run of non-space characters starting at `i` (at most `n`). */
export function wordEnd(s: string, i: number, n = s.length): number {
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) break;
    i++;
  }
  return i;
}

/** Last day seen: consecutive lines share it, and Date.UTC is the costly part of a timestamp. */
let cachedDayKey = -1;
let cachedDayMs = 0;

/**
 * `YYYY?MM?DD` at `i` and `HH:MM:SS` at `timeAt` (separators checked by the caller) as ms since
 * 1970, read as UTC. NaN when a field is not a number or out of range.
 */
export function dateTime(s: string, i: number, timeAt: number): number {
  const y = digits(s, i, 4);
  const mo = digits(s, i + 5, 2);
  const d = digits(s, i + 8, 2);
  const h = digits(s, timeAt, 2);
  const mi = digits(s, timeAt + 3, 2);
  const se = digits(s, timeAt + 6, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return NaN;
  const key = (y * 100 + mo) * 100 + d;
  if (key !== cachedDayKey) {
    cachedDayMs = Date.UTC(y, mo - 1, d);
    cachedDayKey = key;
  }
  return cachedDayMs + ((h * 60 + mi) * 60 + se) * 1000;
}

export function levelOf(word: string): Level {
  switch (word) {
    case 'Info':
      return 'info';
    case 'Warning':
      return 'warning';
    case 'Error':
      return 'error';
    case 'Fatal':
      return 'fatal';
    case 'Perf':
      return 'perf';
    case 'Verbose':
    case 'Trace':
    case 'Debug':
      return 'verbose';
    default:
      return 'unknown';
  }
}

/**
 * WindowsUpdate.log has no level column: a level is read from the markers the agent writes at the
 * start of a message (`*FAILED*`, `FATAL:`, `WARNING:`, also `* WARNING:` / `# WARNING:` in the
 * Windows 7 log). Everything else is `info`. This says how the line is marked, not whether it mattered.
 */
const MARKER = /(?:[*#] +)?(?:(WARNING)|(FATAL))\b|\*FAILED\*/y;

export function markerLevel(line: string, messageColumn: number): Level {
  const c = line.charCodeAt(messageColumn);
  // Only `*`, `#`, `W`, `F` can start a marker: skip the regex for every other line.
  if (c !== 42 && c !== 35 && c !== 87 && c !== 70) return 'info';
  MARKER.lastIndex = messageColumn;
  const m = MARKER.exec(line);
  if (!m) return 'info';
  return m[1] ? 'warning' : m[2] ? 'fatal' : 'error';
}
