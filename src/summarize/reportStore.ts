// The reports this session produced: the untitled Markdown documents and the last report's
// text, for "Copy report". Sets the `wuLogLens.hasReport` context key for the menus.
import * as vscode from 'vscode';
import { Disposables } from '../common/disposables';

export class ReportStore extends Disposables {
  private readonly docs = new Set<string>();
  private lastText: string | undefined;

  constructor() {
    super();
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.docs.delete(d.uri.toString())));
    this.register(vscode.window.onDidChangeActiveTextEditor((e) => this.updateActive(e)));
    this.register({ dispose: () => this.docs.clear() });
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
}
