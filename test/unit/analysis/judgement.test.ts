// Issue 8 judgement on WindowsUpdate.log: a call-level failure without a failed update (an
// install cut short by a shutdown), proofs of the install phase, and recovered vs still failing.
import * as assert from 'node:assert/strict';
import { analyseFixtures } from './helpers';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { toJsonReport } from '../../../src/core/report/json';

describe('analysis: judgement (recovered, proofs, call-level failures)', () => {
  const a = analyseFixtures('wu10-shutdown-recovered.log');
  const byLine = (l: number) => a.failures.find((f) => f.at.line + 1 === l || (f.repeats ?? []).some((r) => r.line + 1 === l));

  it('reports an install interrupted by a shutdown as an install-phase failure of its call', () => {
    const f = a.failures.find((x) => x.code === 0x8024001e);
    assert.ok(f, JSON.stringify(a.failures.map((x) => [x.at.line + 1, x.code.toString(16)])));
    assert.equal(f.phase, 'install');
    assert.equal(f.at.line + 1, 17, 'the counts line states the result');
    const lines = f.evidence.map((e) => e.line + 1);
    assert.ok(lines.includes(11), 'the call start is evidence');
    assert.ok(lines.includes(15) && lines.includes(16), `shutdown notice and callback are evidence: ${lines.join(',')}`);
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
    const f = byLine(23);
    assert.ok(f);
    assert.equal(f.code, 0x800f0922);
    assert.equal(f.callErrorCode, 0x80240022);
    assert.equal(f.recovered, null);
    assert.equal(f.phaseEvidence[0].fact, 'cbsProgress');
    assert.equal(f.phaseEvidence[0].at?.line, 21);
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
});
