// The reports this session produced: the untitled Markdown documents and the last report's
// text, for "Copy report". Sets the `wuLogLens.hasReport` context key for the menus.
import * as vscode from 'vscode';

export class ReportStore implements vscode.Disposable {
  private readonly docs = new Set<string>();
  private lastText: string | undefined;
  private readonly subs: vscode.Disposable[];

  constructor() {
    this.subs = [
      vscode.workspace.onDidCloseTextDocument((d) => this.docs.delete(d.uri.toString())),
      vscode.window.onDidChangeActiveTextEditor((e) => this.updateActive(e)),
    ];
  }

  /** `wuLogLens.reportActive`: the active editor shows one of our reports (for its title-bar "Copy" button). */
  private updateActive(editor: vscode.TextEditor | undefined): void {
    void vscode.commands.executeCommand('setContext', 'wuLogLens.reportActive', !!editor && this.isReport(editor.document));
  }

  remember(markdown: string, document?: vscode.TextDocument): void {
    this.lastText = markdown;
    if (document) this.docs.add(document.uri.toString());
    void vscode.commands.executeCommand('setContext', 'wuLogLens.hasReport', true);
    this.updateActive(vscode.window.activeTextEditor);
  }

  isReport(document: vscode.TextDocument): boolean {
    return this.docs.has(document.uri.toString());
  }

  /** The report to copy: the active report document as edited, else the last report. */
  current(): string | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active && this.isReport(active)) return active.getText();
    return this.lastText;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.docs.clear();
  }
}
