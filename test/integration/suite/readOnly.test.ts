// Read-only, proven: every feature (language detection, Problems, hovers, the tree, Summarize
// Failures on each log, on the whole workspace and on a zip bundle, Copy Report, the decoded
// ETL view) runs on every fixture; afterwards no document is dirty and no file's bytes changed.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, sleep } from './helpers';
import { forgeZip } from '../../unit/bundle/zipForge';
import { EtlWriter, fileTimeOf, wu } from '../../unit/etl/etlWriter';

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...allFiles(full));
    else if (e.isFile()) out.push(full);
  }
  return out.sort();
}

const digest = (f: string): string => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const snapshotOf = (dirs: string[]): Map<string, string> => new Map(dirs.flatMap(allFiles).map((f) => [f, digest(f)] as const));

describe('read-only: every feature on every fixture changes nothing', function () {
  this.timeout(600000);
  const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-it-readonly-'));
  after(async () => {
    fs.rmSync(extra, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('no document becomes dirty and no file changes', async () => {
    await activateExtension();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the fixture workspace is open');
    // Files outside the workspace the features also read: a zip bundle and ETL files.
    const files = allFiles(root).filter((f) => !f.endsWith('.gitattributes'));
    fs.writeFileSync(path.join(extra, 'bundle.zip'), forgeZip(files.slice(0, 12).map((f) => ({ name: path.relative(root, f).replace(/\\/g, '/'), data: fs.readFileSync(f) }))));
    const etl = new EtlWriter({ startFileTime: fileTimeOf('2025-01-14T08:00:00Z'), bufferSize: 1024 })
      .add(wu(0, 1, 2, 'Agent', '* START * Finding updates CallerId = UpdateOrchestrator'), wu(100, 1, 2, 'Agent', '*FAILED* [80072EE2] Method failed')).toBytes();
    fs.writeFileSync(path.join(extra, 'WindowsUpdate.20250114.1.etl'), etl);
    const before = snapshotOf([root, extra]);

    let features = 0;
    for (const [i, f] of files.entries()) {
      const uri = vscode.Uri.file(f);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: false });
      await sleep(30);
      vscode.languages.getDiagnostics(uri);
      // Hovers where codes stand (and at the start of the first lines).
      for (let line = 0; line < Math.min(doc.lineCount, 12); line++) {
        const text = doc.lineAt(line).text;
        const m = /0x[0-9A-Fa-f]{8}|\[[0-9A-Fa-f]{8}\]|resultMapped=[0-9A-Fa-f]{8}/.exec(text);
        await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, m ? m.index + 3 : 0));
      }
      await vscode.commands.executeCommand('wuLogLens.test.treeSnapshot', 4);
      await vscode.commands.executeCommand('wuLogLens.refreshTree');
      await vscode.commands.executeCommand('wuLogLens.revealLine', uri, 0);
      await vscode.commands.executeCommand('wuLogLens.summarizeFailures', uri, [uri]);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('wuLogLens.summarizeFailures');
      await vscode.commands.executeCommand('wuLogLens.copyReport', ['markdown', 'text', 'html'][i % 3]);
      // Moving through the log: outline, folding, next failure, related ids.
      await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
      await vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', uri);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('wuLogLens.nextFailure');
      await vscode.commands.executeCommand('vscode.executeReferenceProvider', uri, new vscode.Position(Math.min(1, doc.lineCount - 1), 40));
      features += 12;
      if (i % 6 === 5) await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    const folder = vscode.Uri.file(root);
    await vscode.commands.executeCommand('wuLogLens.summarizeFailures', folder, [folder]);
    const zip = vscode.Uri.file(path.join(extra, 'bundle.zip'));
    const z = await vscode.commands.executeCommand<{ files: string[] } | undefined>('wuLogLens.summarizeFailures', zip, [zip]);
    assert.ok(z && z.files.length > 0, 'the zip was summarized');
    const etlUri = vscode.Uri.file(path.join(extra, 'WindowsUpdate.20250114.1.etl'));
    await vscode.commands.executeCommand('vscode.openWith', etlUri, 'wuLogLens.etlDecoded');
    await vscode.commands.executeCommand('wuLogLens.openDecodedEtl', etlUri, [etlUri]);
    await vscode.commands.executeCommand('wuLogLens.summarizeFailures', vscode.Uri.file(extra), [vscode.Uri.file(extra)]);
    features += 6;
    await sleep(200);

    const dirty = vscode.workspace.textDocuments.filter((d) => d.uri.scheme !== 'untitled' && d.isDirty).map((d) => d.uri.toString());
    assert.deepEqual(dirty, [], 'no log document became dirty');
    const after = snapshotOf([root, extra]);
    assert.deepEqual([...after.keys()], [...before.keys()], 'no file was added or removed');
    for (const [f, h] of before) assert.equal(after.get(f), h, `${f} changed`);
    console.log(`      read-only: ${features} feature runs over ${files.length} fixtures, a zip bundle and an ETL file; ${before.size} files unchanged`);
  });
});
