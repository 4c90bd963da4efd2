// Issue 8 judgement on WindowsUpdate.log: a call-level failure without a failed update (an
// install cut short by a shutdown), proofs of the install phase, and recovered vs still failing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, analyseFixtures } from './helpers';
import { analyzeText } from '../../../src/core/analysis/files';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { toJsonReport } from '../../../src/core/report/json';

describe('analysis: judgement (recovered, proofs, call-level failures)', () => {
  const a = analyseFixtures('wu10-shutdown-recovered.log');
  const byLine = (l: number) => a.failures.find((f) => f.at.line + 1 === l || (f.repeats ?? []).some((r) => r.line + 1 === l));

  it('reports an install interrupted by a shutdown as an install-phase failure of its call', () => {
    const f = a.failures.find((x) => x.code === 0x8024001e);
    assert.ok(f, JSON.stringify(a.failures.map((x) => [x.at.line + 1, x.code.toString(16)])));
    assert.equal(f.phase, 'install');
    assert.equal(f.at.line + 1, 18, 'the counts line states the result');
    const lines = f.evidence.map((e) => e.line + 1);
    assert.ok(lines.includes(11), 'the call start is evidence');
    assert.ok(lines.includes(15) && lines.includes(16), `shutdown notice and callback are evidence: ${lines.join(',')}`);
    assert.ok(lines.includes(17), `the federated member line is evidence: ${lines.join(',')}`);
    assert.equal(f.cause?.kind, 'shutdownInterrupted');
    assert.ok(f.phaseEvidence.some((p) => p.fact === 'shutdown'));
  });

  it('a download that failed and later succeeded is recovered, at the success line', () => {
    const f = byLine(4);
    assert.ok(f);
    assert.equal(f.phase, 'download');
    assert.deepEqual(f.recovered, { file: 0, line: 7 });
  });

  it('the last install failure is still failing, with the handler CBS progress as phase proof', () => {
    const f = byLine(24);
    assert.ok(f);
    assert.equal(f.code, 0x800f0922);
    assert.equal(f.callErrorCode, 0x80240022);
    assert.equal(f.recovered, null);
    assert.equal(f.phaseEvidence[0].fact, 'cbsProgress');
    assert.equal(f.phaseEvidence[0].at?.line, 22);
  });

  it('the report leads with what is still failing and says the download had completed', () => {
    const md = renderMarkdown(a, { lang: 'en' });
    const still = md.indexOf('0x800F0922');
    const healed = md.indexOf('**Recovered:**');
    assert.ok(still >= 0 && healed > still, 'still failing before recovered');
    assert.match(md, /The download had completed/);
    assert.match(md, /Still failing at the end of the logs/);
    const install = md.slice(md.indexOf('0x800F0922 CBS_E_INSTALLERS_FAILED`'), healed);
    assert.doesNotMatch(install, /rename C:\\Windows\\SoftwareDistribution/, 'no advice to clear the download cache');
    const zh = renderMarkdown(a, { lang: 'zh-cn' });
    assert.match(zh, /下载已经完成/);
    assert.match(zh, /之后已恢复/);
  });

  it('the JSON carries recovered as { file, line } or null', () => {
    const j = toJsonReport(a);
    const dl = j.failures.find((f) => f.phase === 'download');
    assert.deepEqual(dl?.recovered, { file: 'wu10-shutdown-recovered.log', line: 8 });
    assert.ok(j.failures.some((f) => f.recovered === null));
  });

  it("the handler's own exit code next to the update's real result is evidence of one failure, not a second one", () => {
    const b = analyseFixtures('wu7-handler-exitcode.log');
    assert.equal(b.failures.length, 1, JSON.stringify(b.failures.map((x) => [x.at.line + 1, x.code.toString(16)])));
    const f = b.failures[0];
    assert.equal(f.code, 0x800f024b);
    assert.equal(f.phase, 'install');
    assert.ok(f.evidence.some((e) => e.line + 1 === 10), `handler exit code line in the evidence: ${f.evidence.map((e) => e.line + 1)}`);
    assert.equal(b.noise.find((n) => n.at.line + 1 === 10)?.kind, 'evidence');
  });

  it("a result logged after its call ended cites that call's errors, never an earlier attempt's", () => {
    const b = analyseFixtures('wu10-two-attempts.log');
    // Both attempts failed the same way: one failure whose representative is the second attempt.
    assert.equal(b.failures.length, 1, JSON.stringify(b.failures.map((x) => [x.at.line + 1, x.code.toString(16)])));
    const second = b.failures[0];
    assert.equal(second.at.line + 1, 10);
    assert.deepEqual((second.repeats ?? []).map((r) => r.line + 1), [5]);
    const cited = second.evidence.map((e) => e.line + 1);
    assert.ok(cited.includes(8), `its own error line: ${cited}`);
    assert.ok(!cited.includes(3), `not the first attempt's error line: ${cited}`);
    assert.equal(second.rootCause?.line, 7);
  });

  it('the report phrases each proof of the phase, in both languages', () => {
    const md = renderMarkdown(a, { lang: 'en' });
    assert.match(md, /the update handler reported CBS install progress at line 23: the payload was being installed, so the download had finished/);
    assert.match(md, /the service or the machine shut down while the install ran \(line 15\)/);
    const zh = renderMarkdown(a, { lang: 'zh-cn' });
    assert.match(zh, /更新处理程序在第 23 行报告了 CBS 安装进度/);
    assert.match(zh, /\*\*原因：\*\* 操作过程中服务或计算机关闭（wu10-shutdown-recovered\.log:15）/);
  });

  it('a DISM failure is named by its run and proved by it; repeated runs are one failure', () => {
    const d = analyzeText(fs.readFileSync(path.join(FIXTURES, 'dism-restorehealth.log'), 'utf8'), 'dism.log');
    const md = renderMarkdown(d, { lang: 'en' });
    assert.match(md, /^- \*\*DISM `\/RestoreHealth`\*\*: failed with `0x800F081F CBS_E_SOURCE_MISSING`/m);
    assert.match(md, /it is the result of the DISM `RestoreHealth` run started at line \d+/);
    assert.match(md, /the same outcome was logged 4 times/);
    assert.ok(toJsonReport(d).dismRuns.length >= 5, 'the JSON lists every run');
  });
});
