// `wuLogLens.summarizeFailures`: the report a support engineer pastes into an email, for the
// open log or for files/folders chosen in the Explorer (`(uri, uris)`), shown in a report view
// beside the log.
import * as vscode from 'vscode';
import { isLogDocument, type DocumentAnalyses } from '../analysisService/documentAnalyses';
import { urisFromArgs, type CollectedAnalysis } from './collectAnalysis';
import { DocumentSource, UrisSource, type ReportSource } from './reportSource';
import type { ReportViews } from './reportViews';
import { messageOf, SummarizeInputError } from './virtualFiles';

export const SUMMARIZE_COMMAND = 'wuLogLens.summarizeFailures';

/** What the command returns (for tests and other commands); undefined when nothing was shown. */
export interface SummaryResult {
  /** The report view's key (the same logs summarized again give the same key). */
  view: string;
  markdown: string;
  text: string;
  html: string;
  files: string[];
  failures: number;
  /** Where each file's evidence links lead (a URI, or null for an unsaved document). */
  targets: Array<string | null>;
}

export async function summarizeFailures(
  analyses: DocumentAnalyses, views: ReportViews, uri?: unknown, uris?: unknown,
): Promise<SummaryResult | undefined> {
  try {
    const picked = pickSource(analyses, urisFromArgs(uri, uris));
    if (!picked) return undefined;
    const collected = picked.source instanceof UrisSource
      ? await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Summarizing failures in {0}…', picked.source.label), cancellable: true },
        (progress, token) => picked.source.collect(token, progress),
      )
      : await collectNow(picked.source);
    if (!collected) return undefined;
    // A bundle without any log still gets its report: it says what the bundle held and why nothing was read.
    if (!collected.analysis.files.length && !collected.analysis.bundle?.skippedCount) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No Windows servicing log was found in the selection.'));
      return undefined;
    }
    return show(views, picked.source, collected, picked.column);
  } catch (err) {
    const msg = err instanceof SummarizeInputError ? err.message : vscode.l10n.t('The failure summary could not be made: {0}', messageOf(err));
    if (!(err instanceof SummarizeInputError)) console.error('WU Log Lens: summarize failed', err);
    void vscode.window.showErrorMessage(msg);
    return undefined;
  }
}

async function collectNow(source: ReportSource): Promise<CollectedAnalysis | undefined> {
  const cts = new vscode.CancellationTokenSource();
  try {
    return await source.collect(cts.token);
  } finally {
    cts.dispose();
  }
}

function show(views: ReportViews, source: ReportSource, collected: CollectedAnalysis, column: vscode.ViewColumn | undefined): SummaryResult {
  const view = views.show(source, collected, column);
  const a = collected.analysis;
  return {
    view: view.key,
    ...view.report,
    files: a.files.map((f) => f.path),
    failures: a.failures.length,
    targets: collected.targets.map((t) => t.target ?? null),
  };
}

/** Without arguments: the active log; when the focus is elsewhere (a report view), a visible log. */
function targetDocument(): vscode.TextDocument | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active && isLogDocument(active)) return active;
  const visible = vscode.window.visibleTextEditors.map((e) => e.document).find(isLogDocument);
  // Another kind of document (plain text content detection left alone): the report says so.
  return visible ?? active;
}

function columnOf(document: vscode.TextDocument): vscode.ViewColumn | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn;
}

function pickSource(analyses: DocumentAnalyses, uris: vscode.Uri[]): { source: ReportSource; column?: vscode.ViewColumn } | undefined {
  if (!uris.length) {
    const document = targetDocument();
    if (!document) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Windows servicing log, or choose log files or folders in the Explorer, then run "Summarize Failures".'));
      return undefined;
    }
    return { source: new DocumentSource(document.uri, analyses), column: columnOf(document) };
  }
  if (uris.length === 1) {
    // A single resource that is open as a document: use its cached analysis (and unsaved edits).
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uris[0].toString());
    if (open) return { source: new DocumentSource(open.uri, analyses), column: columnOf(open) };
  }
  const active = vscode.window.activeTextEditor;
  return { source: new UrisSource(uris), column: active?.viewColumn };
}

export function registerSummarizeCommand(analyses: DocumentAnalyses, views: ReportViews): vscode.Disposable {
  return vscode.commands.registerCommand(SUMMARIZE_COMMAND, (uri?: unknown, uris?: unknown) => summarizeFailures(analyses, views, uri, uris));
}
