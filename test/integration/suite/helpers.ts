// Small helpers for integration tests (loaded by the *.test.ts files, not a test itself).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'wulog.wu-log-lens';

/** Figures a test measured (printed by the runner under the test; never asserted). */
export const notes: string[] = [];

export function note(text: string): void {
  notes.push(text);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A file of the fixture workspace (test/integration/workspace, or its copy the runner opened). */
export function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace (test/integration/workspace) open');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

export function openFile(rel: string): Thenable<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(workspaceFile(rel));
}

/** Activates the extension (normally its activation events do) and returns it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

/** Polls `check` until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}
