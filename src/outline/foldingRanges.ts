// Folding for the logs: each call from START to END, each CBS session, DISM run, setup run and
// phase, and each record with continuation lines (CBS, DISM, setup).
import * as vscode from 'vscode';
import type { DocumentStructure } from '../analysisService/documentStructure';
import { foldingRegions } from '../core/navigate';

export class LogFoldingProvider implements vscode.FoldingRangeProvider {
  constructor(private readonly structure: DocumentStructure) {}

  async provideFoldingRanges(document: vscode.TextDocument): Promise<vscode.FoldingRange[]> {
    const entry = await this.structure.get(document);
    if (!entry) return [];
    const last = document.lineCount - 1;
    return foldingRegions(entry.analysis, entry.index, 0, entry.outline)
      .filter((r) => r.start < last)
      .map((r) => new vscode.FoldingRange(r.start, Math.min(r.end, last), r.kind === 'record' ? undefined : vscode.FoldingRangeKind.Region));
  }
}
