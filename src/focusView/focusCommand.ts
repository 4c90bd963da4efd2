// `wuLogLens.openFocusView`: a read-only view of only the lines of one update, call, thread,
// component, CBS session or DISM run of a log, or only its failures. Without arguments it offers
// what the cursor stands on; the tree view's context menu passes its node's target.
import * as vscode from 'vscode';
import { isLogDocument } from '../analysisService/documentAnalyses';
import type { DocumentStructure, DocumentStructureEntry } from '../analysisService/documentStructure';
import { callKindLabel } from '../common/logLabels';
import { componentOf, idAt, logicalCalls, recordAt, type FocusSelector } from '../core/navigate';
import { findKbs, findUpdateIds } from '../core/tokens';
import { configuredLang } from '../settings/language';
import type { Translate } from '../settings/placeholders';
import { translatorFor } from '../settings/translate';
import type { FocusProvider } from './focusProvider';
import { focusUri, type FocusTarget } from './focusUris';

export const OPEN_FOCUS_COMMAND = 'wuLogLens.openFocusView';

/** The short name of a focus, for the tab title and the picker. */
export function focusLabel(selector: FocusSelector, entry: DocumentStructureEntry | undefined, t: Translate): string {
  const a = entry?.analysis;
  switch (selector.kind) {
    case 'update': {
      const u = a?.updates.find((x) => x.updateId === selector.updateId);
      const kb = selector.kb ?? u?.kb;
      return kb ? `KB${kb}` : t('update {0}', selector.updateId.slice(0, 8));
    }
    case 'kb':
      return `KB${selector.kb}`;
    case 'call': {
      const c = a?.calls.find((x) => x.key === selector.callKey);
      return c ? t('{0} call {1} (line {2})', callKindLabel(c.kind, t), c.client ?? '', c.startLine + 1).replace(/\s+/g, ' ') : t('call');
    }
    case 'thread':
      return t('thread {0}', selector.tid);
    case 'component':
      return t('component {0}', selector.component);
    case 'session': {
      const s = a?.cbsSessions.find((x) => x.key === selector.sessionKey);
      return t('CBS session {0}', s?.id ?? '');
    }
    case 'dismRun': {
      const r = a?.dismRuns?.find((x) => x.key === selector.runKey);
      return t('DISM {0} (line {1})', r?.verb ?? r?.command ?? '', (r?.startLine ?? 0) + 1);
    }
    case 'failures':
      return t('failures');
  }
}

/** Opens the focus view beside its log and returns its document. */
export async function openFocusView(provider: FocusProvider, structure: DocumentStructure, target: FocusTarget): Promise<vscode.TextDocument> {
  const source = await vscode.workspace.openTextDocument(target.source);
  const t = translatorFor(configuredLang(source.uri));
  const uri = focusUri(source.uri, target.selector, focusLabel(target.selector, await structure.get(source), t));
  let doc = await vscode.workspace.openTextDocument(uri);
  // Same language as the log: same highlighting and hovers.
  if (doc.languageId !== source.languageId) doc = await vscode.languages.setTextDocumentLanguage(doc, source.languageId);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const stats = provider.statsOf(uri);
  if (stats?.truncated) void vscode.window.showWarningMessage(t('The focus view shows the first {0} lines only.', stats.lines));
  return doc;
}

interface FocusPick extends vscode.QuickPickItem {
  selector: FocusSelector;
}

/** What the cursor stands on, as focus choices. */
function choices(editor: vscode.TextEditor, entry: DocumentStructureEntry, t: Translate): FocusPick[] {
  const line = editor.selection.active.line;
  const text = editor.document.lineAt(line).text;
  const out: FocusPick[] = [];
  const token = idAt(text, editor.selection.active.character);
  const updateId = token?.kind === 'update' ? token.value : findUpdateIds(text)[0]?.id;
  const kb = token?.kind === 'kb' ? token.value : findKbs(text)[0]?.kb;
  const add = (label: string, selector: FocusSelector): void => {
    out.push({ label, description: focusLabel(selector, entry, t), selector });
  };
  if (updateId && entry.analysis.updates.some((u) => u.updateId === updateId)) {
    add(t('This update'), { kind: 'update', updateId, kb: entry.analysis.updates.find((u) => u.updateId === updateId)?.kb });
  } else if (kb) add(t('This KB'), { kind: 'kb', kb });
  const call = logicalCalls(entry.analysis.calls)
    .filter((c) => c.startLine <= line && line <= (c.endLine ?? c.startLine))
    .sort((a, b) => b.startLine - a.startLine)[0];
  if (call) add(t('This call'), { kind: 'call', callKey: call.key });
  const r = recordAt(entry.index, line);
  if (r >= 0 && entry.index.tid[r] >= 0) add(t('This thread'), { kind: 'thread', tid: entry.index.tid[r], pid: entry.index.pid[r] >= 0 ? entry.index.pid[r] : undefined });
  const component = r >= 0 ? componentOf(entry.index, r) : undefined;
  if (component) add(t('This component'), { kind: 'component', component });
  const session = entry.analysis.cbsSessions.find((s) => s.startLine <= line && line <= (s.endLine ?? s.startLine));
  if (session) add(t('This CBS session'), { kind: 'session', sessionKey: session.key });
  const run = (entry.analysis.dismRuns ?? []).find((x) => x.startLine <= line && line <= (x.endLine ?? x.resultLine ?? x.startLine));
  if (run) add(t('This DISM run'), { kind: 'dismRun', runKey: run.key });
  add(t('Only failures'), { kind: 'failures' });
  return out;
}

function isSelector(v: unknown): v is FocusSelector {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
}

export function registerFocusCommand(provider: FocusProvider, structure: DocumentStructure): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_FOCUS_COMMAND, async (uri?: unknown, selector?: unknown): Promise<vscode.TextDocument | undefined> => {
    try {
      if (uri instanceof vscode.Uri && isSelector(selector)) return await openFocusView(provider, structure, { source: uri, selector });
      const editor = vscode.window.activeTextEditor;
      const t = translatorFor(configuredLang(editor?.document.uri));
      const entry = editor && isLogDocument(editor.document) ? await structure.get(editor.document) : undefined;
      if (!editor || !entry) {
        void vscode.window.showInformationMessage(t('Open a Windows servicing log first, then put the cursor on the update, call or line to focus on.'));
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(choices(editor, entry, t), { placeHolder: t('Show only the lines of…') });
      return pick ? await openFocusView(provider, structure, { source: editor.document.uri, selector: pick.selector }) : undefined;
    } catch (err) {
      const t = translatorFor(configuredLang());
      void vscode.window.showErrorMessage(t('The focus view could not be opened: {0}', err instanceof Error ? err.message : String(err)));
      return undefined;
    }
  });
}
