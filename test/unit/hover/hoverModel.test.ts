// Hover logic without VS Code: the code under the cursor and the escaped Markdown.
import * as assert from 'node:assert/strict';
import { codeAt, explanationMarkdown, hoverMarkdown } from '../../../src/hover/hoverModel';
import { escapeMarkdownStrict as escapeMarkdown, ownMarkdown, escapeMarkdownStrict } from '../../../src/core/report/escape';
import { LABELS } from './labels';

const escapeWithCode = (s: string): string => ownMarkdown(s, escapeMarkdownStrict);
import { explainCode } from '../../../src/core/errors';


/** Column of the first occurrence of `needle` plus `delta`. */
const col = (line: string, needle: string, delta = 1) => line.indexOf(needle) + delta;

describe('hover: code under the cursor', () => {
  const wu = '2024/04/11 12:48:04.6269606 1234 5678 ProtocolTalker *FAILED* [8024402C] GetCookie failed';
  const wuMapped = '2021/07/13 10:00:00.0000000 1 2 Agent LogHistory resultMapped=80242014 hr';
  const cbs = '2015-02-23 10:00:00, Info                  CBS    Failed to get session package state [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]';
  const dec = '2020/11/19 14:06:00.0000000 1 2 Agent Exit code = -2145124322';

  it('finds a bracketed bare code', () => {
    const ref = codeAt(wu, col(wu, '8024402C', 3));
    assert.equal(ref?.value, 0x8024402c);
    assert.equal(wu.slice(ref!.span.start, ref!.span.end), '8024402C');
  });
  it('finds resultMapped= codes', () => {
    assert.equal(codeAt(wuMapped, col(wuMapped, '80242014'))?.value, 0x80242014);
  });
  it('finds 0x codes with the name the log printed', () => {
    const ref = codeAt(cbs, col(cbs, '0x800f0831', 4));
    assert.equal(ref?.value, 0x800f0831);
    assert.equal(ref?.loggedName, 'CBS_E_STORE_CORRUPTION');
  });
  it('finds signed decimal codes', () => {
    assert.equal(codeAt(dec, col(dec, '-2145124322', 2))?.value, 0x8024001e);
  });
  it('returns nothing off a code', () => {
    assert.equal(codeAt(wu, 2), undefined);
    assert.equal(codeAt(wu, wu.length + 5), undefined);
    assert.equal(codeAt('', 0), undefined);
  });
  it('uses a window on a huge line and keeps spans absolute', () => {
    const pad = 'x '.repeat(300_000);
    const line = `${pad}error 0x80070005 ${pad}`;
    const at = line.indexOf('0x80070005') + 3;
    const ref = codeAt(line, at);
    assert.equal(ref?.value, 0x80070005);
    assert.equal(line.slice(ref!.span.start, ref!.span.end), '0x80070005');
  });
});

describe('hover: Markdown', () => {
  it('escapes every Markdown/HTML special character', () => {
    const nasty = '<img src=x onerror=alert(1)> [link](command:foo) *b* _i_ `c` # h | t \\ & ~';
    const out = escapeMarkdown(nasty);
    assert.doesNotMatch(out, /(^|[^\\])[<>[\]()*_`#|&~]/);
    assert.equal(out.replace(/\\(.)/g, '$1'), nasty);
    assert.equal(escapeMarkdown('a\nb'), 'a b');
  });

  it('renders `commands` of our texts as code spans and escapes the rest', () => {
    assert.equal(escapeWithCode('Run `sfc /scannow` now.'), 'Run `sfc /scannow` now\\.');
    assert.equal(escapeWithCode('odd ` tick <b>'), 'odd \\` tick \\<b\\>');
    assert.equal(escapeWithCode('`<img src=x>`'), '`<img src=x>`');
    assert.equal(escapeWithCode('a `` b'), 'a \\`\\` b');
  });

  it('the hover fits: name, one-line meaning, the next step, the source in plain words and More…', () => {
    const e = explainCode(0x800f0988, 'en');
    const md = hoverMarkdown(e, LABELS, undefined, '[More…](command:wuLogLens.explainCode?x)');
    const blocks = md.split('\n\n');
    assert.equal(blocks.length, 4, md);
    assert.equal(blocks[0], '**0x800F0988** — **PSFX\\_E\\_INVALID\\_DELTA\\_COMBINATION**');
    assert.equal(blocks[1], escapeWithCode(e.text.summary));
    assert.equal(blocks[2], `**Next step:** ${escapeWithCode(e.text.steps[0])}`);
    assert.equal(blocks[3], '*Name from community sources only* · [More…](command:wuLogLens.explainCode?x)');
    assert.doesNotMatch(md, /Facility|Sources:|curated|decompiled/, 'jargon stays behind More…');
    // A code with only its range's meaning says so.
    assert.match(hoverMarkdown(explainCode(0x8024ffff, 'en'), LABELS), /\n\n\*Name from headers\\; general meaning of its range\*$/);
    assert.match(hoverMarkdown(explainCode(0x8024a9f1, 'en'), LABELS), /\n\n\*No known name\\; general meaning of its range\*$/);
  });

  it('the full explanation: facility, component, meaning, steps, requests, sources in plain words and as listed', () => {
    const e = explainCode(0x800f0988, 'en');
    const md = explanationMarkdown(e, { value: e.value, text: '800f0988', form: 'bare', span: { start: 0, end: 8 } }, LABELS);
    assert.match(md, /^## 0x800F0988 PSFX\\_E\\_INVALID\\_DELTA\\_COMBINATION/);
    assert.match(md, /Facility: SETUPAPI \\\(15\\\)/);
    assert.match(md, /Component: /);
    assert.match(md, /\*\*Meaning:\*\* /);
    assert.match(md, /\*\*Next steps:\*\*\n\n1\. /);
    assert.match(md, /\*\*Where this comes from:\*\* Name from community sources only {2}\nSources: curated/);
    assert.match(md, /As written: 800f0988/);
  });

  it('escapes log text and names taken from the log', () => {
    const e = explainCode(0x800f0991, 'en', { loggedName: 'PSFX_E_MISSING_PAYLOAD_FILE' });
    const md = explanationMarkdown(e, { value: e.value, text: '[800F0991]', form: 'bare', span: { start: 0, end: 10 }, loggedName: 'PSFX_E_MISSING <b>x</b>' }, LABELS);
    assert.match(md, /As written: \\\[800F0991\\\]/);
    assert.match(md, /PSFX\\_E\\_MISSING \\<b\\>x\\<\\\/b\\>/);
    assert.doesNotMatch(md, /<b>/);
  });
});
