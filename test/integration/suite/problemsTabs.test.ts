// Problems follow the tabs: a log's diagnostics go when its last tab closes (the document itself
// may stay open for a while) and come back when a tab shows it again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers';
import { showLog } from './navHelpers';

const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'WU Log Lens');

function tabsOf(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
}

describe('Problems follow the tabs', function () {
  this.timeout(60_000);

  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('removes the diagnostics when the last tab of the log closes, and brings them back with a new tab', async () => {
    const editor = await showLog('navigate/CBS.log', 'cbslog');
    const uri = editor.document.uri;
    await waitFor('diagnostics of CBS.log', () => (ours(uri).length ? true : undefined), 10_000);
    // A second tab in another group: closing one tab keeps them.
    await vscode.window.showTextDocument(editor.document, { viewColumn: vscode.ViewColumn.Two, preview: false });
    assert.equal(tabsOf(uri).length, 2);
    await vscode.window.tabGroups.close(tabsOf(uri)[0]);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(ours(uri).length > 0, 'one tab still shows it');
    await vscode.window.tabGroups.close(tabsOf(uri));
    await waitFor('diagnostics gone after the last tab closed', () => (ours(uri).length === 0 ? true : undefined), 5000);
    assert.equal(tabsOf(uri).length, 0);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await waitFor('diagnostics back with the tab', () => (ours(uri).length ? true : undefined), 10_000);
  });
});
