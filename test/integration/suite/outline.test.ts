// Outline (document symbols) and folding inside VS Code, on a WindowsUpdate.log, a CBS.log, a
// DISM.log and a setupact.log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { inEnglish, lineOf, setSetting, showLog, untilSome } from './navHelpers';

function symbols(uri: vscode.Uri): Thenable<vscode.DocumentSymbol[] | undefined> {
  return vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
}

function folds(uri: vscode.Uri): Thenable<vscode.FoldingRange[] | undefined> {
  return vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
}

describe('outline and folding', function () {
  this.timeout(60_000);

  inEnglish();

  it('WindowsUpdate.log: one symbol per logical call, with its updates and its failure as children', async () => {
    const { document } = await showLog('navigate/WindowsUpdate.log', 'wulog');
    const syms = await untilSome('symbols', () => symbols(document.uri));
    assert.deepEqual(syms.map((s) => s.name), ['Search: UpdateOrchestrator', 'Download: UpdateOrchestrator', 'Install: UpdateOrchestrator', 'Search: Windows Defender']);
    const install = syms[2];
    assert.equal(install.kind, vscode.SymbolKind.Function);
    assert.match(install.detail, /^failed · 0x80240022 WU_E_ALL_UPDATES_FAILED · cV NaViGaTe0TeSt001\.3\.0\.0 · 2025-03-10 00:03:00$/);
    assert.equal(install.range.start.line, 19);
    assert.equal(install.range.end.line, 33);
    const kids = install.children.map((c) => c.name);
    assert.ok(kids.some((n) => /^KB5053598 2025-03 Cumulative Update/.test(n)), kids.join(' | '));
    assert.ok(kids.some((n) => /^Failure · Install · 0x800F0922/.test(n)), kids.join(' | '));
    assert.match(syms[0].detail, /call 3/);
    // Go to Symbol in Workspace-style lookup: the symbols name the KB.
    assert.ok(install.children.find((c) => c.kind === vscode.SymbolKind.Package));
  });

  it('WindowsUpdate.log: folds each call and its halves', async () => {
    const { document } = await showLog('navigate/WindowsUpdate.log', 'wulog');
    const ranges = await untilSome('folding ranges', () => folds(document.uri));
    assert.ok(ranges.some((r) => r.start === 2 && r.end === 12), JSON.stringify(ranges));
    assert.ok(ranges.some((r) => r.start === 19 && r.end === 33));
    assert.ok(ranges.some((r) => r.start === 21 && r.end === 30), 'the agent half folds inside the install');
  });

  it('CBS.log: sessions with their client, package and error; folds sessions and multi-line records', async () => {
    const { document } = await showLog('navigate/CBS.log', 'cbslog');
    const syms = await untilSome('symbols', () => symbols(document.uri));
    assert.deepEqual(syms.map((s) => s.name), ['CBS session 31160001_1000000001', 'CBS session 31160001_2000000002']);
    assert.match(syms[1].detail, /^WindowsUpdateAgent · KB5053598 · 1 errors · 2025-03-10 08:03:10$/);
    const kids = syms[1].children.map((c) => `${c.name} | ${c.detail}`);
    assert.ok(kids.some((k) => /^Package_for_RollupFix/.test(k)), kids.join(' / '));
    assert.ok(kids.some((k) => /0x800F0922 CBS_E_INSTALLERS_FAILED/.test(k)), kids.join(' / '));
    const ranges = await untilSome('folding ranges', () => folds(document.uri));
    const err = lineOf(document, 'Failed to perform operation');
    assert.ok(ranges.some((r) => r.start === err && r.end === err + 2), 'the error record with its two continuation lines');
    assert.ok(ranges.some((r) => r.start === 3 && r.end === 10), 'the Windows Update session');
  });

  it('DISM.log: the run with its result; setupact.log: the SetupHost run and its phases', async () => {
    const dism = (await showLog('navigate/DISM.log', 'cbslog')).document;
    const runs = await untilSome('DISM symbols', () => symbols(dism.uri));
    assert.equal(runs[0].name, 'DISM RestoreHealth');
    assert.match(runs[0].detail, /^failed · 0x800F081F CBS_E_SOURCE_MISSING · \/Online \/Cleanup-Image \/RestoreHealth/);
    assert.ok(runs[0].children.some((c) => c.name === 'Result'));
    const ranges = await untilSome('DISM folds', () => folds(dism.uri));
    const command = lineOf(dism, 'Executing command line');
    assert.ok(ranges.some((r) => r.start <= command && r.end >= lineOf(dism, 'processed the command line but failed')), `the run folds: ${JSON.stringify(ranges)}`);
    const setup = (await showLog('navigate/setupact.log', 'cbslog')).document;
    const syms = await untilSome('setup symbols', () => symbols(setup.uri));
    assert.equal(syms[0].name, 'Setup run: SetupHost');
    assert.deepEqual(syms[0].children.map((c) => c.name), ['SetupPhasePrepare', 'SetupPhaseInstall', 'SetupPhaseFinalize']);
    assert.equal(syms[0].children[1].children.length, 1, 'the error line inside the install phase');
  });

  it('speaks Chinese when wuLogLens.language is zh-cn', async () => {
    await setSetting('language', 'zh-cn');
    try {
      // A log not shown before in this run (the outline of a document version is cached).
      const { document } = await showLog('tree/CBS.log', 'cbslog');
      const syms = await untilSome('Chinese symbols', async () => {
        const s = await symbols(document.uri);
        return s?.some((x) => x.name.startsWith('CBS 会话')) ? s : undefined;
      });
      assert.equal(syms[0].name, 'CBS 会话 31160042_3310000007');
      assert.match(syms[0].detail, /个错误/);
    } finally {
      await setSetting('language', 'en');
    }
  });
});
