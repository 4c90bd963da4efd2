// A click on an evidence reference in a report view: the log opens at that line, in the log's
// own column (beside the report, never in its place), with the line selected and centred.
import * as vscode from 'vscode';
import { reportFileName } from '../core/report';
import { messageOf } from './virtualFiles';

/**
 * Opens `target` (a URI string) at 1-based `line`. `reportColumn`: where the report is;
 * `logColumn`: where the log was when the report was made.
 */
export async function openEvidence(
  target: string | undefined, line: number, reportColumn: vscode.ViewColumn | undefined, logColumn: vscode.ViewColumn | undefined, path?: string,
): Promise<vscode.TextEditor | undefined> {
  const name = reportFileName(path ?? target ?? '');
  if (!target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} cannot be opened again (it was an unsaved document); line {1}.', name, line));
    return undefined;
  }
  const uri = vscode.Uri.parse(target, true);
  // The log's column: where it is shown now, else where it was, else beside the report.
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString() && e.viewColumn !== reportColumn);
  let column = shown?.viewColumn ?? (logColumn !== reportColumn ? logColumn : undefined);
  if (column === undefined) column = reportColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  const at = new vscode.Position(Math.max(0, line - 1), 0);
  try {
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, preserveFocus: false, preview: false, selection: new vscode.Range(at, at) });
    const range = editor.document.lineAt(Math.min(at.line, editor.document.lineCount - 1)).range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    return editor;
  } catch (err) {
    // Files over the editor's limit (50 MB) cannot be opened as documents.
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} could not be opened in the editor ({1}); the line is {2}.', name, messageOf(err), line));
    return undefined;
  }
}
