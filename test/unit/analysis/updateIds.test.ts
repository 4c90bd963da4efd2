// Which GUIDs of a line become updates: only those in an update-id position.
import * as assert from 'node:assert/strict';
import { analyseText } from './helpers';

const JOB = 'ABCDEF01-1111-4222-8333-944445555666';
const UPD = '0F0F0F0F-AAAA-4BBB-8CCC-DDDDEEEEFFFF';
const SVC = '12121212-3434-4565-8787-909090909090';
const CALL = 'C0C0C0C0-D1D1-4E2E-9F3F-A4A4A4A4A4A4';

describe('analysis: update ids vs other GUIDs', () => {
  it('a download job id next to "for UpdateId X" is not an update', () => {
    const text = [
      `2023/02/01 08:00:00.1000000 1000  2000  DownloadManager New download job {${JOB}} for UpdateId ${UPD}.1`,
      `2023/02/01 08:00:00.2000000 1000  2000  DownloadManager Priority = 3, Owner is system = 1, Proxy session id = 1, ServiceId = ${SVC}.`,
    ].join('\n');
    const a = analyseText(text, 'wu10');
    assert.deepEqual(a.updates.map((u) => u.updateId), [UPD]);
  });

  it('keeps plain ids in update-id positions (UpdateId =, idUpdate=, Update ID:, CBS update {X})', () => {
    const ids = ['1A000000-0000-4000-8000-000000000001', '1A000000-0000-4000-8000-000000000002', '1A000000-0000-4000-8000-000000000003', '1A000000-0000-4000-8000-000000000004'];
    const text = [
      `2023/02/01 08:00:00.1000000 1000  2000  Agent           UpdateId = {${ids[0]}}, job = {${JOB}}`,
      `2023/02/01 08:00:00.2000000 1000  2000  Agent           Added idUpdate=${ids[1]} for call ${CALL}`,
      `2023/02/01 08:00:00.3000000 1000  2000  Agent           Update ID: ${ids[2]} (service ${SVC})`,
      `2023/02/01 08:00:00.4000000 1000  2000  Handler         Starting install of CBS update {${ids[3]}}`,
      `2023/02/01 08:00:00.5000000 1000  2000  ComApi          * START *   Install ClientId = Tester [Call ID = {${CALL}}]`,
    ].join('\n');
    const a = analyseText(text, 'wu10');
    assert.deepEqual(a.updates.map((u) => u.updateId).sort(), ids.slice().sort());
  });
});
