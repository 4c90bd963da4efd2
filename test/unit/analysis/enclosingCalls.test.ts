// The one-sweep search of the install call around each pending result must pick what a search of
// every call per result picks: the last ComApi call open at the line, else the first open call.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { enclosingCalls } from '../../../src/core/analysis/finish/chains';
import type { Call } from '../../../src/core/analysis/types';
import type { Candidate } from '../../../src/core/analysis/state';

function naive(calls: Call[], c: Candidate): Call | undefined {
  let best: Call | undefined;
  for (const k of calls) {
    if (k.file !== c.file || k.startLine > c.line) continue;
    if (k.endLine !== undefined && k.endLine < c.line) continue;
    if (k.kind !== 'install' && k.kind !== 'uninstall') continue;
    if (!best || k.component === 'ComApi') best = k;
  }
  return best;
}

const call = fc.record({
  file: fc.integer({ min: 0, max: 2 }),
  startLine: fc.integer({ min: 0, max: 200 }),
  length: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
  kind: fc.constantFrom('install', 'uninstall', 'search', 'download'),
  component: fc.constantFrom('ComApi', 'Agent'),
});

describe('enclosingCalls: one sweep, the same answer as a search per result', () => {
  it('agrees with the per-result search on generated calls and results', () => {
    let cases = 0;
    fc.assert(fc.property(fc.array(call, { maxLength: 40 }), fc.array(fc.record({ file: fc.integer({ min: 0, max: 2 }), line: fc.integer({ min: 0, max: 300 }) }), { maxLength: 40 }), (specs, at) => {
      cases++;
      const calls: Call[] = specs.map((s, i) => ({
        key: `${s.file}:${s.startLine}:${i}`, kind: s.kind as Call['kind'], file: s.file, startLine: s.startLine,
        endLine: s.length === undefined ? undefined : s.startLine + s.length, updateIds: [], result: 'unknown' as const, component: s.component,
      })).sort((a, b) => a.file - b.file || a.startLine - b.startLine);
      const cands = at.map((p) => ({ file: p.file, line: p.line } as Candidate));
      const found = enclosingCalls(calls, cands);
      for (const c of cands) assert.equal(found.get(c), naive(calls, c));
    }), { numRuns: 500 });
    assert.equal(cases, 500);
  });
});
