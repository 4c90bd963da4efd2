import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LogStream, readFile, readText } from '../../../src/core/readers';
import type { FileInfo, LogRecord } from '../../../src/core/model/types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/logs');
const fixture = (name: string): string => path.join(FIXTURES, name);
const text = (name: string): string => fs.readFileSync(fixture(name), 'utf8');

function readAll(name: string): { info: FileInfo; records: LogRecord[] } {
  return readText(text(name).replace(/^\uFEFF/, ''), name);
}

describe('readers: WindowsUpdate.log (Windows 10/11)', () => {
  it('reads header fields, time, message column and tokens', () => {
    const { info, records } = readAll('wu10-slash.log');
    assert.equal(info.format, 'wu10');
    assert.equal(info.lines, 6);
    assert.equal(info.recordLines, 6);
    assert.equal(info.unreadable, undefined);
    const lines = text('wu10-slash.log').split('\r\n');
    const r = records[2];
    assert.equal(r.line, 2);
    assert.equal(r.endLine, 2);
    assert.equal(r.timeText, '2023/03/14 09:12:02.0000001');
    assert.equal(r.time, Date.UTC(2023, 2, 14, 9, 12, 2) + 0.0001);
    assert.equal(r.pid, 5120);
    assert.equal(r.tid, 7304);
    assert.equal(r.component, 'Handler');
    assert.equal(r.message, '*FAILED* [800F0922] Install of package failed');
    assert.equal(r.level, 'error', 'the *FAILED* marker');
    assert.equal(records[0].level, 'info');
    assert.equal(lines[2].slice(r.messageColumn), r.message);
    assert.deepEqual(r.codes.map((c) => [c.value, c.role, lines[2].slice(c.span.start, c.span.end)]), [[0x800f0922, 'failedMarker', '800F0922']]);
    const start = records[1];
    assert.deepEqual(start.cvs.map((c) => c.cv), ['Qx7pLm2RtYv0AbCd.3.1']);
    const hist = records[4];
    assert.deepEqual(hist.updateIds.map((u) => [u.id, u.revision]), [['3C1F5E2A-7B44-4D0E-9F3A-1E2D3C4B5A69', 201]]);
    assert.deepEqual(hist.codes.map((c) => c.role), ['resultMapped', 'resultUnMapped']);
    // The 15-character component fills its padded column: the message starts right after one space.
    assert.equal(records[3].component, 'DownloadManager');
    assert.ok(records[3].message.startsWith('PurgeContentForPatchUpdate::'));
    assert.deepEqual(records[3].codes, [], 'a hash in a path is not a code');
  });

  it('reads dash dates, LF endings and KB numbers', () => {
    const { info, records } = readAll('wu10-dash-lf.log');
    assert.equal(info.format, 'wu10');
    assert.equal(records.length, 3);
    assert.equal(records[0].time, Date.UTC(2024, 4, 2, 18, 40, 11) + 700.0001);
    assert.deepEqual(records[0].kbs.map((k) => k.kb), ['5036893']);
    assert.deepEqual(records[1].updateIds.map((u) => [u.id, u.revision]), [['8E1D2C3B-4A59-4677-8899-AABBCCDDEEFF', 1]]);
  });

  it('flags mojibake and keeps the records readable', () => {
    const { info, records } = readAll('wu10-mojibake.log');
    assert.equal(info.format, 'wu10');
    assert.equal(info.mojibake, true);
    assert.equal(records.length, 4);
    assert.equal(readAll('wu10-slash.log').info.mojibake, undefined);
  });

  it('flags mojibake that first appears after many ASCII chunks of bytes', () => {
    // ASCII chunks skip the per-record check; it must resume once non-ASCII bytes arrive.
    const ascii = text('wu10-slash.log').trimEnd() + '\r\n';
    const head = Buffer.from(ascii.repeat(Math.ceil(200_000 / ascii.length)), 'utf8');
    const tail = Buffer.from(text('wu10-mojibake.log'), 'utf8');
    for (const [bytes, expected] of [[Buffer.concat([head, tail]), true], [head, undefined]] as const) {
      const stream = new LogStream(() => undefined, 'WindowsUpdate.log');
      for (let i = 0; i < bytes.length; i += 4096) stream.pushBytes(bytes.subarray(i, i + 4096));
      const info = stream.end();
      assert.equal(info.format, 'wu10');
      assert.equal(info.mojibake, expected);
    }
  });
});

describe('readers: WindowsUpdate.log (Windows 7)', () => {
  it('reads tab-separated fields with decimal PID and hex TID, padded', () => {
    const { info, records } = readAll('wu7.log');
    assert.equal(info.format, 'wu7');
    assert.equal(records.length, 6);
    const r = records[2];
    assert.equal(r.pid, 512);
    assert.equal(r.tid, 0x1a4);
    assert.equal(r.component, 'PT');
    assert.equal(r.time, Date.UTC(2019, 0, 7, 8, 15, 44, 900));
    assert.equal(r.timeText, '2019-01-07\t08:15:44:900');
    assert.ok(r.message.startsWith('+ ServiceId = {9482F4B4'));
    assert.equal(records[4].message, '* WARNING: Exit code = 0x80072EE2');
    assert.equal(records[4].level, 'warning');
    assert.equal(records[3].level, 'warning');
    assert.equal(records[1].level, 'info');
    assert.equal(records[4].codes[0].role, 'exitCode');
    // REPORT EVENT carries the ReportingEvents fields inline: the bare error field is a code.
    assert.deepEqual(records[5].codes.map((c) => [c.text, c.role]), [['80072ee2', 'reportedError'], ['0x80072ee2', 'error']]);
    assert.deepEqual(records[5].reporting, {
      eventGuid: '0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0',
      eventId: 148,
      eventName: '',
      result: 'failure',
      caller: 'AutomaticUpdates',
      category: 'Software Synchronization',
    });
    assert.equal(records[4].reporting, undefined);
  });
});

describe('readers: CBS / DISM / setup', () => {
  it('reads levels, components, codes with logged names, and joins continuation lines', () => {
    const { info, records } = readAll('cbs.log');
    assert.equal(info.format, 'cbs');
    assert.equal(info.lines, 9);
    assert.equal(info.recordLines, 7);
    assert.equal(info.continuationLines, 2);
    assert.equal(info.unrecognisedLines, 0);
    const err = records[3];
    assert.equal(err.level, 'error');
    assert.equal(err.component, 'CBS');
    assert.equal(err.time, Date.UTC(2021, 10, 2, 10, 1, 7));
    assert.equal(err.timeText, '2021-11-02 10:01:07');
    assert.equal(err.message, 'Failed to resolve package [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]');
    assert.equal(err.codes[0].loggedName, 'CBS_E_STORE_CORRUPTION');
    const withCont = records[4];
    assert.equal(withCont.line, 4);
    assert.equal(withCont.endLine, 6);
    assert.deepEqual(withCont.continuation, [
      'Original owner: Package_for_KB5007186~31bf3856ad364e35~amd64~~19041.1348.1.5',
      'New owner: Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.1348.1.7',
    ]);
    assert.equal(withCont.codes[0].loggedName, 'Unknown Error');
    assert.equal(records[5].level, 'warning');
    assert.deepEqual(records[5].kbs.map((k) => k.kb), ['5007186']);
    const empty = records[6];
    assert.equal(empty.component, '');
    assert.equal(empty.message, 'Feature: Example.Feature~~1.0 found. Adding packages to it');
    // CSI context and address-like hex are not codes; the deployment engine GUID is found.
    assert.deepEqual(records[2].codes, []);
  });

  it('reads DISM PID/TID and the (hr:0x...) suffix', () => {
    const { info, records } = readAll('dism.log');
    assert.equal(info.format, 'dism');
    assert.equal(records[0].pid, 4120);
    assert.equal(records[0].tid, 4124);
    assert.equal(records[0].component, 'DISM');
    assert.equal(records[2].component, 'CBS');
    assert.equal(records[2].pid, undefined);
    assert.equal(records[3].tid, 4130);
    assert.equal(records[3].level, 'error');
    assert.deepEqual(records[3].codes.map((c) => [c.value, c.role]), [[0x800f081f, 'hresult']]);
  });

  it('reads the setup message-id column and the empty component', () => {
    const { info, records } = readAll('setupact.log');
    assert.equal(info.format, 'setup');
    assert.equal(records.length, 6);
    assert.equal(records[0].messageId, '0x0601c1');
    assert.equal(records[0].component, 'IBS');
    assert.equal(records[0].message, 'InstallWindows:Install Path = X:\\Sources');
    assert.deepEqual(records[0].codes, [], 'the message id is not a code');
    assert.equal(records[1].messageId, undefined);
    assert.equal(records[1].component, 'PANTHR');
    assert.equal(records[3].codes[0].role, 'result');
    assert.equal(records[4].component, '');
    assert.equal(records[4].message, '[windeploy.exe] WinDeploy.exe launched with command-line []...');
    assert.equal(records[5].level, 'warning');
    assert.equal(records[5].messageId, '0x0a0123');
  });

  it('reads a last line without a line end, and LF-only files', () => {
    const { info, records } = readAll('cbs-lf-noeol.log');
    assert.equal(info.lines, 6);
    assert.equal(records.length, 5);
    assert.equal(records[1].endLine, 2);
    assert.equal(records[4].line, 5);
    assert.equal(records[4].codes[0].loggedName, 'ERROR_FILE_NOT_FOUND');
  });

  it('reads CR-only and mixed line ends', () => {
    const { info, records } = readAll('cbs-mixed-eol.log');
    assert.equal(info.lines, 5);
    assert.deepEqual(records.map((r) => [r.line, r.endLine, r.message]), [
      [0, 0, 'first'],
      [1, 1, 'second'],
      [2, 3, 'third'],
      [4, 4, 'fourth'],
    ]);
  });

  it('caps the continuation lines kept per record but still counts them', () => {
    const many = ['2020-01-01 00:00:00, Info                  CBS    head'];
    for (let i = 0; i < 2500; i++) many.push(`  detail ${i}`);
    many.push('2020-01-01 00:00:01, Info                  CBS    next');
    const { info, records } = readText(many.join('\n'));
    assert.equal(records.length, 2);
    assert.equal(records[0].endLine, 2500);
    assert.equal(records[0].continuation?.length, 2000);
    assert.equal(records[0].continuationDropped, 500);
    assert.equal(info.continuationLines, 2500);
  });
});

describe('readers: ReportingEvents.log', () => {
  it('reads UTF-16LE with BOM and the 13 fields', async () => {
    const records: LogRecord[] = [];
    const info = await readFile(fixture('reporting.log'), (r) => records.push(r));
    assert.equal(info.format, 'reporting');
    assert.equal(info.encoding, 'utf16le');
    assert.equal(records.length, 3);
    const f = records[1];
    assert.deepEqual(f.reporting, {
      eventGuid: '5B2C3D4E-6F70-4182-93A4-B5C6D7E8F901',
      eventId: 148,
      eventName: 'AGENT_DETECTION_FAILED',
      serviceId: '9482F4B4-E343-43B6-B170-9A65BC822C77',
      result: 'failure',
      caller: 'UpdateOrchestrator',
      category: 'Software Synchronization',
      cv: 'ZyXwVuTs98765432.1.0.0.2.0',
    });
    assert.equal(f.level, 'error');
    assert.equal(f.time, Date.UTC(2023, 7, 1, 3, 0, 0, 1));
    assert.equal(f.message, 'Windows Update Client failed to detect with error 0x80072ee2.');
    assert.deepEqual(f.codes.map((c) => [c.value, c.role]), [[0x80072ee2, 'reportedError'], [0x80072ee2, 'error']]);
    assert.deepEqual(records[2].kbs.map((k) => k.kb), ['5028166']);
    assert.equal(records[2].reporting?.revision, 201);
    assert.equal(records[2].reporting?.updateId, '7D4E5F60-8192-43A4-B5C6-D7E8F9011223');
    assert.deepEqual(records[2].updateIds.map((u) => u.id), ['7D4E5F60-8192-43A4-B5C6-D7E8F9011223']);
    assert.deepEqual(f.updateIds, [], 'a detection event names a service, not an update');
    assert.ok(!records[0].updateIds.some((u) => u.id === '4A1B2C3D-5E6F-4071-8293-A4B5C6D7E8F9'), 'the event GUID is not an update id');
  });
});

describe('readers: unreadable input', () => {
  it('says etl for an ETL buffer, without records', () => {
    const etl = new Uint8Array(8192);
    etl[1] = 0x10;
    etl[0x4a] = 0x02;
    etl[0x4b] = 0xc0;
    for (let i = 0x50; i < 4096; i++) etl[i] = (i * 7) & 0xff;
    const records: LogRecord[] = [];
    const s = new LogStream((r) => records.push(r), 'WindowsUpdate.20250101.000000.000.1.etl');
    s.pushBytes(etl);
    const info = s.end();
    assert.equal(info.format, 'etl');
    assert.equal(info.unreadable, 'etl');
    assert.equal(records.length, 0);
  });

  it('says binary for other binary data', () => {
    const junk = new Uint8Array(5000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 131 + 7) & 0xff;
    const s = new LogStream(() => assert.fail('no records'));
    s.pushBytes(junk);
    assert.deepEqual([s.end().unreadable, s.end().format], ['binary', 'unknown']);
  });

  it('says undecoded for Get-WindowsUpdateLog output without symbols', () => {
    const { info, records } = readAll('undecoded.log');
    assert.equal(info.format, 'undecoded');
    assert.equal(info.unreadable, 'undecoded');
    assert.equal(info.lines, 2);
    assert.equal(records.length, 0);
  });

  it('says unknownFormat for other programs’ logs and CMTrace logs, without records', () => {
    for (const name of ['other-program.log', 'cmtrace.log']) {
      const { info, records } = readAll(name);
      assert.equal(info.format, 'unknown', name);
      assert.equal(info.unreadable, 'unknownFormat', name);
      assert.equal(records.length, 0);
      assert.equal(info.unrecognisedLines, info.lines - info.blankLines);
    }
  });

  it('says empty for an empty file and for blank text', async () => {
    const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-')), 'empty.log');
    fs.writeFileSync(empty, '');
    const info = await readFile(empty, () => assert.fail('no records'));
    assert.deepEqual([info.unreadable, info.lines], ['empty', 0]);
    assert.equal(readText('\r\n  \r\n').info.unreadable, 'empty');
    assert.equal(readText('').info.unreadable, 'empty');
  });

  it('rejects (does not throw synchronously) for a missing file', async () => {
    await assert.rejects(readFile(fixture('no-such-file.log'), () => undefined));
  });

  it('counts and caps a 1 MB line inside a log without losing the records around it', () => {
    const head = text('wu10-slash.log');
    const huge = '2023/03/14 09:12:09.0000000 5120  7304  Agent           ' + '0x8'.repeat(350_000);
    const { info, records } = readText(head + huge + '\r\n' + head);
    assert.equal(info.lines, 13);
    assert.equal(info.truncatedLines, 1);
    assert.equal(records.length, 13);
    assert.equal(records[6].truncated, true);
    assert.ok(records[6].message.length < 70_000);
  });
});

describe('readers: UTF-16 without BOM and big-endian', () => {
  it('reads a BOM-less UTF-16LE and a UTF-16BE WindowsUpdate.log through pushBytes', () => {
    const src = text('wu10-slash.log');
    const want = readText(src, 'WindowsUpdate.log').records;
    const le = Buffer.from(src, 'utf16le');
    const be = Buffer.from('\ufeff' + src, 'utf16le').swap16();
    for (const [bytes, enc] of [[le, 'utf16le'], [be, 'utf16be']] as const) {
      const got: LogRecord[] = [];
      const s = new LogStream((r) => got.push(r), 'WindowsUpdate.log');
      for (let i = 0; i < bytes.length; i += 5) s.pushBytes(bytes.subarray(i, i + 5));
      const info = s.end();
      assert.equal(info.encoding, enc);
      assert.equal(info.format, 'wu10');
      assert.deepEqual(got, want);
    }
  });
});

describe('readers: a zero-filled tail', () => {
  it('counts a NUL block after the text as blank, not as unrecognised lines', () => {
    const src = Buffer.concat([Buffer.from(text('cbs.log')), Buffer.alloc(70_000)]);
    const s = new LogStream(() => undefined, 'CBS.log');
    s.pushBytes(src);
    const info = s.end();
    assert.equal(info.format, 'cbs');
    assert.equal(info.unrecognisedLines, 0);
    assert.equal(info.truncatedLines, 1);
  });
});

describe('readers: a caller that reuses its read buffer', () => {
  it('gives the same records when every chunk is read into the same buffer', () => {
    const bytes = fs.readFileSync(fixture('cbs.log'));
    const want = readText(text('cbs.log').replace(/^\uFEFF/, ''), 'CBS.log').records;
    const got: LogRecord[] = [];
    const s = new LogStream((r) => got.push(r), 'CBS.log');
    const buf = Buffer.alloc(16);
    for (let i = 0; i < bytes.length; i += 16) {
      const n = bytes.copy(buf, 0, i, i + 16);
      s.pushBytes(buf.subarray(0, n));
      buf.fill(0x41);
    }
    s.end();
    assert.deepEqual(got, want);
  });
});
