// Where the analysis for a summary comes from: the open log (its cached analysis, no second
// parse), files and folders on disk (streamed by the core, so files over the editor's 50 MB
// limit work), or files of a virtual workspace read through vscode.workspace.fs.
import * as vscode from 'vscode';
import { analyzeFiles, analyzeText, InputError, type Analysis } from '../core/analysis';
import { isLogDocument, type DocumentAnalyses } from '../analysisService/documentAnalyses';
import type { LinkTarget } from './evidenceLinks';
import { analyzeVirtual, messageOf, SummarizeInputError } from './virtualFiles';

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

/** The analysis of an open document: DocumentAnalyses' cached one for our log languages. */
export function fromDocument(document: vscode.TextDocument, analyses: DocumentAnalyses): CollectedAnalysis {
  let analysis: Analysis | undefined;
  if (isLogDocument(document)) {
    analysis = analyses.get(document)?.analysis;
    if (!analysis) throw new SummarizeInputError(vscode.l10n.t('The log could not be analysed; see the extension host log for details.'));
  } else {
    // Not one of our languages (e.g. plain text that content detection left alone): nobody has
    // analysed it, so this is the only parse. The report will say when the format is unknown.
    const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1) || document.uri.toString();
    analysis = analyzeText(document.getText(), name);
  }
  return { analysis, targets: analysis.files.map((f) => ({ path: f.path, target: targetOf(document.uri) })), scope: document.uri };
}

/** Files and folders: from disk when they have a file path, else through vscode.workspace.fs. Undefined when cancelled. */
export async function fromUris(uris: readonly vscode.Uri[], token: vscode.CancellationToken): Promise<CollectedAnalysis | undefined> {
  const local = uris.every((u) => u.scheme === 'file');
  if (local) {
    const paths = uris.map((u) => u.fsPath);
    // The core's walk is not cancellable; on cancel we stop waiting and drop its result.
    const work = analyzeFiles(paths).then(
      (analysis) => ({ analysis }),
      (err: unknown) => ({ error: err }),
    );
    const cancelled = new Promise<undefined>((resolve) => {
      if (token.isCancellationRequested) resolve(undefined);
      token.onCancellationRequested(() => resolve(undefined));
    });
    const done = await Promise.race([work, cancelled]);
    if (!done) return undefined;
    if ('error' in done) {
      const err = done.error;
      throw new SummarizeInputError(err instanceof InputError ? err.message : vscode.l10n.t('Cannot read the selected files: {0}', messageOf(err)));
    }
    const analysis = done.analysis;
    return { analysis, targets: analysis.files.map((f) => ({ path: f.path, target: vscode.Uri.file(f.path).toString() })), scope: uris[0] };
  }
  // At least one resource has no local path: read them all through the workspace file system.
  const v = await analyzeVirtual(uris, token);
  if (!v) return undefined;
  return { analysis: v.analysis, targets: v.analysis.files.map((f, i) => ({ path: f.path, target: v.uris[i] ? targetOf(v.uris[i]) : undefined })), scope: uris[0] };
}
