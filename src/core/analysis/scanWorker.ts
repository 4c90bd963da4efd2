// The reading half of a file's analysis, in a worker thread (parallel.ts starts it): bytes,
// decoding, lines, headers and the line filter (gate.ts) run here, while the main thread builds
// and analyses the records that pass. The records go over as their line texts, one string per
// batch, with the events in order: a record (line, last line, continuation lines) or a skipped
// record line (line, time). The worker keeps at most MAX_AHEAD batches ahead of the analysis.
import { openSync, readSync, closeSync } from 'node:fs';
import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { FileInfo, LogFormat, LogRecord } from '../model/types';
import { LogStream } from '../readers/stream';
import type { LineRecord } from '../readers/record';
import { HEAD_VALUES, headValues } from '../readers/head';
import { lineFilter } from './gate';
import { TimeSpan, type SpanValue } from '../bundle/identity';
import { NumberBuffer } from '../numbers';

/** Batches the worker may be ahead of the analysis (each about `chunk` bytes of the file): waiting batches are held in the analysing thread's heap (10 MB more peak memory at 16). */
export const MAX_AHEAD = 4;

export const RECORD = 1;
export const SKIP = 2;
/** Flags of a record event: its header follows; the line is light (LineFilter `light`). */
export const HEAD = 1;
export const LIGHT = 2;

export interface ScanJob {
  wulogScan: true;
  file: string;
  chunk: number;
  /** Int32Array over a SharedArrayBuffer: [0] batches sent, [1] batches analysed. */
  progress: SharedArrayBuffer;
}

export type ScanMessage =
  | { kind: 'format'; format: LogFormat }
  /** Not a log the filter knows (only WindowsUpdate.log and CBS.log are read here): read it yourself. */
  | { kind: 'declined' }
  /** `texts`: record lines, each followed by its continuation lines, joined by `\n`. `events`: per
   * record RECORD, line, end line, continuation lines kept, dropped, truncated (0/1), flags (HEAD,
   * LIGHT), then with HEAD its header (HEAD_VALUES numbers, head.ts `headValues`); per skipped
   * line SKIP, line, time. */
  | { kind: 'batch'; texts: string; events: Float64Array }
  /** `span`: the file's time span over every record line (the analysis sees only the records). */
  | { kind: 'end'; info: FileInfo; span: SpanValue }
  | { kind: 'error'; message: string; code?: string };

function run(job: ScanJob): void {
  const port = parentPort as NonNullable<typeof parentPort>;
  const progress = new Int32Array(job.progress);
  let texts: string[] = [];
  // A batch's numbers, in one buffer kept from batch to batch.
  const events = new NumberBuffer(8192);
  const span = new TimeSpan();
  // The header of the last record line built, for the analysis to build the record without
  // reading the header again (a record rebuilt from a skipped line has none: it is parsed there).
  const head: number[] = [];
  let headLine = -1;
  let light = false;
  /** Where the batch's last event starts when it is a skipped line (-1: it is not). */
  let lastSkip = -1;
  const onRecord = (rec: LogRecord): void => {
    const r = rec as LineRecord;
    span.seeRecord(r);
    const cont = r.continuation;
    texts.push(r.text);
    if (cont) for (const c of cont) texts.push(c);
    events.push(RECORD);
    events.push(r.line);
    events.push(r.endLine);
    events.push(cont?.length ?? 0);
    events.push(r.continuationDropped ?? 0);
    events.push(r.truncated ? 1 : 0);
    if (headLine === r.line) {
      events.push(light && !cont ? HEAD | LIGHT : HEAD);
      for (let k = 0; k < HEAD_VALUES; k++) events.push(head[k]);
    } else {
      events.push(0);
    }
  };
  let declined = false;
  const stream = new LogStream(onRecord, path.basename(job.file), (format) => {
    const filter = lineFilter(format);
    declined = !filter;
    port.postMessage((filter ? { kind: 'format', format } : { kind: 'declined' }) satisfies ScanMessage);
    // Of a run of skipped lines only the last one counts (each moves the same marks further).
    return filter && {
      wants: (text, h, end) => filter.wants(text, h, end),
      built: (line, h, asked) => {
        head.length = 0;
        headValues(h, head);
        headLine = line;
        light = asked && !!filter.light;
      },
      skipped: (line, h, text) => {
        span.see(h.time, text, h.timeStart, h.timeEnd);
        // Known by position: a record's last numbers may equal SKIP.
        const n = events.length;
        if (lastSkip >= 0 && lastSkip === n - 3) {
          events.set(n - 2, line);
          events.set(n - 1, h.time);
        } else {
          lastSkip = n;
          events.push(SKIP);
          events.push(line);
          events.push(h.time);
        }
      },
    };
  });
  const flush = (): void => {
    if (!events.length) return;
    const message: ScanMessage = { kind: 'batch', texts: texts.join('\n'), events: events.take() };
    texts = [];
    lastSkip = -1;
    // Wait while the analysis is MAX_AHEAD batches behind: memory stays bounded.
    const sent = Atomics.add(progress, 0, 1) + 1;
    for (let done = Atomics.load(progress, 1); sent - done > MAX_AHEAD; done = Atomics.load(progress, 1)) Atomics.wait(progress, 1, done, 1000);
    port.postMessage(message, [message.events.buffer as ArrayBuffer]);
  };
  let fd: number | undefined;
  try {
    fd = openSync(job.file, 'r');
    const buf = Buffer.alloc(job.chunk);
    for (;;) {
      const n = readSync(fd, buf, 0, job.chunk, null);
      if (n === 0) break;
      stream.pushBytes(buf.subarray(0, n));
      if (declined) return;
      flush();
    }
    const info = stream.end();
    flush();
    port.postMessage({ kind: 'end', info, span: span.value() } satisfies ScanMessage);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    port.postMessage({ kind: 'error', message: e?.message ?? String(err), code: e?.code } satisfies ScanMessage);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

if (!isMainThread && (workerData as ScanJob | undefined)?.wulogScan) run(workerData as ScanJob);
