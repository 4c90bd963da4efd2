import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectFormat, detectFormatFromBytes } from '../../../src/core/format/detect';
import { sniffBytes } from '../../../src/core/text/encoding';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/logs');
const bytes = (name: string): Uint8Array => fs.readFileSync(path.join(FIXTURES, name));

/** A minimal ETL-like buffer: 4 KB buffer size, the system trace header marker at 0x4A, binary payload. */
export function fakeEtl(): Uint8Array {
  const b = new Uint8Array(4096);
  b[1] = 0x10; // buffer size 0x1000
  b[4] = 0x90;
  b[5] = 0x02;
  b[0x48] = 0x02;
  b[0x4a] = 0x02;
  b[0x4b] = 0xc0;
  for (let i = 0x50; i < 0x290; i++) b[i] = (i * 37) & 0xff;
  return b;
}

describe('format detection', () => {
  const cases: [string, string][] = [
    ['wu10-slash.log', 'wu10'],
    ['wu10-dash-lf.log', 'wu10'],
    ['wu7.log', 'wu7'],
    ['cbs.log', 'cbs'],
    ['dism.log', 'dism'],
    ['setupact.log', 'setup'],
    ['reporting.log', 'reporting'],
    ['undecoded.log', 'undecoded'],
    ['other-program.log', 'unknown'],
    ['cmtrace.log', 'unknown'],
  ];
  for (const [file, want] of cases) {
    it(`detects ${file} as ${want} from bytes`, () => {
      assert.equal(detectFormatFromBytes(bytes(file)), want);
    });
    it(`detects ${file} as ${want} under a misleading file name`, () => {
      assert.equal(detectFormatFromBytes(bytes(file), 'CBS.log'), want === 'setup' ? 'setup' : want);
    });
  }

  it('content beats the name: DISM content in a file named cbs.log is dism', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'dism.log'), 'utf8');
    assert.equal(detectFormat(text, 'cbs.log'), 'dism');
  });

  it('uses the name only to break a tie inside the CBS family', () => {
    const onlyEmpty = '2021-06-09 12:08:19, Info                         Starting enumeration of devices.\n2021-06-09 12:08:20, Error                        Failed to check OS architecture. 0x00000490\n';
    assert.equal(detectFormat(onlyEmpty, 'setuperr.log'), 'setup');
    assert.equal(detectFormat(onlyEmpty, 'dism.log'), 'dism');
    assert.equal(detectFormat(onlyEmpty, 'CBS.log'), 'cbs');
  });

  it('sees CBS content even after a hand-written note and blank lines', () => {
    const text = 'a note someone typed\n\n\n' + fs.readFileSync(path.join(FIXTURES, 'cbs.log'), 'utf8');
    assert.equal(detectFormat(text), 'cbs');
  });

  it('does not claim an ordinary log that has a few look-alike lines', () => {
    const lines = [];
    for (let i = 0; i < 50; i++) lines.push(`2024-01-01 10:00:${String(i).padStart(2, '0')} [main] INFO request ${i}`);
    lines.push('2024-01-01 10:01:00, Info                  CBS    quoted line');
    assert.equal(detectFormat(lines.join('\n')), 'unknown');
  });

  it('returns unknown for empty and blank text', () => {
    assert.equal(detectFormat(''), 'unknown');
    assert.equal(detectFormat('\r\n\n  \n'), 'unknown');
    assert.equal(detectFormatFromBytes(new Uint8Array(0)), 'unknown');
  });

  it('recognises an ETL buffer and other binary data', () => {
    assert.equal(detectFormatFromBytes(fakeEtl()), 'etl');
    assert.equal(detectFormatFromBytes(fakeEtl(), 'WindowsUpdate.20250101.000000.000.1.etl'), 'etl');
    const junk = new Uint8Array(2000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 131 + 7) % 256;
    assert.equal(detectFormatFromBytes(junk), 'unknown');
    assert.equal(sniffBytes(junk).encoding, 'binary');
  });

  it('reads UTF-16LE without BOM, UTF-16BE with BOM and UTF-8 with BOM', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'wu10-slash.log'), 'utf8');
    const le = Buffer.from(text, 'utf16le');
    assert.equal(sniffBytes(le).encoding, 'utf16le');
    assert.equal(detectFormatFromBytes(le), 'wu10');
    const be = Buffer.from('\ufeff' + text, 'utf16le').swap16();
    assert.equal(sniffBytes(be).encoding, 'utf16be');
    assert.equal(detectFormatFromBytes(be), 'wu10');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    assert.deepEqual(sniffBytes(bom), { encoding: 'utf8bom', bomLength: 3, etl: false });
    assert.equal(detectFormatFromBytes(bom), 'wu10');
  });

  it('treats UTF-8 text with NULs as binary', () => {
    const b = Buffer.from('2023/03/14 09:12:01.1234567 5120  7304  Agent  x\0\0\0\0 more\0 text');
    assert.equal(sniffBytes(b).encoding, 'binary');
    assert.equal(detectFormatFromBytes(b), 'unknown');
  });
});
