// Entry point: wires the feature modules together. Each feature registers its own disposables.
import * as vscode from 'vscode';
import { registerContentDetection } from './languageDetection/contentDetection';
import { registerCodeHover } from './hover/codeHoverProvider';
import { DocumentAnalyses } from './analysisService/documentAnalyses';
import { registerSummarize } from './summarize';
import { registerDiagnostics } from './diagnostics/problemsPanel';
import { registerTreeView } from './treeView/registerTreeView';

export function activate(context: vscode.ExtensionContext): void {
  // Features are registered here as they land.
  registerContentDetection(context);
  context.subscriptions.push(registerCodeHover());
  // One analysis per document version, shared by the Problems panel, tree view and summary.
  const analyses = new DocumentAnalyses();
  context.subscriptions.push(analyses);
  context.subscriptions.push(registerSummarize(analyses));
  context.subscriptions.push(registerDiagnostics(analyses));
  context.subscriptions.push(registerTreeView(analyses));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
