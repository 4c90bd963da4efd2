// Helpers of the navigation tests (outline, failures, related ids, focus views, timeline): open a
// fixture of `workspace/navigate/` in an editor with its language, find a line.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openFile, waitFor } from './helpers';

export async function showLog(rel: string, language: string): Promise<vscode.TextEditor> {
  const doc = await openFile(rel);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await waitFor(`${rel} as ${language}`, () => (doc.languageId === language ? true : undefined));
  return editor;
}

export function lineOf(doc: vscode.TextDocument, needle: string, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  assert.fail(`"${needle}" not in ${doc.uri.path}`);
}

/** The position of the first `needle` on a line containing `lineNeedle` (plus `offset` characters). */
export function positionOf(doc: vscode.TextDocument, lineNeedle: string, needle: string, offset = 1): vscode.Position {
  const line = lineOf(doc, lineNeedle);
  const col = doc.lineAt(line).text.indexOf(needle);
  assert.ok(col >= 0, `"${needle}" not on line ${line + 1}`);
  return new vscode.Position(line, col + offset);
}

/** Polls a provider command until it returns a non-empty result. */
export async function untilSome<T>(what: string, run: () => Thenable<T[] | undefined>, ms = 8000): Promise<T[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await run();
    if (r && r.length) return r;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('wuLogLens').update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * The hooks of a navigation suite: the extension active and speaking English before; after, the
 * language and `reset` settings back to their defaults and every editor closed.
 */
export function inEnglish(...reset: string[]): void {
  before(async () => {
    await activateExtension();
    await setSetting('language', 'en');
  });
  after(async () => {
    for (const key of reset) await setSetting(key, undefined);
    await setSetting('language', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}
