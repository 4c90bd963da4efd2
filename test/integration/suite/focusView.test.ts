// Focus views inside VS Code: only the lines of one update, thread, CBS session, or only the
// failures; same text and language as the log, links and Go to Definition back to the source.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { inEnglish, lineOf, showLog, untilSome } from './navHelpers';

async function focus(uri: vscode.Uri, selector: object): Promise<vscode.TextDocument> {
  const doc = await vscode.commands.executeCommand<vscode.TextDocument>('wuLogLens.openFocusView', uri, selector);
  assert.ok(doc, 'no focus document');
  return doc;
}

describe('focus views', function () {
  this.timeout(60_000);

  inEnglish();

  it('one update: its lines exactly as in the log, in the log\'s language, with hovers', async () => {
    const log = (await showLog('navigate/WindowsUpdate.log', 'wulog')).document;
    const doc = await focus(log.uri, { kind: 'update', updateId: 'A1B2C3D4-1111-4222-8333-0123456789AB', kb: '5053598' });
    assert.equal(doc.uri.scheme, 'wulog-focus');
    assert.equal(doc.languageId, 'wulog');
    assert.match(doc.uri.path, /WindowsUpdate\.log — KB5053598$/);
    const want = [9, 14, 25, 26, 28, 29].map((l) => log.lineAt(l).text);
    assert.deepEqual(doc.getText().split('\n'), want);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(4, doc.lineAt(4).text.indexOf('800F0922') + 2));
    assert.ok(hover?.length, 'the code hover works in the focus view');
    assert.equal(doc.isDirty, false);
  });

  it('every line leads back to its source line: link, Go to Definition, Go to Source Line', async () => {
    const log = (await showLog('navigate/WindowsUpdate.log', 'wulog')).document;
    const doc = await focus(log.uri, { kind: 'thread', tid: 1310 });
    assert.deepEqual(doc.getText().split('\n').length, 6);
    const links = await untilSome('links', () => vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri));
    assert.equal(links.length, 6);
    assert.match(links[2].target?.toString() ?? '', /^command:wuLogLens\.goToSourceLine\?/);
    const defs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, new vscode.Position(2, 5));
    assert.equal(defs?.[0]?.uri.toString(), log.uri.toString());
    assert.equal(defs?.[0]?.range.start.line, 25);
    const back = await vscode.commands.executeCommand<{ uri: string; line: number }>('wuLogLens.goToSourceLine', doc.uri, 4);
    assert.deepEqual(back, { uri: log.uri.toString(), line: 27 });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), log.uri.toString());
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, 27);
  });

  it('one CBS session, with its continuation lines; only failures', async () => {
    const cbs = (await showLog('navigate/CBS.log', 'cbslog')).document;
    const session = await focus(cbs.uri, { kind: 'session', sessionKey: '0:3' });
    assert.equal(session.languageId, 'cbslog');
    assert.equal(session.lineCount, 8);
    assert.equal(session.lineAt(3).text, cbs.lineAt(lineOf(cbs, 'Failed to perform operation')).text);
    assert.match(session.lineAt(4).text, /^ {3}Installer:/);
    const failures = await focus(cbs.uri, { kind: 'failures' });
    assert.ok(failures.getText().includes('CBS_E_INSTALLERS_FAILED'));
    assert.ok(!failures.getText().includes('WinMgmt'));
  });

  it('from the tree view\'s context menu: the focus of a failure node is its update', async () => {
    await showLog('navigate/WindowsUpdate.log', 'wulog');
    const deadline = Date.now() + 10_000;
    let node: unknown;
    while (!node && Date.now() < deadline) {
      node = await vscode.commands.executeCommand('wuLogLens.test.treeNode', ['Still failing', 'Install 0x800F0922']);
      if (!node) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(node, 'the failure node');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('wuLogLens.treeOpenFocusView', node);
    assert.ok(doc);
    assert.match(doc.uri.path, /— KB5053598$/);
  });
});
