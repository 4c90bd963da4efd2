// The report as an email reads it, in English and Simplified Chinese: a status line, a verdict
// per update or operation still failing (phase, code and meaning, next step), the details, one
// list of requests, the rest in a few lines, the files read. Plurals and numbers written
// properly, each log and each action asked for once, no advice that does not apply.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles, analyzeText } from '../../../src/core/analysis';
import type { Analysis } from '../../../src/core/analysis/types';
import { renderMarkdown } from '../../../src/core/report';
import { topicsOf } from '../../../src/core/report/advice';
import { emailTexts } from '../../../src/core/report/emailTexts';
import { reportFileNames } from '../../../src/core/report/reportContext';
import { MAX_COLLECT, MAX_STEPS } from '../../../src/core/report/steps';
import { PROJECT_ROOT } from '../../support';
import { analyseFixtures, FIXTURES } from '../analysis/helpers';
import { stripCodeSpans } from './spans';

const headings = (md: string): string[] => md.split('\n').filter((l) => /^#{1,3} /.test(l));
/** The lines of a `## heading` section. */
function section(md: string, heading: string): string[] {
  const lines = md.split('\n');
  const at = lines.indexOf(`## ${heading}`);
  if (at < 0) return [];
  const end = lines.findIndex((l, i) => i > at && l.startsWith('## '));
  return lines.slice(at + 1, end < 0 ? undefined : end).filter((l) => l.trim());
}
const real = (name: string): Analysis => analyzeText(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), name);
const ACTIONS = ['repairStore', 'resetCache', 'offlineInstall', 'proxy', 'rescan', 'cleanBoot', 'policy'];

describe('report layout: English', () => {
  const md = renderMarkdown(analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log'), { lang: 'en' });

  it('opens with the status and the verdict, then details, requests, the rest, the files', () => {
    assert.deepEqual(headings(md).filter((h) => !h.startsWith('### ')), [
      '# Windows Update log summary', '## Verdict', '## Details', '## Ask the customer for', '## Also in the logs', '## Files read',
    ]);
    assert.equal(md.split('\n')[2], '**Still failing at the end of the logs: 2 updates.**');
  });

  it('one verdict per update: phase, code with its name and meaning, where, and the next step', () => {
    const verdict = section(md, 'Verdict');
    assert.equal(verdict.length, 2, verdict.join('\n'));
    // KB5035853 fails in WindowsUpdate.log and in CBS.log: one update, its CBS code leads.
    assert.match(verdict[0], /^- \*\*2024-03 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems \(KB5035853\)\*\*: the install failed with `0x800F081F CBS_E_SOURCE_MISSING` at 2024-03-05 09:11:43 \(cbs-kb-fail\.log:9\)\. CBS could not find the source files [^*]+ \*\*Next step:\*\* \S/);
    assert.match(verdict[1], /^- \*\*KB5035854\*\*: the commit \(after reboot\) failed with `0x800F0922 CBS_E_INSTALLERS_FAILED` at 2024-03-05 09:30:05 \(cbs-kb-fail\.log:13\)\. .+\*\*Next step:\*\* \S/);
  });

  it('details: the phase and its proof, what else was logged, the call, evidence, and the steps after the first', () => {
    const details = md.slice(md.indexOf('### 2024-03'), md.indexOf('### KB5035854'));
    assert.match(details, /^- \*\*Phase:\*\* install \(why: the update handler reported the install result at wu10-install-fail\.log:14/m);
    assert.match(details, /^- The download had completed/m);
    assert.match(details, /^- \*\*Also logged:\*\* `0x80070002 ERROR_FILE_NOT_FOUND` \(wu10-install-fail\.log:16\)$/m);
    assert.match(details, /^- \*\*Call:\*\* install call from `UpdateOrchestrator`, cV `ZyXwVuTs98765432\.2\.0\.0`, lines wu10-install-fail\.log:8–22; call error `0x80240022 WU_E_ALL_UPDATES_FAILED`$/m);
    assert.match(details, /^- \*\*Matching CBS session:\*\* `31100001_100000001`/m);
    assert.match(details, /^ {2}- wu10-install-fail\.log:12 \(root cause\): `Handler \*FAILED\* \[80070002\]/m);
    assert.match(details, /^ {2}- cbs-kb-fail\.log:9 \(outcome\): `CBS Session/m);
    const numbered = details.split('\n').filter((l) => /^\d+\. /.test(l)).map((l) => Number(l.split('.')[0]));
    assert.deepEqual(numbered, numbered.map((_, i) => i + 2), 'further steps follow the verdict\'s step 1');
    assert.ok(numbered.length + 1 <= MAX_STEPS);
  });

  it('the rest in a few lines, the files with their line counts', () => {
    assert.deepEqual(section(md, 'Also in the logs'), [
      '- 9 other error lines decided nothing: 2 were followed by a success of the same call, 1 is not tied to any failure, 2 are harmless lookups or cancelled calls and 4 are part of the evidence above.',
    ]);
    assert.deepEqual(section(md, 'Files read'), [
      '- wu10-install-fail.log: WindowsUpdate.log (Windows 10/11), 25 lines',
      '- cbs-kb-fail.log: CBS.log, 14 lines',
    ]);
  });

  it('recovered failures go to the end, in one line each', () => {
    const r = renderMarkdown(analyseFixtures('wu10-shutdown-recovered.log'), { lang: 'en' });
    assert.match(r, /^\*\*Still failing at the end of the logs: 1 update and 1 Windows Update call\.\*\* Recovered later: 1 update\.$/m);
    assert.match(r, /^- \*\*Install call from `UpdateOrchestrator`\*\*: the install failed with `0x8024001E WU_E_SERVICE_STOP`/m);
    const also = section(r, 'Also in the logs');
    assert.match(also[0], /^- \*\*Recovered:\*\* `3C3C3C3C-4D4D-4E4E-8F8F-505050505050`: the download failed with `0x80D02002 DO_E_DOWNLOAD_NO_PROGRESS` \(wu10-shutdown-recovered\.log:4\) and succeeded later \(wu10-shutdown-recovered\.log:8\)\.$/);
    assert.ok(!section(r, 'Verdict').some((l) => l.includes('0x80D02002')), 'a recovered failure is not in the verdict');
  });

  it('cancelled calls and pending restarts are one line each, not failures', () => {
    const r = renderMarkdown(analyseFixtures('wu10-defender-cancel.log', 'wu10-pending-reboot.log'), { lang: 'en' });
    assert.equal(r.split('\n')[2], '**No failure that decided an outcome was found in these files.**');
    assert.deepEqual(headings(r), ['# Windows Update log summary', '## Also in the logs', '## Files read']);
    const also = section(r, 'Also in the logs');
    assert.ok(also.includes('- **Waiting for a restart:** KB5004237 (`0x80242014`, wu10-pending-reboot.log:6); the install needs a restart to finish; these are not failures.'), also.join('\n'));
    assert.ok(also.includes('- **Cancelled by their caller:** a download call from `Windows Defender` (`0x8024000B WU_E_CALL_CANCELLED`), wu10-defender-cancel.log:7'), also.join('\n'));
  });

  it('a typical case fits about one screen', async () => {
    const bundle = path.join(PROJECT_ROOT, 'test/integration/workspace/summarize/bundle');
    const full = renderMarkdown(await analyzeFiles([bundle]), { lang: 'en' });
    // From the status line on: what the bundle held (the inventory of what was sent) comes before.
    // Up to the chains across logs, an appendix of the details for bundles.
    const end = full.indexOf('## Update chains across logs');
    const r = full.slice(full.indexOf('**Still failing'), end > 0 ? end : undefined);
    assert.ok(r.split('\n').length <= 50, `${r.split('\n').length} lines`);
    assert.ok(r.length <= 5000, `${r.length} characters`);
  });
});

describe('report layout: Simplified Chinese', () => {
  const md = renderMarkdown(analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log'), { lang: 'zh-cn' });

  it('the same layout with Chinese headings, status and verdict', () => {
    assert.deepEqual(headings(md).filter((h) => !h.startsWith('### ')), ['# Windows 更新失败分析报告', '## 结论', '## 详细信息', '## 请客户提供', '## 日志中的其他情况', '## 已读取的文件']);
    assert.equal(md.split('\n')[2], '**到日志结束时仍然失败：2 个更新**。');
    const verdict = section(md, '结论');
    assert.match(verdict[0], /^- \*\*2024-03 Cumulative Update .*\(KB5035853\)\*\*：安装阶段失败，错误码 `0x800F081F CBS_E_SOURCE_MISSING`，时间 2024-03-05 09:11:43（cbs-kb-fail\.log:9）。CBS 找不到安装或修复所需的源文件[^*]+\*\*下一步：\*\* \S/);
    assert.match(verdict[1], /^- \*\*KB5035854\*\*：提交（重启后）阶段失败，错误码 `0x800F0922 CBS_E_INSTALLERS_FAILED`，时间 2024-03-05 09:30:05（cbs-kb-fail\.log:13）。/);
    assert.deepEqual(section(md, '已读取的文件'), ['- wu10-install-fail.log：WindowsUpdate.log（Windows 10/11），25 行', '- cbs-kb-fail.log：CBS.log，14 行']);
    assert.deepEqual(section(md, '日志中的其他情况'), ['- 另有 9 行错误不影响结果：2 行之后同一调用已成功，1 行与任何失败无关，2 行是无害的查找或已取消的调用，4 行属于上面的证据。']);
  });

  it('the report\'s own words carry no English (labels, headings, status)', () => {
    for (const l of md.split('\n')) {
      // Our labels end with a full-width colon (names of updates in bold are the log's).
      for (const m of l.matchAll(/\*\*([^*]+：)\*\*/g)) assert.doesNotMatch(m[1].replace(/\bCBS\b/g, ''), /[A-Za-z]/, l);
      if (l.startsWith('## ')) assert.doesNotMatch(l, /[A-Za-z]{2,}/, l);
    }
    for (const bad of ['Next step', 'Further steps', 'failed with', ' more', 'call from', 'Still failing', 'Recovered']) assert.ok(!md.includes(bad), bad);
    assert.match(md, /^\*\*其他步骤：\*\*$/m);
  });

  it('recovered failures and the status in Chinese', () => {
    const r = renderMarkdown(analyseFixtures('wu10-shutdown-recovered.log'), { lang: 'zh-cn' });
    assert.match(r, /^\*\*到日志结束时仍然失败：1 个更新、1 次 Windows 更新调用\*\*。之后已恢复：1 个更新。$/m);
    assert.match(r, /^- \*\*之后已恢复：\*\* `3C3C3C3C-4D4D-4E4E-8F8F-505050505050`：下载阶段失败，错误码 `0x80D02002 DO_E_DOWNLOAD_NO_PROGRESS`（wu10-shutdown-recovered\.log:4），之后已成功（wu10-shutdown-recovered\.log:8）。$/m);
    assert.match(r, /^- \*\*`UpdateOrchestrator` 发起的安装调用\*\*：安装阶段失败/m);
  });
});

describe('report layout: plurals and numbers', () => {
  it('English counts agree with their numbers; no "(s)"', () => {
    const e = emailTexts('en');
    assert.equal(e.count('update', 1), '1 update');
    assert.equal(e.count('update', 2), '2 updates');
    assert.equal(e.count('dism', 1234), '1,234 DISM operations');
    assert.deepEqual([1, 2, 3, 12000].map(e.times), ['once', 'twice', '3 times', '12,000 times']);
    assert.equal(e.list(['a', 'b', 'c']), 'a, b and c');
    assert.equal(e.noise(1, { evidence: 1, benign: 0, transient: 0, other: 0 }), '1 other error line decided nothing: 1 is part of the evidence above.');
    assert.equal(e.noise(2500, { evidence: 0, benign: 1, transient: 2499, other: 0 }), '2,500 other error lines decided nothing: 2,499 were followed by a success of the same call and 1 is a harmless lookup or a cancelled call.');
    assert.equal(e.fileLine('x.log', 'CBS.log', 1, []), 'x.log: CBS.log, 1 line');
    assert.equal(e.fileLine('x.log', 'CBS.log', 18773, []), 'x.log: CBS.log, 18,773 lines');
    assert.equal(e.succeeded(1, ['KB1'], 0), '1 update succeeded: KB1.');
    assert.equal(e.runs(1, 'x:1'), '1 run failed alike; the last one: x:1');
  });

  it('Chinese counts use measure words and no plural marks', () => {
    const z = emailTexts('zh-cn');
    assert.equal(z.count('update', 2), '2 个更新');
    assert.equal(z.count('scan', 1), '1 次更新扫描');
    assert.equal(z.count('dism', 1234), '1,234 个 DISM 操作');
    assert.equal(z.times(2), '2 次');
    assert.equal(z.list(['甲', '乙', '丙']), '甲、乙、丙');
    assert.equal(z.fileLine('x.log', 'CBS.log', 18773, []), 'x.log：CBS.log，18,773 行');
  });

  for (const lang of ['en', 'zh-cn'] as const) {
    it(`${lang}: no "(s)" or "(es)" in the report's own text, over every fixture`, () => {
      for (const n of fs.readdirSync(FIXTURES).filter((x) => x.endsWith('.log'))) {
        const r = stripCodeSpans(renderMarkdown(real(n), { lang }));
        assert.doesNotMatch(r, /\w\((s|es)\)/, n);
      }
    });
  }
});

describe('report layout: each request and action once, only advice that applies', () => {
  const combos: Array<[string, () => Analysis]> = [
    ['WU + CBS + download + scan', () => analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log', 'wu10-download-fail.log', 'wu10-scan-fail.log')],
    ['all WU logs', () => analyseFixtures(...fs.readdirSync(FIXTURES).filter((x) => x.startsWith('wu10')))],
    ['Windows 7', () => analyseFixtures('wu7-mixed.log')],
    ['DISM offline', () => real('dism-offline-mixed.log')],
    ['DISM RestoreHealth', () => real('dism-restorehealth.log')],
    ['setup', () => real('setupact-rollback-30018.log')],
  ];
  for (const lang of ['en', 'zh-cn'] as const) {
    for (const [name, analysis] of combos) {
      it(`${lang}, ${name}: no log asked twice, no step or action repeated`, () => {
        const md = renderMarkdown(analysis(), { lang });
        const asks = section(md, emailTexts(lang).askHeading);
        assert.ok(asks.length <= MAX_COLLECT);
        const asked = new Map<string, string>();
        for (const a of asks) {
          for (const t of topicsOf(a).filter((x) => x !== 'bits')) {
            assert.ok(!asked.has(t), `${t} asked twice:\n${asked.get(t)}\n${a}`);
            asked.set(t, a);
          }
        }
        assert.equal(new Set(asks).size, asks.length);
        // Steps: the verdict's next steps and the further steps of every update or operation.
        const steps = md.split('\n').flatMap((l) => {
          const next = /\*\*(?:Next step|下一步)[:：]\*\* (.*)$/.exec(l)?.[1];
          if (next) return [next];
          return /^\d+\. /.test(l) ? [l.replace(/^\d+\. /, '')] : [];
        }).filter((s) => !/^(as for .* above\.|同上（)/.test(s));
        assert.equal(new Set(steps).size, steps.length, steps.join('\n'));
        const actions = new Map<string, string>();
        for (const s of steps) {
          for (const t of topicsOf(s).filter((x) => ACTIONS.includes(x))) {
            assert.ok(!actions.has(t) || actions.get(t) === s, `${t} advised twice:\n${actions.get(t)}\n${s}`);
            actions.set(t, s);
          }
        }
        assert.doesNotMatch(md, /\bfailure\(s\)/);
      });
    }
  }

  it('no offline install or download-cache advice without a KB or outside Windows Update', () => {
    for (const n of ['dism-offline-mixed.log', 'dism-restorehealth.log', 'setupact-rollback-30018.log', 'setupact-downlevel-diskspace.log']) {
      const md = renderMarkdown(real(n), { lang: 'en' });
      assert.doesNotMatch(md, /Update Catalog|\.msu\b|SoftwareDistribution|UsoClient|Delivery Optimization/, n);
    }
    // A download failure of an update without a KB (a GUID only): no "install the KB offline".
    const dl = renderMarkdown(analyseFixtures('wu10-download-fail.log'), { lang: 'en' });
    assert.doesNotMatch(dl, /Update Catalog|\.msu\b/);
    // Offline image servicing (/Image:) only: no CBS.log of the host asked for.
    const mixed = real('dism-offline-mixed.log');
    const offline = new Set((mixed.dismRuns ?? []).filter((r) => r.online === false).map((r) => r.key));
    const onlyOffline = { ...mixed, failures: mixed.failures.filter((f) => f.dismRunKey && offline.has(f.dismRunKey)) };
    assert.ok(onlyOffline.failures.length >= 1);
    assert.doesNotMatch(section(renderMarkdown(onlyOffline, { lang: 'en' }), 'Ask the customer for').join('\n'), /CBS\.log/);
    // An upgrade: the Panther logs were read; CBS.log is not what to ask for.
    const setup = renderMarkdown(real('setupact-rollback-30018.log'), { lang: 'en' });
    assert.doesNotMatch(section(setup, 'Ask the customer for').join('\n'), /CBS\.log|Panther folder/);
  });

  it('a second update with the same failure refers to the first one\'s steps instead of repeating them', () => {
    const a = analyseFixtures('wu10-download-fail.log');
    const f = a.failures[0];
    a.failures.push({ ...f, key: 'copy', updateId: 'ABCDEF01-2345-4678-89AB-CDEF01234567', kb: '5000001', title: undefined });
    for (const lang of ['en', 'zh-cn'] as const) {
      const md = renderMarkdown(a, { lang });
      const verdict = section(md, emailTexts(lang).verdictHeading);
      assert.equal(verdict.length, 2);
      assert.ok(verdict[1].endsWith(lang === 'en' ? '**Next step:** as for `C0FFEE00-1234-4321-ABCD-00000000BEEF` above.' : '**下一步：** 同上（`C0FFEE00-1234-4321-ABCD-00000000BEEF`）。'), verdict[1]);
      const second = md.slice(md.lastIndexOf('### '));
      assert.doesNotMatch(second, /^\d+\. /m, 'no step repeated in the second update\'s details');
    }
  });

  it('logs the engineer already has are not asked for', () => {
    const md = renderMarkdown(analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log'), { lang: 'en' });
    assert.doesNotMatch(section(md, 'Ask the customer for').join('\n'), /WindowsUpdate\.log|CBS\.log/);
    const wuOnly = renderMarkdown(analyseFixtures('wu10-install-fail.log'), { lang: 'en' });
    const asks = section(wuOnly, 'Ask the customer for');
    assert.equal(asks.filter((a) => /CBS\.log/.test(a)).length, 1, asks.join('\n'));
    assert.ok(!asks.some((a) => /WindowsUpdate\.log/.test(a)));
  });

  it('DISM runs that failed alike are one verdict line with their count', () => {
    const md = renderMarkdown(real('dism-api-interleaved.log'), { lang: 'en' });
    const verdict = section(md, 'Verdict');
    const keys = verdict.map((l) => /^- \*\*DISM `([^`]+)`\*\*: failed(?: \w+ times| twice)? with `([^`]+)`/.exec(l)).filter((m) => m).map((m) => `${m?.[1]} ${m?.[2]}`);
    assert.equal(new Set(keys).size, keys.length, verdict.join('\n'));
  });
});

describe('report layout: file names', () => {
  it('base names, with as much of the folder as tells two files apart, never a full path', () => {
    assert.deepEqual(reportFileNames(['/a/b/CBS.log', 'C:\\x\\WindowsUpdate.log']), ['CBS.log', 'WindowsUpdate.log']);
    assert.deepEqual(reportFileNames(['/cases/pc1/Logs/CBS.log', '/cases/pc2/Logs/CBS.log', '/cases/pc2/DISM.log']), ['pc1/Logs/CBS.log', 'pc2/Logs/CBS.log', 'DISM.log']);
    assert.deepEqual(reportFileNames(['C:\\a\\CBS.log', 'C:\\b\\CBS.log']), ['a/CBS.log', 'b/CBS.log']);
  });
});
