import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Words } from '../../../src/core/analysis/gate';
import { LOOK_LINES } from '../../../src/core/bundle/identity';
import { PROJECT_ROOT } from '../../support';
import { analysisJson, firstDifference } from './gateCheck';

const FOLDERS = ['test/fixtures/logs', 'test/fixtures/analysis', 'test/integration/workspace'].map((d) => path.join(PROJECT_ROOT, d));

function logsIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? logsIn(p) : /\.(log|txt)$/i.test(e.name) ? [p] : [];
  });
}

function sameWithAndWithoutGate(bytes: Uint8Array, name: string, chunk?: number): void {
  const all = analysisJson(bytes, name, false);
  const gated = analysisJson(bytes, name, true, chunk);
  assert.ok(gated === all, `${name}${chunk ? ` (chunks of ${chunk})` : ''}: the gate changed the analysis ${firstDifference(gated, all)}`);
}

describe('gate: lines skipped before record building change nothing', () => {
  for (const file of FOLDERS.flatMap(logsIn)) {
    it(path.relative(PROJECT_ROOT, file), () => {
      const bytes = fs.readFileSync(file);
      sameWithAndWithoutGate(bytes, path.basename(file));
      // Chunk boundaries split lines: a skipped line kept across chunks, a CRLF cut in two.
      sameWithAndWithoutGate(bytes, path.basename(file), 61);
    });
  }

  // Lines each rule reads, between lines that cannot matter, in one log of each gated family.
  const wu = (tid: number, comp: string, msg: string, i: number, pid = 1000): string =>
    `2024/03/05 10:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(7, '0')} ${pid}  ${tid} ${comp.padEnd(15)} ${msg}`;
  const G = '3C1F5E2A-7B44-4D0E-9F3A-1E2D3C4B5A69';
  const wuLines: [number, string, string, number?][] = [
    [10, 'ComApi', `* START *   Install ClientId = UpdateOrchestrator (cV: AbCdEfGh12345678.1.0)`],
    [11, 'Agent', 'Title = 2024-03 Cumulative Update (KB5035853)'],
    [11, 'Agent', `UpdateId = ${G}.200`],
    [11, 'Agent', '   Bundles 3 updates:'],
    [11, 'Agent', '*   {A1B2C3D4-1111-2222-3333-444455556666}.201'],
    // Any other line of the thread ends the list: the id after it is not bundled.
    [11, 'Agent', 'ordinary line of the bundle thread'],
    [11, 'Agent', '*   {B1B2C3D4-1111-2222-3333-444455556666}.202'],
    [12, 'Handler', `Starting install of CBS update ${G}`],
    [12, 'Handler', 'CBS called Progress with state=2, ticks=100, total=1000'],
    [12, 'Handler', 'CBS session identity: 31000000_1234'],
    [12, 'Handler', 'CBS package identity: Package_for_KB5035853~31bf3856ad364e35~amd64~~10.0.1.2'],
    [12, 'Handler', 'Completed install of CBS update with type=0, requiresReboot=0, installerError=1, hr=0x800f0922'],
    [13, 'DownloadManager', `New download job {11111111-2222-3333-4444-555555555555} for UpdateId ${G}`],
    // A job line whose ids are not written as update ids still proves the download started.
    [13, 'DownloadManager', `Job {${G}} resumed`],
    [13, 'DownloadManager', `*FAILED* [80246008] Error occurred while downloading update {${G}}.200`],
    [10, 'Agent', `calls back to install call {99999999-8888-7777-6666-555555555555} with code Call progress and error 0x80070005`],
    [14, 'Agent', 'Sending shutdown notification to client'],
    [10, 'ComApi', 'Install call complete (succeeded = 0, succeeded with errors = 0, failed = 1, cancelled = 0, unaccounted = 0)'],
    [10, 'ComApi', 'plain line right after the counts on their thread'],
    [10, 'ComApi', 'Exit code = 0x00000000; Call error code = 0x80240022'],
    // The first line of a thread after its counts decides what they were: here not the federated end after it.
    [16, 'Agent', '* START * Installing updates CallerId = UpdateOrchestrator'],
    [16, 'Agent', 'Install call complete (succeeded = 1, succeeded with errors = 0, failed = 0, cancelled = 0, unaccounted = 0)'],
    [16, 'Agent', 'plain line right after these counts'],
    [16, 'Agent', '* END * All federated installs have completed'],
    [17, 'Agent', `Evaluating ${G}.201 in the cache`],
    // Only a line of the same process decides: another process's line on that thread id does not.
    [18, 'Agent', '* START * Installing updates CallerId = UpdateOrchestrator'],
    [18, 'Agent', 'Install call complete (succeeded = 1, succeeded with errors = 0, failed = 0, cancelled = 0, unaccounted = 0)'],
    [18, 'Agent', 'a line of another process on the same thread id', 2000],
    [18, 'Agent', 'plain line of the same process'],
    [18, 'Agent', '* END * All federated installs have completed'],
    [15, 'Agent', 'WARNING: the agent warns'],
    [15, 'Agent', 'FATAL: the agent gives up 0x80070005'],
    // The federated member's own line (no marker), a search's service, a machine fact.
    [19, 'ComApi', 'Install ClientId = UpdateOrchestrator'],
    [21, 'Agent', '* START * Finding updates CallerId = UpdateOrchestrator'],
    [21, 'Agent', 'ServiceID = {9482F4B4-E343-43B6-B170-9A65BC822C77} Third party service'],
    [21, 'Agent', 'Exit code = 0x80072EE2'],
    [21, 'Agent', '* END * Finding updates CallerId = UpdateOrchestrator'],
    [22, 'Misc', 'OS Version = 10.0.19045.3803'],
    [10, 'ComApi', `* END *   Install ClientId = UpdateOrchestrator (cV: AbCdEfGh12345678.1.0)`],
  ];
  const filler = (i: number): string => wu(20 + (i % 3), 'Misc', `ordinary progress line ${i} with service 7971F918-A847-4430-9279-4A52D1EFE18D`, i);
  it('crafted WindowsUpdate.log: every rule between ordinary lines', () => {
    const lines = wuLines.flatMap(([tid, comp, msg, pid], i) => [filler(i), wu(tid, comp, msg, i, pid)]);
    const text = Buffer.from(`${lines.join('\r\n')}\r\n`);
    sameWithAndWithoutGate(text, 'WindowsUpdate.log');
    sameWithAndWithoutGate(text, 'WindowsUpdate.log', 97);
  });

  it('machine facts: their words pass while a line may still state one, and only then', () => {
    // The gate drops the facts' words after LOOK_LINES lines asked: a fact just before is read.
    const lines = Array.from({ length: LOOK_LINES + 10 }, (_, i) => wu(20, 'Misc', `ordinary progress line ${i}`, i));
    lines[LOOK_LINES - 2] = wu(22, 'Misc', 'OS Version = 10.0.19045.3803', LOOK_LINES - 2);
    lines[LOOK_LINES + 3] = wu(22, 'Misc', 'client version 10.0.19041.3636', LOOK_LINES + 3);
    const text = Buffer.from(`${lines.join('\r\n')}\r\n`);
    sameWithAndWithoutGate(text, 'WindowsUpdate.log');
    const json = analysisJson(text, 'WindowsUpdate.log', true);
    assert.match(json, /10\.0\.19045\.3803/);
    // Past the look, identity.ts reads no fact, filter or not.
    assert.doesNotMatch(json, /10\.0\.19041\.3636/);
  });

  const cbs = (level: string, comp: string, msg: string, i: number): string =>
    `2024-03-05 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}, ${level.padEnd(22)}${comp.padEnd(7)}${msg}`;
  const cbsLines: [string, string, string][] = [
    ['Info', 'CBS', 'Session: 31000000_1234 initialized by client WindowsUpdateAgent, external staging directory: (null)'],
    ['Info', 'CBS', 'Appl: detect Parent, Package: Package_for_KB5035853~31bf3856ad364e35~amd64~~10.0.1.2'],
    ['Info', 'CBS', 'Exec: Processing started.  Client: WindowsUpdateAgent, Session: 31000000_1234, Package: Package_for_RollupFix'],
    ['Info', 'CBS', 'Client specifies manual store corruption detect and repair.'],
    ['Info', 'CBS', 'Summary:'],
    ['Info', 'CBS', 'Operation: Detect and Repair'],
    ['Info', 'CBS', 'Total Detected Corruption:  2'],
    ['Info', 'CBS', 'Total Repaired Corruption:  2'],
    ['Info', 'CSI', '00000012 [SR] Verify complete'],
    ['Info', 'CSI', '00000013 (F) Attempting to mark store corrupt with category [l:15 ml:16]"CorruptPayload"'],
    ['Error', 'CBS', 'Failed to perform operation.  [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]'],
    ['Info', 'CBS', 'Exec: Processing complete.  Session: 31000000_1234, Package: Package_for_RollupFix [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]'],
    ['Info', 'CBS', 'Session: 31000000_1234 finalized. Reboot required: no [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]'],
    ['Info', 'CBS', 'Starting the startup processing'],
  ];
  it('crafted CBS.log: every rule between ordinary lines and continuation lines', () => {
    const lines = cbsLines.flatMap(([level, comp, msg], i) => [
      cbs('Info', 'CBS', `Ordinary line ${i}`, 2 * i),
      ...(i % 3 === 0 ? ['    a continuation line of the ordinary one', i % 2 ? '    Summary:' : '    Total Detected Corruption:  1'] : []),
      cbs(level, comp, msg, 2 * i + 1),
    ]);
    const text = Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`);
    sameWithAndWithoutGate(text, 'CBS.log');
    sameWithAndWithoutGate(text, 'CBS.log', 89);
  });
});

describe('gate: Words', () => {
  it('finds a word inside a line only, line after line, in any text', () => {
    const w = new Words(['call complete (', 'CBS ']);
    const text = 'aaa call complete (x\nbbb\nccc CBS x\nCBS';
    assert.deepEqual([w.in(text, 0, 20), w.in(text, 21, 24), w.in(text, 25, 34), w.in(text, 35, 36)], [true, false, true, false]);
    // Back to the start of the same text, or another text: positions are found again.
    assert.equal(w.in(text, 0, 3), false);
    assert.equal(w.in(text, 0, 20), true);
    assert.equal(w.in('CBS x', 0, 5), true);
    // Words inside other words, and repeats: the same lines are found.
    const nested = new Words(['Exec: Processing complete', 'rocessing', 'KB', 'Identifier: KB', 'KB']);
    const t2 = 'x Identifier: KB5\ny\nz Exec: Processing complete\nprocessing';
    assert.deepEqual([nested.in(t2, 0, 17), nested.in(t2, 18, 19), nested.in(t2, 20, 47), nested.in(t2, 48, 58)], [true, false, true, true]);
    const one = new Words(['-']);
    assert.deepEqual([one.first('ab-c-', 0), one.first('ab-c-', 3), one.first('ab-c-', 5)], [2, 4, 5]);
  });
});
