// Entry points of the analysis: a document's text (editor path), or files and folders
// (CLI, Explorer, files too large for the editor), each streamed once through LogStream
// into the same Analyzer.
import { createReadStream, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { fileSource, isEtlName, type EtlSource } from '../etl';
import type { FileInfo, Level } from '../model/types';
import { Analyzer } from './analyzer';
import { etlGroupName, feedEtlGroup, groupByFolder } from './etlFiles';
import { feedFile, headLooksLikeLog, skipFolder, SNIFF_BYTES, walkDecision } from './fileFeed';
import { canScanInWorker, feedInWorker, PARALLEL_MIN_BYTES } from './parallel';
import type { Analysis } from './types';
import { BundleReader } from '../bundle/reader';
import { isArchiveName } from '../bundle/names';
import { attachBundle, type BundleInput } from '../bundle/inventory';

/** A path that cannot be read: the CLI exits 1 with this message. */
export class InputError extends Error {}

/** The caller aborted `analyzeFiles` (its signal fired): named like the platform's AbortError. */
export class AnalysisAbortedError extends Error {
  readonly code = 'ABORT_ERR';
  constructor() {
    super('The analysis was cancelled.');
    this.name = 'AbortError';
  }
}

/** True for the error `analyzeFiles` rejects with when its signal aborts (or any platform AbortError). */
export function isAbortError(err: unknown): boolean {
  return err instanceof AnalysisAbortedError || (err instanceof Error && err.name === 'AbortError');
}

export interface AnalyzeFilesOptions {
  /** Stops the walk and the reading (checked between files and between chunks). */
  signal?: AbortSignal;
  /** Called before each file is read: its path, 0-based index and the number of files. */
  onFile?: (path: string, index: number, total: number) => void;
  /** CAB archives may be read with the external bsdtar (default true; false in an untrusted workspace). */
  externalTools?: boolean;
  /**
   * Reading large files in a worker thread (the same analysis): `auto` (default) when a core is
   * free, `always`, or `never`.
   */
  parallel?: 'auto' | 'always' | 'never';
  /** Files of at least this many bytes are read in a worker thread (PARALLEL_MIN_BYTES). */
  parallelMinBytes?: number;
  /** Called as the files are read, with the bytes read so far (all files together). */
  onRead?: (bytes: number) => void;
}

/**
 * Bytes read at a time. A decoded 64 KB chunk is a young-generation string, reclaimed at once; a
 * 1 MB one is external memory, reclaimed late (peak RSS 195 MB against 135 MB on a 100 MB log,
 * for the same time).
 */
const CHUNK = 64 * 1024;
const MAX_FILES = 2000;
const MAX_DEPTH = 8;

/**
 * Analyses one document's text (the editor path). `levelOf`: the real level of a line when the
 * text cannot carry it (decoded ETL text: the ETW level).
 */
export function analyzeText(text: string, fileName: string, levelOf?: (line: number, level: Level | undefined) => Level | undefined): Analysis {
  const a = new Analyzer();
  const idx = a.addFile(fileName, 'unknown');
  const feed = feedFile(a, idx, path.basename(fileName), levelOf);
  feed.pushText(text);
  return a.finish([feed.end()]);
}

/**
 * Analyses files and folders (folders are walked for servicing logs). Throws InputError for a
 * missing/unreadable path, AnalysisAbortedError (name `AbortError`) once `options.signal` aborts.
 */
export async function analyzeFiles(paths: string[], options: AnalyzeFilesOptions = {}): Promise<Analysis> {
  const { signal, onFile, onRead } = options;
  const files: string[] = [];
  const folders: BundleInput['folders'] = [];
  const skipped: string[] = [];
  for (const p of paths) {
    checkAbort(signal);
    let st;
    try {
      st = await fsp.stat(p);
    } catch (err) {
      throw new InputError(`cannot read ${p}: ${reason(err)}`);
    }
    if (st.isDirectory()) {
      const before = files.length;
      const skippedBefore = skipped.length;
      await walk(p, 0, files, signal, skipped);
      folders.push({ path: p, entries: files.length - before + skipped.length - skippedBefore, logs: files.length - before });
    }
    else if (st.isFile()) files.push(p);
    // A FIFO, socket or device (/dev/zero) would block or never end: refuse it.
    else throw new InputError(`cannot read ${p}: not a regular file`);
  }
  const a = new Analyzer();
  const infos: FileInfo[] = [];
  const list = files.slice(0, MAX_FILES);
  // Archives (zip, cab) are read entry by entry into the same analysis; files not taken are listed.
  let current = 0;
  const bundle = new BundleReader(a, infos, { signal, externalTools: options.externalTools, onFile: (p) => onFile?.(p, current, list.length) });
  for (const s of skipped) bundle.skip(s, 'notALog');
  // ETL files are decoded, the files of one folder merged into one text (one analysed file).
  const etlGroups = new Map<string, string[]>();
  for (const g of groupByFolder(list.filter((f) => isEtlName(f)), (f) => path.dirname(f))) etlGroups.set(g[0], g);
  const parallel = options.parallel !== 'never' && canScanInWorker(options.parallel ?? 'auto');
  let read = 0;
  for (let i = 0; i < list.length; i++) {
    const file = list[i];
    checkAbort(signal);
    onFile?.(file, (current = i), list.length);
    if (isArchiveName(file)) {
      await bundle.readArchiveFile(file).catch((err) => { throw isAbortError(err) ? new AnalysisAbortedError() : err; });
      continue;
    }
    bundle.countLog();
    if (isEtlName(file)) {
      const group = etlGroups.get(file);
      if (group) {
        const idx = a.addFile(etlGroupName(group), 'unknown');
        infos[idx] = await analyzeEtlGroup(a, idx, group, signal);
      }
      continue;
    }
    const idx = a.addFile(file, 'unknown');
    if (parallel && (await sizeOf(file)) >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
      // A large file: read in another thread while this one analyses.
      let info: FileInfo | 'declined' | undefined;
      try {
        const before = read;
        info = await feedInWorker(a, idx, file, CHUNK, () => !!signal?.aborted, (chunks) => onRead?.((read = before + chunks * CHUNK)));
      } catch (err) {
        throw new InputError(`cannot read ${file}: ${reason(err)}`);
      }
      checkAbort(signal);
      if (info !== 'declined') {
        infos[idx] = info as FileInfo;
        continue;
      }
    }
    const stream = feedFile(a, idx, path.basename(file));
    const input = createReadStream(file, { highWaterMark: CHUNK });
    try {
      for await (const chunk of input) {
        stream.pushBytes(chunk as Buffer);
        read += (chunk as Buffer).length;
        onRead?.(read);
        // Between chunks: leaving the loop destroys the read stream (file closed).
        if (signal?.aborted) break;
      }
    } catch (err) {
      throw new InputError(`cannot read ${file}: ${reason(err)}`);
    } finally {
      input.destroy();
    }
    checkAbort(signal);
    infos[idx] = stream.end();
  }
  await bundle.finishEtl().catch((err) => { throw isAbortError(err) ? new AnalysisAbortedError() : err; });
  return attachBundle(a.finish(infos), bundle, { folders, paths: paths.length });
}

async function analyzeEtlGroup(a: Analyzer, idx: number, group: string[], signal?: AbortSignal): Promise<FileInfo> {
  const sources: EtlSource[] = [];
  try {
    for (const f of group) {
      try {
        sources.push(await fileSource(f));
      } catch (err) {
        throw new InputError(`cannot read ${f}: ${reason(err)}`);
      }
    }
    return (await feedEtlGroup(a, idx, sources, signal)).info;
  } catch (err) {
    if (err instanceof Error && err.name === 'AbortError') throw new AnalysisAbortedError();
    throw err;
  } finally {
    for (const s of sources) await s.close?.();
  }
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AnalysisAbortedError();
}

async function walk(dir: string, depth: number, out: string[], signal?: AbortSignal, skipped?: string[]): Promise<void> {
  checkAbort(signal);
  if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`cannot read folder ${dir}: ${reason(err)}`);
  }
  entries.sort((x, y) => x.name.localeCompare(y.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipFolder(e.name)) await walk(full, depth + 1, out, signal, skipped);
    } else if (e.isFile()) {
      checkAbort(signal);
      const decision = walkDecision(e.name);
      if (decision === 'take' || (decision === 'sniff' && (await sniff(full)))) out.push(full);
      else if (skipped && skipped.length < MAX_FILES) skipped.push(full);
    }
    if (out.length >= MAX_FILES) return;
  }
}

/** Reads the head of a file and asks the reader whether it is a servicing log. */
async function sniff(file: string): Promise<boolean> {
  let fh;
  try {
    fh = await fsp.open(file, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return headLooksLikeLog(buf.subarray(0, bytesRead), path.basename(file));
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fsp.stat(file)).size;
  } catch {
    return 0;
  }
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or folder';
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'EISDIR') return 'is a folder';
  return e?.message ?? String(err);
}
