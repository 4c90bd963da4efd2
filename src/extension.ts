// Entry point: wires the feature modules together. Each feature registers its own disposables.
import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Features are registered here as they land.
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
