// The report view's and the hover's UI strings in both l10n bundles; the manifest's commands and
// settings title; the README naming commands exactly as the manifest does.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../support';

const read = (rel: string): string => readFileSync(path.join(PROJECT_ROOT, rel), 'utf8');
const json = (rel: string): Record<string, unknown> => JSON.parse(read(rel)) as Record<string, unknown>;

/** Keys passed to vscode.l10n.t(...), tr(...) or translatorFor(lang)(...) in a feature folder. */
function keys(dir: string): string[] {
  const out = new Set<string>();
  for (const f of readdirSync(path.join(PROJECT_ROOT, dir)).filter((n) => n.endsWith('.ts'))) {
    const text = read(`${dir}/${f}`);
    for (const m of text.matchAll(/(?:l10n\.t|\btr|translatorFor\([^)]*\))\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g)) out.add(m[2].replace(/\\(.)/g, '$1'));
  }
  return [...out];
}

/** Strings that read the same in Chinese: a format's name, and the HRESULT field name engineers use as is. */
const SAME_IN_CHINESE = new Set(['Markdown', 'Facility']);

describe('report view and hover strings', () => {
  const found = [...keys('src/summarize'), ...keys('src/hover')];

  it('finds the strings in the sources', () => assert.ok(found.length >= 50, `only ${found.length}`));

  for (const name of ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json']) {
    it(`has every string in ${name} with the same placeholders, Chinese in the zh-cn bundle`, () => {
      const b = json(name) as Record<string, string>;
      assert.deepEqual(found.filter((k) => typeof b[k] !== 'string'), []);
      for (const k of found) {
        assert.equal((b[k].match(/\{\d+\}/g) ?? []).sort().join(), (k.match(/\{\d+\}/g) ?? []).sort().join(), k);
        if (name.includes('zh-cn') && !SAME_IN_CHINESE.has(k)) assert.match(b[k], /[\u4e00-\u9fff]/, k);
      }
    });
  }

  it('no plural guess ("(s)") in any UI string', () => {
    for (const k of found) assert.doesNotMatch(k, /\w\(s\)/, k);
  });
});

describe('manifest and README', () => {
  const pkg = json('package.json') as { contributes: { commands: Array<{ command: string; title: string }>; configuration: { title: string }; menus: Record<string, Array<{ command: string; when?: string }>> } };
  const en = json('package.nls.json') as Record<string, string>;
  const zh = json('package.nls.zh-cn.json') as Record<string, string>;
  const title = (t: string): string => en[t.replace(/^%|%$/g, '')] ?? t;

  it('the report and explain commands have titles in both languages; the test probe is hidden', () => {
    const cmds = new Map(pkg.contributes.commands.map((c) => [c.command, c.title]));
    for (const id of ['wuLogLens.summarizeFailures', 'wuLogLens.copyReport', 'wuLogLens.saveReport', 'wuLogLens.explainCode', 'wuLogLens.test.reportView']) {
      const t = cmds.get(id);
      assert.ok(t, id);
      const key = t.replace(/^%|%$/g, '');
      assert.equal(typeof en[key], 'string', `${id} in package.nls.json`);
      assert.match(zh[key] ?? '', /[\u4e00-\u9fff]/, `${id} in package.nls.zh-cn.json`);
    }
    const palette = pkg.contributes.menus.commandPalette;
    assert.equal(palette.find((m) => m.command === 'wuLogLens.test.reportView')?.when, 'false');
    assert.ok(pkg.contributes.menus['editor/title'].some((m) => m.command === 'wuLogLens.copyReport' && m.when === "activeWebviewPanelId == 'wuLogLens.report'"));
  });

  it('the settings appear under "WU Log Lens"', () => {
    assert.equal(title(pkg.contributes.configuration.title), 'WU Log Lens');
  });

  it('the README names commands exactly as the manifest does', () => {
    const readme = read('README.md');
    const titles = new Set(pkg.contributes.commands.map((c) => title(c.title)));
    const named = [...readme.matchAll(/WU Log Lens: ([^*`\n]+?)\*\*/g)].map((m) => m[1].trim());
    assert.ok(named.length >= 4, `only ${named.length} commands named`);
    for (const n of named) assert.ok(titles.has(n), `README names "${n}", not a command title (${[...titles].join(' | ')})`);
    for (const t of ['Summarize Failures', 'Copy Report…', 'Save Report As…', 'Explain Error Code…']) assert.ok(named.includes(t), `README names ${t}`);
  });
});
