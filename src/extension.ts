// Entry point: wires the feature modules together. Each feature registers its own disposables.
import * as vscode from 'vscode';
import { registerContentDetection } from './languageDetection/contentDetection';
import { registerHover } from './hover';
import { DocumentAnalyses } from './analysisService/documentAnalyses';
import { registerSummarize } from './summarize';
import { registerDiagnostics } from './diagnostics/problemsPanel';
import { registerTreeView } from './treeView/registerTreeView';
import { DecodedEtlProvider, registerEtlView } from './etlView';
import { registerMojibake } from './mojibake';

export function activate(context: vscode.ExtensionContext): void {
  // Features are registered here as they land.
  registerContentDetection(context);
  context.subscriptions.push(registerHover(context.extensionUri));
  // Decoded ETL documents: their text, and the ETW level of each line for their analysis.
  const etl = new DecodedEtlProvider();
  context.subscriptions.push(etl);
  // One analysis per document version, shared by the Problems panel, tree view and summary.
  const analyses = new DocumentAnalyses((uri) => etl.levelsFor(uri));
  context.subscriptions.push(analyses);
  context.subscriptions.push(registerEtlView(etl));
  context.subscriptions.push(registerSummarize(analyses, context.extensionUri));
  context.subscriptions.push(registerDiagnostics(analyses));
  context.subscriptions.push(registerTreeView(analyses));
  context.subscriptions.push(registerMojibake());
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
