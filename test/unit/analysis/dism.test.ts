import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readText, parseCbs } from '../../../src/core/readers';
import { DismTracker, groupDismRuns, MAX_RUNS } from '../../../src/core/analysis/dism';
import { argsOf, parseCommandLine, apiCommand, exitCode } from '../../../src/core/analysis/dismCommand';
import { causeKindOf, errorCode } from '../../../src/core/analysis/dismCause';
import { dismCauseAdvice } from '../../../src/core/report/dismAdvice';
import type { DismRun } from '../../../src/core/analysis/types';
import type { LogRecord } from '../../../src/core/model/types';
import { PROJECT_ROOT, SHARED, rng } from '../../support';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/analysis');

function track(text: string, name = 'dism.log', file = 0): ReturnType<DismTracker['finish']> & { tracker: DismTracker } {
  const { records } = readText(text, name);
  const tracker = new DismTracker(file);
  for (const r of records) tracker.push(r);
  return { ...tracker.finish(), tracker };
}

const fixture = (name: string): ReturnType<typeof track> => track(fs.readFileSync(path.join(FIXTURES, name), 'utf8').replace(/^\uFEFF/, ''), name);
/** [result, verb, 1-based start, 1-based result line, code] of each run. */
const summary = (runs: DismRun[]): unknown[] => runs.map((r) => [r.result, r.verb, r.startLine + 1, r.resultLine === undefined ? undefined : r.resultLine + 1, r.code]);
const causes = (runs: DismRun[]): unknown[] => runs.filter((r) => r.cause).map((r) => [r.cause?.kind, (r.cause?.at.line ?? -2) + 1, r.cause?.code]);

describe('DISM runs: dism.exe sessions', () => {
  const { runs, candidates, tracker } = fixture('dism-restorehealth.log');

  it('makes one run per dism.exe session, with its result and final code', () => {
    assert.deepEqual(summary(runs), [
      ['failed', 'RestoreHealth', 6, 28, 0x800f081f],
      ['failed', 'RestoreHealth', 40, 62, 0x800f081f],
      ['failed', 'RestoreHealth', 74, 96, 0x800f081f],
      ['failed', 'RestoreHealth', 108, 130, 0x800f081f],
      ['failed', 'RestoreHealth', 142, 163, 0x800f082f],
      ['succeeded', 'ScanHealth', 175, 196, 0],
      ['cancelled', 'RestoreHealth', 203, 220, 0x800704c7],
      ['unknown', 'StartComponentCleanup', 232, undefined, undefined],
    ]);
    assert.equal(tracker.errors, 0);
  });

  it('keeps the command as logged without the executable, and reads online, sources and /LimitAccess', () => {
    assert.equal(runs[0].command, '/Online /Cleanup-Image /RestoreHealth');
    assert.equal(runs[1].command, '/online /cleanup-image /restorehealth');
    assert.deepEqual([runs[2].command, runs[2].online], ['/Image:D:\\Mount\\Win11 /Cleanup-Image /RestoreHealth', false]);
    assert.equal(runs[3].command, '/Online /Cleanup-Image /RestoreHealth /Source:wim:E:\\sources\\install.wim:6 /LimitAccess');
    assert.deepEqual([runs[3].online, runs[3].sources, runs[3].limitAccess], [true, ['wim:E:\\sources\\install.wim:6'], true]);
    assert.deepEqual([runs[0].sources, runs[0].limitAccess], [undefined, undefined]);
    // dism.exe's own PID (its start-up lines), not the servicing host's.
    assert.deepEqual(runs.map((r) => r.pid), [3312, 5028, 6204, 7440, 8016, 8820, 9212, 9700]);
    assert.deepEqual([runs[0].endLine, runs[7].endLine], [32, 245]);
  });

  it('finds the line that explains each failure: source missing, source rejected, pending reboot', () => {
    // The earlier Error line with 0x80070490 in each run is not the cause; in the offline run (3)
    // CBS's own line that names the missing source comes before DISM's echo of the code.
    assert.deepEqual(causes(runs), [
      ['sourceMissing', 22, 0x800f081f],
      ['sourceMissing', 56, 0x800f081f],
      ['sourceMissing', 88, 0x800f081f],
      ['sourceRejected', 122, 0x8007000d],
      ['pendingReboot', 157, 0x800f082f],
      ['other', 218, 0x800704c7],
    ]);
    assert.match(runs[3].cause?.text ?? '', /^DISM DISM Package Manager: PID=7528 TID=7532 Failed to add the source wim:E:/);
    assert.equal(runs[2].cause?.text, 'CBS Repr: ResolveSource() unsuccessful, no source holds the payload of the corrupt component');
  });

  it('gives a candidate per failed or cancelled run, with the run as evidence', () => {
    assert.equal(candidates.length, 6);
    const c = candidates[0];
    assert.deepEqual(
      [c.file, c.line, c.code, c.outcomeKind, c.phase, c.subject, c.operation, c.dismRunKey, c.callLevel, c.confidence],
      [0, 27, 0x800f081f, 'dismRun', 'install', 'dism RestoreHealth', 'restorehealth', '0:5', false, undefined],
    );
    assert.deepEqual(c.phaseEvidence, [{
      kind: 'operation', fact: 'dismRun', tool: 'dism', at: { file: 0, line: 9 }, operation: 'restorehealth',
      detail: 'DISM RestoreHealth run failed with 0x800F081F',
    }]);
    // The run starts at its banner (line 6); its evidence starts at the command line (line 10).
    assert.deepEqual(c.evidence, [{ file: 0, line: 9 }, { file: 0, line: 21 }, { file: 0, line: 27 }]);
    assert.deepEqual(c.rootCause, { file: 0, line: 21 });
    assert.deepEqual(c.cause, { at: { file: 0, line: 21 }, kind: 'sourceMissing', code: 0x800f081f, text: c.texts?.['0:21'] });
    assert.deepEqual(Object.keys(c.texts ?? {}).sort(), ['0:21', '0:27', '0:9']);
    assert.equal(c.texts?.['0:27'], 'DISM DISM.EXE: DISM Package Manager processed the command line but failed. HRESULT=800F081F');
    assert.equal(c.texts?.['0:9'], 'DISM DISM.EXE: Executing command line: DISM.exe  /Online /Cleanup-Image /RestoreHealth');
    for (const t of Object.values(c.texts ?? {})) assert.ok(t.length <= 240, t);
    assert.equal(c.timeText, '2024-03-05 09:17:24');
    // The cancelled run is kept apart; the unknown and the succeeded runs give none.
    assert.deepEqual(candidates.map((x) => [x.line + 1, x.confidence ?? 'high']), [[28, 'high'], [62, 'high'], [96, 'high'], [130, 'high'], [163, 'high'], [220, 'low']]);
  });

  it('groups failed runs that failed alike', () => {
    const g = groupDismRuns(runs);
    assert.deepEqual(g.map((x) => [x.verb, x.code, x.causeKind, x.count]), [
      ['RestoreHealth', 0x800f081f, 'sourceMissing', 3],
      ['RestoreHealth', 0x800f081f, 'sourceRejected', 1],
      ['RestoreHealth', 0x800f082f, 'pendingReboot', 1],
    ]);
    assert.deepEqual(g[0].runs.map((r) => r.startLine + 1), [6, 40, 74]);
  });
});

describe('DISM runs: DismApi sessions and other causes', () => {
  it('makes runs of DismApi operations only; harmless Error lines of other callers fail nothing', () => {
    const { runs, candidates, tracker } = fixture('dism-api-interleaved.log');
    assert.deepEqual(summary(runs), [
      ['failed', 'Add-Capability', 30, 59, 0x800f0954],
      ['succeeded', 'Remove-Capability', 45, 49, 0],
      ['succeeded', 'Get-Capabilities', 65, 84, 0],
    ]);
    assert.equal(runs[0].command, 'DismAddCapability Session: 1, Name: Language.Speech~~~fr-FR~0.0.1.0, LimitAccess: 0, SourcePaths: (null), SourcePathCount: 0');
    assert.deepEqual(runs.map((r) => [r.pid, r.online, r.endLine === undefined ? undefined : r.endLine + 1]), [[6640, true, 86], [7400, true, 49], [8120, true, 84]]);
    assert.deepEqual(causes(runs), [['sourceMissing', 55, 0x800f0954]]);
    assert.deepEqual(candidates.map((c) => [c.line + 1, c.subject, c.code]), [[59, 'dism Add-Capability', 0x800f0954]]);
    assert.equal(tracker.errors, 0);
  });

  it('reads offline, RPC, download and command-line failures', () => {
    const { runs, candidates } = fixture('dism-offline-mixed.log');
    assert.deepEqual(summary(runs), [
      ['failed', 'Add-Package', 6, 22, 0x80004005],
      ['failed', 'EnableFeatures', 34, 45, undefined],
      ['failed', 'RestoreHealth', 57, 78, 0x800706be],
      ['failed', 'Enable-Feature', 90, 110, 0x800f0906],
    ]);
    // The offline store held by another process, not the E_ACCESSDENIED Info line before it.
    assert.deepEqual(causes(runs), [['accessDenied', 18, 0x80070020], ['other', 45, undefined], ['rpcFailure', 72, 0x800706be], ['sourceMissing', 105, 0x800f0906]]);
    assert.equal(runs[0].online, false);
    assert.deepEqual(candidates.map((c) => [c.phase, c.code, c.confidence ?? 'high']), [
      ['install', 0x80004005, 'high'], ['install', 0x80004005, 'low'], ['install', 0x800706be, 'high'], ['download', 0x800f0906, 'high'],
    ]);
  });

  it('keeps memory bounded by runs: over the cap only failed runs are kept', () => {
    const run = (i: number, fail: boolean): string => {
      const t = `2024-01-01 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
      return [
        `${t}, Info                  DISM   DISM.EXE: <----- Starting Dism.exe session ----->`,
        `${t}, Info                  DISM   DISM.EXE: Executing command line: dism.exe  /Online /Cleanup-Image /CheckHealth`,
        ...(fail ? [`${t}, Error                 DISM   DISM.EXE: DISM Package Manager processed the command line but failed. HRESULT=800F0831`] : []),
        `${t}, Info                  DISM   DISM.EXE: <----- Ending Dism.exe session ----->`,
      ].join('\n');
    };
    const parts: string[] = [];
    for (let i = 0; i < 12_000; i++) parts.push(run(i, i === 6_000 || i === 11_999));
    const { runs, candidates, tracker } = track(parts.join('\n'));
    assert.equal(runs.length, MAX_RUNS + 2);
    assert.equal(tracker.dropped, 12_000 - MAX_RUNS - 2);
    assert.deepEqual(candidates.map((c) => [c.code, c.cause?.kind]), [[0x800f0831, 'storeCorrupt'], [0x800f0831, 'storeCorrupt']]);
  });

  it('never fails on odd input (ends without starts, shuffled and cut records, long lines)', () => {
    const odd = [
      '2024-01-01 10:00:00, Info                  DISM   DISM.EXE: <----- Ending Dism.exe session ----->',
      '2024-01-01 10:00:00, Error                 DISM   DISM.EXE: DISM Package Manager processed the command line but failed. HRESULT=800F081F',
      '2024-01-01 10:00:01, Info                  DISM   API: PID=1 TID=1 DismApi.dll: <----- Ending DismApi.dll session -----> - DismShutdownInternal',
      '2024-01-01 10:00:02, Info                  DISM   API: PID=1 TID=1 Input parameters: Session: 1 - DismRestoreImageHealthInternal',
      `2024-01-01 10:00:03, Error                 DISM   API: PID=1 TID=2 ${'x'.repeat(30_000)} - DismRestoreImageHealthInternal(hr:0x800f081f)`,
      '2024-01-01 10:00:04, Info                  DISM   DISM.EXE: Executing command line: ',
      '2024-01-01 10:00:05, Info                  DISM   DISM.EXE: Executing command line: "unterminated /Online /Source:"',
    ].join('\n');
    const a = track(odd);
    assert.equal(a.tracker.errors, 0);
    // The DISM.EXE error opens a run of its own (later command lines join it); the long error line fails the API operation.
    assert.deepEqual(a.runs.map((r) => [r.result, r.verb, r.startLine, r.code]), [['failed', undefined, 1, 0x800f081f], ['failed', 'RestoreHealth', 3, 0x800f081f]]);
    const all = ['dism-restorehealth.log', 'dism-api-interleaved.log', 'dism-offline-mixed.log']
      .flatMap((n) => readText(fs.readFileSync(path.join(FIXTURES, n), 'utf8'), n).records);
    const rand = rng(8);
    for (let round = 0; round < 20; round++) {
      const t = new DismTracker(1);
      for (let i = 0; i < 400; i++) {
        const r = all[Math.floor(rand() * all.length)];
        const cut = Math.floor(rand() * r.message.length);
        // A reader's record computes its tokens on first use: JSON gives the plain fields to copy.
        const plain = JSON.parse(JSON.stringify(r)) as LogRecord;
        t.push({ ...plain, line: i, endLine: i, message: rand() < 0.3 ? r.message.slice(0, cut) : r.message, pid: rand() < 0.2 ? undefined : r.pid });
      }
      const out = t.finish();
      assert.equal(t.errors, 0);
      for (const run of out.runs) assert.ok(run.endLine !== undefined && run.endLine >= run.startLine);
      assert.equal(out.candidates.length, out.runs.filter((x) => x.result === 'failed' || x.result === 'cancelled').length);
    }
  });
});

describe('DISM commands and cause lines', () => {
  it('strips the executable and finds the verb', () => {
    assert.equal(argsOf('"X:\\windows\\system32\\dism.exe" /image:"C:" /apply-unattend:"C:\\a b.xml"'), '/image:"C:" /apply-unattend:"C:\\a b.xml"');
    assert.equal(argsOf('C:\\Program Files\\Tools\\dism.exe /Online /Get-Features'), '/Online /Get-Features');
    assert.equal(argsOf('dism'), '');
    const v = (s: string): unknown => { const c = parseCommandLine(s); return [c.verb, c.online, c.sources, c.limitAccess]; };
    assert.deepEqual(v('dism /Online /Cleanup-Image /StartComponentCleanup /ResetBase'), ['StartComponentCleanup', true, undefined, undefined]);
    assert.deepEqual(v('dism /Image:D:\\mount /Add-Package /PackagePath:"D:\\pkg one.cab"'), ['Add-Package', false, undefined, undefined]);
    assert.deepEqual(v('dism /online /add-provisionedappxpackage /packagepath:a.appx /skiplicense'), ['Add-ProvisionedAppxPackage', true, undefined, undefined]);
    assert.deepEqual(v('dism /Online /Enable-Feature /FeatureName:NetFx3 /Source:D:\\sources\\sxs /Source:"\\\\srv\\share\\sxs" /LimitAccess'),
      ['Enable-Feature', true, ['D:\\sources\\sxs', '"\\\\srv\\share\\sxs"'], true]);
    assert.deepEqual(v('dism /Online /?'), ['Help', true, undefined, undefined]);
    assert.deepEqual([apiCommand('CheckImageHealth', 'Session: 1, ScanImage: 1').verb, apiCommand('RestoreImageHealth', 'Session: 1, LimitAccess: 1').limitAccess], ['ScanHealth', true]);
    assert.deepEqual([exitCode('0x800F081F'), exitCode('87'), exitCode('-2146498529'), exitCode('0')], [0x800f081f, 0x80070057, 0x800f081f, 0]);
  });

  it('classifies a line by its words, then its code; ignores harmless Info failures', () => {
    const kind = (line: string): unknown => {
      const rec = parseCbs(line, 0) as LogRecord;
      return causeKindOf(rec, errorCode(rec));
    };
    const d = '2024-01-01 10:00:00, ';
    assert.equal(kind(`${d}Error                 DISM   DISM Package Manager: PID=1 TID=2 Failed to stage - CX::Y(hr:0x80070070)`), 'diskSpace');
    assert.equal(kind(`${d}Error                 CBS    Store corruption detected [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]`), 'storeCorrupt');
    assert.equal(kind(`${d}Error                 DISM   DISM Package Manager: PID=1 TID=2 Failed - CX::Y(hr:0x800706ba)`), 'rpcFailure');
    assert.equal(kind(`${d}Error                 DISM   DISM Package Manager: PID=1 TID=2 Failed - CX::Y(hr:0x80072ee2)`), 'sourceMissing');
    assert.equal(kind(`${d}Error                 DISM   DISM Package Manager: PID=1 TID=2 Something failed - CX::Y(hr:0x80070057)`), 'other');
    assert.equal(kind(`${d}Info                  CBS    Exec: ResolveSource() unsuccessful for the repair payload`), 'sourceMissing');
    assert.equal(kind(`${d}Info                  CBS    Failed to unload offline registry [HRESULT = 0x80070005 - E_ACCESSDENIED]`), undefined);
    assert.equal(kind(`${d}Info                  DISM   DISM.EXE: Image session has been closed. Reboot required=no.`), undefined);
    assert.equal(kind(`${d}Warning               CBS    A reboot is pending [HRESULT = 0x800f082f - CBS_E_EXCLUSIVE_WOULD_MERGE]`), 'pendingReboot');
  });
});

describe('DISM advice', () => {
  const run = (over: Partial<DismRun>): DismRun => ({ key: '0:1', file: 0, startLine: 1, command: '/Online /Cleanup-Image /RestoreHealth', verb: 'RestoreHealth', online: true, result: 'failed', code: 0x800f081f, ...over });
  const cause = (kind: string, code?: number, text?: string): DismRun['cause'] => ({ at: { file: 0, line: 5 }, kind, code, text });

  it('says which source to give when the repair source is missing', () => {
    const en = dismCauseAdvice(run({}), cause('sourceMissing', 0x800f081f), 'en');
    assert.match(en[0], /\/Source:wim:X:\\sources\\install\.wim:<index> \/LimitAccess/);
    assert.match(en[1], /Specify settings for optional component installation and component repair/);
    const given = dismCauseAdvice(run({ sources: ['wim:E:\\sources\\install.wim:6'], limitAccess: true }), cause('sourceMissing', 0x800f081f), 'en');
    assert.match(given[0], /`\/Source:wim:E:\\sources\\install\.wim:6`.*`DISM \/Get-WimInfo \/WimFile:E:\\sources\\install\.wim`/);
    assert.match(given[2], /without \/LimitAccess/);
    const zh = dismCauseAdvice(run({}), cause('sourceMissing', 0x800f081f), 'zh-cn');
    assert.match(zh[0], /修复源/);
    assert.match(zh[1], /组策略“指定可选组件安装和组件修复的设置”/);
    assert.match(dismCauseAdvice(run({ verb: 'Enable-Feature' }), cause('sourceMissing', 0x800f0906), 'en')[0], /0x800F0906.*netsh winhttp/);
    assert.match(dismCauseAdvice(run({ verb: 'Enable-Feature' }), cause('sourceMissing', 0x800f0906), 'en')[1], /\\sources\\sxs/);
  });

  it('follows the other causes', () => {
    assert.match(dismCauseAdvice(run({ sources: ['wim:E:\\sources\\install.wim:6'] }), cause('sourceRejected'), 'en')[0], /did not accept.*`DISM \/Get-WimInfo \/WimFile:E:\\sources\\install\.wim`/);
    assert.match(dismCauseAdvice(run({ sources: ['C:\\Repair\\Windows'] }), cause('sourceRejected'), 'zh-cn')[0], /未接受修复源.*`DISM \/Get-WimInfo \/WimFile:X:\\sources\\install\.wim`/);
    assert.match(dismCauseAdvice(run({}), cause('pendingReboot', 0x800f082f), 'en')[0], /^Windows has servicing operations waiting for a restart: restart/);
    assert.match(dismCauseAdvice(run({}), cause('pendingReboot', 0x800f082f), 'zh-cn')[0], /挂起.*先重启/);
    assert.match(dismCauseAdvice(run({}), cause('rpcFailure', 0x800706be), 'en')[0], /TrustedInstaller/);
    assert.match(dismCauseAdvice(run({}), cause('accessDenied', 0x80070005), 'en')[0], /elevated/);
    assert.match(dismCauseAdvice(run({ online: false }), cause('accessDenied', 0x80070020), 'zh-cn')[0], /脱机映像/);
    assert.match(dismCauseAdvice(run({}), cause('storeCorrupt', 0x800f0831), 'zh-cn')[0], /组件存储/);
    assert.match(dismCauseAdvice(run({}), cause('diskSpace', 0x80070070), 'en')[0], /Free space/);
    assert.match(dismCauseAdvice(run({}), cause('other', undefined, 'DISM DISM.EXE: No providers were found that support the command(x). HRESULT=0'), 'en')[0], /DISM \/\?/);
    assert.match(dismCauseAdvice(run({}), cause('other', undefined, "DISM DISM.EXE: Failed to access the image folder or image's windows folder."), 'en')[0], /Mount-Image/);
    assert.deepEqual(dismCauseAdvice(run({ result: 'cancelled' }), cause('other', 0x800704c7), 'en').length, 1);
  });
});

describe('DISM runs: corpus', function () {
  this.timeout(120_000);
  const dir = path.join(SHARED, 'corpus', 'dism');

  it('reads every corpus DISM log without error, and finds the known failures', function () {
    if (!fs.existsSync(dir)) {
      console.log(`      (skipped: ${dir} is absent)`);
      this.skip();
    }
    const found = new Map<string, DismRun[]>();
    for (const name of fs.readdirSync(dir).sort()) {
      const { runs, candidates, tracker } = track(fs.readFileSync(path.join(dir, name), 'utf8').replace(/^\uFEFF/, ''), name);
      assert.equal(tracker.errors, 0, name);
      const failed = runs.filter((r) => r.result === 'failed' || r.result === 'cancelled');
      assert.equal(candidates.length, failed.length, name);
      for (const r of failed) assert.ok(r.cause && r.resultLine !== undefined, `${name}: run at ${r.startLine + 1}`);
      found.set(name, runs);
      console.log(`      ${name}: ${runs.length} runs, ${failed.length} failed`);
      for (const r of failed) {
        const code = r.code === undefined ? 'no code' : `0x${r.code.toString(16).toUpperCase()}`;
        console.log(`        ${r.verb ?? '(none)'} line ${(r.resultLine ?? 0) + 1}: ${code}, cause ${r.cause?.kind} at line ${(r.cause?.at.line ?? 0) + 1}`);
      }
    }
    const sccm = found.get('findingsanity-dism-2019.log');
    if (sccm) {
      assert.deepEqual(summary(sccm.filter((r) => r.result !== 'succeeded')), [['failed', 'Apply-Unattend', 1103, 1282, 0x80004005]]);
      assert.deepEqual(causes(sccm), [['accessDenied', 1223, 0x80070020]]);
    }
    const api = found.get('abcdra-karev-dismapi.log');
    if (api) assert.equal(api.length, 0, 'cleanmgr only queried: its FindFirstFile errors are no runs');
  });
});
