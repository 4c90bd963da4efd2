import * as assert from 'node:assert/strict';
import { formatCode } from '../../../src/core/errors';
import { lineMessage, lineTime, MESSAGE_MAX, shortId } from '../../../src/treeView/treeLabels';

describe('treeView labels', () => {
  it('formats codes (the shared formatCode) as 0x + 8 upper-case hex digits, unsigned', () => {
    assert.equal(formatCode(0x800f0988), '0x800F0988');
    assert.equal(formatCode(0), '0x00000000');
    assert.equal(formatCode(-2145124318), '0x80240022');
  });

  it('reads the date and time a line starts with, in every log family', () => {
    assert.equal(lineTime('2025/02/11 08:20:00.1000000 1300  1310  Handler  x'), '2025-02-11 08:20:00');
    assert.equal(lineTime('2018-10-02\t10:55:18:145\t 408\t12cc\tAgent\tx'), '2018-10-02 10:55:18');
    assert.equal(lineTime('2016-09-28 04:30:30, Error                 CBS    Failed'), '2016-09-28 04:30:30');
    assert.equal(lineTime('{7A1C2E3F-4B5D-4E6F-8A9B-0C1D2E3F4A5B}\t2023-05-02 09:30:00:125+0100\t1'), '2023-05-02 09:30:00');
    assert.equal(lineTime('   continuation'), '');
  });

  it('shortens a GUID to its first block', () => {
    assert.equal(shortId('A1B2C3D4-1111-4222-8333-0123456789AB'), 'A1B2C3D4…');
    assert.equal(shortId('nodash'), 'nodash');
  });

  it('drops the timestamp, PID and TID of WU 10, WU 7 and CBS lines', () => {
    assert.equal(
      lineMessage('2025/02/11 08:20:00.1000000 1300  1310  Handler         Install complete   for update'),
      'Handler Install complete for update',
    );
    assert.equal(lineMessage('2018-10-02\t10:55:18:145\t 408\t12cc\tAgent\tWARNING: x'), 'Agent WARNING: x');
    assert.equal(lineMessage('2016-09-28 04:30:30, Error                 CBS    Failed [HRESULT = 0x800f081f]'), 'Error CBS Failed [HRESULT = 0x800f081f]');
    assert.equal(lineMessage('no header here'), 'no header here');
  });

  it('bounds the label and removes control characters, also on a 1 MB line', () => {
    const long = `2025/02/11 08:20:00.1000000 1 2 ${'x\u0007'.repeat(500_000)}`;
    const m = lineMessage(long);
    assert.ok(m.length <= MESSAGE_MAX, `length ${m.length}`);
    assert.ok(m.endsWith('…'));
    assert.ok(!m.includes('\u0007'));
    assert.equal(lineMessage(`${'9'.repeat(1_000_000)}`).length, MESSAGE_MAX);
  });
});
