// Problems panel inside VS Code: one Error per deciding failure with its evidence chain, intermediate
// lines at the configured severity, live updates on edit, cleared on close, Chinese on request.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openFile, waitFor, workspaceFile } from './helpers';

const SOURCE = 'WU Log Lens';
const S = vscode.DiagnosticSeverity;

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function errors(uri: vscode.Uri): vscode.Diagnostic[] {
  return ours(uri).filter((d) => d.severity === S.Error);
}

function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`${needle} not in ${doc.uri.path}`);
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

async function setProblems(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('wuLogLens.problems').update(key, value, vscode.ConfigurationTarget.Global);
}

async function setLanguage(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('wuLogLens').update('language', value, vscode.ConfigurationTarget.Global);
}

async function openShown(rel: string, language: string): Promise<vscode.TextDocument> {
  const doc = await openFile(rel);
  await vscode.window.showTextDocument(doc);
  await waitFor(`${rel} as ${language}`, () => (doc.languageId === language ? true : undefined));
  return doc;
}

/** Waits until our diagnostics of `uri` satisfy `ok`, then returns them. */
function until(what: string, uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, ms = 8000): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = ours(uri);
    return ok(ds) ? ds : undefined;
  }, ms);
}

describe('diagnostics: Problems panel', function () {
  this.timeout(60000);

  before(async () => {
    await activateExtension();
    await setLanguage('en');
  });

  after(async () => {
    await setProblems('intermediateFailures', undefined);
    await setProblems('enabled', undefined);
    await setLanguage(undefined);
  });

  describe('a WindowsUpdate.log with one failed install and harmless *FAILED* lines', () => {
    let doc: vscode.TextDocument;
    let harmless: number[];

    before(async () => {
      doc = await openShown('diagnostics/WindowsUpdate.log', 'wulog');
      harmless = ['GetWUClientData', 'Evaluate Installed rule', 'CUpdateStore::FindItem', 'DeleteFile failed', 'service not registered']
        .map((n) => lineOf(doc, n));
    });

    it('reports exactly one Error, on the deciding line, with code, name, meaning and update', async () => {
      const ds = await until('the install Error', doc.uri, (x) => x.some((d) => d.severity === S.Error));
      const errs = ds.filter((d) => d.severity === S.Error);
      assert.equal(errs.length, 1, errs.map((d) => d.message).join('\n'));
      const e = errs[0];
      assert.equal(e.range.start.line, lineOf(doc, 'LogHistory called'));
      assert.equal(doc.getText(e.range), '800F0988');
      assert.equal(codeOf(e), '0x800F0988');
      assert.match(e.message, /^Install failed for 2024-05 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems \(KB5037771\): 0x800F0988 PSFX_E_INVALID_DELTA_COMBINATION — \S/);
    });

    it('links the chain: install call start, root cause, outcome', async () => {
      const [e] = await until('the install Error', doc.uri, (x) => x.some((d) => d.severity === S.Error)).then((x) => x.filter((d) => d.severity === S.Error));
      const rel = e.relatedInformation ?? [];
      assert.ok(rel.length >= 3, `related: ${rel.length}`);
      for (const r of rel) assert.equal(r.location.uri.toString(), doc.uri.toString());
      const label = (line: number): string | undefined => rel.find((r) => r.location.range.start.line === line)?.message;
      assert.equal(label(lineOf(doc, '* START *   Install ClientId')), 'install call started (UpdateOrchestrator)');
      assert.equal(label(lineOf(doc, 'CCbsInstaller::InstallPackages')), 'root cause');
      assert.equal(label(lineOf(doc, 'LogHistory called')), 'outcome');
      const lines = rel.map((r) => r.location.range.start.line);
      assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
    });

    it('shows harmless *FAILED* lines as faded hints by default, never as errors', async () => {
      const ds = await until('hints', doc.uri, (x) => harmless.every((l) => x.some((d) => d.range.start.line === l)));
      for (const l of harmless) {
        const onLine = ds.filter((d) => d.range.start.line === l);
        assert.equal(onLine.length, 1, `line ${l}`);
        assert.equal(onLine[0].severity, S.Hint, `line ${l}: ${onLine[0].message}`);
        assert.ok(onLine[0].tags?.includes(vscode.DiagnosticTag.Unnecessary), `line ${l} tagged`);
        assert.match(onLine[0].message, /^Intermediate failure 0x[0-9A-F]{8}, not the outcome: \S/);
      }
      const search = lineOf(doc, '* START * Finding updates');
      const rule = ds.find((d) => d.range.start.line === lineOf(doc, 'Evaluate Installed rule'));
      assert.equal(rule?.message, `Intermediate failure 0x80070032, not the outcome: the search call it belongs to (line ${search + 1}) later succeeded`);
      assert.equal(doc.getText(rule.range), '80070032');
      const root = ds.find((d) => d.range.start.line === lineOf(doc, 'CCbsInstaller::InstallPackages'));
      assert.ok(root && root.severity !== S.Error && !root.tags?.includes(vscode.DiagnosticTag.Unnecessary), 'the root-cause line is evidence: not faded');
    });

    it('follows wuLogLens.problems.intermediateFailures; hide leaves only the Error', async () => {
      const probe = lineOf(doc, 'service not registered');
      const severityAt = (ds: vscode.Diagnostic[]): vscode.DiagnosticSeverity | undefined => ds.find((d) => d.range.start.line === probe)?.severity;
      await setProblems('intermediateFailures', 'warning');
      let ds = await until('warnings', doc.uri, (x) => severityAt(x) === S.Warning);
      assert.equal(ds.filter((d) => d.severity === S.Warning).length, ds.length - 1);
      await setProblems('intermediateFailures', 'information');
      ds = await until('information', doc.uri, (x) => severityAt(x) === S.Information);
      assert.equal(ds.filter((d) => d.severity === S.Information).length, ds.length - 1);
      await setProblems('intermediateFailures', 'hide');
      ds = await until('only the error', doc.uri, (x) => x.length === 1);
      assert.equal(ds[0].severity, S.Error);
      await setProblems('intermediateFailures', undefined);
      await until('hints again', doc.uri, (x) => severityAt(x) === S.Hint);
    });

    it('turns off with wuLogLens.problems.enabled', async () => {
      await setProblems('enabled', false);
      await until('nothing', doc.uri, (x) => x.length === 0);
      await setProblems('enabled', undefined);
      await until('the Error again', doc.uri, (x) => x.some((d) => d.severity === S.Error));
    });

    it('speaks Chinese with wuLogLens.language = zh-cn', async () => {
      await setLanguage('zh-cn');
      try {
        const ds = await until('Chinese', doc.uri, (x) => x.some((d) => d.severity === S.Error && d.message.includes('安装失败')));
        const e = ds.find((d) => d.severity === S.Error);
        assert.ok(e);
        assert.match(e.message, /^2024-05 Cumulative Update .*\(KB5037771\) 安装失败：0x800F0988 PSFX_E_INVALID_DELTA_COMBINATION — .*[\u4e00-\u9fff]/);
        const start = e.relatedInformation?.find((r) => r.location.range.start.line === lineOf(doc, '* START *   Install ClientId'));
        assert.equal(start?.message, '安装调用开始（UpdateOrchestrator）');
        const hint = ds.find((d) => d.range.start.line === lineOf(doc, 'Evaluate Installed rule'));
        assert.match(hint?.message ?? '', /^中间报错 0x80070032，不是最终结果：所属的搜索调用/);
      } finally {
        await setLanguage('en');
      }
      await until('English again', doc.uri, (x) => x.some((d) => d.severity === S.Error && d.message.startsWith('Install failed')));
    });

    it('follows edits of the document', async () => {
      const editor = await vscode.window.showTextDocument(doc);
      const before = errors(doc.uri)[0]?.range.start.line;
      assert.equal(before, lineOf(doc, 'LogHistory called'));
      const ok = await editor.edit((b) => {
        b.insert(new vscode.Position(0, 0), '2024/05/20 14:00:00.0000000 4410  5120  Agent           Service starting\n2024/05/20 14:00:00.1000000 4410  5120  Agent           Service started\n');
      });
      assert.ok(ok);
      await until('the Error two lines down', doc.uri, (x) => x.some((d) => d.severity === S.Error && d.range.start.line === before + 2));
      // Another code: the message follows the text.
      const whole = new vscode.Range(0, 0, doc.lineCount, 0);
      await editor.edit((b) => b.replace(whole, doc.getText().replace(/800F0988/gi, '80070005')));
      const ds = await until('the new code', doc.uri, (x) => x.some((d) => d.severity === S.Error && codeOf(d) === '0x80070005'));
      const e = ds.filter((d) => d.severity === S.Error);
      assert.equal(e.length, 1);
      assert.match(e[0].message, /: 0x80070005 E_ACCESSDENIED — /);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  describe('closing a document', () => {
    it('clears its diagnostics', async () => {
      // An untitled document: VS Code keeps files opened through the API alive for minutes after their
      // editor closes, but disposes a reverted untitled document at once, so the close event comes now.
      const bytes = await vscode.workspace.fs.readFile(workspaceFile('diagnostics/WindowsUpdate.log'));
      const doc = await vscode.workspace.openTextDocument({ language: 'wulog', content: new TextDecoder().decode(bytes) });
      await vscode.window.showTextDocument(doc);
      await until('the Error in the untitled copy', doc.uri, (x) => x.some((d) => d.severity === S.Error));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await until('nothing after close', doc.uri, (x) => x.length === 0, 15000);
      assert.ok(doc.isClosed);
    });
  });

  describe('a CBS.log with an [HRESULT = ... - CBS_E_...] failure', () => {
    it('reports the CBS failure with the name CBS printed and the CBS session as related information', async () => {
      const doc = await openShown('diagnostics/CBS.log', 'cbslog');
      const ds = await until('the CBS Error', doc.uri, (x) => x.some((d) => d.severity === S.Error));
      const errs = ds.filter((d) => d.severity === S.Error);
      assert.equal(errs.length, 1, errs.map((d) => d.message).join('\n'));
      const e = errs[0];
      assert.equal(e.range.start.line, lineOf(doc, 'finalized. Reboot required'));
      assert.equal(doc.getText(e.range), '0x800f081f');
      assert.equal(codeOf(e), '0x800F081F');
      assert.match(e.message, /^Install failed for KB5037771: 0x800F081F CBS_E_SOURCE_MISSING — \S/);
      const rel = e.relatedInformation ?? [];
      const label = (line: number): string | undefined => rel.find((r) => r.location.range.start.line === line)?.message;
      assert.equal(label(lineOf(doc, 'initialized by client WindowsUpdateAgent')), 'CBS session 31110555_400000004 started (WindowsUpdateAgent)');
      assert.equal(label(lineOf(doc, 'Failed to resolve package')), 'root cause');
      assert.equal(label(e.range.start.line), 'outcome');
      const lookup = ds.find((d) => d.range.start.line === lineOf(doc, 'Failed to query value from registry'));
      assert.equal(lookup?.severity, S.Hint);
    });

    it('clears them when the document stops being a log (language changed to markdown)', async () => {
      const doc = await openShown('diagnostics/CBS.log', 'cbslog');
      await until('the CBS Error', doc.uri, (x) => x.some((d) => d.severity === S.Error));
      const plain = await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await until('nothing for markdown', plain.uri, (x) => x.length === 0);
      await vscode.languages.setTextDocumentLanguage(plain, 'cbslog');
      await until('the Error back', plain.uri, (x) => x.some((d) => d.severity === S.Error));
    });
  });

  describe('an undecoded WindowsUpdate.log', () => {
    it('gets one warning at line 0 that says how to produce readable text', async () => {
      const doc = await openShown('diagnostics/WindowsUpdate-undecoded.log', 'wulog');
      const ds = await until('the unreadable warning', doc.uri, (x) => x.length > 0);
      assert.equal(ds.length, 1);
      assert.equal(ds[0].severity, S.Warning);
      assert.equal(ds[0].range.start.line, 0);
      assert.match(ds[0].message, /Get-WindowsUpdateLog/);
    });
  });

  describe('a WindowsUpdate.log where one failure recovered and others still fail', () => {
    let doc: vscode.TextDocument;

    before(async () => {
      doc = await openShown('diagnostics/WindowsUpdate-recovered.log', 'wulog');
    });

    it('still-failing failures are Errors that say so; the recovered one is a Warning naming where it recovered', async () => {
      const ds = await until('three failures', doc.uri, (x) => x.filter((d) => d.severity === S.Error || d.severity === S.Warning).length >= 3);
      const errs = ds.filter((d) => d.severity === S.Error);
      const warns = ds.filter((d) => d.severity === S.Warning);
      assert.deepEqual(errs.map((d) => d.range.start.line).sort((a, b) => a - b), [lineOf(doc, 'cancelled = 1'), lineOf(doc, 'resultMapped=800F0922')]);
      for (const e of errs) assert.match(e.message, / Still failing at the end of the log\.$/, e.message);
      assert.equal(warns.length, 1, warns.map((d) => d.message).join('\n'));
      assert.equal(warns[0].range.start.line, lineOf(doc, 'resultMapped=80D02002'));
      assert.equal(codeOf(warns[0]), '0x80D02002');
      const ok = lineOf(doc, 'resultMapped=00000000');
      assert.match(warns[0].message, new RegExp(`^Download failed for \\S+: 0x80D02002 .* Recovered later: the same update or operation succeeded at line ${ok + 1}\\.$`), warns[0].message);
    });
  });
});
