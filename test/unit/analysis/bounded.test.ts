import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/core/analysis/analyzer';
import type { LogRecord } from '../../../src/core/model/types';
import { LIMITS } from '../../../src/core/analysis/state';
import { tokens } from './records';

describe('analysis: bounded memory', () => {
  it('caps noise, mentions and candidates however many lines come', () => {
    const a = new Analyzer();
    const f = a.addFile('big.log', 'wu10');
    const n = LIMITS.errLines + 5000;
    for (let i = 0; i < n; i++) {
      const message = `*FAILED* [80248007] Lookup of {0A1B2C3D-0000-4000-8000-00000000AAAA}.1 failed`;
      const rec: LogRecord = { line: i, endLine: i, time: i * 1000, pid: 1, tid: 2, component: 'Agent', message, messageColumn: 0, ...tokens(message, 0) };
      a.push(f, rec);
    }
    const r = a.finish([]);
    assert.ok(r.noise.length <= LIMITS.noiseOut);
    const c = r.noiseCounts;
    assert.ok(c);
    assert.equal(c.evidence + c.benign + c.transient + c.other, n, 'every line is counted even when not kept');
    const u = r.updates.find((x) => x.updateId === '0A1B2C3D-0000-4000-8000-00000000AAAA');
    assert.equal(u?.mentions.length, LIMITS.mentions);
    assert.equal(u?.mentionCount, n);
  });

  it('cites the right error line after the kept list is full and the ring reuses its entries', () => {
    const a = new Analyzer();
    const f = a.addFile('big.log', 'wu10');
    let line = 0;
    const push = (tid: number, message: string): void => {
      const rec: LogRecord = { line, endLine: line, time: line * 1000, pid: 1, tid, component: 'Agent', message, messageColumn: 0, ...tokens(message, 0) };
      a.push(f, rec);
      line++;
    };
    let failedLines = 0;
    // Fill the kept list, then cycle the ring with lines whose text gets cited (each is the
    // latest related line of a failure), so reused entries once held a text.
    for (let i = 0; i < LIMITS.errLines; i++, failedLines++) push(2, `*FAILED* [80248007] Lookup number ${i} found nothing`);
    for (let i = 0; i < 1000; i++, failedLines++) {
      push(4, `*FAILED* [80070002] Step ${i} found no file`);
      push(5, 'LogHistory called for Caller=UpdateOrchestrator, idUpdate={0A1B2C3D-0000-4000-8000-00000000CCCC}.1, operation = Install, resultMapped=80070002, resultUnMapped=0');
    }
    const cause = line;
    push(3, '*FAILED* [80070005] Access denied while staging the payload');
    failedLines++;
    for (let i = 0; i < 50; i++, failedLines++) push(2, `*FAILED* [80248007] Later lookup ${i} found nothing`);
    const outcome = line;
    push(9, 'LogHistory called for Caller=UpdateOrchestrator, idUpdate={0A1B2C3D-0000-4000-8000-00000000BBBB}.1, operation = Install, resultMapped=80070005, resultUnMapped=0');
    const r = a.finish([]);
    const fl = r.failures.find((x) => x.code === 0x80070005);
    assert.ok(fl);
    assert.equal(fl.at.line, outcome);
    assert.equal(fl.code, 0x80070005);
    assert.deepEqual(fl.rootCause, { file: f, line: cause });
    const text = fl.snippets?.find((x) => x.at.line === cause)?.text;
    assert.equal(text, 'Agent *FAILED* [80070005] Access denied while staging the payload');
    const c = r.noiseCounts;
    assert.ok(c);
    assert.equal(c.evidence + c.benign + c.transient + c.other, failedLines, 'every intermediate line is counted');
  });
});
