// Analysis of files that are not on the local disk (virtual workspaces, remote file systems
// without a `file:` path): read through vscode.workspace.fs and fed to the same Analyzer the
// file path uses, so several files still form one analysis (WU failures linked to CBS sessions).
import * as vscode from 'vscode';
import { Analyzer, etlGroupName, feedEtlGroup, feedFile, groupByFolder, headLooksLikeLog, skipFolder, walkDecision, type Analysis } from '../core/analysis';
import { isEtlName, memorySource } from '../core/etl';
import type { FileInfo } from '../core/model/types';
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
  for (const root of roots) {
    const st = await statOf(root);
    if (st.type & vscode.FileType.Directory) await walk(root, 0, candidates, token);
    else candidates.push({ uri: root, sniff: false, stat: st });
    if (token.isCancellationRequested) return undefined;
  }
  const a = new Analyzer();
  const infos: FileInfo[] = [];
  const uris: vscode.Uri[] = [];
  const list = candidates.slice(0, MAX_FILES);
  // ETL files: decoded, those of one folder merged into one text (one analysed file).
  const dirOf = (c: Candidate): string => c.uri.with({ path: dirPath(c.uri) }).toString();
  const groups = new Map<Candidate, Candidate[]>();
  for (const g of groupByFolder(list.filter((c) => isEtlName(c.uri.path)), dirOf)) groups.set(g[0], g);
  for (const c of list) {
    if (token.isCancellationRequested) return undefined;
    if (isEtlName(c.uri.path)) {
      const group = groups.get(c);
      if (!group) continue;
      const sources = [];
      for (const m of group) sources.push(memorySource(baseOf(m.uri), await readBounded(m.uri, m.stat)));
      const idx = a.addFile(etlGroupName(group.map((m) => m.uri.path), '/'), 'unknown');
      uris[idx] = group[0].uri;
      infos[idx] = (await feedEtlGroup(a, idx, sources)).info;
      continue;
    }
    const bytes = await readBounded(c.uri, c.stat);
    if (c.sniff && !headLooksLikeLog(bytes, baseOf(c.uri))) continue;
    const idx = a.addFile(c.uri.path, 'unknown');
    uris[idx] = c.uri;
    const feed = feedFile(a, idx, baseOf(c.uri));
    for (let off = 0; off < bytes.length; off += CHUNK) feed.pushBytes(bytes.subarray(off, off + CHUNK));
    infos[idx] = feed.end();
  }
  return { analysis: a.finish(infos), uris };
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

async function walk(dir: vscode.Uri, depth: number, out: Candidate[], token: vscode.CancellationToken): Promise<void> {
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
      if (!skipFolder(name)) await walk(child, depth + 1, out, token);
    } else if (type & vscode.FileType.File) {
      const decision = walkDecision(name);
      if (decision !== 'skip') out.push({ uri: child, sniff: decision === 'sniff' });
    }
    if (out.length >= MAX_FILES) return;
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
