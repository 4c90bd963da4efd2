// Mutated ETL bytes: the decoder never throws, never hangs, keeps every output line in the
// WindowsUpdate.log shape, and accounts for what it skipped.
import * as assert from 'node:assert/strict';
import { rng } from '../../support';
import { decodeBytes } from './helpers';
import { EtlWriter, fileTimeOf, wu, type WriterEvent } from './etlWriter';

const WU10 = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{7} \d+ +\d+ +\S+ {0,15} ?[^\r\n]*$/;

function sample(): Uint8Array {
  const ev: WriterEvent[] = [];
  for (let i = 0; i < 60; i++) {
    ev.push(i % 7 === 3
      ? { kind: 'wpp', t: i * 100, pid: 1, tid: 2, guid: '11111111-2222-3333-4444-555555555555' }
      : i % 5 === 1
        ? { t: i * 100, pid: 1, tid: 2, level: 3, name: 'Mixed', fields: [
          { name: 'n', type: 'uint16Array', value: [i, i + 1] },
          { name: 's', type: 'struct', value: [{ name: 'a', type: 'int32', value: i }, { name: 'b', type: 'string', value: `v${i}` }] },
          { name: 'c', type: 'countedString', value: 'cs' },
        ] }
        : wu(i * 100, 1, 2, 'Agent', `message number ${i} ${'.'.repeat(i % 13)}`));
  }
  return new EtlWriter({ startFileTime: fileTimeOf('2025-04-26T00:00:00Z'), bufferSize: 1024 }).add(...ev).toBytes();
}

describe('ETL decoder fuzzing', function () {
  this.timeout(60000);
  const base = sample();

  it('decodes the unmutated sample completely', async () => {
    const d = await decodeBytes(base);
    assert.equal(d.events, 60 - 9);
    assert.equal(d.files[0].corruptBufferCount, 0);
  });

  it('survives 600 mutated files (bytes flipped, runs overwritten, cut, buffers shuffled)', async () => {
    const r = rng(0xe71);
    for (let n = 0; n < 600; n++) {
      let b = Uint8Array.from(base);
      const kind = n % 4;
      if (kind === 0) for (let k = 0; k < 1 + Math.floor(r() * 20); k++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      else if (kind === 1) {
        const at = Math.floor(r() * b.length);
        const v = [0x00, 0xff, 0x7f, 0x80][Math.floor(r() * 4)];
        b.fill(v, at, Math.min(b.length, at + 1 + Math.floor(r() * 64)));
      } else if (kind === 2) b = b.subarray(0, Math.floor(r() * b.length));
      else {
        // A buffer repeated over another (loops and duplicates of offsets and sequence numbers).
        const i = 1 + Math.floor(r() * (b.length / 1024 - 1));
        const j = 1 + Math.floor(r() * (b.length / 1024 - 1));
        b.copyWithin(j * 1024, i * 1024, i * 1024 + 1024);
        b[j * 1024 + 0x48 + Math.floor(r() * 200)] ^= 0x55;
      }
      const d = await decodeBytes(b);
      for (const l of d.lines) assert.match(l, WU10, `mutation ${n}: ${l.slice(0, 200)}`);
      assert.ok(d.events <= 60, `mutation ${n}: ${d.events} events`);
      assert.ok(d.lines.length <= d.events + 12, `mutation ${n}: ${d.lines.length} lines`);
    }
  });

  it('random bytes behind a valid first buffer never throw', async () => {
    const r = rng(7);
    const head = base.subarray(0, 1024);
    for (let n = 0; n < 200; n++) {
      const tail = new Uint8Array(1024 * (1 + (n % 4)));
      for (let i = 0; i < tail.length; i++) tail[i] = Math.floor(r() * 256);
      // Plausible buffer headers over random records.
      for (let o = 0; o < tail.length; o += 1024) {
        tail.set(head.subarray(0, 0x48), o);
        tail[o + 4] = 0x00;
        tail[o + 5] = 0x04;
      }
      const b = new Uint8Array(1024 + tail.length);
      b.set(head, 0);
      b.set(tail, 1024);
      const d = await decodeBytes(b);
      for (const l of d.lines) assert.match(l, WU10);
    }
  });
});
