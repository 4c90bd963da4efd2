// The read-only repaired copy of a log: the source document's text with its garbled lines
// (GBK- or Shift-JIS-read UTF-8) repaired. A content-provider document: VS Code never writes it,
// and the source file is never changed. The copy follows edits of the source while it is open.
import * as vscode from 'vscode';
import { repairText } from '../core/text/repairText';

export const REPAIRED_SCHEME = 'wulog-repaired';

/** The copy's URI: the source URI in the query, a name that keeps the log's file-name pattern. */
export function repairedUri(source: vscode.Uri): vscode.Uri {
  const name = source.path.slice(source.path.lastIndexOf('/') + 1) || 'log.txt';
  const dot = name.lastIndexOf('.');
  const shown = dot > 0 ? `${name.slice(0, dot)}.repaired${name.slice(dot)}` : `${name}.repaired`;
  return vscode.Uri.from({ scheme: REPAIRED_SCHEME, path: `/${shown}`, query: source.toString() });
}

/** The source document's URI of a repaired copy. */
export function sourceOfRepaired(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(uri.query, true);
}

export interface RepairCount {
  lines: number;
  lost: number;
}

export class RepairedCopyProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly counts = new Map<string, RepairCount>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(REPAIRED_SCHEME, this),
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => {
        const copy = repairedUri(e.document.uri).toString();
        if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === copy)) this.changed.fire(vscode.Uri.parse(copy, true));
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === REPAIRED_SCHEME) this.counts.delete(d.uri.toString());
      }),
    ];
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = sourceOfRepaired(uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.toString()) ?? (await vscode.workspace.openTextDocument(source));
    const r = repairText(doc.getText());
    this.counts.set(uri.toString(), { lines: r.lines.length, lost: r.lost });
    return r.text;
  }

  /** Lines repaired and characters lost in the copy, once it was produced. */
  countFor(uri: vscode.Uri): RepairCount | undefined {
    return this.counts.get(uri.toString());
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.counts.clear();
  }
}
