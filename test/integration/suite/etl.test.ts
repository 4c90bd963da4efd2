// ETL files inside VS Code: "Open Decoded ETL" and the .etl custom editor show the decoded text
// as a read-only `wulog` document with highlighting, hovers, Problems (ETW levels kept) and the
// tree; Summarize Failures on an Explorer folder of ETL files. The ETL files are written by the
// unit tests' writer from our own fixture log (no corpus bytes).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EtlWriter, fileTimeOf, wu, type TlEvent } from '../../unit/etl/etlWriter';
import { activateExtension, waitFor, workspaceFile } from './helpers';

const LINE = /^(\d{4})[/-](\d\d)[/-](\d\d) (\d\d):(\d\d):(\d\d)\.(\d{7}) +(\d+) +(\d+) +(\S+) +(.*)$/;
const SOURCE = 'WU Log Lens';

/** The events of a WindowsUpdate.log fixture, as WUTraceLogging would have logged them. */
function eventsOf(text: string): { start: bigint; events: TlEvent[] } {
  const rows = text.split(/\r?\n/).filter((l) => l.trim()).map((l) => {
    const m = LINE.exec(l);
    if (!m) throw new Error(`not a WU10 line: ${l}`);
    return { ft: fileTimeOf(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) + BigInt(m[7]), pid: +m[8], tid: +m[9], c: m[10], msg: m[11] };
  });
  const start = rows[0].ft - 10_000n;
  return { start, events: rows.map((r) => wu(Number(r.ft - start), r.pid, r.tid, r.c, r.msg)) };
}

function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`${needle} not in ${doc.uri.toString()}`);
}

describe('ETL: decoded ETL files in the editor', () => {
  let dir: string;
  let first: vscode.Uri;

  before(async () => {
    await activateExtension();
    await vscode.workspace.getConfiguration('wuLogLens').update('language', 'en', vscode.ConfigurationTarget.Global);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-etl-it-'));
    const text = fs.readFileSync(workspaceFile('summarize/bundle/WindowsUpdate.log').fsPath, 'utf8');
    const { start, events } = eventsOf(text);
    // An error-level event with a code but no *FAILED* marker: the ETW level must make it an error line.
    events.push({ ...wu(Number(events.length) * 10, 1312, 1400, 'Agent', 'Download job ended with 0x80246007 for the update', 2) });
    const half = Math.ceil(events.length / 2);
    const opts = { startFileTime: start, bias: -480, dst: false, bufferSize: 2048 };
    fs.writeFileSync(path.join(dir, 'WindowsUpdate.20250114.1.etl'), new EtlWriter(opts).add(...events.slice(0, half)).toBytes());
    fs.writeFileSync(path.join(dir, 'WindowsUpdate.20250114.2.etl'), new EtlWriter(opts).add(...events.slice(half)).toBytes());
    first = vscode.Uri.file(path.join(dir, 'WindowsUpdate.20250114.1.etl'));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('wuLogLens').update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ETL: Open Decoded ETL on a folder shows one read-only wulog document with Problems, hovers and the tree', async () => {
    const folder = vscode.Uri.file(dir);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('wuLogLens.openDecodedEtl', folder, [folder]);
    assert.ok(doc, 'the command returned the decoded document');
    assert.equal(doc.uri.scheme, 'wulog-etl');
    assert.equal(doc.languageId, 'wulog');
    assert.match(doc.lineAt(0).text, /Decoded by WU Log Lens from 2 ETL files .*client's local time, UTC\+08:00/);
    // Times in the client's local time (UTC+8): the fixture's 10:00 UTC lines read 18:00.
    assert.ok(doc.getText().includes('WindowsUpdate.20250114.2.etl: '), 'the account of each file closes the text');
    // A content-provider document: shown read-only, never saved anywhere.
    assert.equal(doc.isUntitled, false);
    assert.equal(doc.isDirty, false);
    // Problems: the deciding failure as an Error, on the decoded line.
    const errs = await waitFor('an Error in the decoded document', () => {
      const ds = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE && d.severity === vscode.DiagnosticSeverity.Error);
      return ds.length ? ds : undefined;
    }, 10_000);
    assert.ok(errs.some((d) => /0x800F081F/i.test(d.message)), errs.map((d) => d.message).join('\n'));
    // The ETW level is kept: the error-level event without *FAILED* is an intermediate error line.
    const lvl = lineOf(doc, 'Download job ended with 0x80246007');
    const all = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE);
    assert.ok(all.some((d) => d.range.start.line === lvl), `a diagnostic on line ${lvl + 1}`);
    // Hover on a code of the decoded text.
    const codeLine = lineOf(doc, '0x80246007');
    const pos = new vscode.Position(codeLine, doc.lineAt(codeLine).text.indexOf('0x80246007') + 3);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? [];
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /WU\\_E\\_DM\\_NOTDOWNLOADED/);
    // The tree follows the decoded document.
    await vscode.window.showTextDocument(doc);
    const deadline = Date.now() + 10_000;
    let tree = '';
    while (Date.now() < deadline) {
      tree = JSON.stringify(await vscode.commands.executeCommand('wuLogLens.test.treeSnapshot', 3));
      if (tree.includes('0x800F081F')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(tree, /0x800F081F/);
  });

  it('ETL: opening an .etl file (custom editor) hands over to the decoded text', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('vscode.openWith', first, 'wuLogLens.etlDecoded');
    const editor = await waitFor('the decoded text editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'wulog-etl'), 10_000);
    assert.equal(editor.document.languageId, 'wulog');
    assert.match(editor.document.lineAt(0).text, /from 1 ETL file \(WindowsUpdate\.20250114\.1\.etl\)/);
    await waitFor('the custom editor tab closed', () => (vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputCustom) ? undefined : true), 10_000);
  });

  it('ETL: Summarize Failures on an Explorer folder of ETL files names the failure and links into the decoded text', async () => {
    const folder = vscode.Uri.file(dir);
    const r = await vscode.commands.executeCommand<{ markdown: string; failures: number; files: string[]; targets: Array<string | null> } | undefined>('wuLogLens.summarizeFailures', folder, [folder]);
    assert.ok(r);
    assert.equal(r.failures, 1);
    assert.match(r.markdown, /0x800F081F/);
    assert.match(r.markdown, /decoded from 2 ETL files/);
    assert.ok(r.targets.some((t) => t?.startsWith('wulog-etl:')), `evidence leads to the decoded text: ${r.targets.join(', ')}`);
  });
});
