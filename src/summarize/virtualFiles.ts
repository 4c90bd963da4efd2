// Analysis of files that are not on the local disk (virtual workspaces, remote file systems
// without a `file:` path): read through vscode.workspace.fs and fed to the same Analyzer the
// file path uses, so several files still form one analysis (WU failures linked to CBS sessions).
import * as vscode from 'vscode';
import { Analyzer, type Analysis } from '../core/analysis';
import type { FileInfo } from '../core/model/types';
import { LogStream } from '../core/readers';

/** A problem the user should read (shown as an error message, not thrown further). */
export class SummarizeInputError extends Error {}

/** Files bigger than this are not read into memory through the virtual file system. */
export const VIRTUAL_MAX_BYTES = 256 * 1024 * 1024;
const MAX_FILES = 500;
const MAX_DEPTH = 8;
const CHUNK = 1024 * 1024;
/** Servicing logs by name (same families the folder walk of the core picks). */
const KNOWN_NAME = /^(?:WindowsUpdate.*\.(?:log|txt)|CBS\.log|CbsPersist_.*\.log|dism.*\.log|setupact\.log|setuperr\.log|ReportingEvents\.log)$|WindowsUpdate.*\.etl$/i;
/** Other names worth reading the head of. */
const SNIFF_NAME = /\.(?:log|txt|bak)$/i;

export interface VirtualAnalysis {
  analysis: Analysis;
  /** The URI of each `analysis.files[i]`. */
  uris: vscode.Uri[];
}

const baseOf = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** Reads the given files and folders (walked) through vscode.workspace.fs and analyses them together. */
export async function analyzeVirtual(roots: readonly vscode.Uri[], token: vscode.CancellationToken): Promise<VirtualAnalysis | undefined> {
  const candidates: Array<{ uri: vscode.Uri; sniff: boolean }> = [];
  for (const root of roots) {
    const st = await statOf(root);
    if (st.type & vscode.FileType.Directory) await walk(root, 0, candidates, token);
    else candidates.push({ uri: root, sniff: false });
    if (token.isCancellationRequested) return undefined;
  }
  const a = new Analyzer();
  const infos: FileInfo[] = [];
  const uris: vscode.Uri[] = [];
  for (const c of candidates.slice(0, MAX_FILES)) {
    if (token.isCancellationRequested) return undefined;
    const bytes = await readBounded(c.uri);
    if (c.sniff && !looksLikeLog(bytes, baseOf(c.uri))) continue;
    const idx = a.addFile(c.uri.path, 'unknown');
    uris[idx] = c.uri;
    let known = false;
    const stream: LogStream = new LogStream((rec) => {
      if (!known) {
        a.setFormat(idx, stream.format);
        known = true;
      }
      a.push(idx, rec);
    }, baseOf(c.uri));
    for (let off = 0; off < bytes.length; off += CHUNK) stream.pushBytes(bytes.subarray(off, off + CHUNK));
    infos[idx] = stream.end();
    a.setFormat(idx, infos[idx].format);
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

async function readBounded(uri: vscode.Uri): Promise<Uint8Array> {
  const st = await statOf(uri);
  if (st.size > VIRTUAL_MAX_BYTES) {
    throw new SummarizeInputError(vscode.l10n.t('{0} is too large ({1} MB) to read through this workspace\'s file system. Copy it to a local folder and summarize it from there.', baseOf(uri), Math.round(st.size / 1048576)));
  }
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    throw new SummarizeInputError(vscode.l10n.t('Cannot read {0}: {1}', uri.toString(true), messageOf(err)));
  }
}

async function walk(dir: vscode.Uri, depth: number, out: Array<{ uri: vscode.Uri; sniff: boolean }>, token: vscode.CancellationToken): Promise<void> {
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
      if (name !== 'node_modules' && !name.startsWith('.')) await walk(child, depth + 1, out, token);
    } else if (type & vscode.FileType.File) {
      if (KNOWN_NAME.test(name)) out.push({ uri: child, sniff: false });
      else if (SNIFF_NAME.test(name)) out.push({ uri: child, sniff: true });
    }
    if (out.length >= MAX_FILES) return;
  }
}

/** Whether the head of a file reads as one of our log formats. */
function looksLikeLog(bytes: Uint8Array, name: string): boolean {
  const s = new LogStream(() => undefined, name);
  s.pushBytes(bytes.subarray(0, 64 * 1024));
  return s.end().format !== 'unknown';
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
