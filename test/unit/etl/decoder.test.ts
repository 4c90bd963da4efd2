import * as assert from 'node:assert/strict';
import { decodeBytes, eventLines, noteLines } from './helpers';
import { EtlWriter, fileTimeOf, wu } from './etlWriter';

const START = fileTimeOf('2025-04-26T12:20:44.000Z');

describe('ETL decoder: TraceLogging events', () => {
  it('decodes WU events into Get-WindowsUpdateLog lines (UTC)', async () => {
    const w = new EtlWriter({ startFileTime: START }).add(
      wu(5_000_000, 4336, 4360, 'Shared', '* START * Service startup'),
      wu(5_100_001, 4336, 4568, 'DownloadManager', 'PurgeContent', 3),
    );
    const d = await decodeBytes(w.toBytes());
    assert.deepEqual(eventLines(d), [
      '2025/04/26 12:20:44.5000000 4336  4360  Shared          * START * Service startup',
      '2025/04/26 12:20:44.5100001 4336  4568  DownloadManager PurgeContent',
    ]);
    assert.equal(d.events, 2);
    assert.equal(d.files[0].decoded, 2);
    assert.deepEqual(d.files[0].providers, { WUTraceLogging: 2 });
    // The ETW level travels with the line.
    assert.deepEqual(d.levels.slice(1, 3), [4, 3]);
    assert.match(d.lines[0], /times are UTC/);
  });

  it('prints the client local time from the header time zone (daylight saving time in April, standard in January)', async () => {
    const april = await decodeBytes(new EtlWriter({ startFileTime: START }).add(wu(0, 1, 2, 'Agent', 'x')).toBytes(), false);
    assert.match(eventLines(april)[0], /^2025\/04\/26 05:20:44\.0000000 /);
    assert.match(april.lines[0], /client's local time, UTC-08:00, UTC-07:00 in daylight saving time/);
    const jan = await decodeBytes(new EtlWriter({ startFileTime: fileTimeOf('2025-01-10T12:00:00Z') }).add(wu(0, 1, 2, 'Agent', 'x')).toBytes(), false);
    assert.match(eventLines(jan)[0], /^2025\/01\/10 04:00:00\.0000000 /);
    const east = await decodeBytes(new EtlWriter({ startFileTime: START, bias: -480, dst: false }).add(wu(0, 1, 2, 'Agent', 'x')).toBytes(), false);
    assert.match(eventLines(east)[0], /^2025\/04\/26 20:20:44\.0000000 /);
    assert.match(east.lines[0], /UTC\+08:00 \(time zone/);
  });

  it('converts a QPC clock of another frequency and a 32-bit header', async () => {
    const w = new EtlWriter({ startFileTime: START, perfFreq: 20_000_000, pointerSize: 4 }).add(wu(12_345_678, 7, 8, 'Misc', 'm'));
    const d = await decodeBytes(w.toBytes());
    assert.deepEqual(eventLines(d), ['2025/04/26 12:20:45.2345678 7     8     Misc            m']);
  });

  it('formats fields of many types: numbers, hex, HRESULT, GUID, arrays, structs, binary', async () => {
    const w = new EtlWriter({ startFileTime: START }).add({
      t: 0, pid: 1, tid: 2, level: 4, name: 'UsoEvent', provider: 'Microsoft.Windows.USO', fields: [
        { name: 'count', type: 'int32', value: -5 },
        { name: 'flags', type: 'hex32', value: 0x10 },
        { name: 'hr', type: 'hresult', value: 0x8024402c },
        { name: 'ok', type: 'bool', value: 1 },
        { name: 'big', type: 'uint64', value: 18446744073709551615n },
        { name: 'neg', type: 'int64', value: -2n },
        { name: 'ratio', type: 'double', value: 0.5 },
        { name: 'id', type: 'guid', value: '7971F918-A847-4430-9279-4A52D1EFE18D' },
        { name: 'when', type: 'filetime', value: fileTimeOf('2024-01-02T03:04:05.000Z') },
        { name: 'blob', type: 'binary', value: [0xde, 0xad] },
        { name: 'ports', type: 'uint16Array', value: [80, 443] },
        { name: 'fixed', type: 'int32Fixed', value: [1, 2, 3] },
        { name: 'inner', type: 'struct', value: [{ name: 'a', type: 'uint8', value: 9 }, { name: 'b', type: 'ansi', value: 'txt' }] },
        { name: 'c', type: 'countedString', value: 'counted' },
        { name: 's', type: 'int16', value: -1 },
      ],
    });
    const d = await decodeBytes(w.toBytes());
    assert.equal(eventLines(d)[0].slice(40), 'UsoEvent        count=-5; flags=0x00000010; hr=0x8024402C; ok=true; big=18446744073709551615; neg=-2; ratio=0.5; '
      + 'id={7971F918-A847-4430-9279-4A52D1EFE18D}; when=2024-01-02T03:04:05.000Z; blob=DEAD; ports=[80, 443]; fixed=[1, 2, 3]; inner={a=9; b=txt}; c=counted; s=-1');
    assert.deepEqual(d.files[0].providers, { 'Microsoft.Windows.USO': 1 });
  });

  it('decodes string-only events and names manifest events it cannot decode', async () => {
    const w = new EtlWriter({ startFileTime: START }).add(
      { kind: 'string', t: 1, pid: 3, tid: 4, level: 2, text: 'plain string event' },
      { kind: 'manifest', t: 2, pid: 3, tid: 4, level: 4 },
    );
    const d = await decodeBytes(w.toBytes());
    assert.equal(eventLines(d).length, 1);
    assert.match(eventLines(d)[0], / String {10}plain string event$/);
    assert.match(noteLines(d).join('\n'), /1 manifest-based event not decoded \(\{0B7A6F19-47C4-454E-8C5C-E868D637E4D8\}: 1\)/);
  });

  it('replaces line breaks inside a message so that one event stays one line', async () => {
    const d = await decodeBytes(new EtlWriter({ startFileTime: START }).add(wu(0, 1, 2, 'Agent', 'one\r\ntwo\nthree')).toBytes());
    assert.equal(eventLines(d)[0].slice(40), 'Agent           one two three');
  });
});

describe('ETL decoder: buffers and order', () => {
  it('reads several buffers and restores time order across them', async () => {
    const w = new EtlWriter({ startFileTime: START, bufferSize: 1024 });
    // Two "processors": their buffers interleave in time.
    for (let i = 0; i < 40; i += 2) w.add(wu(i * 1000, 1, 10, 'Agent', `event ${i}`));
    w.add({ kind: 'flush' });
    for (let i = 1; i < 40; i += 2) w.add(wu(i * 1000, 1, 11, 'Agent', `event ${i}`));
    const d = await decodeBytes(w.toBytes());
    assert.ok(d.files[0].buffers > 3, `buffers: ${d.files[0].buffers}`);
    assert.deepEqual(eventLines(d).map((l) => l.slice(56)), Array.from({ length: 40 }, (_, i) => `event ${i}`));
  });

  it('merges several files of one folder in time order', async () => {
    const a = new EtlWriter({ startFileTime: START }).add(wu(0, 1, 1, 'A', 'a0'), wu(20, 1, 1, 'A', 'a2')).toBytes();
    const b = new EtlWriter({ startFileTime: START }).add(wu(10, 2, 2, 'B', 'b1'), wu(30, 2, 2, 'B', 'b3')).toBytes();
    const d = await decodeBytes([a, b]);
    assert.deepEqual(eventLines(d).map((l) => l.slice(56)), ['a0', 'b1', 'a2', 'b3']);
    assert.match(d.lines[0], /from 2 ETL files \(test0\.etl, test1\.etl\)/);
  });

  it('counts and names WPP events without turning them into lines', async () => {
    const w = new EtlWriter({ startFileTime: START }).add(
      wu(0, 1, 1, 'Agent', 'decoded'),
      { kind: 'wpp', t: 1, pid: 1, tid: 1, guid: '11111111-2222-3333-4444-555555555555' },
      { kind: 'wpp', t: 2, pid: 1, tid: 1, guid: '11111111-2222-3333-4444-555555555555' },
    );
    const d = await decodeBytes(w.toBytes());
    assert.deepEqual(eventLines(d).map((l) => l.slice(56)), ['decoded']);
    assert.deepEqual(d.files[0].wpp, { '11111111-2222-3333-4444-555555555555': 2 });
    assert.match(noteLines(d).join('\n'), /2 WPP events not decoded \(11111111-2222-3333-4444-555555555555: 2\): WPP messages carry no schema/);
  });

  it('says why a file with only WPP events has no decodable event', async () => {
    const w = new EtlWriter({ startFileTime: START }).add({ kind: 'wpp', t: 1, pid: 1, tid: 1, guid: '11111111-2222-3333-4444-555555555555' });
    const d = await decodeBytes(w.toBytes());
    assert.equal(eventLines(d).length, 0);
    assert.match(noteLines(d).join('\n'), /no decodable event: it holds only WPP events/);
  });

  it('skips the rest of a corrupt buffer, names it, and decodes the other buffers', async () => {
    const w = new EtlWriter({ startFileTime: START, bufferSize: 1024 });
    for (let i = 0; i < 30; i++) w.add(wu(i, 1, 1, 'Agent', `event ${i} ${'x'.repeat(40)}`));
    const bytes = w.toBytes();
    // Second event of the second data buffer: an impossible record size.
    const buf = 2 * 1024;
    const first = buf + 0x48;
    const second = first + ((bytes[first] | (bytes[first + 1] << 8)) + 7 & ~7);
    bytes[second] = 0xff;
    bytes[second + 1] = 0x7f;
    const d = await decodeBytes(bytes);
    assert.equal(d.files[0].corruptBufferCount, 1);
    assert.ok(d.events >= 20 && d.events < 30, `events: ${d.events}`);
    assert.match(noteLines(d).join('\n'), new RegExp(`1 corrupt buffer: .*buffer at byte ${buf}: record size 32767`));
  });

  it('decodes a truncated file up to where it ends and says so', async () => {
    const w = new EtlWriter({ startFileTime: START, bufferSize: 1024 });
    for (let i = 0; i < 30; i++) w.add(wu(i, 1, 1, 'Agent', `event ${i} ${'x'.repeat(40)}`));
    const bytes = w.toBytes();
    const d = await decodeBytes(bytes.subarray(0, bytes.length - 700));
    assert.equal(d.files[0].truncated, true);
    assert.ok(d.events > 10 && d.events < 30, `events: ${d.events}`);
    assert.match(noteLines(d).join('\n'), /ends inside its last buffer/);
  });

  it('says when the header was never finalised (copied while logging) and still reads every buffer', async () => {
    const d = await decodeBytes(new EtlWriter({ startFileTime: START, finalised: false }).add(wu(0, 1, 1, 'Agent', 'x')).toBytes());
    assert.equal(d.events, 1);
    assert.match(noteLines(d).join('\n'), /never finalised .* copied while its trace session was still writing it/);
  });
});

describe('ETL decoder: bad input', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(0), /the file is empty/],
    ['a text file', new TextEncoder().encode('2024/03/05 09:00:00.1000000 3100  3200  Agent  hello\n'.repeat(3)), /not an ETL file/],
    ['an absurd buffer size', (() => { const b = new EtlWriter().toBytes(); b[3] = 0x7f; return b; })(), /not an ETL file: impossible buffer size/],
    ['a first buffer longer than the file', (() => { const b = new EtlWriter({ bufferSize: 8192 }).toBytes(); return b.subarray(0, 5000); })(), /shorter \(5000 bytes\) than its first buffer/],
    ['a missing logfile header', (() => { const b = new EtlWriter().toBytes(); b[0x4a] = 0x13; return b; })(), /not a trace logfile header/],
  ];
  for (const [what, bytes, why] of cases) {
    it(`reports ${what} with a clear reason`, async () => {
      const d = await decodeBytes(bytes);
      assert.equal(d.events, 0);
      assert.match(d.files[0].fatal ?? '', why);
      assert.match(noteLines(d).join('\n'), /no decodable event/);
    });
  }
});
