// The reading half of a file's analysis, in a worker thread (parallel.ts starts it): bytes,
// decoding, lines, headers and the line filter (gate.ts) run here, while the main thread builds
// and analyses the records that pass. They go over in batches (batch.ts), one per read, with the
// skipped record lines in order. The worker keeps at most MAX_AHEAD batches ahead of the analysis.
import { openSync, readSync, closeSync } from 'node:fs';
import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { FileInfo, LogFormat, LogRecord } from '../model/types';
import { LogStream } from '../readers/stream';
import type { LineRecord } from '../readers/record';
import { lineFilter } from './gate';
import { TimeSpan, type SpanValue } from '../bundle/identity';
import { BatchWriter, type Batch } from './batch';

/** Batches the worker may be ahead of the analysis (each about `chunk` bytes of the file): waiting batches are held in the analysing thread's heap (10 MB more peak memory at 16). */
export const MAX_AHEAD = 4;

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
  /** Records and skipped record lines (batch.ts). */
  | ({ kind: 'batch' } & Batch)
  /** `span`: the file's time span over every record line (the analysis sees only the records). */
  | { kind: 'end'; info: FileInfo; span: SpanValue }
  | { kind: 'error'; message: string; code?: string };

function run(job: ScanJob): void {
  const port = parentPort as NonNullable<typeof parentPort>;
  const progress = new Int32Array(job.progress);
  const batch = new BatchWriter();
  const span = new TimeSpan();
  const onRecord = (rec: LogRecord): void => {
    span.seeRecord(rec as LineRecord);
    batch.record(rec as LineRecord);
  };
  let declined = false;
  const stream = new LogStream(onRecord, path.basename(job.file), (format) => {
    const filter = lineFilter(format);
    declined = !filter;
    port.postMessage((filter ? { kind: 'format', format } : { kind: 'declined' }) satisfies ScanMessage);
    return filter && {
      wants: (text, h, end) => filter.wants(text, h, end),
      built: (line, h, asked) => batch.built(line, h, asked && !!filter.light),
      skipped: (line, h, text) => {
        span.see(h.time, text, h.timeStart, h.timeEnd);
        batch.skipped(line, h.time);
      },
    };
  });
  const flush = (): void => {
    const b = batch.take();
    if (!b) return;
    const message: ScanMessage = { kind: 'batch', ...b };
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
