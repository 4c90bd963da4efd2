// Zip archives through yauzl: opened from a path (positional reads: the archive is never loaded
// whole) or from memory (a nested zip, a file of a virtual workspace). Entries are listed one at a
// time from the central directory; their names are checked here, not by yauzl (which would stop
// the whole archive at the first `../` name), and each entry's data is a stream.
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { checkEntryName } from './names';

export interface ZipEntry {
  /** Path inside the archive (backslashes turned into slashes). */
  name: string;
  /** Why the name is not trusted (absolute, `..`, control characters). */
  unsafe?: string;
  directory: boolean;
  encrypted: boolean;
  /** 0 stored, 8 deflate; anything else is not inflated. */
  method: number;
  compressedSize: number;
  size: number;
  /** Where its local header starts (to detect entries that share data: a zip bomb's trick). */
  offset: number;
  raw: yauzl.Entry;
}

/** An open archive: entries in central-directory order, and the stream of one entry's data. */
export class ZipReader {
  private waiting: { resolve: (e: yauzl.Entry | undefined) => void; reject: (err: Error) => void } | undefined;
  private done = false;
  private failure: Error | undefined;

  private constructor(private readonly zip: yauzl.ZipFile) {
    zip.on('entry', (e: yauzl.Entry) => this.settle((w) => w.resolve(e)));
    zip.on('end', () => {
      this.done = true;
      this.settle((w) => w.resolve(undefined));
    });
    zip.on('error', (err: Error) => {
      this.failure = err;
      this.settle((w) => w.reject(err));
    });
  }

  /** The number of entries the end record announces. */
  get entryCount(): number {
    return this.zip.entryCount;
  }

  static async open(src: { path: string } | { bytes: Uint8Array }): Promise<ZipReader> {
    const options: yauzl.Options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      const cb = (err: Error | null, z: yauzl.ZipFile): void => (err ? reject(err) : resolve(z));
      if ('path' in src) yauzl.open(src.path, options, cb);
      else yauzl.fromBuffer(Buffer.from(src.bytes.buffer, src.bytes.byteOffset, src.bytes.byteLength), options, cb);
    });
    return new ZipReader(zip);
  }

  /** The next entry, undefined at the end; rejects when the central directory is damaged there. */
  next(): Promise<ZipEntry | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.done) return Promise.resolve(undefined);
    return new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.zip.readEntry();
    }).then((e) => (e ? describe(e) : undefined));
  }

  /** The entry's data, inflated; yauzl fails the stream when it holds more bytes than declared. */
  openStream(e: ZipEntry): Promise<Readable> {
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(e.raw, (err, stream) => (err ? reject(err) : resolve(stream)));
    });
  }

  close(): void {
    try {
      this.zip.close();
    } catch {
      // already closed
    }
  }

  private settle(f: (w: NonNullable<ZipReader['waiting']>) => void): void {
    const w = this.waiting;
    this.waiting = undefined;
    if (w) f(w);
  }
}

function describe(e: yauzl.Entry): ZipEntry {
  const raw = e.fileName as unknown as Buffer;
  const decoded = yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, raw, e.extraFields, false);
  const { name, unsafe } = checkEntryName(decoded);
  return {
    name, unsafe, directory: name.endsWith('/'), encrypted: (e.generalPurposeBitFlag & 1) !== 0, method: e.compressionMethod,
    compressedSize: e.compressedSize, size: e.uncompressedSize, offset: e.relativeOffsetOfLocalHeader, raw: e,
  };
}

/** Data ranges of the entries seen so far: a new entry whose data overlaps one of them is a bomb's trick. */
export class RangeSet {
  private starts: number[] = [];
  private ends: number[] = [];

  /** Adds [start, end); false when it overlaps a range already added. */
  add(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && this.ends[lo - 1] > start) return false;
    if (lo < this.starts.length && this.starts[lo] < end) return false;
    this.starts.splice(lo, 0, start);
    this.ends.splice(lo, 0, end);
    return true;
  }
}
