import * as assert from 'node:assert/strict';
import { renderMarkdown, toJsonReport, escapeMarkdown, codeSpan } from '../../../src/core/report';
import { analyseFixtures, analyseText } from '../analysis/helpers';
import { stripCodeSpans } from './spans';

describe('report: Markdown and JSON', () => {
  it('English report: phase, code with name and meaning, evidence with file:line, next steps', () => {
    const a = analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log');
    const md = renderMarkdown(a, { lang: 'en' });
    assert.match(md, /^# Windows Update log summary/m);
    assert.match(md, /^### 2024-03 Cumulative Update .* \(KB5035853\): the install failed with `0x800F081F CBS_E_SOURCE_MISSING`$/m);
    assert.match(md, /\*\*Also logged:\*\* `0x80070002 ERROR_FILE_NOT_FOUND`/);
    assert.match(md, /\*\*Typical cause:\*\* \S/);
    assert.match(md, /wu10-install-fail\.log:16 \(outcome\)/);
    assert.match(md, /wu10-install-fail\.log:14: `Handler Install complete/);
    assert.match(md, /wu10-install-fail\.log:12 \(root cause\)/);
    assert.match(md, /call error `0x80240022 WU_E_ALL_UPDATES_FAILED`/);
    assert.match(md, /Matching CBS session:\*\* `31100001_100000001`/);
    assert.match(md, /\*\*Next step:\*\* /);
    assert.match(md, /\*\*Further steps:\*\*/);
    assert.match(md, /^## Ask the customer for$/m);
    assert.match(md, /the commit \(after reboot\) failed with `0x800F0922/);
  });

  it('Chinese report uses Chinese headings and phase names', () => {
    const a = analyseFixtures('wu10-install-fail.log');
    const md = renderMarkdown(a, { lang: 'zh-cn' });
    assert.match(md, /^# Windows 更新失败分析报告/m);
    assert.match(md, /安装阶段失败，错误码 `0x80070002 ERROR_FILE_NOT_FOUND`/);
    assert.match(md, /\*\*日志证据：\*\*/);
    assert.match(md, /\*\*下一步：\*\*/);
    assert.match(md, /安装调用（客户端 `UpdateOrchestrator`/);
    assert.doesNotMatch(md, /Deciding code|Next step/);
  });

  it('escapes log text: no link, image, HTML or autolink can come from a log', () => {
    const evil = 'Title=Evil [click](javascript:alert(1)) <img src=x onerror=alert(1)> http://evil.example/x `code` (KB5000001), ProductName=(null), UpdateId=0D0D0D0D-1111-4222-8333-444444444444.1';
    const text = [
      `2024/01/01 10:00:00.0000000 100   110   ComApi          ${evil}`,
      '2024/01/01 10:00:01.0000000 100   110   Agent           LogHistory called for Caller=X, idUpdate=0D0D0D0D-1111-4222-8333-444444444444.1, operation = Install, resultMapped=800F0988, resultUnMapped=0 <script>x</script> [a](http://b)',
    ].join('\n');
    const md = renderMarkdown(analyseText(text, 'wu10', 'evil.log'), { lang: 'en' });
    assert.ok(md.includes('Evil'), 'the title is shown');
    // Outside code spans, every Markdown/HTML opener from the log is backslash-escaped.
    const prose = stripCodeSpans(md);
    assert.doesNotMatch(prose, /(?<!\\)\]\(/);
    assert.doesNotMatch(prose, /(?<!\\)<(img|script)/);
    assert.doesNotMatch(prose, /http:\/\/evil/);
    assert.match(prose, /\\<img/);
    // Inside code spans nothing is interpreted; a backtick in the log cannot end the span.
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(escapeMarkdown('[x](y) <b>'), '\\[x\\](y) \\<b\\>');
    assert.equal(escapeMarkdown('line1\nline2'), 'line1 line2');
  });

  it('JSON: 1-based lines, 0x + 8 upper-case hex codes, upper-case update ids, call object', () => {
    const j = toJsonReport(analyseFixtures('wu10-install-fail.log', 'wu10-defender-cancel.log'), 'en');
    assert.deepEqual(j.files.map((f) => f.path), ['wu10-install-fail.log', 'wu10-defender-cancel.log']);
    assert.equal(j.failures.length, 1);
    const f = j.failures[0];
    assert.equal(f.file, 'wu10-install-fail.log');
    assert.equal(f.line, 16);
    assert.equal(f.code, '0x80070002');
    assert.equal(f.name, 'ERROR_FILE_NOT_FOUND');
    assert.equal(f.phase, 'install');
    assert.equal(f.updateId, '7E57A1B2-1C2D-4E5F-8A9B-0C1D2E3F4A5B');
    assert.equal(f.revision, 200);
    assert.equal(f.kb, '5035853');
    assert.deepEqual(f.call && { kind: f.call.kind, client: f.call.client, cv: f.call.cv, startLine: f.call.startLine, endLine: f.call.endLine },
      { kind: 'install', client: 'UpdateOrchestrator', cv: 'ZyXwVuTs98765432.2.0.0', startLine: 8, endLine: 22 });
    assert.ok(f.evidence.includes(8) && f.evidence.includes(14));
    assert.ok(f.evidence.every((n) => Number.isInteger(n) && n >= 1));
    assert.match(f.callErrorCode ?? '', /^0x[0-9A-F]{8}$/);
    const u = j.updates.find((x) => x.updateId === f.updateId);
    assert.equal(u?.outcome, 'failed');
    assert.ok(j.updates.every((x) => /^[0-9A-F-]{36}$/.test(x.updateId) && ['failed', 'succeeded', 'unknown'].includes(x.outcome)));
    assert.equal(j.cancelledCalls.length, 1);
    assert.equal(j.cancelledCalls[0].code, '0x8024000B');
  });
});
