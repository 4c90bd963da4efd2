// The report as pasted into a customer email: summary first, readable phase reasons in both
// languages, advice without near-duplicates, clean escaping.
import { analyzeText } from '../../../src/core/analysis/files';
import * as assert from 'node:assert/strict';
import { renderMarkdown, toJsonReport, escapeMarkdown, codeSpan } from '../../../src/core/report';
import { mergeAdvice, topicsOf } from '../../../src/core/report/advice';
import { phaseReasons } from '../../../src/core/report/reasons';
import { MAX_COLLECT, MAX_STEPS } from '../../../src/core/report/markdown';
import type { PhaseEvidence } from '../../../src/core/analysis/types';
import { analyseFixtures, analyseText } from '../analysis/helpers';
import { codeSpanContents, stripCodeSpans } from './spans';

/** The items of the list that follows a bold label, up to the next blank-line-separated block. */
function listAfter(section: string, label: RegExp): string[] {
  const lines = section.split('\n');
  const at = lines.findIndex((l) => label.test(l));
  if (at < 0) return [];
  const items: string[] = [];
  for (const l of lines.slice(at + 2)) {
    if (!/^(\d+\.|-) /.test(l)) break;
    items.push(l.replace(/^(\d+\.|-) /, ''));
  }
  return items;
}

function failureSections(md: string): string[] {
  return md.split(/\n(?=## \d+\. )/).slice(1).map((s) => s.split(/\n(?=## [^\d])/)[0]);
}

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

  for (const lang of ['en', 'zh-cn'] as const) {
    it(`${lang}: no step or request repeats a command or log, lists are capped and numbered`, () => {
      const md = renderMarkdown(analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log', 'wu10-download-fail.log', 'wu10-scan-fail.log'), { lang });
      const sections = failureSections(md);
      assert.ok(sections.length >= 3, 'fixtures give several failures');
      const stepsLabel = lang === 'en' ? /^\*\*Next steps:\*\*$/ : /^\*\*处理建议：\*\*$/;
      const collectLabel = lang === 'en' ? /^\*\*Ask the customer for:\*\*$/ : /^\*\*需向客户收集：\*\*$/;
      for (const s of sections) {
        const steps = listAfter(s, stepsLabel);
        const collect = listAfter(s, collectLabel);
        assert.ok(steps.length >= 1 && steps.length <= MAX_STEPS, `steps in ${s.slice(0, 80)}`);
        assert.ok(collect.length <= MAX_COLLECT);
        const numbered = s.split('\n').filter((l) => /^\d+\. /.test(l)).map((l) => Number(l.split('.')[0]));
        assert.deepEqual(numbered, numbered.map((_, i) => i + 1));
        for (const [name, list] of [['steps', steps], ['collect', collect]] as const) {
          const seen = new Map<string, string>();
          for (const item of list) {
            const topics = topicsOf(item);
            assert.ok(!topics.length || topics.some((t) => !seen.has(t)), `${name} repeats ${topics.join(',')}: ${item} (after ${[...seen.values()].join(' | ')})`);
            for (const t of topics) seen.set(t, item);
          }
          assert.equal(new Set(list).size, list.length);
        }
        assert.ok(steps.filter((x) => /RestoreHealth/.test(x)).length <= 1, 'RestoreHealth once');
        assert.ok(collect.filter((x) => /CBS\.log/.test(x)).length <= 1, 'CBS.log asked once');
        assert.ok(!steps.some((x) => /final result|intermediate \*FAILED\*|最终结果/.test(x)), 'no triage step next to a deciding code');
      }
    });
  }
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
    assert.match(phaseEn, /the update handler reported the install result at line 14/);
    assert.match(phaseEn, /the install call from `UpdateOrchestrator` at line 8/);
    assert.doesNotMatch(phaseEn, /installComplete|installResult|logHistory|: operation|\\/);
    const zh = renderMarkdown(a, { lang: 'zh-cn' });
    for (const l of zh.split('\n').filter((x) => x.startsWith('- **阶段：**'))) {
      assert.doesNotMatch(stripCodeSpans(l).replace(/LogHistory|CBS|[\w.-]+\.log/g, ''), /[A-Za-z]{2,}/, l);
    }
    const j = toJsonReport(a, 'zh-cn');
    assert.match(j.failures[0].phaseEvidence[0].reason, /第 \d+ 行/);
  });
});

describe('report for an email: summary and language', () => {
  it('starts with a Summary: one sentence per failed update with KB/title, phase, code and name', () => {
    const a = analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log', 'wu10-scan-fail.log');
    const md = renderMarkdown(a, { lang: 'en' });
    const iSummary = md.indexOf('## Summary');
    assert.ok(iSummary > 0 && iSummary < md.indexOf('## Files read'), 'summary comes before the details');
    const summary = md.slice(iSummary, md.indexOf('## Files read')).split('\n').filter((l) => l.startsWith('- '));
    // KB5035853 fails in WindowsUpdate.log and in CBS.log: one sentence for that update.
    const kb53 = summary.filter((l) => l.includes('KB5035853'));
    assert.equal(kb53.length, 1);
    assert.match(kb53[0], /the install failed with `0x80070002 ERROR_FILE_NOT_FOUND` \(wu10-install-fail\.log:16\), then the install failed with `0x800F081F CBS_E_SOURCE_MISSING`/);
    assert.ok(summary.some((l) => /^- KB5035854: the commit \(after reboot\) failed with `0x800F0922 CBS_E_INSTALLERS_FAILED` at 2024-03-05 09:30:05 \(cbs-kb-fail\.log:13\)\. \S/.test(l)), summary.join('\n'));
    assert.ok(summary.some((l) => /^- Update scan: the scan \(search\) failed with `0x8024402F WU_E_PT_ECP_SUCCEEDED_WITH_ERRORS` at 2024-06-01 09:00:06 \(wu10-scan-fail\.log:8\)\. \S/.test(l)), summary.join('\n'));
    const groups = new Set(a.failures.map((f) => f.kb ?? f.updateId ?? f.key));
    assert.equal(summary.length, groups.size);
  });

  it('without an update, the same setup error logged in setupact.log and setuperr.log is one sentence', () => {
    const line = [
      '2025-02-03 09:15:40, Error                 SYSPRP Package Contoso.SampleNotes_2.4.1.0_x64__abcd1234efgh5 was installed for a user, but not provisioned for all users.',
      '2025-02-03 09:15:40, Error      [0x0f0074] SYSPRP RunExternalDlls:A provider returned an error, halting sysprep execution. dwRet = 0x3cf2',
      '2025-02-03 09:15:40, Error      [0x0f00da] SYSPRP WinMain:Hit failure while validating sysprep generalize providers; hr = 0x80073cf2',
    ].join('\n');
    // The real reader: setup lines carry a message-id column.
    const a = analyzeText(`${line}\n`, 'setupact.log');
    const b = analyzeText(`2025-02-03 09:15:00, Info                  SYSPRP Starting\n${line}\n`, 'setuperr.log');
    assert.equal(a.failures.length, 1, 'the fixture line is a setup failure');
    // Join the two analyses as one (file 1 = setuperr.log).
    const joined = { ...a, files: [...a.files, ...b.files], failures: [...a.failures, ...b.failures.map((f) => ({ ...f, at: { file: 1, line: f.at.line }, evidence: [] }))] };
    const md = renderMarkdown(joined, { lang: 'en' });
    const summary = md.slice(md.indexOf('## Summary'), md.indexOf('## Files read')).split('\n').filter((l) => l.startsWith('- '));
    assert.equal(summary.length, 1, summary.join('\n'));
    assert.match(summary[0], /^- Windows Setup: the install failed with `0x80073CF2[^`]*` at 2025-02-03 09:15:40 \(setupact\.log:3, setuperr\.log:4\)\./);
  });

  it('Chinese summary and labels are Chinese; an unreadable file says what to send', () => {
    const a = analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log');
    const md = renderMarkdown(a, { lang: 'zh-cn' });
    assert.match(md, /## 结论摘要\n\n- 2024-03 Cumulative Update .*\(KB5035853\)：安装阶段失败，错误码 `0x80070002 ERROR_FILE_NOT_FOUND`（wu10-install-fail\.log:16）；随后安装阶段失败，错误码 `0x800F081F CBS_E_SOURCE_MISSING`（cbs-kb-fail\.log:9）。\n- KB5035854：提交（重启后）阶段失败，错误码 `0x800F0922 CBS_E_INSTALLERS_FAILED`，时间 2024-03-05 09:30:05（cbs-kb-fail\.log:13）。\S/);
    // The report's own words: headings and labels carry no English.
    for (const l of md.split('\n')) {
      const label = /^(?:- )?\*\*([^*]+)\*\*/.exec(l)?.[1];
      if (label) assert.doesNotMatch(label.replace(/\bCBS\b/g, ''), /[A-Za-z]/, l);
      if (l.startsWith('## ') && !/^## \d+\./.test(l)) assert.doesNotMatch(l, /[A-Za-z]{2,}/, l);
    }
    for (const bad of ['Next steps', 'Deciding code', 'why:', 'failed with', ' more', 'call from']) assert.ok(!md.includes(bad), bad);
    const none = renderMarkdown({ ...analyseText('', 'wu10', 'x.log'), files: [{ path: 'C:\\logs\\WindowsUpdate.etl', format: 'etl', lines: 0, encoding: 'utf8' } as never] }, { lang: 'zh-cn' });
    assert.match(none, /## 结论摘要\n\n- 这些文件中没有发现导致最终失败的错误。\n- WindowsUpdate\.etl：ETL 跟踪文件中没有可解码的事件/);
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
