// `wuLogLens.openMergedTimeline`: several logs or a folder (Explorer selection), the open logs,
// or files picked in a dialog, as one read-only timeline in time order. And
// `wuLogLens.setTimelineClockOffset`: the offset of WindowsUpdate.log's clock, typed by the user.
import * as vscode from 'vscode';
import { isLogDocument } from '../analysisService/documentAnalyses';
import { parseClockOffset } from '../core/navigate';
import { configuredLang } from '../settings/language';
import { settings, updateSetting } from '../settings/settings';
import { translatorFor } from '../settings/translate';
import type { TimelineProvider } from './timelineProvider';
import { timelineUri } from './timelineUris';

export const OPEN_TIMELINE_COMMAND = 'wuLogLens.openMergedTimeline';
export const SET_OFFSET_COMMAND = 'wuLogLens.setTimelineClockOffset';
export const TIMELINE_LANGUAGE = 'wutimeline';

function urisFrom(uri: unknown, uris: unknown): vscode.Uri[] {
  const list = Array.isArray(uris) && uris.length ? uris : uri ? [uri] : [];
  return list.filter((u): u is vscode.Uri => u instanceof vscode.Uri);
}

/** Without a selection: the logs open in editors, else a dialog. */
async function defaultItems(): Promise<vscode.Uri[]> {
  const open = vscode.window.visibleTextEditors.map((e) => e.document).filter(isLogDocument).map((d) => d.uri);
  const unique = [...new Map(open.map((u) => [u.toString(), u])).values()];
  if (unique.length >= 2) return unique;
  const t = translatorFor(configuredLang());
  const picked = await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: true, openLabel: t('Merge into one timeline') });
  return picked ?? [];
}

export async function openTimeline(provider: TimelineProvider, items: vscode.Uri[]): Promise<vscode.TextDocument> {
  const t = translatorFor(configuredLang(items[0]));
  let doc = await vscode.workspace.openTextDocument(timelineUri(items, t('Timeline')));
  if (doc.languageId !== TIMELINE_LANGUAGE) doc = await vscode.languages.setTextDocumentLanguage(doc, TIMELINE_LANGUAGE);
  await vscode.window.showTextDocument(doc, { preview: false });
  const summary = provider.summaryOf(doc.uri);
  if (summary && summary.sources.length === 0) void vscode.window.showWarningMessage(t('No Windows servicing log with timestamps was found in the selection.'));
  return doc;
}

export function registerTimelineCommands(provider: TimelineProvider): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(OPEN_TIMELINE_COMMAND, async (uri?: unknown, uris?: unknown) => {
      try {
        const items = urisFrom(uri, uris);
        const chosen = items.length ? items : await defaultItems();
        return chosen.length ? await openTimeline(provider, chosen) : undefined;
      } catch (err) {
        const t = translatorFor(configuredLang());
        void vscode.window.showErrorMessage(t('The merged timeline could not be made: {0}', err instanceof Error ? err.message : String(err)));
        return undefined;
      }
    }),
    vscode.commands.registerCommand(SET_OFFSET_COMMAND, async (value?: unknown) => {
      const t = translatorFor(configuredLang());
      const text = typeof value === 'string' ? value : await vscode.window.showInputBox({
        prompt: t('How far is the client\'s clock ahead of the clock of WindowsUpdate.log (the machine that ran Get-WindowsUpdateLog)? For example +8, -5:30, or auto to detect it.'),
        value: settings.timelineClockOffset(),
        validateInput: (v) => (parseClockOffset(v) === undefined ? t('Write an offset such as +8, -5:30 or 0, or auto.') : undefined),
      });
      if (text === undefined || parseClockOffset(text) === undefined) return undefined;
      await updateSetting('timeline.clockOffset', text.trim() || 'auto');
      return text.trim() || 'auto';
    }),
  );
}
