// Entry point: wires the feature modules together. Each feature registers its own disposables.
import * as vscode from 'vscode';
import { registerContentDetection } from './languageDetection/contentDetection';
import { registerHover } from './hover';
import { DocumentAnalyses } from './analysisService/documentAnalyses';
import { DocumentStructure } from './analysisService/documentStructure';
import { registerSummarize } from './summarize';
import { registerDiagnostics } from './diagnostics/problemsPanel';
import { registerTreeView } from './treeView/registerTreeView';
import { DecodedEtlProvider, registerEtlView } from './etlView';
import { registerMojibake } from './mojibake';
import { registerOutline } from './outline';
import { registerFailureNavigation } from './failureNavigation';
import { registerRelatedIds } from './relatedIds';
import { ViewLineMaps } from './viewDocuments/lineMaps';
import { registerSourceLinks } from './viewDocuments/sourceLinks';
import { registerFocusView } from './focusView';
import { registerTimeline } from './timeline';
import { createApi, type WuLogLensApi } from './api/analyzeApi';

export function activate(context: vscode.ExtensionContext): WuLogLensApi {
  registerContentDetection(context);
  context.subscriptions.push(registerHover(context.extensionUri));
  // Decoded ETL documents: their text, and the ETW level of each line for their analysis.
  const etl = new DecodedEtlProvider();
  context.subscriptions.push(etl);
  // One analysis per document version, shared by the Problems panel, tree view and summary.
  const analyses = new DocumentAnalyses((uri) => etl.levelsFor(uri));
  context.subscriptions.push(analyses);
  // The record index and outline beside it, built when a feature first asks.
  const structure = new DocumentStructure(analyses);
  context.subscriptions.push(structure);
  // Where each line of a focus view or merged timeline comes from.
  const lineMaps = new ViewLineMaps();
  context.subscriptions.push(lineMaps);
  context.subscriptions.push(registerEtlView(etl));
  context.subscriptions.push(registerSummarize(analyses, context.extensionUri));
  context.subscriptions.push(registerDiagnostics(analyses));
  context.subscriptions.push(registerTreeView(analyses, context.workspaceState));
  context.subscriptions.push(registerMojibake());
  context.subscriptions.push(registerOutline(structure));
  context.subscriptions.push(registerFailureNavigation(analyses, lineMaps));
  context.subscriptions.push(registerRelatedIds());
  context.subscriptions.push(registerSourceLinks(lineMaps));
  context.subscriptions.push(registerFocusView(structure, lineMaps, analyses));
  context.subscriptions.push(registerTimeline(lineMaps));
  return createApi();
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
