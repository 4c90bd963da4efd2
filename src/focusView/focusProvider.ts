// The text of focus views: only the lines of one update, call, thread, component, CBS session or
// DISM run of a log, or only its failures, each exactly as in the log. Rebuilt when the log is
// analysed again; the line map says where each line comes from.
import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../analysisService/documentAnalyses';
import type { DocumentStructure } from '../analysisService/documentStructure';
import { Disposables } from '../common/disposables';
import { FOCUS_SCHEME } from '../common/viewSchemes';
import { focusLines } from '../core/navigate';
import { configuredLang } from '../settings/language';
import { translatorFor } from '../settings/translate';
import { lineMap, type ViewLineMaps } from '../viewDocuments/lineMaps';
import { parseFocusUri } from './focusUris';

export interface FocusStats {
  lines: number;
  truncated: boolean;
}

export class FocusProvider extends Disposables implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly stats = new Map<string, FocusStats>();

  constructor(private readonly structure: DocumentStructure, private readonly maps: ViewLineMaps, analyses: DocumentAnalyses) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(FOCUS_SCHEME, this));
    this.register(analyses.onDidChange((source) => {
      // Views of a log follow its edits.
      for (const d of vscode.workspace.textDocuments) {
        if (d.uri.scheme === FOCUS_SCHEME && parseFocusUri(d.uri)?.source.toString() === source.toString()) this.changed.fire(d.uri);
      }
    }));
    this.register({ dispose: () => this.stats.clear() });
  }

  /** How many lines the view holds and whether it was cut (after it was provided). */
  statsOf(uri: vscode.Uri): FocusStats | undefined {
    return this.stats.get(uri.toString());
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const t = translatorFor(configuredLang(uri));
    const target = parseFocusUri(uri);
    const empty = (text: string): string => {
      this.maps.set(uri, text, lineMap([], [-1], [0]));
      this.stats.set(uri.toString(), { lines: 0, truncated: false });
      return text;
    };
    if (!target) return empty(t('This focus view does not name a log.'));
    let source: vscode.TextDocument;
    try {
      source = await vscode.workspace.openTextDocument(target.source);
    } catch (err) {
      return empty(t('Cannot open {0}: {1}', target.source.toString(true), err instanceof Error ? err.message : String(err)));
    }
    const entry = await this.structure.get(source);
    if (!entry) return empty(t('{0} is not a Windows servicing log that WU Log Lens analyses.', source.uri.toString(true)));
    const r = focusLines({ analysis: entry.analysis, index: entry.index, lineText: (l) => (l < source.lineCount ? source.lineAt(l).text : undefined), lineCount: source.lineCount }, target.selector);
    this.stats.set(uri.toString(), { lines: r.lines.length, truncated: r.truncated });
    if (!r.lines.length) return empty(t('No line of {0} matches this focus.', source.uri.toString(true)));
    const text = r.lines.map((l) => source.lineAt(l).text).join('\n');
    this.maps.set(uri, text, lineMap([source.uri], new Array<number>(r.lines.length).fill(0), r.lines));
    return text;
  }
}
