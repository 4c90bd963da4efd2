// Problems follow the tabs: when the last tab of a log closes, its diagnostics go (VS Code may
// keep the document itself open for a while, so closing is read from the tab API, not from the
// document events); when a tab shows it again, they come back. Documents never shown in a tab
// (opened by an extension) keep their diagnostics, as before.
import * as vscode from 'vscode';
import { Disposables } from '../common/disposables';

/** The document URIs a tab shows. */
function urisOf(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}

export class TabFollower extends Disposables {
  /** Documents whose last tab closed: their diagnostics stay hidden until a tab shows them again. */
  private readonly hidden = new Set<string>();
  private readonly shown = this.register(new vscode.EventEmitter<vscode.Uri>());
  private readonly closed = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** A tab shows a hidden document again. */
  readonly onDidShowAgain = this.shown.event;
  /** The last tab of a document closed. */
  readonly onDidCloseLastTab = this.closed.event;

  constructor() {
    super();
    this.register(vscode.window.tabGroups.onDidChangeTabs((e) => this.onTabs(e)));
    // A document really closed and opened again starts afresh.
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.hidden.delete(d.uri.toString())));
    this.register({ dispose: () => this.hidden.clear() });
  }

  isHidden(uri: vscode.Uri): boolean {
    return this.hidden.has(uri.toString());
  }

  private hasTab(key: string): boolean {
    return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => urisOf(t).some((u) => u.toString() === key)));
  }

  private onTabs(e: vscode.TabChangeEvent): void {
    for (const tab of e.closed) {
      for (const uri of urisOf(tab)) {
        const key = uri.toString();
        if (this.hidden.has(key) || this.hasTab(key)) continue;
        this.hidden.add(key);
        this.closed.fire(uri);
      }
    }
    for (const tab of e.opened.concat(e.changed)) {
      for (const uri of urisOf(tab)) if (this.hidden.delete(uri.toString())) this.shown.fire(uri);
    }
  }
}
