// The "Summarize Failures" feature: the report command and "Copy report".
import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../analysisService/documentAnalyses';
import { registerCopyReport } from './copyReportCommand';
import { ReportStore } from './reportStore';
import { registerSummarizeCommand } from './summarizeCommand';

export function registerSummarize(analyses: DocumentAnalyses): vscode.Disposable {
  const store = new ReportStore();
  return vscode.Disposable.from(store, registerSummarizeCommand(analyses, store), registerCopyReport(store));
}
