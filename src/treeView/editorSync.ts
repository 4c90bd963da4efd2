// Moving the cursor in the log (mouse, keyboard, or another feature such as the Problems panel)
// selects the matching failure or call in the tree, when the view is visible. The selection our
// own revealLine makes is ignored, so clicking a tree node does not jump the tree elsewhere.
import * as vscode from 'vscode';
import { wasJustRevealed } from './revealLineCommand';
import type { LogTreeProvider } from './treeProvider';
import type { TreeNode } from './treeModel';

const SYNC_DELAY_MS = 250;

export function registerEditorSync(view: vscode.TreeView<TreeNode>, provider: LogTreeProvider): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listener = vscode.window.onDidChangeTextEditorSelection((e) => {
    const uri = provider.documentUri;
    if (!uri || e.textEditor.document.uri.toString() !== uri.toString() || !view.visible) return;
    const line = e.selections[0]?.active.line;
    if (line === undefined || wasJustRevealed(uri, line)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const node = provider.nodeForLine(line);
      if (node && view.visible) void view.reveal(node, { select: true, focus: false, expand: false }).then(undefined, () => undefined);
    }, SYNC_DELAY_MS);
  });
  return new vscode.Disposable(() => {
    if (timer) clearTimeout(timer);
    listener.dispose();
  });
}
