// `wuLogLens.openRepairedCopy`: opens the read-only repaired copy of the active log (or of the
// file chosen in the Explorer) beside it, in the log's language, and says what was repaired.
import * as vscode from 'vscode';
import { OUR_LANGUAGES } from '../languageDetection/languages';
import { REPAIRED_SCHEME, repairedUri, sourceOfRepaired, type RepairedCopyProvider } from './repairedCopyProvider';

export const OPEN_REPAIRED_COPY_COMMAND = 'wuLogLens.openRepairedCopy';

const baseOf = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** Opens the repaired copy of `source` beside the active editor and returns it. */
export async function openRepairedCopy(provider: RepairedCopyProvider, source: vscode.Uri): Promise<vscode.TextDocument> {
  if (source.scheme === REPAIRED_SCHEME) source = sourceOfRepaired(source);
  const original = await vscode.workspace.openTextDocument(source);
  let doc = await vscode.workspace.openTextDocument(repairedUri(source));
  if (doc.languageId !== original.languageId && (OUR_LANGUAGES as readonly string[]).includes(original.languageId)) {
    doc = await vscode.languages.setTextDocumentLanguage(doc, original.languageId);
  }
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const n = provider.countFor(doc.uri);
  if (n?.lines) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} garbled line(s) repaired in the copy; {1} character(s) could not be recovered and show as �. The file itself is not changed.', n.lines, n.lost));
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('No garbled text (UTF-8 read as GBK or Shift-JIS) was found in {0}: the copy shows the same text.', baseOf(source)));
  }
  return doc;
}

export function registerOpenRepairedCopy(provider: RepairedCopyProvider): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_REPAIRED_COPY_COMMAND, async (uri?: unknown) => {
    const source = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!source) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a log first, then run "Open Repaired Copy".'));
      return undefined;
    }
    try {
      return await openRepairedCopy(provider, source);
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot read {0}: {1}', baseOf(source), err instanceof Error ? err.message : String(err)));
      return undefined;
    }
  });
}
