// The logs of a merged timeline: files and the servicing logs inside folders (walked like
// Summarize Failures does), each read as text: an open document's current text, a file's bytes
// decoded, or the decoded text of a folder's ETL files (in the client's own clock).
import * as vscode from 'vscode';
import { headLooksLikeLog, skipFolder, walkDecision } from '../core/analysis';
import { isEtlName } from '../core/etl';
import { textOfBytes, type TimelineInput } from '../core/navigate';
import { baseName, dirPath } from '../common/uris';
import { decodedEtlUri } from '../etlView';

/** Files taken at most, folder depth, and bytes read per file through the workspace file system. */
const MAX_FILES = 200;
const MAX_DEPTH = 8;
const MAX_BYTES = 256 * 1024 * 1024;

export interface TimelineSourceFile extends TimelineInput {
  /** Where its lines lead back to (the file, or the decoded ETL document). */
  uri: vscode.Uri;
}

export interface CollectedInputs {
  inputs: TimelineSourceFile[];
  /** Files that could not be read, with the reason. */
  unreadable: Array<{ name: string; reason: string }>;
}

async function walk(dir: vscode.Uri, depth: number, out: Array<{ uri: vscode.Uri; sniff: boolean }>): Promise<void> {
  if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
  const entries = await vscode.workspace.fs.readDirectory(dir);
  entries.sort((a, b) => a[0].localeCompare(b[0]));
  for (const [name, type] of entries) {
    if (out.length >= MAX_FILES) return;
    const child = vscode.Uri.joinPath(dir, name);
    if (type & vscode.FileType.Directory) {
      if (!skipFolder(name)) await walk(child, depth + 1, out);
    } else if (type & vscode.FileType.File) {
      const decision = walkDecision(name);
      if (decision !== 'skip') out.push({ uri: child, sniff: decision === 'sniff' });
    }
  }
}

async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  const st = await vscode.workspace.fs.stat(uri);
  if (st.size > MAX_BYTES) throw new Error(`${Math.round(st.size / 1048576)} MB`);
  return vscode.workspace.fs.readFile(uri);
}

/** Reads the logs named by `items` (files and folders). Never throws for one bad file: it is listed as unreadable. */
export async function collectInputs(items: readonly vscode.Uri[], token?: vscode.CancellationToken): Promise<CollectedInputs> {
  const files: Array<{ uri: vscode.Uri; sniff: boolean }> = [];
  const unreadable: CollectedInputs['unreadable'] = [];
  for (const item of items) {
    try {
      const st = await vscode.workspace.fs.stat(item);
      if (st.type & vscode.FileType.Directory) await walk(item, 0, files);
      else files.push({ uri: item, sniff: false });
    } catch (err) {
      unreadable.push({ name: baseName(item) || item.toString(true), reason: err instanceof Error ? err.message : String(err) });
    }
  }
  const inputs: TimelineSourceFile[] = [];
  const etlByFolder = new Map<string, vscode.Uri[]>();
  for (const f of files) {
    if (token?.isCancellationRequested) break;
    const name = baseName(f.uri);
    if (isEtlName(name)) {
      const key = dirPath(f.uri);
      etlByFolder.set(key, [...(etlByFolder.get(key) ?? []), f.uri]);
      continue;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === f.uri.toString());
    try {
      let text: string | undefined;
      if (open) text = open.getText();
      else {
        const bytes = await readBytes(f.uri);
        if (f.sniff && !headLooksLikeLog(bytes.subarray(0, 64 * 1024), name)) continue;
        text = textOfBytes(bytes, name);
      }
      if (text === undefined) unreadable.push({ name, reason: 'binary' });
      else inputs.push({ name, text, uri: f.uri });
    } catch (err) {
      unreadable.push({ name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  for (const group of etlByFolder.values()) {
    const uri = decodedEtlUri(group);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      inputs.push({ name: baseName(uri), text: doc.getText(), uri, clock: 'client', tag: 'ETL' });
    } catch (err) {
      unreadable.push({ name: group.map(baseName).join(', '), reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { inputs, unreadable };
}
