// A mark in the scrollbar (overview ruler) on each failure that decided an outcome: the error
// colour while it is still failing at the end of the logs, the warning colour once it recovered.
// Also in focus views and the merged timeline, at the lines that show them.
import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../analysisService/documentAnalyses';
import { Disposables } from '../common/disposables';
import type { ViewLineMaps } from '../viewDocuments/lineMaps';
import { failureTargets } from './failureTargets';

export class FailureMarks extends Disposables {
  private readonly failing = this.register(vscode.window.createTextEditorDecorationType({
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.errorForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  }));
  private readonly recovered = this.register(vscode.window.createTextEditorDecorationType({
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  }));

  constructor(private readonly analyses: DocumentAnalyses, private readonly maps: ViewLineMaps) {
    super();
    this.register(vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.paint(e))));
    // In a turn of its own after an analysis (the Problems panel renders the same analysis first).
    this.register(analyses.onDidChange(() => setImmediate(() => {
      if (!this.isDisposed) this.paintAll();
    })));
    this.register(analyses.onDidRemove(() => this.paintAll()));
    this.register(maps.onDidChange(() => this.paintAll()));
    this.paintAll();
  }

  /** Lines marked in an editor (for tests): still failing, recovered. */
  marked(editor: vscode.TextEditor): { stillFailing: number[]; recovered: number[] } {
    const t = failureTargets(editor.document, 'deciding', this.analyses, this.maps);
    return { stillFailing: t.stillFailing, recovered: t.recovered };
  }

  private paintAll(): void {
    for (const e of vscode.window.visibleTextEditors) this.paint(e);
  }

  private paint(editor: vscode.TextEditor): void {
    const { stillFailing, recovered } = this.marked(editor);
    const last = editor.document.lineCount - 1;
    const ranges = (lines: number[]): vscode.Range[] => lines.filter((l) => l <= last).map((l) => new vscode.Range(l, 0, l, 0));
    editor.setDecorations(this.failing, ranges(stillFailing));
    editor.setDecorations(this.recovered, ranges(recovered));
  }
}
