// Hover on error codes inside VS Code, for each of our log languages, in English and Chinese
// (wuLogLens.language): the first lines (name, meaning, next step, source in plain words), the
// "More…" link that opens the full explanation, and the Markdown escapes text taken from the log
// and trusts no command but that one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

function fixture(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace (test/integration/workspace) open');
  return vscode.Uri.joinPath(folder.uri, 'hover', ...rel.split('/'));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function openAs(rel: string, language: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixture(rel));
  await vscode.window.showTextDocument(doc);
  const deadline = Date.now() + 5000;
  while (doc.languageId !== language && Date.now() < deadline) await sleep(50);
  assert.equal(doc.languageId, language, `language of ${rel}`);
  return doc;
}

/** Position inside the first occurrence of `needle` (offset chars into it). */
function positionOf(doc: vscode.TextDocument, needle: string, offset = 2): vscode.Position {
  for (let i = 0; i < doc.lineCount; i++) {
    const col = doc.lineAt(i).text.indexOf(needle);
    if (col >= 0) return new vscode.Position(i, col + offset);
  }
  throw new Error(`${needle} not in ${doc.uri.path}`);
}

interface HoverText {
  value: string;
  trusted: unknown;
  html: boolean;
  range?: vscode.Range;
}

async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<HoverText[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? [];
  const out: HoverText[] = [];
  for (const h of hovers) {
    for (const c of h.contents) {
      if (c instanceof vscode.MarkdownString || (typeof c === 'object' && 'value' in c)) {
        const m = c as vscode.MarkdownString;
        out.push({ value: m.value, trusted: m.isTrusted, html: Boolean(m.supportHtml), range: h.range });
      }
    }
  }
  return out;
}

/** Our hover among all providers' hovers: the one that starts with the bold code. */
async function ourHover(doc: vscode.TextDocument, needle: string, code: string): Promise<HoverText> {
  const pos = positionOf(doc, needle);
  const deadline = Date.now() + 5000;
  let all: HoverText[] = [];
  while (Date.now() < deadline) {
    all = await hoverAt(doc, pos);
    const mine = all.find((h) => h.value.startsWith(`**${code}**`));
    if (mine) return mine;
    await sleep(100);
  }
  assert.fail(`no code hover for ${needle} at ${pos.line}:${pos.character}; got ${JSON.stringify(all.map((h) => h.value.slice(0, 60)))}`);
}

const esc = (s: string) => s.replace(/_/g, '\\\\_'); // the Markdown has \_ : a regex needs \\_

async function setLanguage(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('wuLogLens').update('language', value, vscode.ConfigurationTarget.Global);
}

describe('hover on error codes', function () {
  this.timeout(30000);

  before(async () => {
    await vscode.extensions.getExtension('wulog.wu-log-lens')?.activate();
  });

  after(async () => {
    await setLanguage(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('English', () => {
    before(() => setLanguage('en'));

    it('wulog: the first lines give the name, the meaning and the next step; More… opens the full explanation', async () => {
      const doc = await openAs('WindowsUpdate.log', 'wulog');
      const h = await ourHover(doc, '[8024402C]', '0x8024402C');
      const blocks = h.value.split('\n\n');
      assert.equal(blocks[0], `**0x8024402C** — **${'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED'.replace(/_/g, '\\_')}**`);
      assert.match(blocks[1], /^\S.{20,}/, 'a one-line meaning');
      assert.doesNotMatch(blocks[1], /\n/);
      assert.match(blocks[2], /^\*\*Next step:\*\* \S/);
      assert.equal(blocks.length, 4, h.value);
      assert.match(blocks[3], /^\*Name from Windows\\' public header files\* · \[More…\]\(command:wuLogLens\.explainCode\?/);
      assert.doesNotMatch(h.value, /Sources|Facility|curated|mingw/, 'the jargon is behind More…');
      assert.deepEqual(h.trusted, { enabledCommands: ['wuLogLens.explainCode'] });
      assert.equal(h.html, false);
      assert.ok(h.range && h.range.start.character < h.range.end.character, 'hover range covers the code');
      const x = await more(h);
      assert.match(x.title, /^0x8024402C WU_E_PT_WINHTTP_NAME_NOT_RESOLVED$/);
      assert.match(x.markdown, /Facility: WINDOWSUPDATE/);
      assert.match(x.markdown, /Component: Protocol Talker/);
      assert.match(x.markdown, /\*\*Meaning:\*\* /);
      assert.match(x.markdown, /\*\*Next steps:\*\*/);
      assert.match(x.markdown, /\*\*Where this comes from:\*\* Name from Windows\\' public header files {2}\nSources: mingw\\-w64 wuerror\\\.h/);
      assert.match(x.markdown, /As written in the log: (\\\[)?8024402C/);
      await waitForTab(/wuLogLens\.explanation$/);
    });

    it('wulog: resultMapped= and signed decimal forms', async () => {
      const doc = await openAs('WindowsUpdate.log', 'wulog');
      const mapped = await ourHover(doc, '800F0988', '0x800F0988');
      assert.match(mapped.value, new RegExp(esc('PSFX_E_INVALID_DELTA_COMBINATION')));
      assert.match(mapped.value, /\*Name from community sources only\\, not confirmed by Microsoft\*/);
      const dec = await ourHover(doc, '-2147024891', '0x80070005');
      const x = await more(dec);
      assert.match(x.markdown, /Win32 error: 5/);
      assert.match(x.markdown, /As written in the log: \\-2147024891/);
    });

    it('cbslog: escapes the name the log printed and shows it when the tables lack one', async () => {
      const doc = await openAs('CBS.log', 'cbslog');
      const known = await ourHover(doc, '0x800f0831', '0x800F0831');
      assert.match(known.value, /CBS\\_E\\_STORE\\_CORRUPTION/);
      // In the text (the More… link's arguments are data, URI-encoded JSON).
      assert.doesNotMatch(known.value.replace(/\]\(command:[^)]*\)/g, ']()'), /CBS_E_STORE_CORRUPTION/, 'underscores from the log are escaped');
      const logged = await ourHover(doc, '0x800f0991', '0x800F0991');
      assert.match(logged.value, /\*\*PSFX\\_E\\_MISSING\\_PAYLOAD\\_FILE\*\*/);
      assert.match(logged.value, /\*Name as the log printed it/);
      assert.match((await more(logged)).markdown, /Component: Servicing stack/);
      const rpc = await ourHover(doc, '0x800706be', '0x800706BE');
      assert.match(rpc.value, /RPC\\_S\\_CALL\\_FAILED/);
      assert.match((await more(rpc)).markdown, /Win32 error: 1726/);
    });

    it('wureport: the bare HRESULT field and the 0x code in the message', async () => {
      const doc = await openAs('ReportingEvents.log', 'wureport');
      const field = await ourHover(doc, '\t80070643', '0x80070643');
      assert.match(field.value, /ERROR\\_INSTALL\\_FAILURE/);
      const msg = await ourHover(doc, '0x80070643', '0x80070643');
      assert.match((await more(msg)).markdown, /Win32 error: 1603/);
    });

    it('shows no hover from us away from codes', async () => {
      const doc = await openAs('WindowsUpdate.log', 'wulog');
      const hovers = await hoverAt(doc, positionOf(doc, 'ProtocolTalker', 3));
      assert.ok(!hovers.some((h) => h.value.startsWith('**0x')), JSON.stringify(hovers.map((h) => h.value.slice(0, 40))));
    });
  });

  describe('Chinese (wuLogLens.language = zh-cn)', () => {
    before(() => setLanguage('zh-cn'));
    after(() => setLanguage('en'));

    it('wulog: Chinese first lines and explanation, same facts', async () => {
      const doc = await openAs('WindowsUpdate.log', 'wulog');
      const h = await ourHover(doc, '8024200B', '0x8024200B');
      const blocks = h.value.split('\n\n');
      assert.match(blocks[0], new RegExp(esc('WU_E_UH_INSTALLERFAILURE')));
      assert.match(blocks[1], /[\u4e00-\u9fff]/, 'meaning is Chinese');
      assert.match(blocks[2], /^\*\*下一步:\*\* [^\n]*[\u4e00-\u9fff]/);
      assert.match(blocks[3], /^\*名称来自 Windows 公开头文件\* · \[更多…\]\(command:wuLogLens\.explainCode\?/);
      const x = await more(h);
      assert.match(x.markdown, /\*\*含义:\*\* /);
      assert.match(x.markdown, /\*\*处理建议:\*\*/);
      assert.match(x.markdown, /组件: /);
      assert.match(x.markdown, /\*\*信息来源:\*\* 名称来自 Windows 公开头文件/);
    });

    it('cbslog: Chinese hover, log text still escaped', async () => {
      const doc = await openAs('CBS.log', 'cbslog');
      const h = await ourHover(doc, '0x800f0991', '0x800F0991');
      assert.match(h.value, /\*\*PSFX\\_E\\_MISSING\\_PAYLOAD\\_FILE\*\*/);
      assert.match(h.value, /\*名称取自日志本身/);
      assert.deepEqual(h.trusted, { enabledCommands: ['wuLogLens.explainCode'] });
    });

    it('wureport: Chinese hover on the HRESULT field', async () => {
      const doc = await openAs('ReportingEvents.log', 'wureport');
      const h = await ourHover(doc, '\t80070643', '0x80070643');
      assert.match(h.value, /ERROR\\_INSTALL\\_FAILURE/);
      assert.match((await more(h)).markdown, /Win32 错误: 1603/);
    });
  });
});

/** Runs the command of the hover's More… link with its arguments: the full explanation. */
async function more(h: HoverText): Promise<{ title: string; markdown: string }> {
  const m = /\]\(command:wuLogLens\.explainCode\?([^ )]+)/.exec(h.value);
  assert.ok(m, `no More… link in ${h.value}`);
  const args = JSON.parse(decodeURIComponent(m[1])) as unknown[];
  const r = await vscode.commands.executeCommand<{ title: string; markdown: string } | undefined>('wuLogLens.explainCode', ...args);
  assert.ok(r, 'the explanation was shown');
  return r;
}

async function waitForTab(viewType: RegExp): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && viewType.test(t.input.viewType))) return;
    await sleep(50);
  }
  assert.fail(`no tab of ${viewType}`);
}
