// Each kind of servicing log gets our language: by file name (manifest), or by content for
// names that say nothing; logs of other programs keep theirs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, openFile, sleep, workspaceFile } from './helpers';

const OURS = new Set(['wulog', 'cbslog', 'wureport']);

function currentLanguage(uri: vscode.Uri): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId;
}

/** Waits until the document's language is `expected`; fails with the language it has after `ms`. */
async function expectLanguage(uri: vscode.Uri, expected: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (currentLanguage(uri) === expected) return;
    await sleep(50);
  }
  assert.equal(currentLanguage(uri), expected, `language of ${uri.path}`);
}

describe('language detection', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const cases: Array<[file: string, language: string, how: string]> = [
    ['WindowsUpdate.log', 'wulog', 'Windows 10 style, 2022/09/26 dates, CRLF, by name'],
    ['wu10-dash-dates.log', 'wulog', 'Windows 10 style, 2024-04-11 dates, by content'],
    ['wu10-crlf.log', 'wulog', 'Windows 10 style, CRLF, by content'],
    ['wu7-legacy.log', 'wulog', 'Windows 7 tab-separated style, by content'],
    ['WindowsUpdate_new.log', 'wulog', 'WindowsUpdate_new.log'],
    ['wu-undecoded.log', 'wulog', 'Get-WindowsUpdateLog output without symbols (1600/12/31), by content'],
    ['wu.txt', 'wulog', 'a .txt holding WindowsUpdate.log text'],
    ['CBS.log', 'cbslog', 'CBS.log, UTF-8 BOM, CRLF'],
    ['servicing-utf8-bom.log', 'cbslog', 'CBS text with a UTF-8 BOM under another name, by content'],
    ['CbsPersist_20220809100233.log', 'cbslog', 'CbsPersist_*.log'],
    ['DISM.log', 'cbslog', 'DISM.log'],
    ['lower/dism.log', 'cbslog', 'dism.log in lower case'],
    ['setupact.log', 'cbslog', 'Panther setupact.log'],
    ['setuperr.log', 'cbslog', 'Panther setuperr.log'],
    ['ReportingEvents.log', 'wureport', 'ReportingEvents.log, UTF-16LE with BOM'],
    ['reporting-utf16.log', 'wureport', 'UTF-16LE ReportingEvents text under another name, by content'],
  ];
  for (const [file, language, how] of cases) {
    it(`${how}: ${file} -> ${language}`, async () => {
      const doc = await openFile(file);
      await vscode.window.showTextDocument(doc);
      await expectLanguage(doc.uri, language);
    });
  }

  it('reads the UTF-16LE file as text (the BOM decoded, not shown as bytes)', async () => {
    const doc = await openFile('ReportingEvents.log');
    assert.match(doc.lineAt(0).text, /^\{[0-9A-F-]{36}\}\t2023-09-18 /);
    assert.equal(doc.lineAt(0).text.split('\t').length, 13);
  });

  it('switches an untitled document when CBS text is pasted into it', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: '' });
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'plaintext');
    const cbs = (await openFile('CBS.log')).getText();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), cbs);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await expectLanguage(doc.uri, 'cbslog');
  });

  // (VS Code itself applies the manifest's firstLine to untitled documents created with content.)
  it('switches an untitled document opened with WindowsUpdate.log content', async () => {
    const text = (await openFile('wu7-legacy.log')).getText();
    const doc = await vscode.workspace.openTextDocument({ content: text });
    await expectLanguage(doc.uri, 'wulog');
  });

  for (const [file, keeps] of [['nginx-access.log', 'log'], ['python-app.log', 'log'], ['notes.txt', 'plaintext']] as const) {
    it(`leaves ${file} as ${keeps}`, async () => {
      const doc = await openFile(file);
      await vscode.window.showTextDocument(doc);
      const before = doc.languageId;
      assert.equal(before, keeps);
      // A detectable file opened after it proves detection has run meanwhile.
      const control = await openFile('wu10-dash-dates.log');
      await expectLanguage(control.uri, 'wulog');
      await sleep(300);
      assert.equal(currentLanguage(doc.uri), keeps);
      assert.ok(!OURS.has(currentLanguage(doc.uri) ?? ''));
    });
  }

  it('leaves a 2 MB single-line document as plain text and keeps working', async () => {
    const big = await vscode.workspace.openTextDocument({ content: `${'0x80070005 '.repeat(200_000)}\n` });
    const control = (await openFile('wu7-legacy.log')).getText();
    const next = await vscode.workspace.openTextDocument({ content: '' });
    const edit = new vscode.WorkspaceEdit();
    edit.insert(next.uri, new vscode.Position(0, 0), control);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await expectLanguage(next.uri, 'wulog');
    assert.equal(currentLanguage(big.uri), 'plaintext');
  });

  it('respects a language the user picks afterwards', async () => {
    const doc = await openFile('wu.txt');
    await expectLanguage(doc.uri, 'wulog');
    await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    // an edit in the first lines would normally trigger detection again
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), ' ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await sleep(800);
    assert.equal(currentLanguage(doc.uri), 'plaintext');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  describe('with wuLogLens.detectByContent off', () => {
    const config = () => vscode.workspace.getConfiguration('wuLogLens');
    // Files never opened before in this session, outside the workspace (which may be the checkout).
    let dir = '';
    const copyFixture = async (from: string, to: string): Promise<vscode.Uri> => {
      const bytes = await vscode.workspace.fs.readFile(workspaceFile(from));
      const target = vscode.Uri.file(path.join(dir, to));
      await vscode.workspace.fs.writeFile(target, bytes);
      return target;
    };
    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wu-log-lens-detect-'));
      await config().update('detectByContent', false, vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      await config().update('detectByContent', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('leaves a pasted log as plain text', async () => {
      const text = (await openFile('wu10-dash-dates.log')).getText();
      const doc = await vscode.workspace.openTextDocument({ content: '' });
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(0, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await sleep(800);
      assert.equal(currentLanguage(doc.uri), 'plaintext');
    });

    it('leaves a WindowsUpdate.log copy under another .log name as log', async () => {
      const doc = await vscode.workspace.openTextDocument(await copyFixture('wu10-dash-dates.log', 'copy.log'));
      await sleep(800);
      assert.equal(currentLanguage(doc.uri), 'log');
    });

    it('still recognises files by name', async () => {
      const doc = await vscode.workspace.openTextDocument(await copyFixture('setuperr.log', 'setuperr.log'));
      await expectLanguage(doc.uri, 'cbslog');
    });
  });
});
