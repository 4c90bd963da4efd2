// One ETL file, buffer after buffer: records decoded into events, put back in time order
// through a bounded window (per-processor buffers interleave), everything else counted.
import { guid } from './bytes';
import { MinHeap } from './heap';
import { BUFFER_HEADER_SIZE, type LogfileHeader, MAX_BUFFER_SIZE, readBufferHeader, readLogfileHeader } from './logfile';
import { type RawEvent, stringOnlyText, walkBuffer } from './records';
import { compareInstants } from './time';
import { decodePayload, parseSchema, type TlgSchema } from './tlg';
import type { EtlEvent, EtlFileReport, EtlSource, ProviderCounts } from './types';

/** Events held back to restore time order across buffers (per file). */
export const REORDER_WINDOW = 4096;
/** Bytes read from the source at once (whole buffers). */
const READ_BYTES = 1024 * 1024;
const MAX_SCHEMAS = 4096;
const MAX_PROVIDER_KEYS = 50;
const MAX_CORRUPT_LISTED = 5;
/** Event times this far before the session start or after it are corrupt stamps. */
const MAX_BEFORE_START_MS = 24 * 3600 * 1000;
const MAX_AFTER_START_MS = 5 * 366 * 24 * 3600 * 1000;

interface Pending {
  e: EtlEvent;
  seq: number;
}

const earlier = (a: Pending, b: Pending): boolean => {
  const c = compareInstants(a.e.time, b.e.time);
  return c < 0 || (c === 0 && a.seq < b.seq);
};

function bump(counts: ProviderCounts, key: string): void {
  if (counts[key] !== undefined || Object.keys(counts).length < MAX_PROVIDER_KEYS) counts[key] = (counts[key] ?? 0) + 1;
  else counts['(other)'] = (counts['(other)'] ?? 0) + 1;
}

export class EtlFileDecoder {
  readonly report: EtlFileReport;
  header: LogfileHeader | undefined;
  private offset = 0;
  private seq = 0;
  private readonly heap = new MinHeap<Pending>(earlier);
  /** Parsed schemas by a hash of their bytes (the bytes kept to rule out collisions). */
  private readonly schemas = new Map<number, { bytes: Uint8Array; schema: TlgSchema | string }[]>();
  private schemaCount = 0;
  private done = false;

  private constructor(private readonly source: EtlSource, readonly index: number) {
    this.report = {
      name: source.name, size: source.size, bufferSize: 0, buffers: 0, corruptBuffers: [], corruptBufferCount: 0,
      truncated: false, headerNotFinalised: false, decoded: 0, incomplete: 0, wpp: {}, manifest: {}, classic: {}, system: 0,
      badSchema: 0, badTime: 0, eventsLost: 0, buffersLost: 0, providers: {},
    };
  }

  /** Opens a file: reads and checks its first buffer (the logfile header). Never throws for bad content. */
  static async open(source: EtlSource, index: number): Promise<EtlFileDecoder> {
    const d = new EtlFileDecoder(source, index);
    await d.start();
    return d;
  }

  /** A file that could not even be read (I/O error): it reports why and yields nothing. */
  static failed(source: EtlSource, index: number, reason: string): EtlFileDecoder {
    const d = new EtlFileDecoder(source, index);
    d.fail(reason);
    return d;
  }

  private fail(reason: string): void {
    this.report.fatal = reason;
    this.done = true;
  }

  private async start(): Promise<void> {
    const size = this.source.size;
    if (size < BUFFER_HEADER_SIZE) return this.fail(size === 0 ? 'the file is empty' : `the file is too short for an ETL file (${size} bytes)`);
    const head = await this.source.read(0, BUFFER_HEADER_SIZE);
    const bh = readBufferHeader(head, 0, head.length);
    if (typeof bh === 'string') return this.fail(`not an ETL file: ${bh}`);
    const first = bh.bufferSize <= size ? await this.source.read(0, bh.bufferSize) : undefined;
    if (!first || first.length < bh.bufferSize) return this.fail(`the file is shorter (${size} bytes) than its first buffer (${bh.bufferSize} bytes)`);
    const lh = readLogfileHeader(first, bh.savedOffset);
    if (typeof lh === 'string') return this.fail(`not a readable ETL file: ${lh}`);
    this.header = lh;
    const r = this.report;
    r.bufferSize = bh.bufferSize;
    r.osVersion = lh.osVersion;
    r.loggerName = lh.loggerName;
    r.startTime = lh.startTime;
    r.endTime = lh.endTime;
    r.timeZone = lh.timeZone;
    r.clock = lh.clockKind;
    r.eventsLost = lh.eventsLost;
    r.buffersLost = lh.buffersLost;
    // A session that is still logging has not written its end time and buffer count yet.
    r.headerNotFinalised = !lh.endTime || lh.buffersWritten === 0;
    r.buffers = 1;
    this.offset = bh.bufferSize;
  }

  get finished(): boolean {
    return this.done && this.heap.size === 0;
  }

  /**
   * Decodes the next stretch of the file and returns the events that are now safely in time
   * order (all remaining ones at the end). Returns an empty array when nothing is ready yet.
   */
  async next(): Promise<EtlEvent[]> {
    const out: EtlEvent[] = [];
    if (!this.done) {
      const bs = this.report.bufferSize;
      const want = Math.max(bs, Math.floor(READ_BYTES / bs) * bs);
      const chunk = this.offset < this.source.size ? await this.source.read(this.offset, Math.min(want, this.source.size - this.offset)) : new Uint8Array(0);
      if (chunk.length === 0) this.done = true;
      let o = 0;
      while (o < chunk.length) {
        const avail = chunk.length - o;
        if (avail < bs) {
          this.report.truncated = true;
          this.buffer(chunk, o, avail, this.offset + o);
          this.done = true;
          break;
        }
        this.buffer(chunk, o, bs, this.offset + o);
        o += bs;
      }
      this.offset += chunk.length;
      if (this.offset >= this.source.size) this.done = true;
      while (this.heap.size > REORDER_WINDOW) out.push((this.heap.pop() as Pending).e);
    }
    if (this.done) while (this.heap.size) out.push((this.heap.pop() as Pending).e);
    return out;
  }

  private corrupt(fileOffset: number, reason: string): void {
    const r = this.report;
    r.corruptBufferCount++;
    if (r.corruptBuffers.length < MAX_CORRUPT_LISTED) r.corruptBuffers.push({ offset: fileOffset, reason });
  }

  /** One buffer (`avail` < buffer size: the file ends inside it). */
  private buffer(chunk: Uint8Array, o: number, avail: number, fileOffset: number): void {
    const r = this.report;
    r.buffers++;
    const bh = readBufferHeader(chunk, o, avail);
    if (typeof bh === 'string') return this.corrupt(fileOffset, bh);
    if (bh.bufferSize !== r.bufferSize) return this.corrupt(fileOffset, `buffer size ${bh.bufferSize} differs from the file's ${r.bufferSize}`);
    const b = chunk.subarray(o, o + avail);
    const end = Math.min(bh.savedOffset, avail);
    let stop: { at: number; reason: string } | undefined;
    try {
      stop = walkBuffer(b, BUFFER_HEADER_SIZE, end, (v) => {
        if (v.kind === 'event') this.event(b, v.event);
        else if (v.kind === 'wpp') bump(r.wpp, v.providerId ?? 'unknown provider');
        else if (v.kind === 'classic') bump(r.classic, v.providerId ?? 'unknown provider');
        else if (!v.housekeeping) r.system++;
      });
    } catch (err) {
      stop = { at: 0, reason: `unreadable records (${err instanceof Error ? err.message : String(err)})` };
    }
    if (stop) this.corrupt(fileOffset, `${stop.reason} at buffer offset 0x${stop.at.toString(16)}`);
    else if (end < bh.savedOffset) this.corrupt(fileOffset, 'the file ends inside this buffer');
  }

  private schemaOf(b: Uint8Array, ev: RawEvent): TlgSchema | string {
    let h = 0x811c9dc5;
    const n = ev.schemaEnd - ev.schemaStart;
    for (let i = ev.schemaStart; i < ev.schemaEnd; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const bucket = this.schemas.get(h);
    if (bucket) {
      for (const c of bucket) {
        if (c.bytes.length !== n) continue;
        let same = true;
        for (let i = 0; i < n; i++) if (c.bytes[i] !== b[ev.schemaStart + i]) { same = false; break; }
        if (same) return c.schema;
      }
    }
    const schema = parseSchema(b, ev.schemaStart, ev.schemaEnd);
    if (this.schemaCount >= MAX_SCHEMAS) {
      this.schemas.clear();
      this.schemaCount = 0;
    }
    const entry = { bytes: b.slice(ev.schemaStart, ev.schemaEnd), schema };
    if (bucket) bucket.push(entry);
    else this.schemas.set(h, [entry]);
    this.schemaCount++;
    return schema;
  }

  private event(b: Uint8Array, ev: RawEvent): void {
    const r = this.report;
    const header = this.header as LogfileHeader;
    let name: string;
    let message: string;
    const provider = ev.providerName ?? `{${guid(b, ev.providerAt)}}`;
    if (ev.schemaEnd > ev.schemaStart) {
      const schema = this.schemaOf(b, ev);
      if (typeof schema === 'string') {
        r.badSchema++;
        return;
      }
      const p = decodePayload(schema, b, ev.dataStart, ev.dataEnd);
      if (!p.complete) r.incomplete++;
      name = schema.name;
      message = p.message;
    } else if (ev.flags & 4) {
      name = ev.providerName ?? 'String';
      message = stringOnlyText(b, ev.dataStart, ev.dataEnd);
    } else if (ev.flags & 8) {
      bump(r.wpp, provider);
      return;
    } else {
      bump(r.manifest, provider);
      return;
    }
    const time = header.clock.toInstant(ev.tsHi, ev.tsLo);
    const start = r.startTime?.ms ?? 0;
    if (!(time.ms > start - MAX_BEFORE_START_MS && time.ms < start + MAX_AFTER_START_MS)) {
      r.badTime++;
      return;
    }
    r.decoded++;
    bump(r.providers, provider);
    const e: EtlEvent = { time, pid: ev.pid, tid: ev.tid, level: ev.level, provider, name, message, file: this.index };
    this.heap.push({ e, seq: this.seq++ });
  }

  async close(): Promise<void> {
    this.done = true;
    await this.source.close?.();
  }
}

export { MAX_BUFFER_SIZE };
