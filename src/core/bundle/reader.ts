// Reads the archives of a bundle into an Analyzer: every entry of a zip (nested folders, a nested
// zip or cab one level deep) is streamed from the archive into the same reader a file on disk goes
// through; nothing is extracted to disk. Entries that are not logs, or that fight back (encrypted,
// `../` names, bombs, damaged data), are listed as skipped with the reason, and reading goes on.
import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import type { FileInfo } from '../model/types';
import type { Analyzer } from '../analysis/analyzer';
import { feedFile, headLooksLikeLog, SNIFF_BYTES, walkDecision } from '../analysis/fileFeed';
import { etlGroupName, feedEtlGroup } from '../analysis/etlFiles';
import { isEtlName, memorySource } from '../etl';
import { findBsdtar, readCab, type ByteStream } from './cab';
import { DEFAULT_LIMITS, type BundleLimits } from './limits';
import { posix } from 'node:path';
import { checkEntryName, isCabName, isZipName, kindOfName } from './names';
import type { ArchiveSource, LogKind, SkippedEntry, SkipReason } from './types';
import { RangeSet, ZipReader, type ZipEntry } from './zip';

export interface BundleOptions {
  signal?: AbortSignal;
  /** Told before each log is read. */
  onFile?: (path: string) => void;
  /** Whether CAB archives may be read with the external bsdtar (off in an untrusted workspace). */
  externalTools?: boolean;
  limits?: Partial<BundleLimits>;
}

/** Rejected with when `signal` aborts (callers test `name === 'AbortError'`). */
export class BundleAbortedError extends Error {
  constructor() {
    super('The bundle reading was cancelled.');
    this.name = 'AbortError';
  }
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 300);

export class BundleReader {
  readonly sources: ArchiveSource[] = [];
  readonly skipped: SkippedEntry[] = [];
  skippedCount = 0;
  /** Kinds of logs seen among entries not analysed (an event log, setupapi.dev.log, a DO log). */
  readonly present = new Map<LogKind, string[]>();
  private readonly limits: BundleLimits;
  private logs = 0;
  private bytes = 0;
  private readonly etl = new Map<string, { name: string; path: string; bytes: Uint8Array }[]>();
  private etlBytes = 0;

  constructor(private readonly a: Analyzer, private readonly infos: (FileInfo | undefined)[], private readonly opts: BundleOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
  }

  /** Logs analysed so far through this reader (the caller's plain files count too, see `countLog`). */
  get logCount(): number {
    return this.logs;
  }

  /** A log the caller analysed itself (a plain file next to the archives): counts against the cap. */
  countLog(): void {
    this.logs++;
  }

  /** A zip or cab file on the local disk. */
  async readArchiveFile(path: string): Promise<void> {
    if (isCabName(path)) await this.readCabFrom(async () => createReadStream(path), path, 0);
    else await this.readZip({ path }, path, 0);
  }

  /** A zip or cab given as bytes (a file of a virtual workspace). */
  async readArchiveBytes(path: string, bytes: Uint8Array): Promise<void> {
    if (isCabName(path)) await this.readCabFrom(async () => streamOf(bytes), path, 0);
    else await this.readZip({ bytes }, path, 0);
  }

  /** A file of a folder walk that was not taken (listed, and its kind noted). */
  skip(name: string, reason: SkipReason, detail?: string, size?: number): void {
    this.skippedCount++;
    const kind = kindOfName(name);
    if (kind !== 'other') {
      const list = this.present.get(kind) ?? [];
      if (list.length < 5) list.push(name);
      this.present.set(kind, list);
    }
    if (this.skipped.length < this.limits.maxListed) this.skipped.push({ name, reason, ...(detail ? { detail } : {}), ...(size !== undefined ? { size } : {}) });
  }

  /** Decodes the ETL files met in archives (those of one folder as one text). Call once, at the end. */
  async finishEtl(): Promise<void> {
    for (const group of this.etl.values()) {
      this.checkAbort();
      const idx = this.a.addFile(etlGroupName(group.map((g) => g.path), '/'), 'unknown');
      this.opts.onFile?.(group[0].path);
      this.infos[idx] = (await feedEtlGroup(this.a, idx, group.map((g) => memorySource(g.name, g.bytes)), this.opts.signal)).info;
    }
    this.etl.clear();
  }

  private checkAbort(): void {
    if (this.opts.signal?.aborted) throw new BundleAbortedError();
  }

  private async readZip(src: { path: string } | { bytes: Uint8Array }, label: string, depth: number): Promise<void> {
    const source: ArchiveSource = { path: label, kind: 'zip', entries: 0, logs: 0 };
    this.sources.push(source);
    let zip: ZipReader;
    try {
      zip = await ZipReader.open(src);
    } catch (err) {
      const m = message(err);
      source.problem = { kind: /central directory|end of central|signature/i.test(m) ? 'corruptDirectory' : /ENOENT|EACCES|EISDIR|EPERM/.test(m) ? 'readError' : 'notAnArchive', detail: m };
      return;
    }
    const ranges = new RangeSet();
    try {
      for (;;) {
        this.checkAbort();
        let e: ZipEntry | undefined;
        try {
          e = await zip.next();
        } catch (err) {
          source.problem = { kind: 'corruptDirectory', detail: `${message(err)} (after ${source.entries} entries)` };
          break;
        }
        if (!e) break;
        if (e.directory) continue;
        if (++source.entries > this.limits.maxEntries) {
          source.problem = { kind: 'tooManyEntries', detail: `the archive lists ${zip.entryCount} entries; the first ${this.limits.maxEntries} were looked at` };
          break;
        }
        const path = `${label}!/${e.name}`;
        const reason = this.refuse(e, ranges);
        if (reason) {
          this.skip(path, reason.reason, reason.detail, e.size);
          continue;
        }
        const entry = e;
        await this.entry(path, e.name, e.size, () => zip.openStream(entry), depth, source);
      }
    } finally {
      zip.close();
    }
  }

  /** Why a zip entry is not read at all, judged from the central directory alone. */
  private refuse(e: ZipEntry, ranges: RangeSet): { reason: SkipReason; detail?: string } | undefined {
    const L = this.limits;
    if (e.unsafe) return { reason: 'unsafeName', detail: e.unsafe };
    if (e.encrypted) return { reason: 'encrypted' };
    if (e.method !== 0 && e.method !== 8) return { reason: 'unsupportedMethod', detail: `compression method ${e.method}` };
    if (e.size > L.maxEntryBytes) return { reason: 'tooLarge', detail: `${e.size} bytes` };
    if (e.size >= L.bombMinBytes && e.size / Math.max(1, e.compressedSize) > L.bombRatio) {
      return { reason: 'bomb', detail: `${e.compressedSize} bytes expand to ${e.size} (ratio ${Math.round(e.size / Math.max(1, e.compressedSize))})` };
    }
    if (!ranges.add(e.offset, e.offset + 30 + e.raw.fileNameLength + e.compressedSize)) return { reason: 'bomb', detail: 'its data overlaps another entry\'s' };
    if (this.bytes + e.size > L.maxTotalBytes) return { reason: 'budget', detail: `over ${L.maxTotalBytes} bytes read from this bundle` };
    return undefined;
  }

  private async readCabFrom(open: () => Promise<Readable>, label: string, depth: number): Promise<void> {
    const source: ArchiveSource = { path: label, kind: 'cab', entries: 0, logs: 0 };
    this.sources.push(source);
    if (this.opts.externalTools === false) return this.skip(label, 'cabUntrusted');
    const tool = await findBsdtar();
    if (!tool) return this.skip(label, 'cabNoTool', 'no bsdtar (libarchive-tools) found');
    let input: Readable;
    try {
      input = await open();
    } catch (err) {
      source.problem = { kind: 'readError', detail: message(err) };
      return;
    }
    const r = await readCab(tool, input, async (m) => {
      if (this.opts.signal?.aborted) return;
      source.entries++;
      const { name, unsafe } = checkEntryName(m.name);
      const path = `${label}!/${name}`;
      if (unsafe) return this.skip(path, 'unsafeName', unsafe, m.size);
      if (m.size > this.limits.maxEntryBytes) return this.skip(path, 'tooLarge', `${m.size} bytes`, m.size);
      if (this.bytes + m.size > this.limits.maxTotalBytes) return this.skip(path, 'budget', undefined, m.size);
      await this.entry(path, name, m.size, async () => m.stream, depth, source);
    }, { signal: this.opts.signal, timeoutMs: this.limits.cabTimeoutMs });
    this.checkAbort();
    if (r.error) source.problem = { kind: source.entries ? 'readError' : 'notAnArchive', detail: r.error };
  }

  /** One entry of an archive: a nested archive, an ETL file, a log, or something skipped. */
  private async entry(path: string, name: string, size: number, open: () => Promise<ByteStream>, depth: number, source: ArchiveSource): Promise<void> {
    const base = posix.basename(name);
    if (isZipName(base) || isCabName(base)) {
      if (depth >= 1) return this.skip(path, 'nestedTooDeep', undefined, size);
      if (isCabName(base)) return this.readCabFrom(async () => Readable.from(await open()), path, depth + 1);
      if (size > this.limits.maxNestedBytes) return this.skip(path, 'nestedTooLarge', `${size} bytes`, size);
      const bytes = await this.readAll(path, open, this.limits.maxNestedBytes);
      if (bytes) await this.readZip({ bytes }, path, depth + 1);
      return;
    }
    if (isEtlName(base)) {
      if (size > this.limits.maxEtlBytes || this.etlBytes + size > this.limits.maxEtlTotalBytes) return this.skip(path, 'tooLarge', `${size} bytes of ETL`, size);
      if (this.logs >= this.limits.maxLogs) return this.skip(path, 'tooManyFiles', undefined, size);
      const bytes = await this.readAll(path, open, this.limits.maxEtlBytes);
      if (!bytes) return;
      this.etlBytes += bytes.length;
      const dir = path.slice(0, path.lastIndexOf('/') + 1);
      const group = this.etl.get(dir) ?? [];
      if (!group.length) this.logs++;
      group.push({ name: base, path, bytes });
      this.etl.set(dir, group);
      source.logs++;
      return;
    }
    const decision = walkDecision(base);
    if (decision === 'skip') return this.skip(path, 'notALog', undefined, size);
    if (this.logs >= this.limits.maxLogs) return this.skip(path, 'tooManyFiles', undefined, size);
    let stream: ByteStream;
    try {
      stream = await open();
    } catch (err) {
      return this.skip(path, 'corrupt', message(err), size);
    }
    await this.take(path, base, stream, decision === 'sniff', size, source);
  }

  /** Streams one entry into the analysis; a `sniff` entry only when its head reads as a log. */
  private async take(path: string, base: string, stream: ByteStream, sniff: boolean, size: number, source: ArchiveSource): Promise<void> {
    const it = stream[Symbol.asyncIterator]();
    const head: Uint8Array[] = [];
    let got = 0;
    let ended = false;
    let feed: ReturnType<typeof feedFile> | undefined;
    let idx = -1;
    try {
      while (got < SNIFF_BYTES) {
        const r = await it.next();
        if (r.done) {
          ended = true;
          break;
        }
        head.push(r.value);
        got += r.value.length;
      }
      this.bytes += got;
      const headBytes = Buffer.concat(head);
      if (sniff && !headLooksLikeLog(headBytes, base)) {
        this.skip(path, 'notALog', undefined, size);
        return;
      }
      idx = this.a.addFile(path, 'unknown');
      this.opts.onFile?.(path);
      feed = feedFile(this.a, idx, base);
      this.logs++;
      source.logs++;
      feed.pushBytes(headBytes);
      while (!ended) {
        this.checkAbort();
        const r = await it.next();
        if (r.done) break;
        this.bytes += r.value.length;
        feed.pushBytes(r.value);
      }
    } catch (err) {
      if (err instanceof BundleAbortedError) throw err;
      // Damaged data (bad deflate stream, more bytes than declared): what was read is analysed.
      this.skip(path, 'corrupt', `${feed ? 'analysed up to the damage: ' : ''}${message(err)}`, size);
    } finally {
      stream.destroy();
      if (feed) this.infos[idx] = feed.end();
    }
  }

  /** Reads a whole entry into memory, at most `cap` bytes; undefined (and listed) when it fails. */
  private async readAll(path: string, open: () => Promise<ByteStream>, cap: number): Promise<Uint8Array | undefined> {
    const parts: Uint8Array[] = [];
    let n = 0;
    let stream: ByteStream | undefined;
    try {
      stream = await open();
      for await (const c of stream) {
        this.checkAbort();
        n += c.length;
        this.bytes += c.length;
        if (n > cap) {
          this.skip(path, 'tooLarge', `over ${cap} bytes`);
          return undefined;
        }
        parts.push(c);
      }
      return Buffer.concat(parts);
    } catch (err) {
      if (err instanceof BundleAbortedError) throw err;
      this.skip(path, 'corrupt', message(err));
      return undefined;
    } finally {
      stream?.destroy();
    }
  }
}

function streamOf(bytes: Uint8Array): Readable {
  return Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
}
