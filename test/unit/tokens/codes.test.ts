import * as assert from 'node:assert/strict';
import { findCodes } from '../../../src/core/tokens';
import type { CodeRef } from '../../../src/core/model/types';

function only(line: string): CodeRef {
  const codes = findCodes(line);
  assert.equal(codes.length, 1, `expected one code in ${JSON.stringify(line)}, got ${JSON.stringify(codes)}`);
  const c = codes[0];
  assert.equal(line.slice(c.span.start, c.span.end), c.text, 'span must cover exactly the text');
  return c;
}

describe('findCodes', () => {
  it('reads 0x codes in upper and lower case, with exact spans', () => {
    const a = only('Install failed: 0x800F0988 after reboot');
    assert.deepEqual([a.value, a.form, a.text, a.span], [0x800f0988, 'hex', '0x800F0988', { start: 16, end: 26 }]);
    assert.equal(only('x 0x800f0988').value, 0x800f0988);
  });

  it('takes the name the log printed in [HRESULT = .. - NAME], also with spaces', () => {
    const c = only('2021-11-02 10:01:07, Error                 CBS    Failed to resolve package [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]');
    assert.equal(c.loggedName, 'CBS_E_STORE_CORRUPTION');
    assert.equal(c.role, 'hresult');
    assert.equal(only('Failed [HRESULT = 0x80004005 - Unknown Error]').loggedName, 'Unknown Error');
  });

  it('gives roles for the outcome keys', () => {
    const line = 'LogHistory called...idUpdate={3C1F5E2A-7B44-4D0E-9F3A-1E2D3C4B5A69}.201, resultMapped=800F0922, resultUnMapped=0';
    const codes = findCodes(line);
    assert.deepEqual(codes.map((c) => [c.text, c.form, c.role, c.value]), [
      ['800F0922', 'bare', 'resultMapped', 0x800f0922],
      ['0', 'bare', 'resultUnMapped', 0],
    ]);
    assert.equal(only('* END * Finding updates CallerId = Update, Id = 96, Exit code = 0x8024402F').role, 'exitCode');
    assert.deepEqual(findCodes('Exit code = 0x00000000; Call error code = 0x80240022').map((c) => c.role), ['exitCode', 'callError']);
    assert.equal(only('Install complete for update ID 1. Return code is 0x80070002').role, 'returnCode');
    assert.equal(only('Return code = 0x80070002').role, 'returnCode');
    assert.equal(only('*FAILED* [800706BE] Method failed [CAgentUpdateManager::InstallUpdate:11739]').role, 'failedMarker');
    assert.equal(only('Download(134): Result = 0x8024402C').role, 'result');
    assert.equal(only('Failed to delete file. hr = 0x80070005').role, 'hresult');
    assert.equal(only('Error - CPackageManager::Foo(hr:0x800f081f)').role, 'hresult');
    assert.equal(only('CFirstUXWnd::OpenExisting failed with error 80070490').role, 'error');
    assert.equal(only('Failed to find updates with error code 80072EFD').role, 'error');
    assert.equal(only('WARNING: Send failed with hr = 80072efd.').role, 'hresult');
    assert.equal(only('Something odd [8024000E] here').role, 'bracket');
    assert.deepEqual(findCodes('check failed. 0x00000490[gle=0x00000002]').map((c) => [c.text, c.role]), [['0x00000490', undefined], ['0x00000002', 'lastError']]);
  });

  it('keeps 0x00000000 as a success code', () => {
    const c = only('Exit code = 0x00000000');
    assert.equal(c.value, 0);
  });

  it('reads signed and unsigned decimal HRESULTs only after a result/error keyword', () => {
    const a = only('Search failed, error -2145124322');
    assert.deepEqual([a.value, a.form, a.role], [0x8024001e, 'decimal', 'error']);
    assert.equal(only('hr=2149842974 done').value, 0x8024001e);
    assert.deepEqual(findCodes('Downloaded 2149842974 bytes of -2145124322'), []);
    assert.deepEqual(findCodes('Session: 31012345_1122334455 initialized'), []);
    assert.deepEqual(findCodes('Result = 147'), []);
  });

  it('does not take GUID parts, hashes, timestamps, addresses, flags or the setup id column', () => {
    const noCodes = [
      'update {9F4EC79F-3A97-4772-B635-2899468900A2}.1 and 6F3FE9DD-7BCD-4A69-844F-2CF4766E5B0B.200',
      'service 8B24B027-1DEE-BABB-9A95-3517DFB9C552 [d:D781D795]: Search',
      '2023/06/13 12:39:51.4529353 4596  12908 Agent           content at C:\\Windows\\SoftwareDistribution\\Download\\2b8dfb822b129f1b8fe8ec04650587a1.',
      '00000001@2019/2/24:19:45:44.745 WcpInitialize (wcp.dll version 0.0.0.6) called (stack @0x57b1d999 @0x57d55f2b @0x7fed806eb5d)',
      'CSI Transaction @0x1f2e3d4c5b60 initialized with flags 00000002 and context 000001F2E3D4C5B6',
      'cab with dwProvFlags 0x00000010 and Flags: 0x1',
      'URL /SLS/x?CH=602&L=en-US&P=&PT=0x4&WUA=10.0.17763.1852',
      'Calling into handler 0x9 to generate download request',
      '[SR] Verifying 100 (0x00000064) components',
      '2019-03-29 00:25:29, Info       [0x0601c1] IBS    InstallWindows:Install Path = X:\\Sources',
      'hash 3A1B2C3D4E5F60718293A4B5C6D7E8F9 sha 0x1234567890ab',
      'build 10.0.19041.3996 at 20230613 12:39:51',
      'id [0A1B2C3D] not a failure',
      'file$0x80070005 path\\0x80070005',
    ];
    for (const l of noCodes) assert.deepEqual(findCodes(l), [], l);
  });

  it('reads the error field of a ReportingEvents line (tab-separated, bare hex)', () => {
    const line = '{5B2C3D4E-6F70-4182-93A4-B5C6D7E8F901}\t2023-08-01 03:00:00:001+0200\t1\t148 [AGENT_DETECTION_FAILED]\t101\t{9482F4B4-E343-43B6-B170-9A65BC822C77}\t0\t80072ee2\tUpdateOrchestrator\tFailure\tSoftware Synchronization\tWindows Update Client failed to detect with error 0x80072ee2.\tZyXwVuTs98765432.1.0.0.2.0';
    const codes = findCodes(line);
    assert.deepEqual(codes.map((c) => [c.text, c.role]), [['80072ee2', 'reportedError'], ['0x80072ee2', 'error']]);
  });

  it('finds a bare or signed decimal value at every column (the scan probes every 8th character)', () => {
    for (let k = 0; k < 20; k++) {
      const pad = 'q'.repeat(k);
      const bare = findCodes(`${pad} error 80070005 end`);
      assert.deepEqual(bare.map((c) => [c.text, c.span.start, c.role]), [['80070005', k + 7, 'error']], `bare at ${k}`);
      const dec = findCodes(`${pad} error -2145124322.`);
      assert.deepEqual(dec.map((c) => [c.value, c.span.start, c.form]), [[0x8024001e, k + 7, 'decimal']], `decimal at ${k}`);
      // Longer hex runs, GUID parts and values glued to words are not values.
      assert.deepEqual(findCodes(`${pad} error 800700051 error 80070005-1 error 80070005x error x80070005`), [], `rejects at ${k}`);
    }
  });

  it('takes a bare value only from its first character on, with the separator before the start column allowed', () => {
    const line = 'hr=80070005';
    assert.equal(findCodes(line, 3).length, 1);
    assert.equal(findCodes(line, 4).length, 0);
    assert.equal(findCodes('error -2145124322', 6).length, 1);
    assert.equal(findCodes('error -2145124322', 7).length, 0);
  });

  it('returns codes in column order when short mapped values precede longer ones', () => {
    const codes = findCodes('LogHistory resultMapped=0, resultUnMapped=800F0922, then Exit code = 0x1');
    assert.deepEqual(codes.map((c) => c.text), ['0', '800F0922', '0x1']);
    const only = findCodes('resultMapped=2, resultUnMapped=80070005');
    assert.deepEqual(only.map((c) => [c.text, c.role]), [['2', 'resultMapped'], ['80070005', 'resultUnMapped']]);
  });

  it('names roles from keywords in any letter case and prefers the longest keyword', () => {
    assert.equal(only('CALL ERROR CODE = 0x80240022').role, 'callError');
    assert.equal(only('last error: 0x80240022').role, 'lastError');
    assert.equal(only('Unmapped Result Code = 0x80240022').role, 'resultUnMapped');
    assert.equal(only('mapped result = 0x80240022').role, 'resultMapped');
    assert.equal(only('HResult=0x80240022').role, 'hresult');
    assert.equal(only('STATUS 0x80240022').role, 'status');
  });

  it('starts at the given column', () => {
    const line = '[80070005] then 0x80240022';
    assert.deepEqual(findCodes(line, 10).map((c) => c.text), ['0x80240022']);
  });

  it('scans a 1 MB line of digits, hex or brackets and finds nothing', () => {
    for (const unit of ['1', 'f', '[', '0x', '[8', '-1', '{a']) {
      const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const got = findCodes(line);
      assert.ok(got.length <= 1, `${unit}: ${got.length}`);
    }
  });

  it('finds many codes on a long line of repeated outcomes', () => {
    const line = 'Exit code = 0x80070005; '.repeat(20000);
    assert.equal(findCodes(line).length, 20000);
  });
});
