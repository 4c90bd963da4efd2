import * as assert from 'node:assert/strict';
import { parseCode, formatCode } from '../../../src/core/errors';

describe('errors: parseCode', () => {
  const cases: Array<[string, number | undefined]> = [
    ['0x800F0988', 0x800f0988],
    ['0X800f0988', 0x800f0988],
    ['800f0988', 0x800f0988],
    ['80070643', 0x80070643],
    ['[800706BE]', 0x800706be],
    ['[ 0x800706BE ]', 0x800706be],
    ['resultMapped=800F0988', 0x800f0988],
    ['resultUnMapped=80240022', 0x80240022],
    ['-2147024891', 0x80070005],
    ['2147942405', 0x80070005],
    ['-2147483648', 0x80000000],
    ['4294967295', 0xffffffff],
    ['0x5', 5],
    ['1603', 1603],
    ['[643]', 0x643],
    ['  0x80240022  ', 0x80240022],
    ['', undefined],
    ['zzz', undefined],
    ['0x', undefined],
    ['0x123456789', undefined],
    ['4294967296', undefined],
    ['-2147483649', undefined],
    ['800f09881', undefined],
    ['0x800F0988 extra', undefined],
    ['x'.repeat(100_000), undefined],
  ];
  for (const [text, want] of cases) {
    it(`${JSON.stringify(text.length > 30 ? `${text.slice(0, 10)}...` : text)} → ${want === undefined ? 'undefined' : formatCode(want)}`, () => {
      assert.equal(parseCode(text), want);
    });
  }

  it('formats as 0x + 8 upper-case hex digits', () => {
    assert.equal(formatCode(0x800f0988), '0x800F0988');
    assert.equal(formatCode(5), '0x00000005');
    assert.equal(formatCode(-2147024891), '0x80070005');
  });
});
