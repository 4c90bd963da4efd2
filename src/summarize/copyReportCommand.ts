// `wuLogLens.copyReport`: puts the current report on the clipboard, ready for an email or a
// ticket: as Markdown, as plain text, or as rich text (HTML with a plain-text alternative, where
// the clipboard takes it). References are `file name:line`; no form holds a local path.
import * as vscode from 'vscode';
import type { ReportView } from './reportView';
import type { ReportViews } from './reportViews';
import { messageOf } from './virtualFiles';

export const COPY_REPORT_COMMAND = 'wuLogLens.copyReport';

export type CopyFormat = 'markdown' | 'text' | 'html';

export interface CopyResult {
  format: CopyFormat;
  /** For `html`: whether rich text reached the clipboard (else plain text was copied). */
  rich?: boolean;
  how?: string;
  /** Why rich text could not be put on the clipboard. */
  error?: string;
}

const isFormat = (x: unknown): x is CopyFormat => x === 'markdown' || x === 'text' || x === 'html';

async function pickFormat(): Promise<CopyFormat | undefined> {
  const items: Array<vscode.QuickPickItem & { format: CopyFormat }> = [
    { format: 'html', label: vscode.l10n.t('Rich text'), description: vscode.l10n.t('for an email: headings, lists and code kept') },
    { format: 'text', label: vscode.l10n.t('Plain text'), description: vscode.l10n.t('for a ticket or an email without formatting') },
    { format: 'markdown', label: vscode.l10n.t('Markdown'), description: vscode.l10n.t('for chats, wikis and Markdown tickets') },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Copy the report as'), placeHolder: vscode.l10n.t('Copy the report as') });
  return pick?.format;
}

/** `view`: the report whose toolbar was used; else the current report. */
export async function copyReport(views: ReportViews, format?: unknown, from?: ReportView): Promise<CopyResult | undefined> {
  const view = from ?? views.current();
  if (!view) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no report yet. Run "Summarize Failures" on a log first.'));
    return undefined;
  }
  const f = isFormat(format) ? format : await pickFormat();
  if (!f) return undefined;
  const forms = view.report;
  if (f === 'html') {
    let r: { ok: boolean; how?: string; error?: string };
    try {
      r = await view.copyRich();
    } catch (err) {
      r = { ok: false, error: messageOf(err) };
    }
    if (!r.ok) {
      await vscode.env.clipboard.writeText(forms.text);
      void vscode.window.showInformationMessage(vscode.l10n.t('Rich text cannot be put on the clipboard here; the report was copied as plain text.'));
      return { format: f, rich: false, error: r.error };
    }
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Report copied as rich text.'), 3000);
    return { format: f, rich: true, how: r.how };
  }
  await vscode.env.clipboard.writeText(f === 'markdown' ? forms.markdown : forms.text);
  void vscode.window.setStatusBarMessage(f === 'markdown' ? vscode.l10n.t('Report copied as Markdown.') : vscode.l10n.t('Report copied as plain text.'), 3000);
  return { format: f };
}

export function registerCopyReport(views: ReportViews): vscode.Disposable {
  return vscode.commands.registerCommand(COPY_REPORT_COMMAND, (format?: unknown) => copyReport(views, format));
}
