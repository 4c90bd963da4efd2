// Peak memory of `wulog summarize` on large files. What the analysis keeps is capped (about 40 MB
// of heap at 1 GB), but V8 lets garbage pile up: a young generation of up to 3 x 16 MB, and an old
// generation several times the live heap between full collections (230 MB of RSS at 1 GB). So
// the command runs in a worker thread with a small young generation (its size can only be set
// when an isolate starts), and collects garbage every GC_EVERY_BYTES read: about 130 MB at 1 GB,
// for a few percent of the time. The CLI owns its process; the extension never does this.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Worker } from 'node:worker_threads';

export const GC_EVERY_BYTES = 50 * 1024 * 1024;
/** Young generation of the worker: 2 MB semi-spaces (V8's default grows them to 16 MB). */
const YOUNG_MB = 6;

/** A function that runs a full garbage collection, or undefined when the runtime does not allow it. */
function exposedGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** An `onRead` callback for analyzeFiles that collects garbage every GC_EVERY_BYTES. */
export function collectWhileReading(): ((bytes: number) => void) | undefined {
  const gc = exposedGc();
  if (!gc) return undefined;
  let next = GC_EVERY_BYTES;
  return (bytes) => {
    if (bytes < next) return;
    gc();
    next = bytes + GC_EVERY_BYTES;
  };
}

/** What the CLI bundle runs when it is started as the command's worker (main.ts). */
export interface CommandJob {
  wulogCommand: string;
  argv: string[];
}

/**
 * Runs the command in a worker thread of this same script (its output goes to this process's
 * stdout and stderr); resolves with its exit code, or undefined when no worker could start.
 */
export function runInWorker(script: string, command: string, argv: string[]): Promise<number | undefined> {
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { wulogCommand: command, argv } satisfies CommandJob, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
  } catch {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    let code: number | undefined;
    worker.on('message', (m: number) => { code = m; });
    worker.on('error', reject);
    worker.on('exit', (exit) => resolve(code ?? (exit === 0 ? 0 : 1)));
  });
}
