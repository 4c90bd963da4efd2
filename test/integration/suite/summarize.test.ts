// "Summarize Failures" inside VS Code: on the open log (cached analysis), on a folder and on a
// multi-selection from the Explorer, in English and Chinese, on an ETL trace, on a file over the
// editor's 50 MB limit (read from disk, never opened as a document), through a virtual file
// system. The report view itself (its page, links, copy, save, refresh) is tested in reportView.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SummaryResult } from '../../../src/summarize/summarizeCommand';
import { activateExtension, waitFor, workspaceFile } from './helpers';
import { MemoryFs } from './memoryFs';

const COMMAND = 'wuLogLens.summarizeFailures';

const run = (...args: unknown[]): Thenable<SummaryResult | undefined> => vscode.commands.executeCommand<SummaryResult | undefined>(COMMAND, ...args);

async function setLanguage(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('wuLogLens').update('language', value, vscode.ConfigurationTarget.Global);
}

function headings(markdown: string): string[] {
  return markdown.split('\n').filter((l) => /^#{1,3} /.test(l));
}

const base = (p: string): string => p.replace(/^.*[\\/]/, '');

describe('summarize: Summarize Failures command', () => {
  const tmpFiles: string[] = [];

  before(async () => {
    await activateExtension();
    await setLanguage('en');
  });

  after(async () => {
    await setLanguage(undefined);
    for (const f of tmpFiles) fs.rmSync(f, { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('summarizes the open log into a report view, with its evidence leading to the log', async () => {
    const log = await vscode.workspace.openTextDocument(workspaceFile('summarize/bundle/WindowsUpdate.log'));
    await vscode.window.showTextDocument(log);
    assert.equal(log.languageId, 'wulog');
    const r = await run();
    assert.ok(r, 'the command returned no report');
    assert.equal(r.failures, 1);
    for (const needle of ['KB5050009', 'C0FFEE11-2B3C-4D5E-8F90-A1B2C3D4E5F6', '0x800F081F', 'CBS_E_SOURCE_MISSING', 'install']) {
      assert.ok(r.markdown.includes(needle), `report names ${needle}`);
    }
    // The LogHistory outcome is line 12; the report names it, and its file leads to the open log.
    assert.ok(r.markdown.includes('WindowsUpdate.log:12'), r.markdown);
    assert.deepEqual(r.targets, [log.uri.toString()]);
    // No untitled document, no Markdown preview: the report is a webview of its own.
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'untitled'), 'no untitled document');
    const tabs = await waitFor('a report view tab', () => {
      const all = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      return all.some((t) => t.input instanceof vscode.TabInputWebview && /wuLogLens\.report$/.test(t.input.viewType)) ? all : undefined;
    });
    assert.ok(!tabs.some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)), 'no Markdown preview');
    // Run again while the report view has the focus: the visible log is summarized, into the same view.
    const again = await run();
    assert.ok(again);
    assert.deepEqual(again.files.map(base), ['WindowsUpdate.log']);
    assert.equal(again.view, r.view);
    assert.equal(again.failures, 1);
  });

  it('summarizes a folder chosen in the Explorer: both logs listed, the CBS session linked', async () => {
    const folder = workspaceFile('summarize/bundle');
    const r = await run(folder, [folder]);
    assert.ok(r);
    assert.deepEqual(r.files.map(base).sort(), ['CBS.log', 'WindowsUpdate.log']);
    assert.ok(r.failures >= 1);
    assert.match(r.markdown, /^- CBS\.log: /m, 'the files read list CBS.log');
    assert.match(r.markdown, /^- WindowsUpdate\.log: /m, 'the files read list WindowsUpdate.log');
    assert.ok(r.markdown.includes('31155501_800000042'), 'the CBS session of the failed install is named');
    assert.match(r.markdown, /CBS\.log:\d+/, 'a CBS.log line is cited');
    const cbs = vscode.Uri.joinPath(folder, 'CBS.log').toString();
    assert.ok(r.targets.includes(cbs), `CBS.log leads to ${cbs}: ${r.targets.join(', ')}`);
  });

  it('summarizes a multi-selection of files together', async () => {
    const wu = workspaceFile('summarize/bundle/WindowsUpdate.log');
    const cbs = workspaceFile('summarize/bundle/CBS.log');
    const r = await run(wu, [wu, cbs]);
    assert.ok(r);
    assert.equal(r.files.length, 2);
    assert.ok(r.markdown.includes('31155501_800000042'));
  });

  it('writes the report in Chinese when wuLogLens.language is zh-cn', async () => {
    const folder = workspaceFile('summarize/bundle');
    const en = await run(folder, [folder]);
    await setLanguage('zh-cn');
    try {
      const zh = await run(folder, [folder]);
      assert.ok(en && zh);
      const hs = headings(zh.markdown);
      assert.ok(hs.length >= 3, 'the report has headings');
      for (const h of hs) assert.match(h, /[\u4e00-\u9fff]/, `heading in Chinese: ${h}`);
      assert.notDeepEqual(hs, headings(en.markdown));
      assert.ok(zh.markdown.includes('0x800F081F'));
    } finally {
      await setLanguage('en');
    }
  });

  it('says when nothing failed, and lists the files read', async () => {
    const folder = workspaceFile('summarize/clean');
    const r = await run(folder, [folder]);
    assert.ok(r);
    assert.equal(r.failures, 0);
    assert.deepEqual(r.files.map(base), ['WindowsUpdate.log']);
    assert.ok(r.markdown.includes('WindowsUpdate.log'));
    assert.doesNotMatch(r.markdown, /^### /m, 'no details section');
    assert.ok(r.markdown.trim().split('\n').length >= 5, 'the report still has content');
  });

  it('explains how to produce text from an ETL trace', async () => {
    // The shape of an ETL buffer header: buffer size (a multiple of 1 KB), the trace header marker at 0x4A.
    const bytes = Buffer.alloc(2048);
    bytes.writeUInt32LE(0x10000, 0);
    bytes[0x4a] = 0x02;
    bytes[0x4b] = 0xc0;
    bytes.fill(0x5a, 0x100, 0x180);
    const file = path.join(os.tmpdir(), `WindowsUpdate.${process.pid}.summarize.etl`);
    fs.writeFileSync(file, bytes);
    tmpFiles.push(file);
    const r = await run(vscode.Uri.file(file), [vscode.Uri.file(file)]);
    assert.ok(r);
    assert.equal(r.failures, 0);
    assert.ok(r.markdown.includes(base(file)), 'the ETL file is listed');
    assert.ok(r.markdown.includes('Get-WindowsUpdateLog'), 'the report says how to produce text');
  });

  it('reads a file over 50 MB from disk without opening it as a document', async function () {
    this.timeout(60_000);
    const block = fs.readFileSync(workspaceFile('summarize/bundle/WindowsUpdate.log').fsPath);
    const filler = Buffer.from('2025/01/14 18:10:00.0000000 1312  1400  Agent           Evaluating application rules for updates in the data store, nothing to report for this line\n');
    const count = Math.ceil((51 * 1024 * 1024) / filler.length);
    const big = Buffer.allocUnsafe(filler.length * count + block.length);
    for (let i = 0; i < count; i++) filler.copy(big, i * filler.length);
    block.copy(big, filler.length * count);
    const file = path.join(os.tmpdir(), `WindowsUpdate-big-${process.pid}.log`);
    fs.writeFileSync(file, big);
    tmpFiles.push(file);
    assert.ok(fs.statSync(file).size > 50 * 1024 * 1024);
    const uri = vscode.Uri.file(file);
    const r = await run(uri, [uri]);
    assert.ok(r, 'no report for the large file');
    assert.equal(r.failures, 1);
    assert.ok(r.markdown.includes('KB5050009'));
    assert.ok(r.markdown.includes(`WindowsUpdate-big-${process.pid}.log:${count + 12}`), 'evidence cites the large file at its line');
    assert.deepEqual(r.targets, [uri.toString()]);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the large file was not opened as a document');
  });

  it('reads files of a virtual file system through vscode.workspace.fs', async () => {
    const files = new Map<string, Uint8Array>();
    for (const name of ['WindowsUpdate.log', 'CBS.log']) files.set(`/logs/${name}`, fs.readFileSync(workspaceFile(`summarize/bundle/${name}`).fsPath));
    const provider = new MemoryFs(files);
    const reg = vscode.workspace.registerFileSystemProvider('wulogmem', provider, { isReadonly: true });
    try {
      const folder = vscode.Uri.parse('wulogmem:/logs');
      const r = await run(folder, [folder]);
      assert.ok(r);
      assert.equal(r.files.length, 2);
      assert.ok(r.markdown.includes('31155501_800000042'));
      assert.ok(r.targets.includes('wulogmem:/logs/CBS.log'), `links keep the virtual scheme: ${r.targets.join(', ')}`);
    } finally {
      reg.dispose();
    }
  });

  it('shows an error message, not an exception, for a missing file', async () => {
    const uri = vscode.Uri.file(path.join(os.tmpdir(), `no-such-${process.pid}`, 'WindowsUpdate.log'));
    const r = await run(uri, [uri]);
    assert.equal(r, undefined);
  });

});
