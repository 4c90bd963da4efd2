// Several ETL files (one folder: WindowsUpdate.*.etl, rotated) decoded together: each file's
// time-ordered events merged by time into one stream, with bounded memory (one decoder window
// per file plus one head event per file).
import { EtlFileDecoder } from './decoder';
import { MinHeap } from './heap';
import { compareInstants } from './time';
import type { EtlEvent, EtlFileReport, EtlSource } from './types';

export interface DecodeEtlOptions {
  /** Called once every file is opened (headers read), before the first event. */
  onBegin?: (files: EtlFileReport[]) => void;
  onEvent: (e: EtlEvent) => void;
  signal?: AbortSignal;
  /** Awaited before each read: lets a writer flush what the events produced (back-pressure). */
  drain?: () => Promise<void>;
}

/** Thrown when `signal` aborts. */
export class EtlAbortedError extends Error {
  constructor() {
    super('The ETL decoding was cancelled.');
    this.name = 'AbortError';
  }
}

interface Head {
  e: EtlEvent;
  d: number;
}

/** Decodes and merges the files; returns each file's report (in the order given). Never throws for bad content. */
export async function decodeEtl(sources: readonly EtlSource[], opts: DecodeEtlOptions): Promise<EtlFileReport[]> {
  const decoders: EtlFileDecoder[] = [];
  try {
    for (let i = 0; i < sources.length; i++) {
      try {
        decoders.push(await EtlFileDecoder.open(sources[i], i));
      } catch (err) {
        // A read error of the source itself (I/O): that file reports it, the others go on.
        decoders.push(EtlFileDecoder.failed(sources[i], i, `cannot read the file: ${err instanceof Error ? err.message : String(err)}`));
      }
    }
    opts.onBegin?.(decoders.map((d) => d.report));
    const queues: EtlEvent[][] = decoders.map(() => []);
    const pos: number[] = decoders.map(() => 0);
    const heap = new MinHeap<Head>((a, b) => {
      const c = compareInstants(a.e.time, b.e.time);
      return c < 0 || (c === 0 && a.d < b.d);
    });
    const refill = async (d: number): Promise<EtlEvent | undefined> => {
      while (pos[d] >= queues[d].length) {
        if (decoders[d].finished) return undefined;
        if (opts.signal?.aborted) throw new EtlAbortedError();
        await opts.drain?.();
        try {
          queues[d] = await decoders[d].next();
        } catch (err) {
          decoders[d].report.corruptBufferCount++;
          decoders[d].report.corruptBuffers.push({ offset: -1, reason: `read error: ${err instanceof Error ? err.message : String(err)}` });
          await decoders[d].close();
          queues[d] = [];
        }
        pos[d] = 0;
      }
      return queues[d][pos[d]++];
    };
    for (let d = 0; d < decoders.length; d++) {
      const e = await refill(d);
      if (e) heap.push({ e, d });
    }
    while (heap.size) {
      const top = heap.pop() as Head;
      opts.onEvent(top.e);
      const d = top.d;
      const next = pos[d] < queues[d].length ? queues[d][pos[d]++] : await refill(d);
      if (next) heap.push({ e: next, d });
    }
    return decoders.map((d) => d.report);
  } finally {
    for (const d of decoders) await d.close().catch(() => undefined);
  }
}

/** A source over bytes already in memory. */
export function memorySource(name: string, bytes: Uint8Array): EtlSource {
  return {
    name,
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
  };
}
