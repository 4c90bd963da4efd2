// The report as HTML (report view, rich-text clipboard, Save as HTML) and as plain text, from
// the Markdown our renderers write: structure kept, only our tags, log text never markup, and
// `file name:line` references as links only where the report view asks for them.
import * as assert from 'node:assert/strict';
import { clipboardHtml, htmlDocument, markdownToHtml, markdownToText, renderMarkdown } from '../../../src/core/report';
import { parseInline } from '../../../src/core/report/mdParse';
import { displayWidth } from '../../../src/core/report/plainText';
import { analyseFixtures, analyseText } from '../analysis/helpers';

const TAGS = /<\/?([a-z0-9]+)/g;
const ALLOWED = new Set(['h1', 'h2', 'h3', 'p', 'ul', 'ol', 'li', 'code', 'strong', 'em', 'br', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

describe('report as HTML and plain text', () => {
  it('headings, lists (nested, numbered from 2), code, strong, emphasis, escapes', () => {
    const md = ['# Title', '', 'Para with `a<b>` and **bold** and *em* and \\*not em\\* and a \\\\ backslash.', '', '- one', '  - nested `x`', '- two', '', '**Further steps:**', '', '2. second', '3. third'].join('\n');
    assert.equal(markdownToHtml(md), [
      '<h1>Title</h1>',
      '<p>Para with <code>a&lt;b&gt;</code> and <strong>bold</strong> and <em>em</em> and *not em* and a \\ backslash.</p>',
      '<ul><li>one<ul><li>nested <code>x</code></li></ul></li><li>two</li></ul>',
      '<p><strong>Further steps:</strong></p>',
      '<ol start="2"><li>second</li><li>third</li></ol>',
    ].join('\n'));
    assert.equal(markdownToText(md), 'Title\n=====\n\nPara with a<b> and bold and em and *not em* and a \\ backslash.\n\n- one\n  - nested x\n- two\n\nFurther steps:\n\n2. second\n3. third\n');
  });

  it('code spans with longer fences and padding read back unchanged', () => {
    assert.deepEqual(parseInline('``a`b`` and `` `x` ``'), [{ t: 'code', v: 'a`b' }, { t: 'text', v: ' and ' }, { t: 'code', v: '`x`' }]);
    assert.deepEqual(parseInline('` `x'), [{ t: 'code', v: ' ' }, { t: 'text', v: 'x' }]);
    assert.deepEqual(parseInline('a ** b'), [{ t: 'text', v: 'a ** b' }]);
    assert.deepEqual(parseInline('**open only'), [{ t: 'text', v: '**open only' }]);
  });

  it('hostile log text in a real report gives only our tags and no URL', () => {
    const evil = 'Title=Evil [click](javascript:alert(1)) <img src=x onerror=alert(1)> <script>x</script> http://evil.example/x `code` (KB5000001), ProductName=(null), UpdateId=0D0D0D0D-1111-4222-8333-444444444444.1';
    const text = [
      `2024/01/01 10:00:00.0000000 100   110   ComApi          ${evil}`,
      '2024/01/01 10:00:01.0000000 100   110   Agent           LogHistory called for Caller=X, idUpdate=0D0D0D0D-1111-4222-8333-444444444444.1, operation = Install, resultMapped=800F0988, resultUnMapped=0 <script>x</script> [a](http://b)',
    ].join('\n');
    for (const lang of ['en', 'zh-cn'] as const) {
      const md = renderMarkdown(analyseText(text, 'wu10', 'evil.log'), { lang });
      for (const html of [markdownToHtml(md, { refNames: ['evil.log'] }), clipboardHtml(md), htmlDocument(md, 'x', lang)]) {
        for (const m of html.replace(/^[\s\S]*<body>/, '').replace(/<\/body>[\s\S]*$/, '').matchAll(TAGS)) assert.ok(ALLOWED.has(m[1]) || m[1] === 'div', `tag ${m[1]}`);
        // Log text is there, as text: no element, attribute or URL comes from it.
        assert.doesNotMatch(html, /<(img|script|iframe)\b|href="(?!#")|<[^>]*\bonerror=/);
      }
      const plain = markdownToText(md);
      assert.ok(plain.includes('Evil [click](javascript:alert(1)) <img src=x onerror=alert(1)>'), 'the log text reads as it was');
    }
  });

  it('references to analysed files become links with the file index and line; in code and other names they do not', () => {
    const md = '- CBS.log:5 (root cause): `CBS.log:9 in a log line`\n- xCBS.log:7, WindowsUpdate.log:12, CBS.log:123456789012';
    const html = markdownToHtml(md, { refNames: ['WindowsUpdate.log', 'CBS.log'] });
    assert.equal(html, '<ul><li><a href="#" class="ref" data-file="1" data-line="5">CBS.log:5</a> (root cause): <code>CBS.log:9 in a log line</code></li>'
      + '<li>xCBS.log:7, <a href="#" class="ref" data-file="0" data-line="12">WindowsUpdate.log:12</a>, CBS.log:123456789012</li></ul>');
    assert.doesNotMatch(markdownToHtml(md), /<a /, 'no links unless asked');
  });

  it('every evidence reference of a real report is a link in the view', () => {
    const a = analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log');
    const md = renderMarkdown(a, { lang: 'en' });
    const html = markdownToHtml(md, { refNames: a.files.map((f) => f.path) });
    const refs = [...md.matchAll(/(?<![\w.`-])((?:wu10-install-fail|cbs-kb-fail)\.log:\d+)/g)].length;
    assert.ok(refs > 10);
    assert.ok([...html.matchAll(/<a href="#" class="ref"/g)].length >= refs - 2, 'references outside code spans are linked');
  });

  it('plain text: headings underlined to their display width, no Markdown marks, Chinese kept', () => {
    const zh = markdownToText(renderMarkdown(analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log'), { lang: 'zh-cn' }));
    assert.match(zh, /^Windows 更新失败分析报告\n={24}\n/);
    assert.match(zh, /\n结论\n-{4}\n/);
    assert.doesNotMatch(zh, /\*\*|`|\\[_*\\]/);
    assert.match(zh, /下一步： 在 CBS\.log 中/);
    assert.equal(displayWidth('结论ab'), 6);
  });

  it('Save as HTML: a page with its style, a CSP, no script', () => {
    const page = htmlDocument('# T\n\n- a', 'T <x>', 'zh-cn');
    assert.match(page, /^<!DOCTYPE html>\n<html lang="zh-cn">/);
    assert.match(page, /<title>T &lt;x&gt;<\/title>/);
    assert.match(page, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    assert.doesNotMatch(page, /<script/);
  });
});
