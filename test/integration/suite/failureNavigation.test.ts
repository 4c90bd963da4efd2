// Next/previous failure inside VS Code: moves the cursor to the deciding failures (or every
// failure line by the setting), wraps around and says so, says when there is none; the
// scrollbar marks; the editor title buttons and keybindings are contributed for our languages.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFile } from './helpers';
import { inEnglish, lineOf, setSetting, showLog } from './navHelpers';

interface Move {
  line?: number;
  wrapped?: boolean;
  message?: string;
}

const next = (): Thenable<Move> => vscode.commands.executeCommand<Move>('wuLogLens.nextFailure');
const previous = (): Thenable<Move> => vscode.commands.executeCommand<Move>('wuLogLens.previousFailure');

describe('next and previous failure', function () {
  this.timeout(60_000);

  inEnglish('navigation.failures');

  it('WindowsUpdate.log: goes to the deciding failure and wraps around', async () => {
    const editor = await showLog('navigate/WindowsUpdate.log', 'wulog');
    const failure = lineOf(editor.document, 'resultMapped=800F0922');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.deepEqual(await next(), { line: failure, wrapped: false, message: undefined });
    assert.equal(editor.selection.active.line, failure);
    const again = await next();
    assert.equal(again.line, failure);
    assert.equal(again.wrapped, true);
    assert.equal(again.message, 'Wrapped around to the first failure.');
    const back = await previous();
    assert.equal(back.wrapped, true);
    assert.equal(back.message, 'Wrapped around to the last failure.');
  });

  it('every failure line by the setting, in order, forward and back', async () => {
    await setSetting('navigation.failures', 'all');
    const editor = await showLog('navigate/WindowsUpdate.log', 'wulog');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const first = await next();
    assert.equal(first.line, lineOf(editor.document, '*FAILED* [80070032]'));
    const second = await next();
    assert.ok((second.line ?? 0) > (first.line ?? 0));
    assert.equal((await previous()).line, first.line);
    await setSetting('navigation.failures', undefined);
  });

  it('CBS.log: the deciding CBS failures; a log without failures says so in the status bar', async () => {
    const editor = await showLog('navigate/CBS.log', 'cbslog');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const move = await next();
    assert.equal(move.line, lineOf(editor.document, 'Session: 31160001_2000000002 finalized'));
    const clean = await showLog('navigate/setupact.log', 'cbslog');
    clean.selection = new vscode.Selection(0, 0, 0, 0);
    assert.deepEqual(await next(), { message: 'No failure decided an outcome in this log.' });
    assert.equal(clean.selection.active.line, 0, 'the cursor stays');
  });

  it('marks each deciding failure in the scrollbar', async () => {
    const editor = await showLog('navigate/WindowsUpdate.log', 'wulog');
    const marks = await vscode.commands.executeCommand<{ stillFailing: number[]; recovered: number[] }>('wuLogLens.test.failureMarks');
    assert.deepEqual(marks, { stillFailing: [lineOf(editor.document, 'resultMapped=800F0922')], recovered: [] });
  });

  it('works in a focus view too: the failures of its log, at the lines that show them', async () => {
    const log = (await showLog('navigate/WindowsUpdate.log', 'wulog')).document;
    const view = await vscode.commands.executeCommand<vscode.TextDocument>('wuLogLens.openFocusView', log.uri, { kind: 'failures' });
    const editor = await vscode.window.showTextDocument(view);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const move = await next();
    assert.equal(view.lineAt(move.line ?? 0).text, log.lineAt(lineOf(log, 'resultMapped=800F0922')).text);
    const marks = await vscode.commands.executeCommand<{ stillFailing: number[] }>('wuLogLens.test.failureMarks');
    assert.deepEqual(marks?.stillFailing, [move.line]);
  });

  it('contributes F8 / Shift+F8 scoped to our languages and the editor title buttons', async () => {
    const pkg = vscode.extensions.getExtension('wulog.wu-log-lens')?.packageJSON as { contributes: { keybindings: Array<{ command: string; key: string; when: string }>; menus: Record<string, Array<{ command: string; when?: string }>> } };
    const keys = pkg.contributes.keybindings.map((k) => `${k.key} ${k.command}`);
    assert.deepEqual(keys.sort(), ['f8 wuLogLens.nextFailure', 'shift+f8 wuLogLens.previousFailure']);
    for (const k of pkg.contributes.keybindings) assert.match(k.when, /editorLangId =~ \/\^\(wulog\|cbslog\|wureport/);
    const title = pkg.contributes.menus['editor/title'].map((m) => m.command);
    assert.ok(title.includes('wuLogLens.nextFailure') && title.includes('wuLogLens.previousFailure'));
    // A plain-text document: the commands do nothing harmful.
    const doc = await openFile('notes.txt');
    await vscode.window.showTextDocument(doc);
    assert.equal((await next()).line, undefined);
  });
});
