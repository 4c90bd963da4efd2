// Where each line of a view document (focus view, merged timeline) comes from: the source log's
// URI and line. Filled by the content providers when they build a view; read by the links back,
// "Go to Source Line", next/previous failure and the failure marks inside views.
import * as vscode from 'vscode';
import { Disposables } from '../common/disposables';
import { isViewDocument } from '../common/viewSchemes';

export interface SourceLine {
  uri: vscode.Uri;
  line: number;
}

export interface ViewLineMap {
  /** The logs the view shows lines of. */
  sources: vscode.Uri[];
  /** For view line i: the index into `sources` (-1: a line of the view's own, such as a header). */
  source: Int32Array;
  /** For view line i: the 0-based line in its source. */
  line: Uint32Array;
}

/** Builds a map from per-line (source index, line) pairs. */
export function lineMap(sources: vscode.Uri[], source: ArrayLike<number>, line: ArrayLike<number>): ViewLineMap {
  return { sources, source: Int32Array.from(source), line: Uint32Array.from(line) };
}

export class ViewLineMaps extends Disposables {
  private readonly maps = new Map<string, ViewLineMap>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires when the map of a view was (re)built. */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.onDidCloseTextDocument((d) => {
      if (isViewDocument(d.uri)) this.maps.delete(d.uri.toString());
    }));
    this.register({ dispose: () => this.maps.clear() });
  }

  set(view: vscode.Uri, map: ViewLineMap): void {
    this.maps.set(view.toString(), map);
    this.changed.fire(view);
  }

  get(view: vscode.Uri): ViewLineMap | undefined {
    return this.maps.get(view.toString());
  }

  /** The source line of view line `line`, or undefined (a header line, an unknown view). */
  sourceOf(view: vscode.Uri, line: number): SourceLine | undefined {
    const m = this.get(view);
    if (!m || line < 0 || line >= m.source.length) return undefined;
    const s = m.source[line];
    return s >= 0 ? { uri: m.sources[s], line: m.line[line] } : undefined;
  }

  /** The view lines that show the given lines of `sourceUri` (ascending). */
  viewLinesOf(view: vscode.Uri, sourceUri: vscode.Uri, sourceLines: readonly number[]): number[] {
    const m = this.get(view);
    if (!m || !sourceLines.length) return [];
    const s = m.sources.findIndex((u) => u.toString() === sourceUri.toString());
    if (s < 0) return [];
    const wanted = new Set(sourceLines);
    const out: number[] = [];
    for (let i = 0; i < m.source.length; i++) if (m.source[i] === s && wanted.has(m.line[i])) out.push(i);
    return out;
  }
}
