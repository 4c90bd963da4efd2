// The outline feature: document symbols and folding ranges for WindowsUpdate.log and CBS-family logs.
import * as vscode from 'vscode';
import type { DocumentStructure } from '../analysisService/documentStructure';
import { LogSymbolProvider } from './documentSymbols';
import { LogFoldingProvider } from './foldingRanges';

const SELECTOR: vscode.DocumentSelector = [{ language: 'wulog' }, { language: 'cbslog' }];

export function registerOutline(structure: DocumentStructure): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerDocumentSymbolProvider(SELECTOR, new LogSymbolProvider(structure), { label: 'WU Log Lens' }),
    vscode.languages.registerFoldingRangeProvider(SELECTOR, new LogFoldingProvider(structure)),
  );
}
