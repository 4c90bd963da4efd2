// Peak memory of `wulog summarize` on large files. What the analysis keeps is capped (about 40 MB
// of heap at 1 GB), but V8 lets garbage grow to several times the live heap between full
// collections: 230 MB of RSS at 1 GB. A full collection every GC_EVERY_BYTES read keeps the peak
// near 140 MB for a few percent of the time. The CLI owns its process; the extension never does this.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export const GC_EVERY_BYTES = 100 * 1024 * 1024;

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
