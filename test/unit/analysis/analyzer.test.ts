import * as assert from 'node:assert/strict';
import { analyseFixtures, analyseText, lines } from './helpers';

describe('analysis: outcomes, phases and chains', () => {
  it('ties an install failure logged three ways (handler, LogHistory, ComApi) into one failure', () => {
    const a = analyseFixtures('wu10-install-fail.log');
    assert.equal(a.failures.length, 1);
    const f = a.failures[0];
    assert.equal(f.phase, 'install');
    assert.equal(f.code, 0x80070002);
    assert.equal(f.updateId, '7E57A1B2-1C2D-4E5F-8A9B-0C1D2E3F4A5B');
    assert.equal(f.revision, 200);
    assert.equal(f.kb, '5035853');
    assert.match(f.title ?? '', /Cumulative Update/);
    assert.equal(f.callErrorCode, 0x80240022);
    const call = a.calls.find((c) => c.key === f.callKey);
    assert.ok(call, 'the failure names its call');
    assert.equal(call.kind, 'install');
    assert.equal(call.client, 'UpdateOrchestrator');
    assert.equal(call.startLine + 1, 8);
    assert.equal(call.result, 'failed');
    // Chain: call start, root cause, handler outcome, LogHistory, call counts.
    const ev = lines(f.evidence);
    for (const l of [8, 12, 14, 16, 19]) assert.ok(ev.includes(l), `evidence has line ${l}: ${ev}`);
    assert.equal(f.rootCause && f.rootCause.line + 1, 12);
    assert.equal(a.updates.find((u) => u.updateId === f.updateId)?.outcome, 'failed');
  });

  it('keeps an install failure seen by DownloadManager in the install phase', () => {
    const a = analyseFixtures('wu10-install-fail.log');
    assert.ok(a.failures.every((f) => f.phase === 'install'));
  });

  it('reads a scan failure from the agent exit code and merges the repeat', () => {
    const a = analyseFixtures('wu10-scan-fail.log');
    assert.equal(a.failures.length, 1);
    const f = a.failures[0];
    assert.equal(f.phase, 'scan');
    assert.equal(f.code, 0x8024402f);
    assert.equal(f.occurrences, 2);
    assert.equal(f.at.line + 1, 8, 'the latest outcome line represents the group');
    assert.deepEqual(lines(f.repeats ?? []), [5]);
    assert.equal(f.updateId, undefined);
    assert.equal(a.calls.filter((c) => c.result === 'failed' && c.kind === 'search').length, 2);
  });

  it('finds the download failure of an update behind a generic call error', () => {
    const a = analyseFixtures('wu10-download-fail.log');
    assert.equal(a.failures.length, 1, 'the call result and the BITS line are one chain');
    const f = a.failures[0];
    assert.equal(f.phase, 'download');
    assert.equal(f.code, 0x8020002b);
    assert.equal(f.updateId, 'C0FFEE00-1234-4321-ABCD-00000000BEEF');
    assert.equal(f.callErrorCode, 0x80240022);
    assert.ok(f.callKey);
  });

  it('does not report a cancelled Windows Defender call (0x8024000B) as a failure', () => {
    const a = analyseFixtures('wu10-defender-cancel.log');
    assert.equal(a.failures.length, 0);
    const c = a.calls.find((x) => x.client === 'Windows Defender');
    assert.equal(c?.result, 'cancelled');
    assert.equal(c?.callErrorCode, 0x8024000b);
    const n = a.noise.find((x) => x.code === 0x8024000b);
    assert.equal(n?.kind, 'benign');
    assert.match(n?.reason ?? '', /Windows Defender/);
  });

  it('treats LogHistory 0x80242014 after a successful install as pending reboot, not a failure', () => {
    const a = analyseFixtures('wu10-pending-reboot.log');
    assert.equal(a.failures.length, 0);
    assert.equal(a.pending?.length, 1);
    assert.equal(a.pending?.[0].code, 0x80242014);
    assert.equal(a.pending?.[0].kb, '5004237');
  });

  it('reports the same LogHistory code as a failure when nothing says the install succeeded', () => {
    const text = [
      '2021/07/13 18:08:30.0000000 3700  3710  ComApi          * START *   Install ClientId = CcmExec',
      '2021/07/13 18:08:48.8800000 380   390   Agent           LogHistory called. idUpdate={6A6A6A6A-7B7B-4C4C-8D8D-9E9E9E9E9E9E}.204, resultMapped=80242014, resultUnMapped=0',
      '2021/07/13 18:08:48.8997727 3700  3720  ComApi          Install call complete (succeeded = 0, succeeded with errors = 0, failed = 1, cancelled = 0, unaccounted = 0',
      '2021/07/13 18:08:48.9000000 3700  3720  ComApi          * END *   Install ClientId = CcmExec',
    ].join('\n');
    const a = analyseText(text, 'wu10');
    assert.equal(a.failures.length, 1);
    assert.equal(a.failures[0].code, 0x80242014);
    assert.equal(a.failures[0].phase, 'commit', 'a post-reboot result of the handler');
    assert.equal(a.failures[0].callErrorCode, undefined, 'the call joined the chain (no code of its own)');
    assert.ok(a.failures[0].callKey);
    assert.equal(a.pending?.length, 0);
  });

  it('Windows 7: scan failures with REPORT EVENT lines dedup; install failure keeps its KB', () => {
    const a = analyseFixtures('wu7-mixed.log');
    assert.equal(a.failures.length, 2);
    const scan = a.failures.find((f) => f.phase === 'scan');
    assert.equal(scan?.code, 0x80072ee2);
    assert.equal(scan?.occurrences, 2, 'two calls, their report events merged in');
    const inst = a.failures.find((f) => f.phase === 'install');
    assert.equal(inst?.code, 0x800f0922);
    assert.equal(inst?.updateId, '4F4F4F4F-5A5A-4B6B-8C7C-9D8D9D8D9D8D');
    assert.equal(inst?.kb, '4462915');
    const call = a.calls.find((c) => c.key === inst?.callKey);
    assert.equal(call?.client, 'AutomaticUpdates');
  });

  it('CBS: one failure per session outcome, commit phase after a restart, sessions with KBs', () => {
    const a = analyseFixtures('cbs-kb-fail.log');
    assert.equal(a.cbsSessions.length, 2);
    assert.equal(a.cbsSessions[0].client, 'WindowsUpdateAgent');
    assert.deepEqual(a.cbsSessions[0].kbs, ['5035853']);
    assert.ok(a.cbsSessions[0].errors.some((e) => e.code === 0x800f081f && e.name === 'CBS_E_SOURCE_MISSING'));
    assert.equal(a.failures.length, 2);
    const inst = a.failures.find((f) => f.phase === 'install');
    assert.equal(inst?.code, 0x800f081f);
    assert.equal(inst?.kb, '5035853');
    assert.equal(inst?.loggedName, 'CBS_E_SOURCE_MISSING');
    const commit = a.failures.find((f) => f.phase === 'commit');
    assert.equal(commit?.code, 0x800f0922);
    assert.equal(commit?.kb, '5035854');
    const notFound = a.noise.find((n) => n.code === 0x80070490);
    assert.equal(notFound?.kind, 'benign');
  });

  it('links a WindowsUpdate.log failure to the CBS session of the same KB and time', () => {
    const a = analyseFixtures('wu10-install-fail.log', 'cbs-kb-fail.log');
    const wu = a.failures.find((f) => f.at.file === 0);
    const session = a.cbsSessions.find((s) => s.id === '31100001_100000001');
    assert.ok(wu && session);
    assert.ok(wu.cbsSessionKeys.includes(session.key), JSON.stringify(wu.cbsSessionKeys));
    assert.ok(!wu.cbsSessionKeys.includes(a.cbsSessions.find((s) => s.id === '31100002_200000002')?.key ?? ''));
  });

  it('classifies intermediate *FAILED* lines by evidence', () => {
    const a = analyseFixtures('wu10-install-fail.log');
    const at = (l: number) => a.noise.find((n) => n.at.line + 1 === l);
    assert.equal(at(3)?.kind, 'transient', 'inside a search call that succeeded');
    assert.equal(at(4)?.kind, 'transient');
    assert.equal(at(12)?.kind, 'evidence');
    assert.equal(at(25)?.kind, 'benign', 'a not-found lookup tied to no failed outcome');
    assert.equal(a.noiseCounts?.transient, 2);
  });

  it('counts a failed call without codes as WU_E_ALL_UPDATES_FAILED in its phase', () => {
    const text = [
      '2024/01/01 10:00:00.0000000 100   110   ComApi          * START *   Download ClientId = Tester',
      '2024/01/01 10:00:05.0000000 100   120   ComApi          Download call complete (succeeded = 0, succeeded with errors = 0, failed = 1, cancelled = 0, unaccounted = 0)',
      '2024/01/01 10:00:05.1000000 100   120   ComApi          * END *   Download ClientId = Tester',
    ].join('\n');
    const a = analyseText(text, 'wu10');
    assert.equal(a.failures.length, 1);
    assert.equal(a.failures[0].phase, 'download');
    assert.equal(a.failures[0].code, 0x80240022);
    assert.equal(a.failures[0].outcomeKind, 'callResult');
  });

  it('ignores the federated repeat of call counts', () => {
    const text = [
      '2024/01/01 10:00:00.0000000 100   110   ComApi          * START *   Federated Download ClientId = Tester (cV = AAAAAAAAAAAAAAAA.1.0)',
      '2024/01/01 10:00:00.1000000 100   111   ComApi          * START *   Download ClientId = Tester',
      '2024/01/01 10:00:00.2000000 100   112   ComApi          * START *   Download ClientId = Tester',
      '2024/01/01 10:00:05.0000000 100   120   ComApi          Download call complete (succeeded = 1, succeeded with errors = 0, failed = 0, cancelled = 0, unaccounted = 0)',
      '2024/01/01 10:00:05.1000000 100   120   ComApi          * END *   Download ClientId = Tester',
      '2024/01/01 10:00:05.2000000 100   111   ComApi          Download call complete (succeeded = 1, succeeded with errors = 0, failed = 0, cancelled = 0, unaccounted = 0)',
      '2024/01/01 10:00:05.3000000 100   111   ComApi          * END *   All federated downloads have completed. ClientId = Tester (cV = AAAAAAAAAAAAAAAA.1.1)',
    ].join('\n');
    const a = analyseText(text, 'wu10');
    const inner = a.calls.filter((c) => c.label?.startsWith('Download'));
    assert.equal(inner.length, 2);
    assert.equal(inner.filter((c) => c.counts).length, 1, 'the repeat did not give the second call counts');
    assert.equal(a.calls.find((c) => c.label?.startsWith('Federated'))?.endLine, 6);
  });

  it('pairs an END with the open call of its cV, not with an ended call of the same cV', () => {
    // The END comes from another process: only the cV pairs it (calls.ts looks calls up by cV).
    const text = [
      '2024/01/01 10:00:00.0000000 100   110   ComApi          * START *   Download ClientId = Tester (cV = BBBBBBBBBBBBBBBB.1.0)',
      '2024/01/01 10:00:01.0000000 200   210   ComApi          * END *   Download ClientId = Tester (cV = BBBBBBBBBBBBBBBB.1.0)',
      '2024/01/01 10:00:02.0000000 100   111   ComApi          * START *   Download ClientId = Tester (cV = BBBBBBBBBBBBBBBB.1.0)',
      '2024/01/01 10:00:03.0000000 200   211   ComApi          * END *   Download ClientId = Tester (cV = BBBBBBBBBBBBBBBB.1.0)',
    ].join('\n');
    const a = analyseText(text, 'wu10');
    assert.deepEqual(a.calls.map((c) => [c.startLine, c.endLine]).sort(), [[0, 1], [2, 3]]);
  });

  it('setup logs: the setup result code is the decisive error', () => {
    const text = [
      '2024-03-28 10:00:00, Error                 MOUPG  CSetupManager::Execute(123): Result = 0x80070490',
      '2024-03-28 10:00:01, Error                 MOUPG  CSetupHost::Execute(456): Result = 0xC1800104',
      '2024-03-28 10:00:02, Error                 MOUPG  Something else failed: 0x80070005',
    ].join('\n');
    const a = analyseText(text, 'setup', 'setuperr.log');
    assert.equal(a.failures.length, 1);
    assert.equal(a.failures[0].code, 0xc1800104);
    assert.equal(a.failures[0].outcomeKind, 'setupResult');
  });

  it('ReportingEvents: a failed detection is a scan failure without update', () => {
    const ev = (n: number, code: string) => [`{0D0D0D0D-0000-4000-8000-00000000000${n}}`, `2023-06-27 01:4${n}:30:939+0300`, '1', '148 [AGENT_DETECTION_FAILED]', '101',
      '{9482F4B4-E343-43B6-B170-9A65BC822C77}', '0', code, 'UpdateOrchestrator', 'Failure', 'Software Synchronization',
      `Windows Update Client failed to detect with error 0x${code}.`, 'AbCdEfGhIjKlMnOp.1'].join('\t');
    const a = analyseText([ev(1, '80072ee2'), ev(2, '80072ee2')].join('\n'), 'reporting', 'ReportingEvents.log');
    assert.equal(a.failures.length, 1);
    assert.equal(a.failures[0].phase, 'scan');
    assert.equal(a.failures[0].code, 0x80072ee2);
    assert.equal(a.failures[0].updateId, undefined);
    assert.equal(a.failures[0].occurrences, 2);
  });

  it('names a failed bundled update by the update it is bundled in', () => {
    const text = [
      '2024-04-12 13:36:06.3441122 7232  13824 DownloadManager * START * Begin Downloading Updates [CallerId = Tester] [Call ID = {43803550-0ECA-469B-8CC0-8DC7FA2FE8A9}]',
      '2024-04-12 13:36:06.3441249 7232  13824 Agent             Title = Contoso App Runtime 1.5',
      '2024-04-12 13:36:06.3441275 7232  13824 Agent             UpdateId = 1A1A1A1A-2B2B-4C3C-8D4D-5E5E5E5E5E5E.1',
      '2024-04-12 13:36:06.3441285 7232  13824 Agent               Bundles 2 updates:',
      '2024-04-12 13:36:06.3441304 7232  13824 Agent                 2B2B2B2B-2B2B-4C3C-8D4D-5E5E5E5E5E5E.1',
      '2024-04-12 13:36:06.3441322 7232  13824 Agent                 3C3C3C3C-2B2B-4C3C-8D4D-5E5E5E5E5E5E.1',
      '2024-04-12 13:36:06.3441349 7232  13824 Agent             Title = Something else',
      '2024-04-12 14:45:00.0000000 7232  13900 DownloadManager *FAILED* [80D03805] Error occurred while downloading update 3C3C3C3C-2B2B-4C3C-8D4D-5E5E5E5E5E5E.1; notifying dependent calls.',
    ].join('\n');
    const a = analyseText(text, 'wu10');
    assert.equal(a.failures.length, 1);
    const f = a.failures[0];
    assert.equal(f.phase, 'download');
    assert.equal(f.updateId, '3C3C3C3C-2B2B-4C3C-8D4D-5E5E5E5E5E5E');
    assert.equal(f.parentUpdateId, '1A1A1A1A-2B2B-4C3C-8D4D-5E5E5E5E5E5E');
    assert.equal(f.title, 'Contoso App Runtime 1.5');
    assert.equal(a.updates.find((u) => u.updateId === '2B2B2B2B-2B2B-4C3C-8D4D-5E5E5E5E5E5E')?.parentUpdateId, '1A1A1A1A-2B2B-4C3C-8D4D-5E5E5E5E5E5E');
    assert.equal(a.updates.find((u) => u.title === 'Something else'), undefined, 'a title is not given to the bundled ids');
  });

  it('pairs concurrent calls without cV by the thread of the federated repeat', () => {
    const text = [
      '2021/07/13 14:02:41.7600000 9624  11992 ComApi          * START *   Federated Download ClientId = Tester (cV = AAAAAAAAAAAAAAAA.1.0)',
      '2021/07/13 14:02:41.7612062 9624  5932  ComApi          * START *   Download ClientId = Tester',
      '2021/07/13 14:02:41.7613000 9624  11992 ComApi          * START *   Federated Download ClientId = Tester (cV = AAAAAAAAAAAAAAAA.2.0)',
      '2021/07/13 14:02:41.7620531 9624  11448 ComApi          * START *   Download ClientId = Tester',
      '2021/07/13 14:04:29.3800228 576   7988  DownloadManager *FAILED* [8020002B] Error occurred while downloading update E3E3E3E3-6547-4EC8-9097-4C7E37190DDA.1; notifying dependent calls.',
      '2021/07/13 14:04:32.4540739 9624  8140  ComApi          Download call complete (succeeded = 0, succeeded with errors = 0, failed = 1, cancelled = 0, unaccounted = 0)',
      '2021/07/13 14:04:32.4540978 9624  8140  ComApi          ClientId = Tester: Exit code = 0x00000000; Call error code = 0x80240022',
      '2021/07/13 14:04:32.4540990 9624  8140  ComApi          * END *   Download ClientId = Tester',
      '2021/07/13 14:04:32.4546282 9624  11448 ComApi          Download call complete (succeeded = 0, succeeded with errors = 0, failed = 1, cancelled = 0, unaccounted = 0)',
      '2021/07/13 14:04:32.4546417 9624  11448 ComApi          * END *   All federated downloads have completed. ClientId = Tester (cV = AAAAAAAAAAAAAAAA.2.1)',
    ].join('\n');
    const a = analyseText(text, 'wu10');
    assert.equal(a.failures.length, 1);
    const call = a.calls.find((c) => c.key === a.failures[0].callKey);
    assert.equal(call?.startLine, 3, 'the call started on thread 11448 (the federated repeat) is the one that failed');
    assert.equal(call?.result, 'failed');
    assert.ok(lines(a.failures[0].evidence).includes(4));
    assert.ok(!lines(a.failures[0].evidence).includes(2));
    const other = a.calls.find((c) => c.startLine === 1);
    assert.notEqual(other?.result, 'failed');
    // The phase evidence cites the same call start as the failure's call.
    const starts = a.failures[0].phaseEvidence.filter((p) => p.fact === 'callStart');
    assert.ok(starts.length > 0, 'a call-start fact is given');
    for (const p of starts) assert.equal(p.at?.line, call?.startLine, `phase evidence at line ${(p.at?.line ?? -2) + 1}`);
  });
});
