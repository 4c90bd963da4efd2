// The extension loads in the real VS Code and activates without throwing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('is installed as the development extension', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    assert.equal(ext.packageJSON.name, 'wu-log-lens');
  });

  it('activates on its own when a plain-text document opens, without throwing', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    // No explicit activate(): the onLanguage activation event must do it.
    await vscode.workspace.openTextDocument({ content: 'just some text', language: 'plaintext' });
    const deadline = Date.now() + 10_000;
    while (!ext.isActive && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(ext.isActive, true, 'not activated by onLanguage:plaintext');
    await ext.activate(); // rejects if activation threw
  });

  it('declares its three languages', async () => {
    const ids = await vscode.languages.getLanguages();
    for (const id of ['wulog', 'cbslog', 'wureport']) assert.ok(ids.includes(id), `language ${id} missing`);
  });
});
