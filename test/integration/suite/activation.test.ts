// The extension loads in the real VS Code and activates without throwing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'wulog.wu-log-lens';

describe('activation', () => {
  it('is installed as the development extension', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    assert.equal(ext.packageJSON.name, 'wu-log-lens');
  });

  it('activates without throwing', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('declares its three languages', async () => {
    const ids = await vscode.languages.getLanguages();
    for (const id of ['wulog', 'cbslog', 'wureport']) assert.ok(ids.includes(id), `language ${id} missing`);
  });
});
