// The hover feature: the short hover on error codes and the full explanation behind "More…".
import * as vscode from 'vscode';
import { registerCodeHover } from './codeHoverProvider';
import { registerExplainCode } from './explainCodeCommand';

export function registerHover(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.Disposable.from(registerCodeHover(), registerExplainCode(extensionUri));
}
