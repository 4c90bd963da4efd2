// Related ids: on an update id, KB, cV, call id or CBS session id, Go to Definition goes to its
// first mention (the title line for an update), Find All References lists every line that
// mentions it in the open logs, and its other mentions in the document are highlighted.
import * as vscode from 'vscode';
import { isViewDocument } from '../common/viewSchemes';
import { definitionLine } from '../core/navigate';
import { mentionRanges, openLogs, tokenAt } from './mentionSearch';

/** Highlights shown at most (the references list has them all). */
const MAX_HIGHLIGHTS = 2000;

export class RelatedIdDefinitionProvider implements vscode.DefinitionProvider {
  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    // In focus views and the timeline, Go to Definition leads to the source line instead.
    if (isViewDocument(document.uri)) return undefined;
    const token = tokenAt(document, position);
    if (!token) return undefined;
    const ranges = mentionRanges(document, token, position.line);
    const byLine = new Map<number, vscode.Range>();
    for (const r of ranges) if (!byLine.has(r.start.line)) byLine.set(r.start.line, r);
    const line = definitionLine(token, [...byLine.keys()], (l) => (l >= 0 && l < document.lineCount ? document.lineAt(l).text : undefined));
    if (line === undefined) return undefined;
    return new vscode.Location(document.uri, byLine.get(line) ?? document.lineAt(line).range);
  }
}

export class RelatedIdReferenceProvider implements vscode.ReferenceProvider {
  provideReferences(document: vscode.TextDocument, position: vscode.Position, _context: vscode.ReferenceContext, token: vscode.CancellationToken): vscode.Location[] {
    const id = tokenAt(document, position);
    if (!id) return [];
    const out: vscode.Location[] = [];
    const numberedCall = id.kind === 'callId' && id.value.indexOf('-') < 0;
    // A numbered call id lives in its own log; other ids in every open log (a view's own lines repeat its sources': not listed).
    const docs = numberedCall ? [document] : openLogs(document);
    for (const d of docs) {
      if (token.isCancellationRequested) break;
      for (const r of mentionRanges(d, id, d === document ? position.line : undefined)) out.push(new vscode.Location(d.uri, r));
    }
    return out;
  }
}

export class RelatedIdHighlightProvider implements vscode.DocumentHighlightProvider {
  private last?: { key: string; version: number; highlights: vscode.DocumentHighlight[] };

  provideDocumentHighlights(document: vscode.TextDocument, position: vscode.Position): vscode.DocumentHighlight[] {
    const token = tokenAt(document, position);
    if (!token) return [];
    const key = `${document.uri.toString()}|${token.kind}|${token.value}|${token.kind === 'callId' ? position.line : ''}`;
    if (this.last && this.last.key === key && this.last.version === document.version) return this.last.highlights;
    const highlights = mentionRanges(document, token, position.line).slice(0, MAX_HIGHLIGHTS).map((r) => new vscode.DocumentHighlight(r, vscode.DocumentHighlightKind.Read));
    this.last = { key, version: document.version, highlights };
    return highlights;
  }
}
