// The header of a record line, read in place (positions into the text that holds the line, no
// substring), and the gate a consumer can put before record building: most lines of a large log
// change nothing in the analysis, and for those no record, substring or token list is made.

/** Header fields of a record line; positions index the text the line lies in. */
export interface LineHead {
  /** Where the message starts. */
  msg: number;
  compStart: number;
  compEnd: number;
  /** The level word (CBS family), else an empty range. */
  levelStart: number;
  levelEnd: number;
  /** Milliseconds since 1970 of the logged time, read as UTC (seconds resolution is enough for a gate). */
  time: number;
  /** The timestamp's text is text[timeStart, timeEnd). */
  timeStart: number;
  timeEnd: number;
  /** -1 when the format has none. */
  pid: number;
  tid: number;
}

export function newHead(): LineHead {
  return { msg: 0, compStart: 0, compEnd: 0, levelStart: 0, levelEnd: 0, time: 0, timeStart: 0, timeEnd: 0, pid: -1, tid: -1 };
}

/**
 * Reads the header of the line `text.slice(start, end)` (after `end` comes a line end or the end
 * of `text`) into `h`; false when the line is not a record line. Exactly the test of the format's
 * parser: a line is a record line for one iff for the other.
 */
export type HeadReader = (text: string, start: number, end: number, h: LineHead) => boolean;

/** Decides, from its header and text, whether a record line can matter to the consumer. */
export interface LineFilter {
  /** True: build the record and hand it out. False: the line is only counted (and the gate's `skipped` told). */
  wants(text: string, h: LineHead, end: number): boolean;
  /**
   * After `wants` said true: the line matters only for the update ids it names (`mentions`), not
   * to the format's record rules (a "light" line: the analysis skips those rules for it).
   */
  readonly light?: boolean;
}

/** A filter and what to do with the lines it skips. */
export interface LineGate extends LineFilter {
  /** A record line that was not built (its line number and header). */
  skipped(line: number, h: LineHead, text: string): void;
  /** A record line that was built; `h` is its header, positions from the line's start; `asked`: `wants` judged it (not a truncated line). */
  built?(line: number, h: LineHead, asked: boolean): void;
}

/** The fields of a LineHead, in the order `headValues` writes them. */
export const HEAD_VALUES = 10;

/** Appends the fields of `h` to `out` (a record read in one thread is rebuilt in another: scanWorker.ts). */
export function headValues(h: LineHead, out: number[]): void {
  out.push(h.msg, h.compStart, h.compEnd, h.levelStart, h.levelEnd, h.time, h.timeStart, h.timeEnd, h.pid, h.tid);
}

/** Reads into `h` what `headValues` wrote at `v[at]`. */
export function readHead(v: ArrayLike<number>, at: number, h: LineHead): LineHead {
  h.msg = v[at];
  h.compStart = v[at + 1];
  h.compEnd = v[at + 2];
  h.levelStart = v[at + 3];
  h.levelEnd = v[at + 4];
  h.time = v[at + 5];
  h.timeStart = v[at + 6];
  h.timeEnd = v[at + 7];
  h.pid = v[at + 8];
  h.tid = v[at + 9];
  return h;
}
