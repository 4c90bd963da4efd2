// Next / previous failure (F8 / Shift+F8 in our logs, and the editor title buttons): moves the
// cursor to the next failure that decided an outcome, or to every failure line when
// `wuLogLens.navigation.failures` is `all`; wraps around, and says so in the status bar, as it
// does when the log has no failure.
import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../analysisService/documentAnalyses';
import { moveToFailure } from '../core/navigate';
import { configuredLang } from '../settings/language';
import { settings } from '../settings/settings';
import { translatorFor } from '../settings/translate';
import type { ViewLineMaps } from '../viewDocuments/lineMaps';
import { failureTargets } from './failureTargets';

export const NEXT_FAILURE_COMMAND = 'wuLogLens.nextFailure';
export const PREVIOUS_FAILURE_COMMAND = 'wuLogLens.previousFailure';

/** What a move did (the commands return it; tests read it). */
export interface FailureMoveResult {
  /** The line the cursor moved to, when it moved. */
  line?: number;
  wrapped?: boolean;
  /** The status bar message shown, if any. */
  message?: string;
}

const MESSAGE_MS = 4000;

export async function moveToNextFailure(direction: 'next' | 'previous', analyses: DocumentAnalyses, maps: ViewLineMaps): Promise<FailureMoveResult> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return {};
  const document = editor.document;
  // A log opened a moment ago may still be in its analysis: wait for it (a view's sources are analysed already).
  await analyses.whenReady(document);
  if (vscode.window.activeTextEditor !== editor) return {};
  const set = settings.navigationFailures(document.uri);
  const t = translatorFor(configuredLang(document.uri));
  const move = moveToFailure(failureTargets(document, set, analyses, maps).lines, editor.selection.active.line, direction);
  if (!move) {
    const message = set === 'all' ? t('No failure line in this log.') : t('No failure decided an outcome in this log.');
    vscode.window.setStatusBarMessage(message, MESSAGE_MS);
    return { message };
  }
  const line = Math.min(move.line, document.lineCount - 1);
  const pos = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(document.lineAt(line).range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  let message: string | undefined;
  if (move.wrapped) {
    message = direction === 'next' ? t('Wrapped around to the first failure.') : t('Wrapped around to the last failure.');
    vscode.window.setStatusBarMessage(message, MESSAGE_MS);
  }
  return { line, wrapped: move.wrapped, message };
}

export function registerNextFailure(analyses: DocumentAnalyses, maps: ViewLineMaps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(NEXT_FAILURE_COMMAND, () => moveToNextFailure('next', analyses, maps)),
    vscode.commands.registerCommand(PREVIOUS_FAILURE_COMMAND, () => moveToNextFailure('previous', analyses, maps)),
  );
}
