// Entry point: wires the feature modules together. Each feature registers its own disposables.
import * as vscode from 'vscode';
import { registerContentDetection } from './languageDetection/contentDetection';
import { registerCodeHover } from './hover/codeHoverProvider';

export function activate(context: vscode.ExtensionContext): void {
  // Features are registered here as they land.
  registerContentDetection(context);
  context.subscriptions.push(registerCodeHover());
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
