// A file read in a worker thread (parallel.ts, scanWorker.ts) is analysed as when one thread
// reads it: the records' headers and light flags travel with them (batch.ts; its own test
// checks the events one by one).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../../src/core/analysis/files';
import { canScanInWorker } from '../../../src/core/analysis/parallel';
import { FIXTURES } from './helpers';
import { firstDifference } from './gateCheck';

async function bothWays(file: string): Promise<Awaited<ReturnType<typeof analyzeFiles>>> {
  assert.ok(canScanInWorker('always'), 'the reading worker script is built next to parallel.js');
  const one = await analyzeFiles([file], { parallel: 'never' });
  const two = await analyzeFiles([file], { parallel: 'always', parallelMinBytes: 0 });
  const a = JSON.stringify(one);
  const b = JSON.stringify(two);
  assert.ok(a === b, `${path.basename(file)}: ${firstDifference(b, a)}`);
  return two;
}

describe('analysis: a file read in a worker thread', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-parallel-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a store check summary of two continuation lines, then a skipped line: the summary is cited at its own line', async () => {
    // A record of two continuation lines, then skipped lines (the reading thread once merged the
    // first of them into the record's numbers).
    const file = path.join(dir, 'CBS.log');
    fs.writeFileSync(file, [
      '2027-02-01 08:00:00, Info                  CBS    Client specifies manual store corruption detect or repair.',
      '2027-02-01 08:09:00, Info                  CBS    Checking System Update Readiness.',
      'Summary:',
      'Operation: Detect only ',
      '2027-02-01 08:09:01, Info                  CBS    Ending the TrustedInstaller main loop.',
      '2027-02-01 08:09:02, Info                  CBS    Total Detected Corruption:\t1',
      '2027-02-01 08:09:03, Info                  CBS    Starting the TrustedInstaller main loop.',
    ].join('\r\n'));
    const a = await bothWays(file);
    assert.equal(a.storeHealth?.length, 1);
    assert.equal(a.storeHealth?.[0].at.line, 2, 'the Summary: line (0-based), not the record line');
  });

  it('every WindowsUpdate.log and CBS.log fixture', async () => {
    const names = fs.readdirSync(path.join(FIXTURES)).filter((n) => /^(wu10|wu7|cbs)-.*\.log$/.test(n));
    assert.ok(names.length >= 10, `fixtures found: ${names.length}`);
    for (const n of names) {
      const file = path.join(dir, n.startsWith('cbs') ? 'CBS.log' : 'WindowsUpdate.log');
      fs.copyFileSync(path.join(FIXTURES, n), file);
      await bothWays(file);
    }
  });
});
