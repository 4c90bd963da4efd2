// The "Summarize Failures" feature: the report command, its report views, "Copy Report" and
// "Save Report As".
import * as vscode from 'vscode';
import type { CollectedAnalysis } from './collectAnalysis';
import type { ReportSource } from './reportSource';
import type { DocumentAnalyses } from '../analysisService/documentAnalyses';
import { copyReport, registerCopyReport } from './copyReportCommand';
import { registerReportProbe } from './reportProbeCommand';
import { ReportViews } from './reportViews';
import { registerSaveReport, saveReport } from './saveReportCommand';
import { registerSummarizeCommand } from './summarizeCommand';

export { mediaRoot, pageHtml, type PageOptions } from './reportPage';
export { WebviewChannel, type PageMessage } from './webviewChannel';

/** The report views of the running extension (set while the feature is registered). */
let current: ReportViews | undefined;

/** Shows the report of an analysis made elsewhere (the tree's "Summarize This Update") in the report views. */
export function showAnalysisReport(key: string, label: string, collected: CollectedAnalysis): boolean {
  if (!current) return false;
  const source: ReportSource = { key, label, collect: async () => collected, watch: () => new vscode.Disposable(() => undefined) };
  current.show(source, collected, vscode.window.activeTextEditor?.viewColumn);
  return true;
}

export function registerSummarize(analyses: DocumentAnalyses, extensionUri: vscode.Uri): vscode.Disposable {
  const views = new ReportViews(extensionUri);
  current = views;
  // The view's toolbar: the same commands, for the view the button is in.
  views.onAction = (view, action) => {
    if (action === 'save') void saveReport(views, undefined, view);
    else if (action.startsWith('copy-')) void copyReport(views, action.slice('copy-'.length), view);
  };
  return vscode.Disposable.from(
    new vscode.Disposable(() => { if (current === views) current = undefined; }),
    views,
    registerSummarizeCommand(analyses, views),
    registerCopyReport(views),
    registerSaveReport(views),
    registerReportProbe(views),
  );
}
