// SetupTracker on our own Panther fixtures (test/fixtures/analysis/setup*.log): the result of each
// upgrade, sysprep, windeploy or unattend run, not its many survivable Error lines.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readText } from '../../../src/core/readers';
import { SetupTracker } from '../../../src/core/analysis/setup';
import type { Candidate } from '../../../src/core/analysis/state';
import { PROJECT_ROOT } from '../../support';

const FIX = path.join(PROJECT_ROOT, 'test', 'fixtures', 'analysis');

/** Runs the tracker over text read by the real reader (format detected as `setup`). */
function track(text: string, name = 'setupact.log', file = 3): Candidate[] {
  const { info, records } = readText(text, name);
  assert.equal(info.format, 'setup', `${name} is read as a setup log`);
  const t = new SetupTracker(file);
  for (const r of records) t.push(r);
  return t.finish().candidates;
}

const fixture = (name: string) => track(fs.readFileSync(path.join(FIX, name), 'utf8'), name);
const line = (ts: string, level: string, comp: string, msg: string) => `${ts}, ${level.padEnd(22)}${comp.padEnd(7)}${msg}`;

describe('analysis: setup results (SetupTracker)', () => {
  it('an upgrade that rolled back: 0xC1900101 - 0x30018 after the restart, with the driver operation as cause', () => {
    const c = fixture('setupact-rollback-30018.log');
    assert.equal(c.length, 1);
    const [r] = c;
    assert.equal(r.line, 16); // SetupHost: Reporting post reboot event -> [0xC1900101, 0x30018]
    assert.equal(r.code, 0xc1900101);
    assert.deepEqual(r.extended, { code: 0x30018, phase: 3, phaseName: 'FIRST_BOOT', operation: 0x18, operationName: 'SYSPREP' });
    assert.equal(r.phase, 'commit');
    assert.deepEqual(r.phaseEvidence.map((e) => [e.kind, e.fact, e.tool, e.at?.line]), [['codeRange', 'upgradePhase', 'setup', 16]]);
    assert.match(r.phaseEvidence[0].detail, /post-reboot event.*0x30018 \(FIRST_BOOT phase\)/);
    assert.equal(r.outcomeKind, 'setupResult');
    assert.equal(r.subject, 'upgrade 10.0.22631');
    assert.equal(r.callLevel, false);
    assert.equal(r.confidence, undefined);
    assert.deepEqual(r.cause && { line: r.cause.at.line, kind: r.cause.kind, code: r.cause.code }, { line: 11, kind: 'driverFailure', code: 0x800705b4 });
    assert.deepEqual(r.rootCause, { file: 3, line: 11 });
    // Evidence: the failed driver operation, the rollback, the reported result; each with its text.
    assert.deepEqual(r.evidence.map((e) => e.line), [11, 12, 16]);
    assert.match(r.texts?.['3:11'] ?? '', /^SP Operation failed: Add \[1\] driver package/);
    assert.match(r.texts?.['3:12'] ?? '', /^SP Rollback: /);
    assert.match(r.texts?.['3:16'] ?? '', /^MOUPG SetupHost: Reporting post reboot event/);
  });

  it('a downlevel failure: decided by SetupHost, before the first restart, with the disk-space line as cause', () => {
    const [r, ...rest] = fixture('setupact-downlevel-diskspace.log');
    assert.equal(rest.length, 0);
    assert.equal(r.line, 17); // CSetupHost::Execute: Result = 0x80070070
    assert.equal(r.code, 0x80070070);
    assert.equal(r.extended?.phaseName, 'DOWNLEVEL');
    assert.equal(r.extended?.operationName, 'COPY_PAYLOAD');
    assert.equal(r.phase, 'install');
    assert.match(r.phaseEvidence[0].detail, /PostReboot FALSE: before the first restart/);
    assert.equal(r.phaseEvidence[0].at?.line, 13);
    assert.equal(r.subject, 'upgrade 10.0.26100');
    assert.deepEqual(r.cause && [r.cause.at.line, r.cause.kind, r.cause.code], [6, 'diskSpace', 0x80070070]);
    assert.equal(r.confidence, undefined);
    // The OneSettings errors earlier in the run are not the cause.
    assert.ok(!r.evidence.some((e) => e.line === 3 || e.line === 4));
  });

  it('a run the user cancelled is kept with low confidence, the cancel as its cause', () => {
    const [r, ...rest] = fixture('setupact-user-cancel.log');
    assert.equal(rest.length, 0);
    assert.equal(r.line, 14);
    assert.equal(r.code, 0x800704c7);
    assert.equal(r.confidence, 'low');
    assert.equal(r.phase, 'install');
    assert.deepEqual(r.cause && [r.cause.at.line, r.cause.kind], [3, 'userCancel']);
    assert.equal(r.extended?.code, 0x10002);
  });

  it('ERROR_REQUEST_ABORTED is a cancel only after a cancel request', () => {
    const run = (cancel: boolean) => track([
      line('2025-08-01 12:00:00', 'Info', 'MOUPG', 'SetupHost::Initialize'),
      ...(cancel ? [line('2025-08-01 12:01:00', 'Info', 'MOUPG', 'CSetupUIManager::OnCancel: Cancel is requested by the user')] : []),
      line('2025-08-01 12:01:01', 'Error', 'MOUPG', 'CSetupHost::Execute(441): Result = 0x800704D3'),
    ].join('\n'));
    assert.equal(run(true)[0].confidence, 'low');
    assert.equal(run(false)[0].confidence, undefined);
    assert.equal(run(false)[0].code, 0x800704d3);
  });

  it('a setuperr.log full of survivable errors has no result', () => {
    assert.deepEqual(fixture('setuperr-survivable.log'), []);
  });

  it('a successful upgrade, windeploy and OOBE have no result', () => {
    assert.deepEqual(fixture('setupact-success.log'), []);
  });

  it('a sysprep run halted by a per-user app: one result, the package line as cause', () => {
    const c = fixture('setuperr-sysprep-appx.log');
    assert.equal(c.length, 1);
    const [r] = c;
    assert.equal(r.line, 2);
    assert.equal(r.code, 0x80073cf2);
    assert.equal(r.subject, 'sysprep generalize');
    assert.equal(r.phase, 'install');
    assert.equal(r.extended, undefined);
    assert.deepEqual(r.cause && [r.cause.at.line, r.cause.kind], [0, 'appxProvisioning']);
    assert.deepEqual(r.evidence.map((e) => e.line), [0, 1, 2]);
  });

  it('reads the other result shapes: setuperr rollback, windeploy exit, unattend commands, a pair in brackets', () => {
    const rollback = track([
      line('2025-04-09 22:10:00', 'Error', 'SP', 'Operation failed: Migrate data of user profiles. Error: 0x8007001F[gle=0x0000001f]'),
      line('2025-04-09 22:10:05', 'Info', 'SP', 'Rollback: Restoring your previous version of Windows.'),
    ].join('\n'), 'setuperr.log');
    assert.equal(rollback.length, 1);
    assert.deepEqual([rollback[0].line, rollback[0].code, rollback[0].phase, rollback[0].cause?.kind, rollback[0].subject], [0, 0x8007001f, 'commit', 'migration', 'upgrade']);

    const winpe = track(line('2025-04-09 23:00:00', 'Error', 'IBS', 'Callback_ApplyImage: Setup encountered a fatal error while applying the image; hr = 0x8007000D'));
    assert.deepEqual(winpe.map((c) => [c.line, c.code, c.subject, c.phase]), [[0, 0x8007000d, 'setup', 'install']]);

    const deploy = track([
      line('2025-04-10 06:00:00', 'Info', '', '[windeploy.exe] Process exited with exit code [0x80070005]'),
      line('2025-04-10 06:00:01', 'Info', '', '[windeploy.exe] WinDeploy.exe exiting with code [0x80070005]'),
    ].join('\n'));
    assert.deepEqual(deploy.map((c) => [c.line, c.code, c.subject, c.phase, c.cause?.at.line]), [[1, 0x80070005, 'windeploy', 'commit', 0]]);

    const ugc = track([
      line('2025-04-10 06:01:00', 'Info', '', '[SETUPUGC.EXE] Found run command in registry: will continue execution without examining exit code'),
      line('2025-04-10 06:01:05', 'Info', '', '[SETUPUGC.EXE] Finished executing [cmd.exe /c sample-a.cmd] synchronously'),
      line('2025-04-10 06:01:05', 'Info', '', '[SETUPUGC.EXE] Process returned with exit code 0x80004005'),
      line('2025-04-10 06:01:06', 'Info', '', '[SETUPUGC.EXE] Finished executing [cmd.exe /c sample-b.cmd] synchronously'),
      line('2025-04-10 06:01:06', 'Info', '', '[SETUPUGC.EXE] Process returned with exit code 0x2'),
      line('2025-04-10 06:01:07', 'Info', '', '[SETUPUGC.EXE] SetupUGC returning with exit code [0]'),
    ].join('\n'));
    assert.deepEqual(ugc.map((c) => [c.line, c.code, c.confidence, c.phase, c.cause?.at.line]), [[2, 0x80004005, 'low', 'commit', 1]]);
    assert.match(ugc[0].phaseEvidence[0].detail, /does not check its exit code/);

    const safeOs = track(line('2025-04-11 03:00:00', 'Info', 'MOUPG', 'SetupHost: Reporting post reboot event -> [0x8007000D, 0x2000C]'));
    assert.deepEqual(safeOs.map((c) => [c.code, c.extended?.phaseName, c.extended?.operationName, c.phase]), [[0x8007000d, 'SAFE_OS', 'APPLY_IMAGE', 'commit']]);
    // A success reported after the restart is no failure.
    assert.deepEqual(track(line('2025-04-11 03:00:00', 'Info', 'MOUPG', 'SetupHost: Reporting post reboot event -> [0x0, 0x0]')), []);
  });

  it('keeps one candidate per SetupHost session', () => {
    const session = (h: number) => [
      line(`2025-06-0${h} 10:00:00`, 'Info', 'MOUPG', 'SetupHost::Initialize'),
      line(`2025-06-0${h} 10:05:00`, 'Error', 'MOUPG', 'CSetupHost::Execute(441): Result = 0xC1900208'),
      line(`2025-06-0${h} 10:05:01`, 'Info', 'MOUPG', '**************** SetupHost Logging End ****************'),
    ];
    const c = track([...session(1), ...session(2)].join('\n'));
    assert.deepEqual(c.map((x) => [x.line, x.code]), [[1, 0xc1900208], [4, 0xc1900208]]);
  });

  it('never throws, and stays bounded on a huge log of survivable errors', () => {
    const t = new SetupTracker(0);
    const odd = [
      { line: 0, endLine: 0, message: '', messageColumn: 0, codes: [], updateIds: [], kbs: [], cvs: [] },
      { line: 1, endLine: 1, message: 'SetupHost: Reporting post reboot event -> [0x', messageColumn: 0, codes: [], updateIds: [], kbs: [], cvs: [], component: 'MOUPG' },
      { line: 2, endLine: 2, message: 'x'.repeat(100_000), messageColumn: 0, codes: [], updateIds: [], kbs: [], cvs: [], level: 'error' as const },
      { line: 3, endLine: 3, message: 'WinMain:Hit failure while x; hr = 0x80004005', messageColumn: 0, codes: null as never, updateIds: [], kbs: [], cvs: [], component: 'SYSPRP' },
    ];
    for (const r of odd) t.push(r);
    const started = Date.now();
    for (let i = 0; i < 100_000; i++) {
      const code = (0x80070000 + (i % 5000)) >>> 0;
      t.push({ line: 10 + i, endLine: 10 + i, time: i * 1000, message: `Failed to delete C:\\windows.old\\f${i}.dll. hr = 0x${code.toString(16)}`, messageColumn: 0, level: 'error', codes: [{ value: code, text: '', form: 'hex', span: { start: 0, end: 0 } }], updateIds: [], kbs: [], cvs: [] });
    }
    const out = t.finish().candidates;
    assert.deepEqual(out.map((c) => c.line), []);
    assert.ok(Date.now() - started < 5000, 'linear time');
  });
});
