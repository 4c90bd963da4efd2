import * as assert from 'node:assert/strict';
import { LineSplitter } from '../../../src/core/text/lines';

function split(chunks: string[], max?: number): { lines: string[]; truncated: boolean[] } {
  const lines: string[] = [];
  const truncated: boolean[] = [];
  const s = new LineSplitter((t, start, end, tr) => {
    // The contract: the line is a range of `t`, followed by a line end or the end of `t`.
    assert.ok(end === t.length || t[end] === '\r' || t[end] === '\n', `line end after ${JSON.stringify(t.slice(start, end))}`);
    lines.push(t.slice(start, end));
    truncated.push(tr);
  }, max);
  for (const c of chunks) s.push(c);
  s.end();
  assert.equal(s.lines, lines.length);
  return { lines, truncated };
}

/** Every way of cutting `text` into pieces of `size` characters. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('LineSplitter', () => {
  const mixed = 'a\r\nb\nc\rd\r\n\r\ne\n\nf';
  const want = ['a', 'b', 'c', 'd', '', 'e', '', 'f'];

  it('splits CRLF, LF, CR and mixed line ends; keeps a last line without EOL', () => {
    assert.deepEqual(split([mixed]).lines, want);
  });

  it('gives the same lines however the text is chunked (CRLF split across chunks)', () => {
    for (const size of [1, 2, 3, 7]) assert.deepEqual(split(pieces(mixed, size)).lines, want, `size ${size}`);
    assert.deepEqual(split(['a\r', '\nb\r', '', '\r\n']).lines, ['a', 'b', '']);
  });

  it('counts a final line end as the end of the last line, not an extra line', () => {
    assert.deepEqual(split(['x\r\n']).lines, ['x']);
    assert.deepEqual(split(['x\r']).lines, ['x']);
    assert.deepEqual(split(['']).lines, []);
    assert.deepEqual(split([]).lines, []);
    assert.deepEqual(split(['\n']).lines, ['']);
  });

  it('caps a huge line but counts it once, in one chunk or many', () => {
    const big = 'x'.repeat(100_000);
    for (const chunks of [[big + '\nnext'], pieces(big + '\nnext', 4096)]) {
      const r = split(chunks, 1000);
      assert.equal(r.lines.length, 2);
      assert.equal(r.lines[0].length, 1000);
      assert.deepEqual(r.truncated, [true, false]);
      assert.equal(r.lines[1], 'next');
    }
  });
});
