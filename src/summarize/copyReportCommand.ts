// `wuLogLens.copyReport`: puts the failure summary (Markdown) on the clipboard, ready for an email.
import * as vscode from 'vscode';
import type { ReportStore } from './reportStore';

export const COPY_REPORT_COMMAND = 'wuLogLens.copyReport';

export async function copyReport(store: ReportStore): Promise<boolean> {
  const text = store.current();
  if (text === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no failure summary yet. Run "Summarize Failures" on a log first.'));
    return false;
  }
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Failure summary copied to the clipboard.'), 3000);
  return true;
}

export function registerCopyReport(store: ReportStore): vscode.Disposable {
  return vscode.commands.registerCommand(COPY_REPORT_COMMAND, () => copyReport(store));
}
