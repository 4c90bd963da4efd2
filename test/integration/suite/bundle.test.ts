// Bundles inside VS Code: Summarize Failures on a .zip chosen in the Explorer, on a zip and a
// folder of a virtual file system, and (in the untrusted-workspace pass) in restricted mode.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, workspaceFile } from './helpers';
import { MemoryFs } from './memoryFs';
import { forgeZip } from '../../unit/bundle/zipForge';

const COMMAND = 'wuLogLens.summarizeFailures';
interface SummaryResult { markdown: string; files: string[]; failures: number }
const run = (...args: unknown[]): Thenable<SummaryResult | undefined> => vscode.commands.executeCommand<SummaryResult | undefined>(COMMAND, ...args);
const read = (rel: string): Buffer => fs.readFileSync(workspaceFile(rel).fsPath);

/** A bundle as a customer sends it, built from the fixture workspace's logs. */
function bundleZip(): Buffer {
  return forgeZip([
    { name: 'WindowsUpdate.log', data: read('summarize/bundle/WindowsUpdate.log') },
    { name: 'Windows/Logs/CBS/CBS.log', data: read('summarize/bundle/CBS.log') },
    { name: 'Windows/Logs/CBS/CbsPersist_20240101000000.cab', data: 'MSCF not really a cab' },
    { name: 'evt/System.evtx', data: 'ElfFile' },
  ]);
}

describe('bundle: Summarize Failures on a zip', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-it-bundle-'));
  before(async () => {
    await activateExtension();
    await vscode.workspace.getConfiguration('wuLogLens').update('language', 'en', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('wuLogLens').update('language', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(tmp, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reads every log inside a .zip chosen in the Explorer; the report starts with what it held', async () => {
    const zip = path.join(tmp, 'bundle.zip');
    fs.writeFileSync(zip, bundleZip());
    const uri = vscode.Uri.file(zip);
    const r = await run(uri, [uri]);
    assert.ok(r, 'no report');
    assert.equal(r.files.length, 2);
    const headings = r.markdown.split('\n').filter((l) => l.startsWith('## '));
    assert.equal(headings[0], '## What the bundle held');
    assert.ok(r.markdown.includes('System.evtx'), 'the event log is listed');
    assert.ok(r.markdown.includes('## Update chains across logs'), r.markdown.slice(0, 3000));
    assert.ok(r.markdown.includes('KB5050009'));
  });

  it('reads a zip and a folder of a virtual file system', async () => {
    const files = new Map<string, Uint8Array>([
      ['/case/bundle.zip', bundleZip()],
      ['/case/more/dism.log', read('DISM.log')],
      ['/case/readme.pdf', Buffer.from('%PDF')],
    ]);
    const reg = vscode.workspace.registerFileSystemProvider('wulogzip', new MemoryFs(files), { isReadonly: true });
    try {
      const folder = vscode.Uri.parse('wulogzip:/case');
      const r = await run(folder, [folder]);
      assert.ok(r, 'no report');
      assert.equal(r.files.length, 3);
      assert.ok(r.markdown.startsWith('# '));
      assert.ok(r.markdown.includes('readme.pdf'), 'the other file is listed as not analysed');
      const zip = vscode.Uri.parse('wulogzip:/case/bundle.zip');
      const z = await run(zip, [zip]);
      assert.ok(z && z.files.length === 2);
    } finally {
      reg.dispose();
    }
  });

  it('untrusted workspace: the extension works in restricted mode, and does not run the CAB tool', async function () {
    if (!process.env.WU_LOG_LENS_UNTRUSTED) this.skip();
    assert.equal(vscode.workspace.isTrusted, false, 'this pass runs in an untrusted workspace');
    const log = await vscode.workspace.openTextDocument(workspaceFile('diagnostics/WindowsUpdate.log'));
    await vscode.window.showTextDocument(log);
    assert.equal(log.languageId, 'wulog');
    const deadline = Date.now() + 10000;
    while (!vscode.languages.getDiagnostics(log.uri).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(vscode.languages.getDiagnostics(log.uri).length > 0, 'Problems are reported in restricted mode');
    const zip = path.join(tmp, 'untrusted.zip');
    fs.writeFileSync(zip, bundleZip());
    const r = await run(vscode.Uri.file(zip), [vscode.Uri.file(zip)]);
    assert.ok(r);
    assert.ok(r.markdown.includes('not read in an untrusted workspace'), 'the cab is listed with the reason');
  });
});
