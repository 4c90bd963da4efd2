// One analysis per log document version, shared by every editor feature (Problems panel,
// tree view, summary): the document is parsed once, after a short pause in typing, and
// features listen to `onDidChange` instead of parsing again.
import * as vscode from 'vscode';
import { analyzeText, type Analysis } from '../core/analysis';
import type { Level } from '../core/model/types';
import { OUR_LANGUAGES } from '../languageDetection/languages';
import { Disposables } from '../common/disposables';
import { fileNameOf } from '../common/uris';
import { isViewDocument } from '../common/viewSchemes';

const LOG_LANGUAGES: readonly string[] = OUR_LANGUAGES;

/** A log the extension analyses: one of our languages, and not a view built from another log. */
export function isLogDocument(document: vscode.TextDocument): boolean {
  return LOG_LANGUAGES.includes(document.languageId) && !isViewDocument(document.uri);
}

export interface DocumentAnalysis {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly analysis: Analysis;
}

/** Waits this long after the last edit before analysing again. */
const EDIT_DEBOUNCE_MS = 300;

export class DocumentAnalyses extends Disposables {
  private readonly cache = new Map<string, DocumentAnalysis>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  private readonly removed = this.register(new vscode.EventEmitter<vscode.Uri>());

  /** Fires after a document's analysis was (re)computed. */
  readonly onDidChange = this.changed.event;
  /** Fires when a document is closed or is no longer one of our log languages. */
  readonly onDidRemove = this.removed.event;

  /** `levelsFor`: for documents whose text cannot carry each line's level (decoded ETL), the real level of a line. */
  constructor(private readonly levelsFor?: (uri: vscode.Uri) => ((line: number, level: Level | undefined) => Level | undefined) | undefined) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.refresh(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this.register({ dispose: () => this.clear() });
    for (const d of vscode.workspace.textDocuments) this.refresh(d);
  }

  /** The analysis of `document` at its current version, computed now if it is missing or stale. */
  get(document: vscode.TextDocument): DocumentAnalysis | undefined {
    if (!isLogDocument(document)) return undefined;
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit;
    return this.compute(document);
  }

  /** The cached analysis of a URI, stale or not (for views that show the last result). */
  peek(uri: vscode.Uri): DocumentAnalysis | undefined {
    return this.cache.get(uri.toString());
  }

  /** (Re)analyses an opened document now, or forgets it when it is not a log (e.g. language changed). */
  refresh(document: vscode.TextDocument): void {
    if (isLogDocument(document)) this.compute(document);
    else this.forget(document.uri);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.refresh(document);
    }, EDIT_DEBOUNCE_MS));
  }

  private compute(document: vscode.TextDocument): DocumentAnalysis | undefined {
    let analysis: Analysis;
    try {
      analysis = analyzeText(document.getText(), fileNameOf(document.uri), this.levelsFor?.(document.uri));
    } catch (err) {
      // The core is built not to throw; if it ever does, the document simply gets no analysis.
      console.error(`WU Log Lens: analysis of ${document.uri.toString()} failed`, err);
      return undefined;
    }
    const entry: DocumentAnalysis = { uri: document.uri, version: document.version, analysis };
    this.cache.set(document.uri.toString(), entry);
    this.changed.fire(document.uri);
    return entry;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    if (this.cache.delete(key)) this.removed.fire(uri);
  }

  private clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.cache.clear();
  }
}
