// Under VS Code's Chinese display language (the runner's `zh-cn` pass, code-server --locale zh-cn):
// the manifest, the UI bundle, the Problems panel, hovers, the tree and the report speak Chinese
// with the `auto` language setting, and a log whose update titles are garbled (our own titles,
// UTF-8 read as GBK, with lost bytes) shows them repaired everywhere, the original in tooltips,
// and opens as a read-only repaired copy while the file stays as it was.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { SnapshotNode, TreeSnapshot } from '../../../src/treeView/treeSnapshotCommand';
import { activateExtension, EXTENSION_ID, openFile, sleep, waitFor, workspaceFile } from './helpers';

const LOG = 'mojibake/WindowsUpdate.log';
/** What the repair gives for the garbled title in the fixture (two characters lost by the writer). */
const REPAIRED = '2024-03 适用\ufffd Windows 11 Version 23H2 的累积更新，适合基于 x64 的系\ufffd (KB5035853)';
const GARBLED_PART = '閫傜敤浜';

/** A manifest string as the extension host gives it: localised `{ value, original }` or plain. */
type Localized = string | { value: string; original: string } | undefined;
const text = (s: Localized): string | undefined => (typeof s === 'object' ? s.value : s);

function flatten(nodes: SnapshotNode[]): SnapshotNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);
}

async function treeWhen(ok: (s: TreeSnapshot) => boolean): Promise<TreeSnapshot> {
  const deadline = Date.now() + 10_000;
  let last: TreeSnapshot | undefined;
  while (Date.now() < deadline) {
    last = await vscode.commands.executeCommand<TreeSnapshot>('wuLogLens.test.treeSnapshot', 3);
    if (last && ok(last)) return last;
    await sleep(100);
  }
  assert.fail(`tree never matched; last: ${JSON.stringify(last)?.slice(0, 1500)}`);
}

async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`${needle} not in ${doc.uri.path}`);
}

describe('[zh-cn] Chinese display language', function () {
  this.timeout(60_000);
  let bytesBefore: Buffer;

  before(async () => {
    await activateExtension();
    // The `auto` language setting: everything follows the display language.
    await vscode.workspace.getConfiguration('wuLogLens').update('language', undefined, vscode.ConfigurationTarget.Global);
    bytesBefore = fs.readFileSync(workspaceFile(LOG).fsPath);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('VS Code runs in Simplified Chinese and the UI bundle is Chinese', () => {
    assert.equal(vscode.env.language, 'zh-cn');
    assert.equal(vscode.l10n.t('Failures'), '失败');
    assert.equal(vscode.l10n.t('Next steps'), '处理建议');
  });

  it('the manifest (command titles, view, settings) is Chinese', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string; title: Localized }[]; configuration: { properties: Record<string, { markdownDescription: Localized }> } };
    };
    const title = (id: string): string | undefined => text(pkg.contributes.commands.find((c) => c.command === id)?.title);
    assert.equal(title('wuLogLens.summarizeFailures'), '分析更新失败');
    assert.equal(title('wuLogLens.openRepairedCopy'), '打开乱码修复后的副本');
    assert.match(text(pkg.contributes.configuration.properties['wuLogLens.language'].markdownDescription) ?? '', /显示语言/);
  });

  it('the Problems panel speaks Chinese and names the update by its repaired title', async () => {
    const doc = await openFile(LOG);
    await vscode.window.showTextDocument(doc);
    const errs = await waitFor('an Error diagnostic', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'WU Log Lens' && x.severity === vscode.DiagnosticSeverity.Error);
      return d.length ? d : undefined;
    }, 10_000);
    assert.match(errs[0].message, /安装失败：0x80070002/);
    assert.ok(errs[0].message.includes('的累积更新'), errs[0].message);
    assert.ok(!errs[0].message.includes(GARBLED_PART), errs[0].message);
  });

  it('hovers are Chinese: on an error code, and on garbled text with its repair', async () => {
    const doc = await openFile(LOG);
    const codeLine = lineOf(doc, '[80070002] Method failed');
    const onCode = await hoverText(doc, new vscode.Position(codeLine, doc.lineAt(codeLine).text.indexOf('80070002') + 2));
    // The short hover: the name, a one-line meaning and the next step, in Chinese.
    assert.match(onCode, /[\u4e00-\u9fff]/);
    assert.match(onCode, /下一步/);
    const titleLine = lineOf(doc, GARBLED_PART);
    const onGarbled = await hoverText(doc, new vscode.Position(titleLine, doc.lineAt(titleLine).text.indexOf(GARBLED_PART) + 1));
    assert.match(onGarbled, /乱码已修复/);
    assert.ok(onGarbled.includes(REPAIRED), onGarbled);
    assert.match(onGarbled, /GBK/);
    // Real Chinese text is not garbled: no such hover on it.
    const real = lineOf(doc, '更新已下载到本地缓存');
    const onReal = await hoverText(doc, new vscode.Position(real, doc.lineAt(real).text.indexOf('本地') + 1));
    assert.ok(!/乱码已修复/.test(onReal), onReal);
  });

  it('the tree is Chinese and shows the repaired title, the original in the tooltip', async () => {
    const doc = await openFile(LOG);
    await vscode.window.showTextDocument(doc);
    const tree = await treeWhen((s) => s.uri === doc.uri.toString() && s.roots.some((r) => r.label === '仍然失败'));
    const nodes = flatten(tree.roots);
    const texts = nodes.map((n) => `${n.label} ${n.description ?? ''} ${n.tooltip ?? ''}`);
    assert.ok(texts.some((t) => t.includes('的累积更新')), JSON.stringify(tree.roots).slice(0, 1500));
    assert.ok(!nodes.some((n) => n.label.includes(GARBLED_PART)), 'no garbled label');
    assert.ok(nodes.some((n) => /标题已从乱码修复，日志中的原文/.test(n.tooltip ?? '') && (n.tooltip ?? '').includes(GARBLED_PART)), 'the original is in a tooltip');
  });

  it('the report is Chinese, with the repaired title', async () => {
    const r = await vscode.commands.executeCommand<{ markdown: string } | undefined>('wuLogLens.summarizeFailures', workspaceFile(LOG), [workspaceFile(LOG)]);
    assert.ok(r);
    assert.match(r.markdown, /^# Windows 更新失败分析报告/m);
    assert.match(r.markdown, /\*\*下一步：\*\*/);
    assert.ok(r.markdown.includes(REPAIRED.replace(/[()]/g, '')) || r.markdown.includes('的累积更新'), 'repaired title');
    assert.ok(!r.markdown.includes(GARBLED_PART));
    assert.match(r.markdown, /日志中有乱码/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a read-only repaired copy and leaves the file as it was', async () => {
    const doc = await openFile(LOG);
    await vscode.window.showTextDocument(doc);
    const copy = await vscode.commands.executeCommand<vscode.TextDocument>('wuLogLens.openRepairedCopy');
    assert.ok(copy);
    assert.equal(copy.uri.scheme, 'wulog-repaired');
    assert.equal(copy.languageId, 'wulog');
    const text = copy.getText();
    assert.ok(text.includes(`Title=${REPAIRED},`), text.split('\n')[5]);
    assert.ok(text.includes('Microsoft Defender Antivirus 的安全智能更\ufffd - KB2267602 (版本 1.403.3038.0)'));
    assert.ok(text.includes('更新已下载到本地缓存，等待安装'), 'real Chinese kept');
    assert.equal(copy.lineCount, doc.lineCount);
    // Read-only: a content-provider document cannot be saved anywhere.
    assert.equal(await copy.save(), false);
    assert.ok(fs.readFileSync(workspaceFile(LOG).fsPath).equals(bytesBefore), 'the log file is unchanged');
    assert.equal(doc.isDirty, false);
  });
});
