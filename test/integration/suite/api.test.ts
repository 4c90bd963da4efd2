// The API `activate` returns: analyze(uri) resolves to the JSON `wulog summarize --json` prints.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzeFiles } from '../../../src/core/analysis';
import { toJsonReport } from '../../../src/core/report';
import { EXTENSION_ID, workspaceFile } from './helpers';

interface Api {
  analyze(uri: vscode.Uri | string, options?: { lang?: 'en' | 'zh-cn' }): Promise<unknown>;
}

describe('API: analyze(uri)', function () {
  this.timeout(60_000);
  let api: Api;

  before(async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    assert.equal(typeof api?.analyze, 'function');
  });

  for (const rel of ['navigate/WindowsUpdate.log', 'navigate/CBS.log', 'navigate/DISM.log', 'navigate/setupact.log', 'navigate/ReportingEvents.log', 'navigate']) {
    it(`gives the same JSON as wulog summarize --json for ${rel}`, async () => {
      const uri = workspaceFile(rel);
      const got = await api.analyze(uri);
      const want = toJsonReport(await analyzeFiles([uri.fsPath]), 'en');
      assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(want)));
    });
  }

  it('accepts a URI string and a language; rejects a missing file', async () => {
    const uri = workspaceFile('navigate/WindowsUpdate.log');
    const zh = (await api.analyze(uri.toString(), { lang: 'zh-cn' })) as { failures: unknown[] };
    assert.equal(zh.failures.length, 1);
    await assert.rejects(api.analyze(workspaceFile('navigate/none.log')));
  });
});
