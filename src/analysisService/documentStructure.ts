// The structure of a log document beside its analysis: the record index and the outline, built
// once per document version when a feature first asks (outline, folding, focus views), shared by
// all of them, and forgotten when the document changes or closes. Built in slices (slices.ts).
import * as vscode from 'vscode';
import { buildOutline, RecordIndexer, type OutlineNode, type RecordIndex } from '../core/navigate';
import type { Analysis } from '../core/analysis';
import { Disposables } from '../common/disposables';
import { fileNameOf } from '../common/uris';
import type { DocumentAnalyses } from './documentAnalyses';
import { RunsByVersion, Slicer } from './slices';

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
  private readonly building = new RunsByVersion<DocumentStructureEntry | undefined>();

  constructor(private readonly analyses: DocumentAnalyses) {
    super();
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())));
    this.register(analyses.onDidRemove((uri) => this.cache.delete(uri.toString())));
    this.register({
      dispose: () => {
            this.cache.clear();
        this.building.clear();
      },
    });
  }

  /** The structure of the document at its current version, when it is built already. */
  peek(document: vscode.TextDocument): DocumentStructureEntry | undefined {
    const hit = this.cache.get(document.uri.toString());
    return hit && hit.version === document.version ? hit : undefined;
  }

  /**
   * The structure of the document at its current version (built in slices after its analysis,
   * once for all who ask); undefined when it is not an analysed log or changed meanwhile.
   */
  get(document: vscode.TextDocument): Promise<DocumentStructureEntry | undefined> {
    const hit = this.peek(document);
    return hit ? Promise.resolve(hit) : this.building.join(document, (version) => this.build(document, version));
  }

  private async build(document: vscode.TextDocument, version: number): Promise<DocumentStructureEntry | undefined> {
    const key = document.uri.toString();
    const analysis = (await this.analyses.whenReady(document))?.analysis;
    const current = (): boolean => !this.isDisposed && !document.isClosed && document.version === version;
    if (!analysis || !current()) return undefined;
    try {
      const indexer = new RecordIndexer(fileNameOf(document.uri));
      if (!(await new Slicer(current).read(document, (text) => indexer.push(text)))) return undefined;
      const index = indexer.end();
      const lineText = (line: number): string | undefined => (line >= 0 && line < document.lineCount ? document.lineAt(line).text : undefined);
      const entry: DocumentStructureEntry = { version, analysis, index, outline: buildOutline(analysis, index, lineText) };
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
