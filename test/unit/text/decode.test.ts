import * as assert from 'node:assert/strict';
import { ChunkDecoder } from '../../../src/core/text/decode';
import { sniffBytes } from '../../../src/core/text/encoding';

function decodeIn(bytes: Uint8Array, size: number): string {
  const d = new ChunkDecoder(sniffBytes(bytes));
  let out = '';
  for (let i = 0; i < bytes.length; i += size) out += d.push(bytes.subarray(i, i + size));
  return out + d.end();
}

describe('ChunkDecoder', () => {
  const text = 'Windows용 업데이트 的安全智能更新 😀 end\r\n';

  it('decodes UTF-8 (with and without BOM) split inside multi-byte characters', () => {
    const plain = Buffer.from(text, 'utf8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    for (const size of [1, 2, 3, 7, 1000]) {
      assert.equal(decodeIn(plain, size), text);
      assert.equal(decodeIn(bom, size), text);
    }
  });

  it('decodes UTF-16LE and UTF-16BE with BOM, and UTF-16LE without BOM, split inside code units and surrogate pairs', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    const ascii = 'plain ascii text\r\nsecond line\r\n';
    const leNoBom = Buffer.from(ascii, 'utf16le');
    for (const size of [1, 3, 7]) {
      assert.equal(decodeIn(le, size), text);
      assert.equal(decodeIn(be, size), text);
      assert.equal(decodeIn(leNoBom, size), ascii);
    }
  });

  it('turns a cut character at the very end into U+FFFD instead of throwing', () => {
    const cut = Buffer.from('ab的', 'utf8').subarray(0, 4);
    assert.equal(decodeIn(cut, 1), 'ab\ufffd');
  });
});

describe('ChunkDecoder: ASCII fast path next to multi-byte text', () => {
  it('gives the same text when ASCII chunks follow a chunk that ends inside a character', () => {
    const text = 'abc的def' + 'x'.repeat(50) + '安全' + 'y'.repeat(10);
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      for (const size of [1, 2, 5]) {
        const d = new ChunkDecoder(sniffBytes(bytes));
        let out = d.push(bytes.subarray(0, cut));
        for (let i = cut; i < bytes.length; i += size) out += d.push(bytes.subarray(i, i + size));
        assert.equal(out + d.end(), text, `cut ${cut} size ${size}`);
      }
    }
  });
});
