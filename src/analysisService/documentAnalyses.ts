// One analysis per log document version, shared by every editor feature (Problems panel,
// tree view, summary): the document is parsed once, after a short pause in typing, and
// features listen to `onDidChange` instead of parsing again. The parse runs in slices of lines
// that give the event loop back every few milliseconds, so a 45 MB log never stalls the
// extension host; an edit or close abandons a parse that is under way.
import * as vscode from 'vscode';
import { Analyzer, feedFile, type Analysis } from '../core/analysis';
import type { Level } from '../core/model/types';
import { OUR_LANGUAGES } from '../languageDetection/languages';
import { Disposables } from '../common/disposables';
import { fileNameOf } from '../common/uris';
import { isViewDocument } from '../common/viewSchemes';
import { RunsByVersion, Slicer } from './slices';

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

type LevelOf = (line: number, level: Level | undefined) => Level | undefined;

/** Waits this long after the last edit before analysing again. */
const EDIT_DEBOUNCE_MS = 300;

export class DocumentAnalyses extends Disposables {
  private readonly cache = new Map<string, DocumentAnalysis>();
  /** Parses under way, by document, with the version they read. */
  private readonly running = new RunsByVersion<DocumentAnalysis | undefined>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  private readonly removed = this.register(new vscode.EventEmitter<vscode.Uri>());

  /** Fires after a document's analysis was (re)computed. */
  readonly onDidChange = this.changed.event;
  /** Fires when a document is closed or is no longer one of our log languages. */
  readonly onDidRemove = this.removed.event;

  /** `levelsFor`: for documents whose text cannot carry each line's level (decoded ETL), the real level of a line. */
  constructor(private readonly levelsFor?: (uri: vscode.Uri) => LevelOf | undefined) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.refresh(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this.register({ dispose: () => this.clear() });
    for (const d of vscode.workspace.textDocuments) this.refresh(d);
  }

  /**
   * The analysis of `document` at its current version when it is ready; otherwise undefined, and
   * the parse is started (onDidChange fires when it is done).
   */
  get(document: vscode.TextDocument): DocumentAnalysis | undefined {
    if (!isLogDocument(document)) return undefined;
    const hit = this.cache.get(document.uri.toString());
    if (hit && hit.version === document.version) return hit;
    void this.compute(document);
    return undefined;
  }

  /** The analysis of `document` at its current version, waiting for the parse (started if needed). */
  async whenReady(document: vscode.TextDocument): Promise<DocumentAnalysis | undefined> {
    if (!isLogDocument(document)) return undefined;
    for (;;) {
      const hit = this.cache.get(document.uri.toString());
      if (hit && hit.version === document.version) return hit;
      const version = document.version;
      const entry = await this.compute(document);
      // Abandoned for a newer version (an edit): wait for that one; closed: nothing.
      if (entry || document.isClosed || document.version === version) return entry;
    }
  }

  /** The cached analysis of a URI, stale or not (for views that show the last result). */
  peek(uri: vscode.Uri): DocumentAnalysis | undefined {
    return this.cache.get(uri.toString());
  }

  /** (Re)analyses an opened document now, or forgets it when it is not a log (e.g. language changed). */
  refresh(document: vscode.TextDocument): void {
    if (isLogDocument(document)) void this.compute(document);
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

  /** Starts the parse of the document's current version, or joins the one under way. */
  private compute(document: vscode.TextDocument): Promise<DocumentAnalysis | undefined> {
    return this.running.join(document, (version) => this.parse(document, version));
  }

  private async parse(document: vscode.TextDocument, version: number): Promise<DocumentAnalysis | undefined> {
    const key = document.uri.toString();
    // Another version started after this one, the document closed, or the service ended: stop.
    const current = (): boolean => !this.isDisposed && !document.isClosed && document.version === version && this.running.versionOf(document.uri) === version;
    let analysis: Analysis | undefined;
    try {
      analysis = await analyzeInSlices(document, fileNameOf(document.uri), this.levelsFor?.(document.uri), current);
    } catch (err) {
      // The core is built not to throw; if it ever does, the document simply gets no analysis.
      console.error(`WU Log Lens: analysis of ${key} failed`, err);
      return undefined;
    }
    if (!analysis || !current()) return undefined;
    const entry: DocumentAnalysis = { uri: document.uri, version, analysis };
    this.cache.set(key, entry);
    this.changed.fire(document.uri);
    return entry;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.running.forget(uri);
    if (this.cache.delete(key)) this.removed.fire(uri);
  }

  private clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.running.clear();
    this.cache.clear();
  }
}
/** The analysis of a document's text, read in slices and finished in steps; undefined once `current()` says it is not wanted. */
async function analyzeInSlices(document: vscode.TextDocument, fileName: string, levelOf: LevelOf | undefined, current: () => boolean): Promise<Analysis | undefined> {
  const slicer = new Slicer(current);
  const a = new Analyzer();
  const idx = a.addFile(fileName, 'unknown');
  const feed = feedFile(a, idx, fileName, levelOf);
  if (!(await slicer.read(document, (text) => feed.pushText(text)))) return undefined;
  return slicer.run(a.finishSteps([feed.end()]));
}
