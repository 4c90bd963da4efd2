// Entry point: wires the feature modules together. Each feature registers its own disposables.
import * as vscode from 'vscode';
import { registerContentDetection } from './languageDetection/contentDetection';

export function activate(context: vscode.ExtensionContext): void {
  // Features are registered here as they land.
  registerContentDetection(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
