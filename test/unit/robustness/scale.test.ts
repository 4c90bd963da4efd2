// Many repeats of one failure must cost linear time: a 60 MB CBS.log with tens of thousands of
// failed sessions took minutes when every new session re-filtered the kept sessions and every
// merged repeat re-scanned the growing list of session keys. The mocha timeout is the check.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analysis';
import { LIMITS } from '../../../src/core/analysis/state';

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

describe('robustness: thousands of failed CBS sessions', function () {
  it('analyses in linear time and merges the repeats', function () {
    this.timeout(20000);
    const n = 30000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const t = `2024-03-05 ${twoDigits(Math.floor(i / 3600) % 24)}:${twoDigits(Math.floor(i / 60) % 60)}:${twoDigits(i % 60)}`;
      lines.push(`${t}, Info                  CBS    Session: ${40200000 + i}_${300000000 + i} initialized by client WindowsUpdateAgent, external staging directory: (null)`);
      lines.push(`${t}, Error                 CBS    Failed to perform operation.  [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]`);
    }
    const a = analyzeText(lines.join('\n'), 'CBS.log');
    // The stress path is taken: more sessions kept than the pruning mark.
    assert.ok(a.cbsSessions.length > LIMITS.cbsSessions * 1.5, `${a.cbsSessions.length} sessions kept`);
    assert.equal(a.failures.length, 1, 'the repeats merge into one failure');
    const f = a.failures[0];
    assert.equal(f.code, 0x800f0922);
    assert.equal(new Set(f.cbsSessionKeys).size, f.cbsSessionKeys.length, 'session keys are unique');
    assert.ok(f.cbsSessionKeys.length > 0, 'linked to its sessions');
    assert.ok((f.occurrences ?? 1) > LIMITS.cbsSessions, `${f.occurrences} repeats merged`);
  });
});
