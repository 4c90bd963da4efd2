// The related-ids feature for our three log languages (also inside focus views and the timeline).
import * as vscode from 'vscode';
import { RelatedIdDefinitionProvider, RelatedIdHighlightProvider, RelatedIdReferenceProvider } from './relatedIdProviders';

const SELECTOR: vscode.DocumentSelector = [{ language: 'wulog' }, { language: 'cbslog' }, { language: 'wureport' }, { language: 'wutimeline' }];

export function registerRelatedIds(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerDefinitionProvider(SELECTOR, new RelatedIdDefinitionProvider()),
    vscode.languages.registerReferenceProvider(SELECTOR, new RelatedIdReferenceProvider()),
    vscode.languages.registerDocumentHighlightProvider(SELECTOR, new RelatedIdHighlightProvider()),
  );
}
