// A large file read on two cores: a worker thread (scanWorker.ts) reads and filters its lines
// while this thread builds the records that pass and analyses them, in the order the file gives
// them, so the analysis is the same as when one thread does both. Used for files of at least
// PARALLEL_MIN_BYTES when the worker script is found next to this code (the bundle's dist/) and
// the machine has two cores or more; otherwise the caller reads the file itself. The reading and
// the analysis cost about the same, but each waits for the other in parts of a file (the reader
// where many lines pass, the analysis where few do): the gain is about a tenth to a quarter.
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileInfo } from '../model/types';
import { builderFor, parserFor, type LineParser, type RecordBuilder } from '../readers/stream';
import type { Analyzer } from './analyzer';
import type { ScanJob, ScanMessage } from './scanWorker';
import { replay } from './batch';

/** The longest stretch of analysis between two turns of the event loop. */
const TURN_MS = 10;

/** Below this a worker costs more to start than it saves. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

const WORKER_SCRIPT = path.join(__dirname, 'scanWorker.js');

/** A read error in the worker (the caller reports it like its own). */
export class ScanError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

/**
 * Whether `feedInWorker` can run here (`always`), and for `auto` also on a machine of two cores or
 * more. (A load-average test turned it off on the very machines it helps: the 1-minute average
 * counts the analysis itself; the reading thread mostly waits for the analysis anyway.)
 */
export function canScanInWorker(when: 'auto' | 'always'): boolean {
  if (!existsSync(WORKER_SCRIPT)) return false;
  return when === 'always' || (os.availableParallelism?.() ?? os.cpus().length) >= 2;
}

/**
 * Reads `file` in a worker into `a` as file `idx`. Rejects with ScanError on a read error; with
 * `aborted()` true the worker is stopped and undefined returned; `declined` when the file is not a
 * WindowsUpdate.log or CBS.log (nothing was fed: read it on this thread).
 */
export function feedInWorker(
  a: Analyzer, idx: number, file: string, chunk: number, aborted: () => boolean, onBatch?: (batches: number) => void,
): Promise<FileInfo | 'declined' | undefined> {
  const progress = new SharedArrayBuffer(8);
  const done = new Int32Array(progress);
  const job: ScanJob = { wulogScan: true, file, chunk, progress };
  // The reader keeps little (a record and a batch): small heaps keep its share of peak memory small.
  const worker = new Worker(WORKER_SCRIPT, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 24 } });
  let parse: LineParser | undefined;
  let build: RecordBuilder | undefined;
  return new Promise<FileInfo | 'declined' | undefined>((resolve, reject) => {
    let stopped = false;
    const stop = (then: () => void): void => {
      stopped = true;
      worker.removeAllListeners();
      void worker.terminate();
      then();
    };
    // The worker's end, like its messages, is taken in order: it stops after posting its last ones.
    worker.on('error', (err) => enqueue({ kind: 'error', message: err.message }));
    worker.on('exit', (code) => enqueue({ kind: 'error', message: `the reading thread stopped (exit code ${code})` }));
    // A message port hands over every message waiting in one go, and the worker refills it as
    // batches are analysed: messages are queued here and analysed for at most TURN_MS at a time,
    // so the event loop of this thread (an editor's extension host) runs between turns.
    const queue: ScanMessage[] = [];
    let scheduled = false;
    const drain = (): void => {
      scheduled = false;
      const start = performance.now();
      while (queue.length) {
        if (performance.now() - start >= TURN_MS) {
          scheduled = true;
          setImmediate(drain);
          return;
        }
        handle(queue.shift() as ScanMessage);
      }
    };
    const enqueue = (m: ScanMessage): void => {
      queue.push(m);
      if (!scheduled) {
        scheduled = true;
        setImmediate(drain);
      }
    };
    worker.on('message', enqueue);
    const handle = (m: ScanMessage): void => {
      // Messages queued before the end, an error or an abort change nothing any more.
      if (stopped) return;
      if (aborted()) return stop(() => resolve(undefined));
      switch (m.kind) {
        case 'format':
          parse = parserFor(m.format);
          build = builderFor(m.format);
          a.setFormat(idx, m.format);
          break;
        case 'declined':
          stop(() => resolve('declined'));
          break;
        case 'batch':
          if (parse) replay(a, idx, parse, build, m);
          onBatch?.(Atomics.add(done, 1, 1) + 1);
          Atomics.notify(done, 1);
          break;
        case 'end':
          a.setSpan(idx, m.span);
          stop(() => resolve(m.info));
          break;
        case 'error':
          stop(() => reject(new ScanError(m.message, m.code)));
          break;
      }
    };
  });
}
