// Where the analysis for a summary comes from: the open log (its cached analysis, no second
// parse), files and folders on disk (streamed by the core, so files over the editor's 50 MB
// limit work), or files of a virtual workspace read through vscode.workspace.fs.
import * as vscode from 'vscode';
import { decodedEtlUri } from '../etlView/etlUris';
import { analyzeFiles, analyzeText, InputError, isAbortError, type Analysis } from '../core/analysis';
import { isLogDocument, type DocumentAnalyses } from '../analysisService/documentAnalyses';
import { fileNameOf } from '../common/uris';
import { reportFileName } from '../core/report';
import { analyzeVirtual, messageOf, SummarizeInputError } from './virtualFiles';

/** Where evidence references of an analysed file lead. */
export interface LinkTarget {
  /** The path as it appears in `Analysis.files[i].path`. */
  path: string;
  /** URI of the file without a fragment (e.g. `file:///logs/CBS.log`); undefined = cannot be opened again. */
  target?: string;
}

export interface CollectedAnalysis {
  analysis: Analysis;
  /** Link target of each analysed file (same order as `analysis.files`). */
  targets: LinkTarget[];
  /** Resource used for the language setting. */
  scope?: vscode.Uri;
}

/** The URIs a command invocation names: `(uri, uris)` from the Explorer, `(uri)` from an editor menu. */
export function urisFromArgs(uri: unknown, uris: unknown): vscode.Uri[] {
  if (Array.isArray(uris)) {
    const list = uris.filter((u): u is vscode.Uri => u instanceof vscode.Uri);
    if (list.length) return list;
  }
  return uri instanceof vscode.Uri ? [uri] : [];
}

/** A link target for a file of the editor: only resources that can be opened again (not untitled). */
function targetOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'untitled' ? undefined : uri.with({ fragment: '', query: '' }).toString();
}

/** The analysis of an open document: DocumentAnalyses' one for our log languages (awaited when under way). */
export async function fromDocument(document: vscode.TextDocument, analyses: DocumentAnalyses): Promise<CollectedAnalysis> {
  let analysis: Analysis | undefined;
  if (isLogDocument(document)) {
    analysis = (await analyses.whenReady(document))?.analysis;
    if (!analysis) throw new SummarizeInputError(vscode.l10n.t('The log could not be analysed; see the extension host log for details.'));
  } else {
    // Not one of our languages (e.g. plain text that content detection left alone): nobody has
    // analysed it, so this is the only parse. The report will say when the format is unknown.
    analysis = analyzeText(document.getText(), fileNameOf(document.uri));
  }
  return { analysis, targets: analysis.files.map((f) => ({ path: f.path, target: targetOf(document.uri) })), scope: document.uri };
}

/**
 * Files and folders: from disk when they have a file path, else through vscode.workspace.fs.
 * Undefined when cancelled. `progress` (the notification's) is told which file is being read.
 */
export async function fromUris(
  uris: readonly vscode.Uri[], token: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string }>,
): Promise<CollectedAnalysis | undefined> {
  const local = uris.every((u) => u.scheme === 'file');
  if (local) {
    const paths = uris.map((u) => u.fsPath);
    // Cancel aborts the core's walk and read (it stops between chunks and closes the file).
    const abort = new AbortController();
    if (token.isCancellationRequested) return undefined;
    const sub = token.onCancellationRequested(() => abort.abort());
    let analysis: Analysis;
    try {
      analysis = await analyzeFiles(paths, {
        signal: abort.signal,
        // CAB archives run the external bsdtar: only where the workspace is trusted.
        externalTools: vscode.workspace.isTrusted,
        onFile: (p, i, n) => progress?.report({ message: vscode.l10n.t('Reading {0} ({1} of {2})…', reportFileName(p), i + 1, n) }),
      });
    } catch (err) {
      if (isAbortError(err) || token.isCancellationRequested) return undefined;
      throw new SummarizeInputError(err instanceof InputError ? err.message : vscode.l10n.t('Cannot read the selected files: {0}', messageOf(err)));
    } finally {
      sub.dispose();
    }
    return { analysis, targets: analysis.files.map((f) => ({ path: f.path, target: localTarget(f) })), scope: uris[0] };
  }
  // At least one resource has no local path: read them all through the workspace file system.
  const v = await analyzeVirtual(uris, token);
  if (!v) return undefined;
  return { analysis: v.analysis, targets: v.analysis.files.map((f, i) => ({ path: f.path, target: v.uris[i] ? targetOf(v.uris[i]) : undefined })), scope: uris[0] };
}

/** Where evidence lines of an analysed local file link to: the file, or the decoded ETL document. */
function localTarget(f: Analysis['files'][number]): string {
  if (!f.etl) return vscode.Uri.file(f.path).toString();
  const dir = f.path.slice(0, Math.max(f.path.lastIndexOf('/'), f.path.lastIndexOf('\\')) + 1);
  return decodedEtlUri(f.etl.files.map((n) => vscode.Uri.file(dir + n))).toString();
}
