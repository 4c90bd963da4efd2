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
});
