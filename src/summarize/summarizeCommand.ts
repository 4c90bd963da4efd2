// `wuLogLens.summarizeFailures`: the report a support engineer pastes into an email, for the
// open log or for files/folders chosen in the Explorer (`(uri, uris)`).
import * as vscode from 'vscode';
import { renderMarkdown } from '../core/report';
import { isLogDocument, type DocumentAnalyses } from '../analysisService/documentAnalyses';
import { configuredLang } from '../settings/language';
import { fromDocument, fromUris, urisFromArgs, type CollectedAnalysis } from './collectAnalysis';
import { COPY_REPORT_COMMAND } from './copyReportCommand';
import { linkEvidence } from './evidenceLinks';
import type { ReportStore } from './reportStore';
import { showReport } from './showReport';
import { messageOf, SummarizeInputError } from './virtualFiles';

export const SUMMARIZE_COMMAND = 'wuLogLens.summarizeFailures';

/** What the command returns (for tests and other commands); undefined when nothing was shown. */
export interface SummaryResult {
  markdown: string;
  document: vscode.TextDocument;
  files: string[];
  failures: number;
}

export async function summarizeFailures(
  analyses: DocumentAnalyses, store: ReportStore, uri?: unknown, uris?: unknown,
): Promise<SummaryResult | undefined> {
  try {
    const collected = await collect(analyses, store, urisFromArgs(uri, uris));
    if (!collected) return undefined;
    const { analysis } = collected;
    // A bundle without any log still gets its report: it says what the bundle held and why nothing was read.
    if (!analysis.files.length && !analysis.bundle?.skippedCount) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No Windows servicing log was found in the selection.'));
      return undefined;
    }
    const lang = configuredLang(collected.scope);
    const markdown = linkEvidence(renderMarkdown(analysis, { lang }), collected.targets);
    const document = await showReport(markdown);
    store.remember(markdown, document);
    const copy = vscode.l10n.t('Copy report');
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Failure summary: {0} failure(s) in {1} file(s).', analysis.failures.length, analysis.files.length), copy,
    ).then((pick) => (pick === copy ? vscode.commands.executeCommand(COPY_REPORT_COMMAND) : undefined));
    return { markdown, document, files: analysis.files.map((f) => f.path), failures: analysis.failures.length };
  } catch (err) {
    const msg = err instanceof SummarizeInputError ? err.message : vscode.l10n.t('The failure summary could not be made: {0}', messageOf(err));
    if (!(err instanceof SummarizeInputError)) console.error('WU Log Lens: summarize failed', err);
    void vscode.window.showErrorMessage(msg);
    return undefined;
  }
}

/** Without arguments: the active log; when the focus is elsewhere (the report, its preview), a visible log. */
function targetDocument(store: ReportStore): vscode.TextDocument | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active && isLogDocument(active)) return active;
  const visible = vscode.window.visibleTextEditors.map((e) => e.document).find(isLogDocument);
  if (visible) return visible;
  return active && !store.isReport(active) ? active : undefined;
}

async function collect(analyses: DocumentAnalyses, store: ReportStore, uris: vscode.Uri[]): Promise<CollectedAnalysis | undefined> {
  if (!uris.length) {
    const document = targetDocument(store);
    if (!document) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Windows servicing log, or choose log files or folders in the Explorer, then run "Summarize Failures".'));
      return undefined;
    }
    return fromDocument(document, analyses);
  }
  if (uris.length === 1) {
    // A single resource that is open as a document: use its cached analysis (and unsaved edits).
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uris[0].toString());
    if (open) return fromDocument(open, analyses);
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Summarizing failures in {0} item(s)…', uris.length), cancellable: true },
    (progress, token) => fromUris(uris, token, progress),
  );
}

export function registerSummarizeCommand(analyses: DocumentAnalyses, store: ReportStore): vscode.Disposable {
  return vscode.commands.registerCommand(SUMMARIZE_COMMAND, (uri?: unknown, uris?: unknown) => summarizeFailures(analyses, store, uri, uris));
}
