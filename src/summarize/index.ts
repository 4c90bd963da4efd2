// The "Summarize Failures" feature: the report command, its report views, "Copy Report" and
// "Save Report As".
import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../analysisService/documentAnalyses';
import { copyReport, registerCopyReport } from './copyReportCommand';
import { registerReportProbe } from './reportProbeCommand';
import { ReportViews } from './reportViews';
import { registerSaveReport, saveReport } from './saveReportCommand';
import { registerSummarizeCommand } from './summarizeCommand';

export { mediaRoot, pageHtml, type PageOptions } from './reportPage';
export { WebviewChannel, type PageMessage } from './webviewChannel';

export function registerSummarize(analyses: DocumentAnalyses, extensionUri: vscode.Uri): vscode.Disposable {
  const views = new ReportViews(extensionUri);
  // The view's toolbar: the same commands, for the view the button is in.
  views.onAction = (view, action) => {
    if (action === 'save') void saveReport(views, undefined, view);
    else if (action.startsWith('copy-')) void copyReport(views, action.slice('copy-'.length), view);
  };
  return vscode.Disposable.from(
    views,
    registerSummarizeCommand(analyses, views),
    registerCopyReport(views),
    registerSaveReport(views),
    registerReportProbe(views),
  );
}
