// Where each line of a view document (focus view, merged timeline) comes from: the source log's
// URI and line. Filled by the content providers when they build a view; read by the links back,
// "Go to Source Line", next/previous failure and the failure marks inside views. A view may be
// rebuilt while an older build is still arriving, so each map is kept with a fingerprint of the
// text it belongs to, and a document gets the map of the text it shows.
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

/** Builds of one view kept at once (the latest first). */
const KEPT = 4;

/** Length and a 32-bit FNV-1a hash of the text. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

export class ViewLineMaps extends Disposables {
  private readonly maps = new Map<string, Array<{ fp: string; map: ViewLineMap }>>();
  private readonly fps = new Map<string, { version: number; fp: string }>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires when the map of a view was (re)built. */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.onDidCloseTextDocument((d) => {
      if (!isViewDocument(d.uri)) return;
      this.maps.delete(d.uri.toString());
      this.fps.delete(d.uri.toString());
    }));
    this.register({ dispose: () => this.maps.clear() });
  }

  /** Records the map of a view built with `text`. */
  set(view: vscode.Uri, text: string, map: ViewLineMap): void {
    const key = view.toString();
    const list = [{ fp: fingerprint(text), map }, ...(this.maps.get(key) ?? [])].slice(0, KEPT);
    this.maps.set(key, list);
    this.changed.fire(view);
  }

  /** The map of the text the document shows, if known. */
  get(document: vscode.TextDocument): ViewLineMap | undefined {
    const key = document.uri.toString();
    const list = this.maps.get(key);
    if (!list) return undefined;
    let fp = this.fps.get(key);
    if (!fp || fp.version !== document.version) {
      fp = { version: document.version, fp: fingerprint(document.getText()) };
      this.fps.set(key, fp);
    }
    return list.find((x) => x.fp === fp?.fp)?.map;
  }

  /** The source line of view line `line`, or undefined (a header line, an unknown view). */
  sourceOf(document: vscode.TextDocument, line: number): SourceLine | undefined {
    const m = this.get(document);
    if (!m || line < 0 || line >= m.source.length) return undefined;
    const s = m.source[line];
    return s >= 0 ? { uri: m.sources[s], line: m.line[line] } : undefined;
  }

  /** The view lines that show the given lines of `sourceUri` (ascending). */
  viewLinesOf(document: vscode.TextDocument, sourceUri: vscode.Uri, sourceLines: readonly number[]): number[] {
    const m = this.get(document);
    if (!m || !sourceLines.length) return [];
    const s = m.sources.findIndex((u) => u.toString() === sourceUri.toString());
    if (s < 0) return [];
    const wanted = new Set(sourceLines);
    const out: number[] = [];
    for (let i = 0; i < m.source.length; i++) if (m.source[i] === s && wanted.has(m.line[i])) out.push(i);
    return out;
  }
}
