// A compact index of one log's records (first and last line, thread, process, component, level,
// time), built once per document version for the features that move through the text: folding
// of multi-line records, focus views by thread or component, the outline of setup logs. Plain
// typed arrays: a 500,000-line log costs a few MB. Never throws on any text.
import type { Level, LogFormat, LogRecord } from '../model/types';
import { LogStream } from '../readers';
import { NumberBuffer } from '../numbers';
import { setupMark, type StructureMark } from './setupMarks';

export const LEVEL_NONE = 0;
export const LEVEL_INFO = 1;
export const LEVEL_WARNING = 2;
export const LEVEL_ERROR = 3;

/** Setup-log marks kept at most (phases, runs, commands, errors). */
const MAX_MARKS = 20_000;

export interface RecordIndex {
  format: LogFormat;
  /** Lines of the text. */
  lineCount: number;
  /** Records (timestamped lines; continuation lines belong to the record above them). */
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** Thread and process id, -1 when the line has none. */
  tid: Float64Array;
  pid: Float64Array;
  /** Index into `components`; 0 is "none". */
  component: Uint16Array;
  components: string[];
  level: Uint8Array;
  /** Logged wall-clock time (ms, read as UTC), NaN when unknown. */
  time: Float64Array;
  /** Structure lines of setup logs (runs, phases, commands, errors), in line order. */
  marks: StructureMark[];
}

function levelCode(level: Level | undefined): number {
  switch (level) {
    case 'error':
    case 'fatal':
      return LEVEL_ERROR;
    case 'warning':
      return LEVEL_WARNING;
    case undefined:
    case 'unknown':
      return LEVEL_NONE;
    default:
      return LEVEL_INFO;
  }
}

/** Reads `text` once with the log readers and keeps the shape of every record. */
export function indexRecords(text: string, fileName?: string): RecordIndex {
  const ix = new RecordIndexer(fileName);
  ix.push(text);
  return ix.end();
}

/** `indexRecords` fed piece by piece (an editor reads a large document in slices). */
export class RecordIndexer {
  private readonly cols = { start: new NumberBuffer(), end: new NumberBuffer(), tid: new NumberBuffer(), pid: new NumberBuffer(), comp: new NumberBuffer(), level: new NumberBuffer(), time: new NumberBuffer() };
  private readonly compIds = new Map<string, number>([['', 0]]);
  private readonly components = [''];
  private readonly marks: StructureMark[] = [];
  private readonly stream: LogStream | undefined;
  private failed = false;

  constructor(fileName?: string) {
    try {
      this.stream = new LogStream((r) => this.record(r), fileName);
    } catch {
      this.failed = true;
    }
  }

  push(text: string): void {
    if (this.failed) return;
    try {
      this.stream?.pushText(text);
    } catch {
      this.failed = true;
    }
  }

  end(): RecordIndex {
    let info;
    try {
      info = this.failed ? undefined : this.stream?.end();
    } catch {
      info = undefined;
    }
    const cols = this.cols;
    return {
      format: info?.format ?? 'unknown',
      lineCount: info?.lines ?? 0,
      count: cols.start.length,
      start: Int32Array.from(cols.start.values()),
      end: Int32Array.from(cols.end.values()),
      tid: Float64Array.from(cols.tid.values()),
      pid: Float64Array.from(cols.pid.values()),
      component: Uint16Array.from(cols.comp.values()),
      components: this.components,
      level: Uint8Array.from(cols.level.values()),
      time: Float64Array.from(cols.time.values()),
      marks: this.marks,
    };
  }

  private record(r: LogRecord): void {
    const cols = this.cols;
    cols.start.push(r.line);
    cols.end.push(r.endLine);
    cols.tid.push(r.tid ?? -1);
    cols.pid.push(r.pid ?? -1);
    const c = r.component ?? '';
    let id = this.compIds.get(c);
    if (id === undefined) {
      // Components are few (a few dozen); past the 16-bit range they share "none".
      id = this.components.length < 0xffff ? this.components.length : 0;
      if (id) {
        this.compIds.set(c, id);
        this.components.push(c);
      }
    }
    cols.comp.push(id);
    cols.level.push(levelCode(r.level));
    cols.time.push(r.time ?? Number.NaN);
    if (this.stream?.format === 'setup' && this.marks.length < MAX_MARKS) {
      const m = setupMark(r);
      if (m) this.marks.push(m);
    }
  }
}

/** The record that holds `line` (its first line or a continuation line), or -1. */
export function recordAt(index: RecordIndex, line: number): number {
  let lo = 0;
  let hi = index.count - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (index.start[mid] <= line) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best >= 0 && index.end[best] >= line ? best : -1;
}

/** The first record that starts at or after `line`. */
export function firstRecordFrom(index: RecordIndex, line: number): number {
  let lo = 0;
  let hi = index.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.start[mid] < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The component name of record `r` (undefined when it has none). */
export function componentOf(index: RecordIndex, r: number): string | undefined {
  return index.components[index.component[r]] || undefined;
}
