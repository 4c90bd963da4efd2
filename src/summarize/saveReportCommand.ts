// `wuLogLens.saveReport`: saves the current report as Markdown or as a standalone HTML page (no
// script, no links), chosen by the file name's extension in the save dialog.
import * as vscode from 'vscode';
import { htmlDocument } from '../core/report';
import type { ReportView } from './reportView';
import type { ReportViews } from './reportViews';
import { messageOf } from './virtualFiles';

export const SAVE_REPORT_COMMAND = 'wuLogLens.saveReport';

/** Where the dialog starts: beside the first log when it is a file, else the workspace. */
function defaultUri(targets: Array<string | undefined>, name: string): vscode.Uri | undefined {
  const first = targets.find((t) => t?.startsWith('file:'));
  const folder = first ? vscode.Uri.joinPath(vscode.Uri.parse(first), '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}

/** `target` (tests, other commands) skips the dialog; `from`: the report whose toolbar was used. */
export async function saveReport(views: ReportViews, target?: unknown, from?: ReportView): Promise<vscode.Uri | undefined> {
  const view = from ?? views.current();
  if (!view) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no report yet. Run "Summarize Failures" on a log first.'));
    return undefined;
  }
  const base = (view.source.label.split(', ')[0] || 'WindowsUpdate').replace(/\.[^.]*$/, '');
  const uri = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({
    defaultUri: defaultUri(view.targets, `${base}-summary.md`),
    filters: { [vscode.l10n.t('Markdown')]: ['md'], [vscode.l10n.t('HTML page')]: ['html', 'htm'] },
    saveLabel: vscode.l10n.t('Save Report'),
    title: vscode.l10n.t('Save the report as Markdown or HTML'),
  });
  if (!uri) return undefined;
  const html = /\.html?$/i.test(uri.path);
  const text = html ? htmlDocument(view.report.markdown, view.panel.title, view.language) : view.report.markdown;
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The report could not be saved: {0}', messageOf(err)));
    return undefined;
  }
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Report saved to {0}.', uri.toString(true)), 4000);
  return uri;
}

export function registerSaveReport(views: ReportViews): vscode.Disposable {
  return vscode.commands.registerCommand(SAVE_REPORT_COMMAND, (target?: unknown) => saveReport(views, target));
}
