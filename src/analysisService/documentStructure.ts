// The structure of a log document beside its analysis: the record index and the outline, built
// once per document version when a feature first asks (outline, folding, focus views), shared by
// all of them, and forgotten when the document changes or closes.
import * as vscode from 'vscode';
import { buildOutline, indexRecords, type OutlineNode, type RecordIndex } from '../core/navigate';
import type { Analysis } from '../core/analysis';
import { Disposables } from '../common/disposables';
import { fileNameOf } from '../common/uris';
import type { DocumentAnalyses } from './documentAnalyses';

export interface DocumentStructureEntry {
  readonly version: number;
  readonly analysis: Analysis;
  readonly index: RecordIndex;
  readonly outline: OutlineNode[];
}

/** Documents whose structure is kept at once (the rest are rebuilt when asked again). */
const MAX_ENTRIES = 8;

export class DocumentStructure extends Disposables {
  private readonly cache = new Map<string, DocumentStructureEntry>();

  constructor(private readonly analyses: DocumentAnalyses) {
    super();
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())));
    this.register(analyses.onDidRemove((uri) => this.cache.delete(uri.toString())));
    this.register({ dispose: () => this.cache.clear() });
  }

  /** The structure of the document at its current version; undefined when it is not an analysed log. */
  get(document: vscode.TextDocument): DocumentStructureEntry | undefined {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit;
    const analysis = this.analyses.get(document)?.analysis;
    if (!analysis) return undefined;
    try {
      const index = indexRecords(document.getText(), fileNameOf(document.uri));
      const lineText = (line: number): string | undefined => (line >= 0 && line < document.lineCount ? document.lineAt(line).text : undefined);
      const entry: DocumentStructureEntry = { version: document.version, analysis, index, outline: buildOutline(analysis, index, lineText) };
      this.cache.delete(key);
      this.cache.set(key, entry);
      for (const k of this.cache.keys()) {
        if (this.cache.size <= MAX_ENTRIES) break;
        this.cache.delete(k);
      }
      return entry;
    } catch (err) {
      console.error(`WU Log Lens: structure of ${key} failed`, err);
      return undefined;
    }
  }
}
