// The records a reading thread (scanWorker.ts) hands to the analysing thread (parallel.ts), as
// batches: the record lines' texts in one string, and the events in file order in numbers. Both
// sides of that format live here. A record event is RECORD, line, end line, continuation lines
// kept, dropped, truncated (0/1), flags (HEAD, LIGHT), then with HEAD the line's header
// (HEAD_VALUES numbers, head.ts `headValues`); a skipped record line is SKIP, line, time.
import type { LogRecord } from '../model/types';
import { HEAD_VALUES, headValues, newHead, readHead, type LineHead } from '../readers/head';
import type { LineParser, RecordBuilder } from '../readers/stream';
import { NumberBuffer } from '../numbers';

export const RECORD = 1;
export const SKIP = 2;
/** Flags of a record event: its header follows; the line is light (LineFilter `light`). */
export const HEAD = 1;
export const LIGHT = 2;

export interface Batch {
  texts: string;
  events: Float64Array;
}

/** What a record event says of the record besides its line. */
type RecordOut = Pick<LogRecord, 'line' | 'endLine' | 'continuation' | 'continuationDropped' | 'truncated'> & { text: string };

/** Collects one batch at a time on the reading side. */
export class BatchWriter {
  private texts: string[] = [];
  private readonly events = new NumberBuffer(8192);
  // The header of the last record line built: the analysing thread builds the record from it
  // without reading the header again (a record rebuilt from a skipped line has none: it is parsed).
  private readonly head: number[] = [];
  private headLine = -1;
  private light = false;
  /** Where the batch's last event starts when it is a skipped line (-1: it is not). */
  private lastSkip = -1;

  /** A record line was built with header `h` (positions from the line's start); `light`: LineFilter `light`. */
  built(line: number, h: LineHead, light: boolean): void {
    this.head.length = 0;
    headValues(h, this.head);
    this.headLine = line;
    this.light = light;
  }

  record(r: RecordOut): void {
    const cont = r.continuation;
    this.texts.push(r.text);
    if (cont) for (const c of cont) this.texts.push(c);
    const e = this.events;
    e.push(RECORD);
    e.push(r.line);
    e.push(r.endLine);
    e.push(cont?.length ?? 0);
    e.push(r.continuationDropped ?? 0);
    e.push(r.truncated ? 1 : 0);
    if (this.headLine === r.line) {
      e.push(this.light && !cont ? HEAD | LIGHT : HEAD);
      for (let k = 0; k < HEAD_VALUES; k++) e.push(this.head[k]);
    } else {
      e.push(0);
    }
  }

  /** A record line the filter skipped: of a run of them only the last counts (each moves the same marks further). */
  skipped(line: number, time: number): void {
    // Known by position, not by value: a record's last numbers may equal SKIP.
    const e = this.events;
    const n = e.length;
    if (this.lastSkip >= 0 && this.lastSkip === n - 3) {
      e.set(n - 2, line);
      e.set(n - 1, time);
    } else {
      this.lastSkip = n;
      e.push(SKIP);
      e.push(line);
      e.push(time);
    }
  }

  /** The batch so far, and a new one started; undefined when it is empty. */
  take(): Batch | undefined {
    if (!this.events.length) return undefined;
    const batch = { texts: this.texts.join('\n'), events: this.events.take() };
    this.texts = [];
    this.lastSkip = -1;
    return batch;
  }
}

/** Where `replay` puts what it reads (an Analyzer). */
export interface BatchSink {
  push(file: number, rec: LogRecord, light: boolean): void;
  skip(file: number, line: number, time: number): void;
}

const replayHead = newHead();

/** Rebuilds a batch's records from their lines and hands them and the skipped lines to `a`, in order. */
export function replay(a: BatchSink, idx: number, parse: LineParser, build: RecordBuilder | undefined, { texts, events }: Batch): void {
  let at = 0;
  const next = (): string => {
    const e = texts.indexOf('\n', at);
    const line = e < 0 ? texts.slice(at) : texts.slice(at, e);
    at = e < 0 ? texts.length : e + 1;
    return line;
  };
  for (let i = 0; i < events.length;) {
    if (events[i] === RECORD) {
      const line = events[i + 1];
      const endLine = events[i + 2];
      const nCont = events[i + 3];
      const dropped = events[i + 4];
      const truncated = events[i + 5];
      const flags = events[i + 6];
      const hasHead = (flags & HEAD) !== 0;
      const text = next();
      const rec = hasHead && build ? build(text, line, readHead(events, i + 7, replayHead)) : parse(text, line);
      i += hasHead ? 7 + HEAD_VALUES : 7;
      const cont: string[] | undefined = nCont ? [] : undefined;
      for (let k = 0; k < nCont; k++) cont?.push(next());
      if (!rec) continue;
      if (truncated) rec.truncated = true;
      if (cont) rec.continuation = cont;
      if (dropped) rec.continuationDropped = dropped;
      rec.endLine = endLine;
      a.push(idx, rec, (flags & LIGHT) !== 0);
    } else {
      a.skip(idx, events[i + 1], events[i + 2]);
      i += 3;
    }
  }
}
