// The report as pasted into a customer email: readable phase reasons in both languages, advice
// without near-duplicates, clean escaping. The layout and wording: layout.test.ts.
import * as assert from 'node:assert/strict';
import { renderMarkdown, toJsonReport, escapeMarkdown, codeSpan } from '../../../src/core/report';
import { mergeAdvice } from '../../../src/core/report/advice';
import { phaseReasons } from '../../../src/core/report/reasons';
import type { PhaseEvidence } from '../../../src/core/analysis/types';
import { analyseFixtures, analyseText } from '../analysis/helpers';
import { codeSpanContents, stripCodeSpans } from './spans';



describe('report for an email: advice lists', () => {
  it('mergeAdvice keeps the first of near-duplicates, drops triage steps and caps', () => {
    const merged = mergeAdvice([
      ['Check whether 0x80070002 is the final result or only an intermediate *FAILED* line.', 'If the store is damaged run `DISM /Online /Cleanup-Image /RestoreHealth`, then `sfc /scannow`.'],
      ['Repair the component store: `DISM /Online /Cleanup-Image /RestoreHealth`, then retry.', 'Read the evidence lines in order.', 'Read the evidence lines in order, please.'],
    ], { cap: 5, dropTriage: true, halfCovered: true });
    assert.deepEqual(merged, ['If the store is damaged run `DISM /Online /Cleanup-Image /RestoreHealth`, then `sfc /scannow`.', 'Read the evidence lines in order.']);
    assert.equal(mergeAdvice([['a one', 'b two', 'c three', 'd four']], { cap: 2 }).length, 2);
    // A log the engineer already has is not asked for again; one that adds a new log is kept.
    assert.deepEqual(mergeAdvice([['WindowsUpdate.log of the failing call', 'WindowsUpdate.log and CBS.log of the install window']], { cap: 4, covered: ['wuLog'] }),
      ['WindowsUpdate.log and CBS.log of the install window']);
  });

});

describe('report for an email: phase reasons', () => {
  const ev: PhaseEvidence[] = [
    { kind: 'operation', detail: 'installComplete: operation install', at: { file: 0, line: 14099 }, fact: 'resultLine', lineKind: 'installComplete', operation: 'install' },
    { kind: 'operation', detail: 'installResult: operation install', at: { file: 0, line: 14111 }, fact: 'resultLine', lineKind: 'installResult', operation: 'install' },
    { kind: 'callKind', detail: 'install call from MoUpdateOrchestrator', at: { file: 0, line: 12229 }, fact: 'callStart', callKind: 'install', client: 'MoUpdateOrchestrator' },
    { kind: 'component', detail: 'CBS session', at: { file: 1, line: 4 }, fact: 'cbsSession', sessionId: '123_456', client: 'WindowsUpdateAgent' },
  ];
  const names = (i: number): string => ['WindowsUpdate.log', 'CBS.log'][i];

  it('English: sentences with line numbers, names in code spans, no raw keys', () => {
    const r = phaseReasons(ev, 'en', 0, names);
    assert.deepEqual(r, [
      'the update handler reported the install result at line 14100',
      "the download manager recorded the update's install result at line 14112",
      'the install call from `MoUpdateOrchestrator` at line 12230',
      'CBS session `123_456` of `WindowsUpdateAgent` failed at CBS.log:5',
    ]);
  });

  it('Chinese: the same facts in Chinese; only names and numbers are not Chinese', () => {
    const r = phaseReasons(ev, 'zh-cn', 0, names);
    assert.equal(r[0], '更新处理程序在第 14100 行报告了安装结果');
    assert.equal(r[2], '第 12230 行由 `MoUpdateOrchestrator` 发起的安装调用');
    for (const x of r) assert.doesNotMatch(stripCodeSpans(x).replace(/[\w.-]+\.log\b|\bCBS\b/g, ''), /[A-Za-z]{2,}/, x);
  });

  it('the same sentence on several lines becomes one reason naming all lines', () => {
    const two: PhaseEvidence[] = [
      { kind: 'operation', detail: 'downloadResult: operation download', at: { file: 0, line: 9 }, fact: 'resultLine', lineKind: 'downloadResult', operation: 'download' },
      { kind: 'operation', detail: 'downloadError: operation download', at: { file: 0, line: 3 }, fact: 'resultLine', lineKind: 'downloadError', operation: 'download' },
    ];
    assert.deepEqual(phaseReasons(two, 'en', 0, names), ['the download manager reported the download result at lines 4 and 10']);
    assert.deepEqual(phaseReasons(two, 'zh-cn', 0, names), ['下载管理器在第 4、10 行报告了下载结果']);
  });

  it('the rendered Phase line of a real analysis has no raw evidence keys, in both languages', () => {
    const a = analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log');
    assert.ok(a.failures[0].phaseEvidence.some((p) => p.fact === 'resultLine'), 'analysis fills the structured fields');
    const en = renderMarkdown(a, { lang: 'en' });
    const phaseEn = en.split('\n').find((l) => l.startsWith('- **Phase:**')) ?? '';
    assert.match(phaseEn, /the update handler reported the install result at wu10-install-fail\.log:14/);
    assert.match(phaseEn, /the install call from `UpdateOrchestrator` at wu10-install-fail\.log:8/);
    assert.doesNotMatch(phaseEn, /installComplete|installResult|logHistory|: operation|\\/);
    const zh = renderMarkdown(a, { lang: 'zh-cn' });
    const phases = zh.split('\n').filter((x) => x.startsWith('- **阶段：**'));
    assert.ok(phases.length >= 2);
    assert.match(phases[0], /更新处理程序在 wu10-install-fail\.log 第 14 行报告了安装结果/);
    for (const l of phases) {
      assert.doesNotMatch(stripCodeSpans(l).replace(/LogHistory|CBS|[\w.-]+\.log/g, ''), /[A-Za-z]{2,}/, l);
    }
    const j = toJsonReport(a, 'zh-cn');
    assert.match(j.failures[0].phaseEvidence[0].reason, /第 \d+ 行/);
  });
});

describe('report for an email: escaping', () => {
  it('code spans use a fence longer than any backtick run and keep the text unchanged', () => {
    for (const text of ['plain', 'a`b', 'x``y`z', '`starts', 'ends`', ' both ', '<img src=x>']) {
      const span = codeSpan(text);
      assert.deepEqual(codeSpanContents(`- ${span} tail`), [text], span);
      assert.equal(stripCodeSpans(`- ${span} tail`), '-  tail');
    }
    assert.equal(codeSpan('x``y`z'), '```x``y`z```');
  });

  it('prose escaping is light: titles with parentheses, dots and hyphens read clean', () => {
    assert.equal(escapeMarkdown('2024-03 Cumulative Update for Windows 11 (KB5035853)'), '2024-03 Cumulative Update for Windows 11 (KB5035853)');
    assert.equal(escapeMarkdown('file_name_v2.log'), 'file_name_v2.log');
    assert.equal(escapeMarkdown('_em_ *b* ~~s~~ &amp; a@b.c'), '\\_em\\_ \\*b\\* \\~\\~s\\~\\~ \\&amp; a\\@b.c');
    assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading');
  });

  it('evidence and phase lines keep log text in code spans, with no backslashes in the prose', () => {
    const text = [
      '2024/01/01 10:00:00.0000000 100   110   ComApi          * START *   Install ClientId = Evil`Client (x) [y](z)',
      '2024/01/01 10:00:00.5000000 100   110   ComApi          Updates to install = 1',
      '2024/01/01 10:00:01.0000000 100   110   Handler         Install complete for update ID: 0D0D0D0D-1111-4222-8333-444444444444.1 Return code is 0x80070002. Requires Reboot:No',
      '2024/01/01 10:00:02.0000000 100   110   ComApi          Install call complete (succeeded = 0, succeeded with errors = 0, failed = 1, cancelled = 0, unaccounted = 0)',
      '2024/01/01 10:00:03.0000000 100   110   ComApi          * END *   Install ClientId = Evil`Client (x) [y](z)',
    ].join('\n');
    const md = renderMarkdown(analyseText(text, 'wu10', 'evil.log'), { lang: 'en' });
    const lines = md.split('\n').filter((l) => l.startsWith('- evil.log:') || l.startsWith('- **Phase:**') || l.startsWith('- **Call:**'));
    assert.ok(lines.length >= 3, md);
    for (const l of lines) {
      assert.ok(!stripCodeSpans(l).includes('\\'), `no backslash outside code spans: ${l}`);
      assert.doesNotMatch(stripCodeSpans(l), /\[y\]\(z\)|Evil/, l);
    }
    assert.ok(codeSpanContents(md).some((c) => c.includes('Evil`Client (x) [y](z)')), 'log text shown unchanged inside a fenced span');
  });
});
