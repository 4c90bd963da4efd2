// `wuLogLens.revealLine(uri, line)`: opens the log, selects the (0-based) line and centres it.
// Tree nodes run it on click; it keeps the focus in the tree so the user can click through.
import * as vscode from 'vscode';

export const REVEAL_LINE_COMMAND = 'wuLogLens.revealLine';

/** The last line this command selected, so editor-to-tree sync can ignore its own echo. */
let lastReveal: { uri: string; line: number; at: number } | undefined;
const ECHO_MS = 1500;

export function wasJustRevealed(uri: vscode.Uri, line: number): boolean {
  return lastReveal !== undefined && lastReveal.uri === uri.toString() && lastReveal.line === line && Date.now() - lastReveal.at < ECHO_MS;
}

export async function revealLine(uri: vscode.Uri | string | undefined, line: number | undefined, focus = false): Promise<boolean> {
  if (uri === undefined || typeof line !== 'number' || !Number.isFinite(line)) return false;
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  const document = await vscode.workspace.openTextDocument(target);
  const l = Math.max(0, Math.min(document.lineCount - 1, Math.floor(line)));
  const range = document.lineAt(l).range;
  lastReveal = { uri: target.toString(), line: l, at: Date.now() };
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: visible?.viewColumn,
    selection: range,
    preserveFocus: !focus,
  });
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
  return true;
}

export function registerRevealLine(): vscode.Disposable {
  return vscode.commands.registerCommand(REVEAL_LINE_COMMAND, (uri?: vscode.Uri | string, line?: number) => revealLine(uri, line));
}
