import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogStream, readText } from '../../../src/core/readers';
import type { FileInfo, LogRecord } from '../../../src/core/model/types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/logs');

function viaBytes(bytes: Uint8Array, sizes: () => number, name: string): { info: FileInfo; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const s = new LogStream((r) => records.push(r), name);
  for (let i = 0; i < bytes.length; ) {
    const n = Math.max(1, sizes());
    s.pushBytes(bytes.subarray(i, i + n));
    i += n;
  }
  return { info: s.end(), records };
}

/** A deterministic pseudo-random chunk size. */
function randomSizes(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return 1 + (x % 97);
  };
}

describe('readers: same records however the bytes are chunked', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.log'));
  for (const name of files) {
    it(name, () => {
      const bytes = fs.readFileSync(path.join(FIXTURES, name));
      const whole = viaBytes(bytes, () => bytes.length, name);
      for (const [label, sizes] of [['1-byte', () => 1], ['7-byte', () => 7], ['random', randomSizes(name.length)]] as const) {
        const got = viaBytes(bytes, sizes, name);
        assert.deepEqual(got.records, whole.records, `${label} records`);
        assert.deepEqual(got.info, whole.info, `${label} info`);
      }
      // The editor path (decoded text) gives the same records.
      if (whole.info.encoding !== 'binary') {
        const decoded = new TextDecoder(whole.info.encoding.startsWith('utf16') ? 'utf-16le' : 'utf-8').decode(bytes);
        const viaText = readText(decoded, name);
        assert.deepEqual(viaText.records, whole.records, 'text path records');
        assert.equal(viaText.info.format, whole.info.format);
        assert.equal(viaText.info.lines, whole.info.lines);
      }
    });
  }

  it('a long CBS-family file crossing the detection sample, CRLF split at every offset', () => {
    const line = '2021-11-02 10:01:05, Info                  CBS    Exec: package Package_for_KB5007186 [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]\r\n  continuation\r\n';
    const bytes = Buffer.from(line.repeat(1200));
    const whole = viaBytes(bytes, () => bytes.length, 'CBS.log');
    assert.equal(whole.records.length, 1200);
    assert.equal(whole.info.continuationLines, 1200);
    for (const size of [1, 7, 4093]) assert.deepEqual(viaBytes(bytes, () => size, 'CBS.log').records, whole.records, `size ${size}`);
  });
});
