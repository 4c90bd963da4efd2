import * as assert from 'node:assert/strict';
import { parseBracket, parseCounts, parseCallResult, parseUpdateResult, parseReportEvent, parseTitle } from '../../../src/core/analysis/patterns';
import { analyseText } from './helpers';

describe('analysis: line recognisers', () => {
  it('brackets of Windows 10 and Windows 7', () => {
    const a = parseBracket('* START *   Install ClientId = UpdateOrchestrator, Flags: 0X120 (cV: Ab.2.0.0)');
    assert.equal(a?.edge, 'start');
    assert.equal(a?.kind, 'install');
    assert.equal(a?.client, 'UpdateOrchestrator');
    const b = parseBracket('* END * Finding updates CallerId = MoUpdateOrchestrator, Id = 3, Exit code = 0x8024402F (cV = x.1)');
    assert.equal(b?.edge, 'end');
    assert.equal(b?.kind, 'search');
    assert.equal(b?.exitCode, 0x8024402f);
    assert.equal(b?.client, 'MoUpdateOrchestrator');
    const c = parseBracket('** START **  Agent: Installing updates [CallerId = AutomaticUpdates]');
    assert.equal(c?.kind, 'install');
    assert.equal(c?.client, 'AutomaticUpdates');
    assert.equal(parseBracket('-- START --  COMAPI: Search [ClientId = AutomaticUpdates]')?.kind, 'search');
    assert.equal(parseBracket('## START ##  AU: Search for updates')?.kind, 'search');
    assert.equal(parseBracket('* START * Queueing Finding updates work item [CallerId = X, Id = 20]')?.kind, 'skip');
    assert.equal(parseBracket('* END * Service exit Exit code = 0x240001')?.kind, 'skip');
    assert.equal(parseBracket('All good')?.kind, undefined);
  });
  it('counts, call results, per-update results', () => {
    assert.deepEqual(parseCounts('Install call complete (succeeded = 0, succeeded with errors = 0, failed = 1, cancelled = 0, unaccounted = 0')?.counts,
      { succeeded: 0, succeededWithErrors: 0, failed: 1, cancelled: 0, unaccounted: 0 });
    assert.deepEqual(parseCallResult('ClientId = Windows Defender: Exit code = 0x00000000; Call error code = 0x8024000B'),
      { exitCode: 0, callError: 0x8024000b, client: 'Windows Defender' });
    assert.equal(parseCallResult('* END * Service exit Exit code = 0x240001'), undefined);
    const lh = parseUpdateResult('LogHistory called for Caller=X, idUpdate=7E57A1B2-1C2D-4E5F-8A9B-0C1D2E3F4A5B.200, operation = Install, resultMapped=800F0988, resultUnMapped=800F0988');
    assert.equal(lh?.kind, 'logHistory');
    assert.equal(lh?.code, 0x800f0988);
    assert.equal(lh?.revision, 200);
    assert.equal(lh?.caller, 'X');
    const ic = parseUpdateResult('Install complete for update ID: AD27E52B-9E18-408A-9DF2-8688E5273FBF.1 Return code is 0x80070002. Requires Reboot:No');
    assert.equal(ic?.code, 0x80070002);
    assert.equal(ic?.updateId, 'AD27E52B-9E18-408A-9DF2-8688E5273FBF');
    assert.equal(parseUpdateResult('Completed install of CBS update with type=3, requiresReboot=1, installerError=0, hr=0x0')?.code, 0);
  });
  it('report events and titles', () => {
    const e = parseReportEvent('REPORT EVENT: {0AAAAAAA-1111-4222-8333-444444444444}\t2018-10-02 10:55:18:145+0300\t1\t148\t101\t{00000000-0000-0000-0000-000000000000}\t0\t80072ee2\tAutomaticUpdates\tFailure\tSoftware Synchronization\tWindows Update Client failed');
    assert.equal(e?.failure, true);
    assert.equal(e?.code, 0x80072ee2);
    assert.equal(e?.updateId, undefined);
    assert.equal(parseTitle('Title=My Update (KB5000001), ProductName=(null), UpdateId=x'), 'My Update (KB5000001)');
    assert.equal(parseTitle('  *   Title = Update for Windows 7 (KB2952664)'), 'Update for Windows 7 (KB2952664)');
  });
  it('a 1 MB line costs nothing and changes nothing', () => {
    const big = 'A'.repeat(1024 * 1024);
    const t0 = Date.now();
    const line = `2024/01/01 10:00:00.0000000 100   110   Agent           *FAILED* [80070002] ${big}(${big}`;
    const a = analyseText(`${line}\n${line}`, 'wu10');
    assert.equal(a.failures.length, 0);
    assert.equal(a.noise.length, 2);
    assert.ok(Date.now() - t0 < 5000);
    assert.ok(parseBracket(`* START * ${big}`) !== undefined);
  });
});
