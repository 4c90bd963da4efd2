// The tree view of the active log inside VS Code: failures, update verdicts, calls by kind, the
// reveal-line command on its nodes, and following the active editor to another log or away.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SnapshotNode, TreeSnapshot } from '../../../src/treeView/treeSnapshotCommand';
import { activateExtension, openFile, sleep, workspaceFile } from './helpers';

// The command's own result types: the test reads exactly what the command returns.
type SnapNode = SnapshotNode;
type Snapshot = TreeSnapshot;

function snapshot(depth = 4): Thenable<Snapshot> {
  return vscode.commands.executeCommand<Snapshot>('wuLogLens.test.treeSnapshot', depth);
}

/** Polls the tree until `ok` accepts it (analyses and editor switches are asynchronous). */
async function snapshotWhen(what: string, ok: (s: Snapshot) => boolean, ms = 10_000): Promise<Snapshot> {
  const deadline = Date.now() + ms;
  let last: Snapshot | undefined;
  while (Date.now() < deadline) {
    last = await snapshot();
    if (ok(last)) return last;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}; last tree: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

async function show(rel: string, language?: string): Promise<vscode.TextEditor> {
  const doc = await openFile(rel);
  const editor = await vscode.window.showTextDocument(doc);
  if (language) {
    const deadline = Date.now() + 5000;
    while (doc.languageId !== language && Date.now() < deadline) await sleep(50);
    assert.equal(doc.languageId, language, `language of ${rel}`);
  }
  return editor;
}

function section(s: Snapshot, label: string): SnapNode {
  const hit = s.roots.find((r) => r.label === label);
  assert.ok(hit, `no "${label}" section: ${s.roots.map((r) => r.label).join(', ')}`);
  return hit;
}

describe('tree view', function () {
  this.timeout(60_000);
  const mainLog = 'tree/WindowsUpdate.log';
  const scanLog = 'tree/WindowsUpdate_scan.log';

  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the failed install first, with its code, KB, date and time, and evidence lines labelled by role that reveal', async () => {
    const editor = await show(mainLog, 'wulog');
    const uri = editor.document.uri.toString();
    const s = await snapshotWhen('the main log', (x) => x.uri === uri && x.roots.some((r) => r.label === 'Still failing'));
    assert.deepEqual(s.roots.map((r) => r.label), ['Still failing', 'Updates with a result']);
    const failures = section(s, 'Still failing').children ?? [];
    assert.equal(failures.length, 1);
    const f = failures[0];
    assert.match(f.label, /^Install 0x800F0988 \S+/);
    assert.match(f.description ?? '', /^KB5051974 · 2025-02-11 08:20:00 · line \d+$/);
    assert.equal(f.icon, 'error');
    assert.equal(f.color, 'testing.iconFailed');
    assert.equal(f.tooltipTrusted, false);
    assert.match(f.tooltip ?? '', /KB5051974/);
    assert.match(f.contextValue ?? '', /^wuLogLens\.failure;updateId;summarize;kb;cv;code;focus$/);
    assert.equal(f.command?.command, 'wuLogLens.revealLine');
    assert.equal(f.command?.arguments[0], uri);
    const line = f.command?.arguments[1];
    assert.equal(typeof line, 'number');
    assert.match(editor.document.lineAt(line as number).text, /0x800F0988|800F0988/i);
    const evidence = (f.children ?? []).filter((c) => c.command);
    assert.ok(evidence.some((e) => /^root cause: Handler \*FAILED\* \[800F0988\]/.test(e.label)), JSON.stringify(evidence.map((e) => e.label)));
    const links = (f.children ?? []).filter((c) => c.icon === 'link').map((c) => c.label);
    assert.deepEqual(links.map((l) => l.split(':')[0]), ['Update', 'Call']);
  });

  it('groups by update or by call (view title), and shows failures only on request', async () => {
    const editor = await show(mainLog, 'wulog');
    const uri = editor.document.uri.toString();
    await vscode.commands.executeCommand('wuLogLens.treeGroupByCall');
    let s = await snapshotWhen('grouped by call', (x) => x.uri === uri && x.roots.some((r) => r.label === 'Calls'));
    assert.deepEqual(s.options, { groupBy: 'call', failuresOnly: false });
    const calls = section(s, 'Calls').children ?? [];
    const install = calls.find((c) => c.label === 'Install: UpdateOrchestrator');
    assert.ok(install, calls.map((c) => c.label).join(' | '));
    assert.match(install.description ?? '', /^failed · cV TrEeViEwTeSt0001\.3\.0\.0 · 2025-02-11 07:50:00 · line 16$/);
    assert.deepEqual(install.command?.arguments, [uri, 15]);
    assert.equal(install.color, 'testing.iconFailed');
    const facts = (install.children ?? []).map((c) => c.label);
    assert.ok(facts.some((l) => /^Call error code 0x80240022/.test(l)), facts.join(' | '));
    assert.equal(facts.filter((l) => l.startsWith('start: ')).length, 2, 'one node for the client and agent halves');
    assert.ok(calls.some((c) => c.label === 'Download: UpdateOrchestrator'));
    await vscode.commands.executeCommand('wuLogLens.treeShowFailuresOnly');
    s = await snapshotWhen('failures only', (x) => x.options.failuresOnly && x.roots.length === 1);
    assert.deepEqual(s.roots.map((r) => r.label), ['Still failing']);
    await vscode.commands.executeCommand('wuLogLens.treeShowAll');
    await vscode.commands.executeCommand('wuLogLens.treeGroupByUpdate');
    s = await snapshotWhen('grouped by update again', (x) => x.roots.some((r) => r.label === 'Updates with a result'));
    const updates = section(s, 'Updates with a result').children ?? [];
    assert.equal(updates[0].icon, 'error');
    assert.match(updates[0].label, /KB5051974/);
    assert.equal(updates[1].icon, 'pass');
    assert.equal(updates[1].color, 'testing.iconPassed');
  });

  it('context menu commands: copy the update id, KB and cV, explain the code, summarize the update', async () => {
    await show(mainLog, 'wulog');
    await snapshotWhen('the main log', (x) => x.roots.some((r) => r.label === 'Still failing'));
    const node = await vscode.commands.executeCommand('wuLogLens.test.treeNode', ['Still failing', 'Install 0x800F0988']);
    assert.ok(node);
    assert.equal(await vscode.commands.executeCommand('wuLogLens.treeCopyUpdateId', node), 'A1B2C3D4-1111-4222-8333-0123456789AB.200');
    assert.equal(await vscode.env.clipboard.readText(), 'A1B2C3D4-1111-4222-8333-0123456789AB.200');
    assert.equal(await vscode.commands.executeCommand('wuLogLens.treeCopyKb', node), 'KB5051974');
    assert.equal(await vscode.commands.executeCommand('wuLogLens.treeCopyCv', node), 'TrEeViEwTeSt0001.3.0.0');
    const explained = await vscode.commands.executeCommand<{ title: string; markdown: string }>('wuLogLens.treeExplainCode', node);
    assert.match(explained.title, /0x800F0988/);
    assert.match(explained.markdown, /\S/);
    const report = await vscode.commands.executeCommand<string>('wuLogLens.treeSummarizeUpdate', node);
    assert.match(report, /KB5051974/);
    assert.doesNotMatch(report, /KB5050188/, 'only this update');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('selects the failure or call of the line the cursor moves to (view visible)', async () => {
    const editor = await show(mainLog, 'wulog');
    const uri = editor.document.uri.toString();
    await vscode.commands.executeCommand('wuLogLens.tree.focus');
    await snapshotWhen('the view visible with the main log', (x) => x.visible && x.uri === uri);
    // Line 23 (1-based) is the *FAILED* [800F0988] root-cause line of the failed install.
    editor.selection = new vscode.Selection(22, 3, 22, 3);
    const onFailure = await snapshotWhen('the failure selected', (x) => x.selection.some((l) => /^Install 0x800F0988/.test(l)));
    assert.equal(onFailure.selection.length, 1);
    // Line 9 is inside the download call (lines 8-15): the call node, when grouped by call.
    await vscode.commands.executeCommand('wuLogLens.treeGroupByCall');
    await snapshotWhen('grouped by call', (x) => x.roots.some((r) => r.label === 'Calls'));
    editor.selection = new vscode.Selection(8, 0, 8, 0);
    await snapshotWhen('the download call selected', (x) => x.selection.length === 1 && x.selection[0] === 'Download: UpdateOrchestrator');
    await vscode.commands.executeCommand('wuLogLens.treeGroupByUpdate');
  });

  it('follows the active editor to another log, and away from logs', async () => {
    const editor = await show(scanLog, 'wulog');
    const uri = editor.document.uri.toString();
    const s = await snapshotWhen('the scan log', (x) => x.uri === uri);
    const failures = section(s, 'Still failing').children ?? [];
    assert.equal(failures.length, 1);
    assert.match(failures[0].label, /^Scan 0x80072EE2/);
    assert.ok(!s.roots.some((r) => r.label === 'Updates with a result'), 'the scan log has no updates with a verdict');

    await show('notes.txt');
    const none = await snapshotWhen('an empty tree for a non-log', (x) => x.uri === undefined);
    assert.deepEqual(none.roots, []);
  });

  it('shows CBS sessions for a CBS log', async () => {
    const editor = await show('tree/CBS.log', 'cbslog');
    const uri = editor.document.uri.toString();
    const s = await snapshotWhen('the CBS log', (x) => x.uri === uri);
    const sessions = section(s, 'CBS sessions').children ?? [];
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0].label, 'Session 31160042_3310000007');
    assert.match(sessions[0].description ?? '', /WindowsUpdateAgent · KB5051974 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} · line 2/);
    assert.deepEqual(sessions[0].command?.arguments, [uri, 1]);
  });

  it('pages thousands of calls behind a "more" node', async () => {
    // A generated log (our own lines): 3000 search calls of one client, one thread each.
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = `2025/04/01 ${String(10 + Math.floor(i / 3600)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
      lines.push(`${t}.1000000 3000  ${4000 + i}  Agent           * START * Finding updates CallerId = BulkTester  Id = ${i} (cV = BuLkTrEeTeSt0000.${i}.1)`);
      lines.push(`${t}.2000000 3000  ${4000 + i}  Agent           * END * Finding updates CallerId = BulkTester, Id = ${i}, Exit code = 0x00000000 (cV = BuLkTrEeTeSt0000.${i}.1)`);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wulog-tree-'));
    const file = path.join(dir, 'WindowsUpdate.log');
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('wuLogLens.treeGroupByCall');
    const s = await snapshotWhen('the generated log', (x) => x.uri === doc.uri.toString() && x.roots.some((r) => r.label === 'Calls'), 20_000);
    assert.match(section(s, 'Calls').description ?? '', /^3000 /);
    const groups = section(s, 'Calls').children ?? [];
    assert.deepEqual(groups.map((g) => g.label), ['3000 other calls (searches and agent calls without a result)']);
    const calls = groups[0].children ?? [];
    assert.ok(calls.length < 3000, `${calls.length} children built`);
    const more = calls[calls.length - 1];
    assert.equal(more.label, `… ${3000 - (calls.length - 1)} more`);
    assert.equal(calls[0].label, 'Search: BulkTester');
    await vscode.commands.executeCommand('wuLogLens.treeGroupByUpdate');
  });

  it('wuLogLens.revealLine opens the log and selects the line', async () => {
    const target = workspaceFile(mainLog);
    await show('notes.txt');
    await vscode.commands.executeCommand('wuLogLens.revealLine', target, 23);
    const deadline = Date.now() + 5000;
    let editor = vscode.window.activeTextEditor;
    while ((!editor || editor.document.uri.toString() !== target.toString()) && Date.now() < deadline) {
      await sleep(50);
      editor = vscode.window.activeTextEditor;
    }
    assert.ok(editor, 'no active editor');
    assert.equal(editor.document.uri.toString(), target.toString());
    assert.equal(editor.selection.start.line, 23);
    assert.equal(editor.selection.end.line, 23);
    assert.equal(editor.selection.end.character, editor.document.lineAt(23).text.length);
    // Again to another line of the now-open document: the selection moves.
    await vscode.commands.executeCommand('wuLogLens.revealLine', target.toString(), 5);
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, 5);
    assert.ok(vscode.window.activeTextEditor?.visibleRanges.some((r) => r.contains(new vscode.Position(5, 0))));
  });
});
