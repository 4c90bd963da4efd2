// Update verdicts follow the update's last result in the phase that failed or waited.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseText, FIXTURES } from './helpers';

const ID = '5D5D5D5D-6E6E-4F7F-8A8A-9B9B9B9B9B9B';

describe('analysis: update verdicts', () => {
  it('an install that failed stays failed when only a download of the update succeeds later', () => {
    const text = [
      '2022/03/01 10:00:00.0000000 400   410   ComApi          * START *   Install ClientId = Tester',
      `2022/03/01 10:00:05.0000000 500   510   Agent           LogHistory called. idUpdate={${ID}}.3, operation = install, resultMapped=80070005, resultUnMapped=0`,
      '2022/03/01 10:00:06.0000000 400   410   ComApi          Install call complete (succeeded = 0, succeeded with errors = 0, failed = 1, cancelled = 0, unaccounted = 0)',
      '2022/03/01 10:00:07.0000000 400   410   ComApi          * END *   Install ClientId = Tester',
      '2022/03/01 11:00:00.0000000 400   420   ComApi          * START *   Download ClientId = Tester',
      `2022/03/01 11:00:05.0000000 500   510   Agent           LogHistory called. idUpdate={${ID}}.3, operation = download, resultMapped=0, resultUnMapped=0`,
      '2022/03/01 11:00:06.0000000 400   420   ComApi          Download call complete (succeeded = 1, succeeded with errors = 0, failed = 0, cancelled = 0, unaccounted = 0)',
      '2022/03/01 11:00:07.0000000 400   420   ComApi          * END *   Download ClientId = Tester',
    ].join('\n');
    const a = analyseText(text, 'wu10');
    assert.equal(a.failures.length, 1);
    assert.equal(a.updates.find((u) => u.updateId === ID)?.outcome, 'failed');
  });

  it('a later install success after a failed install makes the update succeeded', () => {
    const text = [
      `2022/03/01 10:00:05.0000000 500   510   Agent           LogHistory called. idUpdate={${ID}}.3, operation = install, resultMapped=80070005, resultUnMapped=0`,
      `2022/03/02 10:00:05.0000000 500   510   Agent           LogHistory called. idUpdate={${ID}}.3, operation = install, resultMapped=0, resultUnMapped=0`,
    ].join('\n');
    const a = analyseText(text, 'wu10');
    assert.equal(a.updates.find((u) => u.updateId === ID)?.outcome, 'succeeded');
  });

  it('a pending-reboot result followed by the install success after the restart is succeeded', () => {
    const base = fs.readFileSync(path.join(FIXTURES, 'wu10-pending-reboot.log'), 'utf8').trimEnd();
    const id = '6A6A6A6A-7B7B-4C4C-8D8D-9E9E9E9E9E9E';
    const pendingOnly = analyseText(base, 'wu10');
    assert.equal(pendingOnly.updates.find((u) => u.updateId === id)?.outcome, 'unknown', 'still waiting for the restart');
    const after = `${base}\n2021/07/13 18:20:02.0000000 380   390   Agent           LogHistory called. idUpdate={${id}}.204, resultMapped=0, resultUnMapped=0\n`;
    const a = analyseText(after, 'wu10');
    assert.equal(a.failures.length, 0);
    assert.equal(a.updates.find((u) => u.updateId === id)?.outcome, 'succeeded');
  });
});
