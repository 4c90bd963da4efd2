// Focus views: the content provider and the command.
import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../analysisService/documentAnalyses';
import type { DocumentStructure } from '../analysisService/documentStructure';
import type { ViewLineMaps } from '../viewDocuments/lineMaps';
import { registerFocusCommand } from './focusCommand';
import { FocusProvider } from './focusProvider';

export { OPEN_FOCUS_COMMAND } from './focusCommand';

export function registerFocusView(structure: DocumentStructure, maps: ViewLineMaps, analyses: DocumentAnalyses): vscode.Disposable {
  const provider = new FocusProvider(structure, maps, analyses);
  return vscode.Disposable.from(provider, registerFocusCommand(provider, structure));
}
