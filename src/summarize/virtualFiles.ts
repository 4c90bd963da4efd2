// Analysis of files that are not on the local disk (virtual workspaces, remote file systems
// without a `file:` path): read through vscode.workspace.fs and fed to the same Analyzer the
// file path uses, so several files still form one analysis (WU failures linked to CBS sessions).
import * as vscode from 'vscode';
import { Analyzer, etlGroupName, feedEtlGroup, feedFile, groupByFolder, headLooksLikeLog, skipFolder, walkDecision, type Analysis } from '../core/analysis';
import { isEtlName, memorySource } from '../core/etl';
import type { FileInfo } from '../core/model/types';
import { BundleReader } from '../core/bundle/reader';
import { isArchiveName } from '../core/bundle/names';
import { attachBundle, type BundleInput } from '../core/bundle/inventory';
import { baseName as baseOf, dirPath } from '../common/uris';

/** A problem the user should read (shown as an error message, not thrown further). */
export class SummarizeInputError extends Error {}

/** Files bigger than this are not read into memory through the virtual file system. */
export const VIRTUAL_MAX_BYTES = 256 * 1024 * 1024;
const MAX_FILES = 500;
const MAX_DEPTH = 8;
const CHUNK = 1024 * 1024;

export interface VirtualAnalysis {
  analysis: Analysis;
  /** The URI of each `analysis.files[i]`. */
  uris: vscode.Uri[];
}

/** A file to read; `sniff`: only if its head looks like a log. `stat` when already known. */
interface Candidate {
  uri: vscode.Uri;
  sniff: boolean;
  stat?: vscode.FileStat;
}


/** Reads the given files and folders (walked) through vscode.workspace.fs and analyses them together. */
export async function analyzeVirtual(roots: readonly vscode.Uri[], token: vscode.CancellationToken): Promise<VirtualAnalysis | undefined> {
  const candidates: Candidate[] = [];
  const folders: BundleInput['folders'] = [];
  const skipped: vscode.Uri[] = [];
  for (const root of roots) {
    const st = await statOf(root);
    if (st.type & vscode.FileType.Directory) {
      const before = candidates.length;
      const skippedBefore = skipped.length;
      await walk(root, 0, candidates, token, skipped);
      folders.push({ path: root.path, entries: candidates.length - before + skipped.length - skippedBefore, logs: candidates.length - before });
    } else candidates.push({ uri: root, sniff: false, stat: st });
    if (token.isCancellationRequested) return undefined;
  }
  const a = new Analyzer();
  const infos: FileInfo[] = [];
  // Archives are read from memory (this file system gives whole files); CAB only in a trusted workspace.
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  const bundle = new BundleReader(a, infos, { signal: abort.signal, externalTools: vscode.workspace.isTrusted });
  for (const u of skipped) bundle.skip(u.path, 'notALog');
  const uris: vscode.Uri[] = [];
  const list = candidates.slice(0, MAX_FILES);
  // ETL files: decoded, those of one folder merged into one text (one analysed file).
  const dirOf = (c: Candidate): string => c.uri.with({ path: dirPath(c.uri) }).toString();
  const groups = new Map<Candidate, Candidate[]>();
  for (const g of groupByFolder(list.filter((c) => isEtlName(c.uri.path)), dirOf)) groups.set(g[0], g);
  try {
    for (const c of list) {
      if (token.isCancellationRequested) return undefined;
      if (isArchiveName(c.uri.path)) {
        await bundle.readArchiveBytes(c.uri.path, await readBounded(c.uri, c.stat));
        continue;
      }
      const fed = await feedOne(a, c, groups, infos, uris);
      if (fed === 'fed') bundle.countLog();
      else if (fed === 'notALog') bundle.skip(c.uri.path, 'notALog');
    }
    await bundle.finishEtl();
  } catch (err) {
    if (token.isCancellationRequested) return undefined;
    throw err;
  } finally {
    sub.dispose();
  }
  return { analysis: attachBundle(a.finish(infos), bundle, { folders, paths: roots.length }), uris };
}

/** One plain file, or an ETL group at its first file, fed into the analysis. */
async function feedOne(a: Analyzer, c: Candidate, groups: Map<Candidate, Candidate[]>, infos: FileInfo[], uris: vscode.Uri[]): Promise<'fed' | 'notALog' | 'inGroup'> {
  if (isEtlName(c.uri.path)) {
    const group = groups.get(c);
    if (!group) return 'inGroup';
    const sources = [];
    for (const m of group) sources.push(memorySource(baseOf(m.uri), await readBounded(m.uri, m.stat)));
    const idx = a.addFile(etlGroupName(group.map((m) => m.uri.path), '/'), 'unknown');
    uris[idx] = group[0].uri;
    infos[idx] = (await feedEtlGroup(a, idx, sources)).info;
    return 'fed';
  }
  const bytes = await readBounded(c.uri, c.stat);
  if (c.sniff && !headLooksLikeLog(bytes, baseOf(c.uri))) return 'notALog';
  const idx = a.addFile(c.uri.path, 'unknown');
  uris[idx] = c.uri;
  const feed = feedFile(a, idx, baseOf(c.uri));
  for (let off = 0; off < bytes.length; off += CHUNK) feed.pushBytes(bytes.subarray(off, off + CHUNK));
  infos[idx] = feed.end();
  return 'fed';
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch (err) {
    throw new SummarizeInputError(vscode.l10n.t('Cannot read {0}: {1}', uri.toString(true), messageOf(err)));
  }
}

/** Reads a whole file after checking its size (`known`: the stat the caller already made). */
async function readBounded(uri: vscode.Uri, known?: vscode.FileStat): Promise<Uint8Array> {
  const st = known ?? await statOf(uri);
  if (st.size > VIRTUAL_MAX_BYTES) {
    throw new SummarizeInputError(vscode.l10n.t('{0} is too large ({1} MB) to read through this workspace\'s file system. Copy it to a local folder and summarize it from there.', baseOf(uri), Math.round(st.size / 1048576)));
  }
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    throw new SummarizeInputError(vscode.l10n.t('Cannot read {0}: {1}', uri.toString(true), messageOf(err)));
  }
}

async function walk(dir: vscode.Uri, depth: number, out: Candidate[], token: vscode.CancellationToken, skipped: vscode.Uri[]): Promise<void> {
  if (depth > MAX_DEPTH || out.length >= MAX_FILES || token.isCancellationRequested) return;
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch (err) {
    throw new SummarizeInputError(vscode.l10n.t('Cannot read folder {0}: {1}', dir.toString(true), messageOf(err)));
  }
  entries.sort((x, y) => x[0].localeCompare(y[0]));
  for (const [name, type] of entries) {
    const child = vscode.Uri.joinPath(dir, name);
    if (type & vscode.FileType.Directory) {
      if (!skipFolder(name)) await walk(child, depth + 1, out, token, skipped);
    } else if (type & vscode.FileType.File) {
      const decision = walkDecision(name);
      if (decision !== 'skip') out.push({ uri: child, sniff: decision === 'sniff' });
      else if (skipped.length < MAX_FILES) skipped.push(child);
    }
    if (out.length >= MAX_FILES) return;
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
