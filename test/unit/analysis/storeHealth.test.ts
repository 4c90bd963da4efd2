// Store health: DISM checks and SFC runs read from our own CBS/DISM fixtures through the real
// reader, the sentence the report prints for each, and a pass over the real corpus logs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogFormat, LogRecord } from '../../../src/core/model/types';
import type { StoreHealth } from '../../../src/core/analysis/types';
import { readText } from '../../../src/core/readers';
import { StoreHealthTracker } from '../../../src/core/analysis/storeHealth';
import { parseSrLine } from '../../../src/core/analysis/storeHealthSfc';
import { HEALTH_LIMITS } from '../../../src/core/analysis/storeHealthAcc';
import { latestStoreHealth, storeHealthSentence } from '../../../src/core/report/storeHealth';
import { codeSpan } from '../../../src/core/report/escape';
import { PROJECT_ROOT, SHARED, rng } from '../../support';
import { tokens } from './records';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/analysis');
/** 1-based line numbers, as an engineer reads them. */
const lines = (refs: { line: number }[]): number[] => refs.map((r) => r.line + 1);

function healthOf(text: string, name: string, expect?: LogFormat): { out: StoreHealth[]; records: LogRecord[] } {
  const { info, records } = readText(text, name);
  if (expect) assert.equal(info.format, expect, `${name} is read as ${expect}`);
  const t = new StoreHealthTracker(0, info.format);
  for (const r of records) t.push(r);
  return { out: t.finish(), records };
}
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const health = (name: string, format: LogFormat = 'cbs'): StoreHealth[] => healthOf(fixture(name), name, format).out;
const en = (h: StoreHealth): string => storeHealthSentence(h, 'en', codeSpan);
const zh = (h: StoreHealth): string => storeHealthSentence(h, 'zh-cn', codeSpan);

describe('analysis: store health (SFC)', () => {
  it('an SFC run that found two damaged files and repaired both', () => {
    const out = health('cbs-sfc-repaired.log');
    assert.equal(out.length, 1);
    const h = out[0];
    assert.equal(h.tool, 'sfc');
    assert.equal(h.operation, 'repair');
    assert.equal(h.corruptionFound, true);
    assert.equal(h.repaired, true);
    assert.equal(h.detected, 2);
    assert.equal(h.repairedCount, 2);
    assert.deepEqual(h.items, ['C:\\WINDOWS\\System32\\fabrikamhelp.dll', 'C:\\WINDOWS\\Help\\Windows\\ContentStore\\en-US\\tailspin.xml']);
    assert.equal(h.at.line + 1, 25, 'the transaction-completed line');
    assert.deepEqual(lines(h.lines), [10, 14, 19, 21, 22, 23, 25]);
    assert.equal(h.startTime, Date.UTC(2027, 2, 2, 9, 14, 2), 'from the SFP request');
    assert.equal(en(h), 'SFC found 2 corrupt system files and repaired all of them (`fabrikamhelp.dll`, `tailspin.xml`).');
    assert.equal(zh(h), 'SFC 发现 2 个损坏的系统文件，已全部修复（`fabrikamhelp.dll`、`tailspin.xml`）。');
  });

  it('an SFC run that could not repair a file whose store copy is damaged too', () => {
    const [h, ...rest] = health('cbs-sfc-unrepaired.log');
    assert.equal(rest.length, 0);
    assert.equal(h.corruptionFound, true);
    assert.equal(h.repaired, false);
    assert.equal(h.detected, 3, 'the member name and the path on disk are one file');
    assert.equal(h.repairedCount, 2);
    assert.deepEqual(h.items, ['C:\\WINDOWS\\System32\\northwindsvc.dll', 'C:\\WINDOWS\\System32\\contoso32.dll', 'C:\\WINDOWS\\INF\\woodgrove.inf']);
    assert.equal(h.at.line + 1, 24);
    assert.ok(lines(h.lines).includes(8) && lines(h.lines).includes(10), 'the cannot-repair and could-not-reproject lines');
    assert.equal(en(h), 'SFC found 3 corrupt system files and could not repair 1 (`northwindsvc.dll`); run DISM /RestoreHealth, then SFC again.');
    assert.equal(zh(h), 'SFC 发现 3 个损坏的系统文件，其中 1 个无法修复（`northwindsvc.dll`）；请先运行 DISM /RestoreHealth，再重新运行 sfc /scannow。');
  });

  it('reads the Windows 7 forms of the [SR] lines', () => {
    assert.deepEqual(parseSrLine('Verifying 100 (0x00000064) components'), { kind: 'verifying', count: 100 });
    assert.deepEqual(parseSrLine('Repairing 2 components'), { kind: 'repairing', count: 2 });
    assert.deepEqual(parseSrLine('Cannot repair member file [l:30{15}]"contosoxps.dll" of Contoso-Xps, Version = 6.1.7601.17000, pA = PROCESSOR_ARCHITECTURE_INTEL (0), Culture neutral in the store, hash mismatch'), { kind: 'file', name: 'contosoxps.dll', state: 'unrepaired' });
    assert.deepEqual(parseSrLine('Could not reproject corrupted file [ml:520{260},l:46{23}]"\\??\\C:\\Windows\\System32"\\[l:30{15}]"contosoxps.dll"; source file in store is also corrupted'), { kind: 'file', name: 'C:\\Windows\\System32\\contosoxps.dll', state: 'unrepaired' });
    assert.deepEqual(parseSrLine('Repaired file [ml:520{260},l:46{23}]"\\??\\C:\\Windows\\System32"\\[l:22{11}]"tailspin.ocx" by copying from backup'), { kind: 'file', name: 'C:\\Windows\\System32\\tailspin.ocx', state: 'repaired' });
    assert.deepEqual(parseSrLine('Beginning Verify and Repair transaction'), { kind: 'other' });
  });

  it('keeps files with the same name in different folders apart', () => {
    const row = (n: number, msg: string): string => `2027-01-05 10:00:${String(n).padStart(2, '0')}, Info                  CSI    000000${n.toString(16).padStart(2, '0')} [SR] ${msg}`;
    const text = [
      row(1, 'Verifying 100 components'),
      row(2, "Cannot repair member file [l:20]'Tiles\\dark\\logo.svg' of Contoso-Shell, version 10.0.1, arch amd64, nonSxS in the store, hash mismatch"),
      row(3, "Cannot repair member file [l:21]'Tiles\\light\\logo.svg' of Contoso-Shell, version 10.0.1, arch amd64, nonSxS in the store, hash mismatch"),
      row(4, 'Could not reproject corrupted file \\??\\C:\\WINDOWS\\SystemApps\\Contoso.Shell_1a2b\\Tiles\\dark\\\\logo.svg; source file in store is also corrupted'),
      row(5, 'Verify complete'),
      row(6, 'Repairing 2 components'),
      row(7, 'Repair complete'),
      row(8, 'Verify and Repair Transaction completed. All files and registry keys listed in this transaction  have been successfully repaired'),
    ].join('\n');
    const [h] = healthOf(text, 'CBS.log', 'cbs').out;
    assert.equal(h.detected, 2);
    assert.deepEqual(h.items, ['C:\\WINDOWS\\SystemApps\\Contoso.Shell_1a2b\\Tiles\\dark\\logo.svg', 'Tiles\\light\\logo.svg']);
    assert.equal(h.repaired, false);
  });

  it('says nothing for a verify of a few components that found nothing (not a system scan)', () => {
    const text = [0, 1, 2].map((i) => `2027-01-05 10:00:0${i}, Info                  CSI    0000000${i} [SR] Verifying 1 components`).join('\n');
    assert.deepEqual(healthOf(text, 'CBS.log', 'cbs').out, []);
  });
});

describe('analysis: store health (DISM in CBS.log)', () => {
  it('RestoreHealth summary with CSI payload corruption, all repaired; the mark inside the check is part of it', () => {
    const out = health('cbs-restorehealth-payload.log');
    assert.equal(out.length, 1, 'no separate observation for the store mark inside the check');
    const h = out[0];
    assert.equal(h.tool, 'dism');
    assert.equal(h.operation, 'repair');
    assert.equal(h.corruptionFound, true);
    assert.equal(h.repaired, true);
    assert.equal(h.detected, 2);
    assert.equal(h.repairedCount, 2);
    const comp = 'amd64_microsoft-windows-tailspin-tools_31bf3856ad364e35_10.0.22631.3007_none_4c2b1a0f9e8d7c6b';
    assert.deepEqual(h.items, [`${comp}\\tailspin.psd1`, `${comp}\\tailspin-format.ps1xml`]);
    assert.equal(h.at.line + 1, 18, 'the Summary: line');
    assert.deepEqual(lines(h.lines), [6, 7, 15, 16, 18, 20, 22, 28]);
    assert.equal(h.startTime, Date.UTC(2027, 5, 8, 11, 2, 40));
    assert.equal(en(h), 'The component store had 2 corrupt entries (`tailspin.psd1`, `tailspin-format.ps1xml`); DISM RestoreHealth repaired all of them.');
    assert.equal(zh(h), '组件存储有 2 处损坏（`tailspin.psd1`、`tailspin-format.ps1xml`），DISM RestoreHealth 已全部修复。');
  });

  it('ScanHealth with nothing detected, its summary written as one record with continuation lines', () => {
    const name = 'cbs-scanhealth-clean.log';
    const { out, records } = healthOf(fixture(name), name, 'cbs');
    assert.ok(records.some((r) => r.continuation?.includes('Summary:')), 'the fixture has the multi-line shape');
    assert.equal(out.length, 1);
    const h = out[0];
    assert.equal(h.tool, 'dism');
    assert.equal(h.operation, 'scan');
    assert.equal(h.corruptionFound, false);
    assert.equal(h.detected, 0);
    assert.equal(h.repaired, undefined);
    assert.deepEqual(h.items, []);
    assert.equal(h.at.line + 1, 9, 'the Summary: continuation line');
    assert.deepEqual(lines(h.lines), [4, 9, 11, 13, 19]);
    assert.equal(en(h), 'DISM ScanHealth: no component store corruption detected.');
    assert.equal(zh(h), 'DISM ScanHealth：未检测到组件存储损坏。');
  });

  it('RestoreHealth without a usable source: the payload stays damaged', () => {
    const [h, ...rest] = health('cbs-restorehealth-nosource.log');
    assert.equal(rest.length, 0);
    assert.deepEqual([h.operation, h.corruptionFound, h.repaired, h.detected, h.repairedCount, h.at.line + 1], ['repair', true, false, 2, 0, 11]);
    assert.deepEqual(h.items.map((x) => x.replace(/^.*\\/, '')), ['woodgrovesearch.dll', 'woodgroveprotocol.exe']);
    assert.deepEqual(lines(h.lines), [7, 8, 9, 10, 11, 13, 15, 21]);
    assert.equal(en(h), 'The component store had 2 corrupt entries and DISM RestoreHealth could not repair any of them (`woodgrovesearch.dll`, `woodgroveprotocol.exe`); run it again with /Source set to installation media of the same Windows build, and /LimitAccess.');
    assert.equal(zh(h), '组件存储有 2 处损坏，DISM RestoreHealth 均无法修复（`woodgrovesearch.dll`、`woodgroveprotocol.exe`）；请以同一版本的 Windows 安装介质作为 /Source，并加上 /LimitAccess 重新运行。');
  });

  it('a check that failed before counting anything is not reported as clean', () => {
    const row = (msg: string): string => `2027-02-02 08:00:00, Info                  CBS    ${msg}`;
    const text = ['Client specifies manual store corruption detect or repair.', 'Summary:', 'Operation: Detect and Repair ', 'Operation result: 0x800f0906', 'Total Detected Corruption:\t0', 'Total Repaired Corruption:\t0'].map(row).join('\n');
    const [h] = healthOf(text, 'CBS.log', 'cbs').out;
    assert.equal(h.corruptionFound, undefined);
    assert.equal(h.detected, undefined);
    assert.equal(h.repaired, false);
    assert.equal(en(h), 'DISM RestoreHealth could not repair the component store; run it again with /Source set to installation media of the same Windows build, and /LimitAccess.');
  });

  it('a blank line inside a multi-line block: its lines are cited at the record, never at a guessed line', () => {
    const text = [
      '2027-02-01 08:00:00, Info                  CBS    Client specifies manual store corruption detect or repair.',
      '2027-02-01 08:09:00, Info                  CBS    ',
      'Checking System Update Readiness.',
      '',
      'Summary:',
      'Operation: Detect only ',
      'Total Detected Corruption:\t1',
      '(p)\tCSI Manifest Corrupt\t\tamd64_contoso-core_31bf3856ad364e35_10.0.1.1_none_0011223344556677',
    ].join('\n');
    const [h] = healthOf(text, 'CBS.log', 'cbs').out;
    assert.equal(h.at.line, 1);
    assert.ok(h.lines.every((l) => l.line === 1));
    assert.equal(h.corruptionFound, true);
    assert.equal(h.detected, 1);
    assert.equal(en(h), 'DISM ScanHealth found 1 corrupt entry in the component store (`amd64_contoso-core_31bf3856ad364e35_10.0.1.1_none_0011223344556677`); run DISM /RestoreHealth to repair it.');
  });

  it('an old check that repaired corruption is history once a newer one finds the store clean', () => {
    const out = health('cbs-restorehealth-history.log');
    assert.deepEqual(out.map((h) => [h.at.line + 1, h.corruptionFound, h.repaired, h.detected]), [[6, true, true, 1], [25, false, undefined, 0]]);
    assert.deepEqual(out[0].items, ['wow64_microsoft-windows-contoso-runtime_31bf3856ad364e35_10.0.22631.3155_none_9a8b7c6d5e4f3a21']);
    assert.deepEqual(out[1].items, [], 'the new check does not inherit the old items');
    const latest = latestStoreHealth(out);
    assert.deepEqual(latest, [out[1]]);
    assert.equal(en(latest[0]), 'DISM RestoreHealth: no component store corruption detected.');
  });

  it('CSI marking the store corrupt outside any check is an observation of its own, history after a later RestoreHealth', () => {
    const text = fixture('cbs-store-marked.log');
    const out = healthOf(text, 'cbs-store-marked.log', 'cbs').out;
    assert.equal(out.length, 2);
    const [m, d] = out;
    assert.equal(m.tool, 'cbs');
    assert.equal(m.operation, 'check');
    assert.equal(m.corruptionFound, true);
    assert.equal(m.repaired, undefined);
    assert.deepEqual(m.items, ['CorruptPayloadFile'], 'two marks of one category: one item');
    assert.deepEqual(lines(m.lines), [5, 6]);
    assert.equal(m.at.line + 1, 6);
    assert.equal(en(m), 'CBS marked the component store as corrupt (category `CorruptPayloadFile`); run DISM /RestoreHealth, then sfc /scannow.');
    assert.equal(zh(m), 'CBS 已将组件存储标记为损坏（类别：`CorruptPayloadFile`）；请先运行 DISM /RestoreHealth，再运行 sfc /scannow。');
    assert.equal(d.tool, 'dism');
    assert.equal(d.repaired, true);
    assert.deepEqual(latestStoreHealth(out), [d], 'the later RestoreHealth looked at the store');
    // Without the RestoreHealth the mark is the latest word on the store.
    const before = healthOf(text.split('\n').slice(0, 10).join('\n'), 'cbs-store-marked.log', 'cbs').out;
    assert.deepEqual(latestStoreHealth(before).map((h) => h.tool), ['cbs']);
  });
});

describe('analysis: store health (DISM.log)', () => {
  it('CheckHealth clean, ScanHealth repairable, RestoreHealth failed: one observation per run', () => {
    const out = health('dism-health-runs.log', 'dism');
    assert.deepEqual(out.map((h) => [h.at.line + 1, h.operation, h.corruptionFound, h.repaired]), [
      [7, 'check', false, undefined],
      [18, 'scan', true, undefined],
      [29, 'repair', undefined, false],
    ]);
    assert.equal(en(out[1]), 'DISM ScanHealth: the component store is damaged but repairable; run DISM /RestoreHealth.');
    assert.equal(zh(out[2]), 'DISM RestoreHealth 无法修复组件存储；请以同一版本的 Windows 安装介质作为 /Source，并加上 /LimitAccess 重新运行。');
    assert.deepEqual(latestStoreHealth(out), [out[2]]);
  });

  it('RestoreHealth completed', () => {
    const [h] = health('dism-restorehealth-ok.log', 'dism');
    assert.equal(h.operation, 'repair');
    assert.equal(h.repaired, true);
    assert.equal(h.startTime, Date.UTC(2027, 9, 5, 9, 31, 4));
    assert.equal(en(h), 'DISM RestoreHealth completed successfully; the component store is healthy.');
  });
});

describe('report: store-health sentences', () => {
  const base: StoreHealth = { file: 0, at: { file: 0, line: 9 }, tool: 'sfc', operation: 'repair', items: [], lines: [] };

  it('names a few items and counts the rest; plain text without a renderer', () => {
    const items = ['C:\\a\\one.dll', 'C:\\a\\two.dll', 'C:\\a\\three.dll', 'C:\\a\\four.dll', 'C:\\a\\five.dll'];
    const h: StoreHealth = { ...base, corruptionFound: true, repaired: false, detected: 7, repairedCount: 2, items };
    assert.equal(storeHealthSentence(h, 'en'), 'SFC found 7 corrupt system files and could not repair 5 (one.dll, two.dll, three.dll and 2 more); run DISM /RestoreHealth, then SFC again.');
    assert.equal(storeHealthSentence(h, 'zh-cn'), 'SFC 发现 7 个损坏的系统文件，其中 5 个无法修复（one.dll、two.dll、three.dll 等）；请先运行 DISM /RestoreHealth，再重新运行 sfc /scannow。');
  });

  it('says when the log does not state a result', () => {
    assert.equal(storeHealthSentence({ ...base, operation: 'scan' }, 'en'), 'SFC ran, but the log does not state its result.');
    assert.equal(storeHealthSentence({ ...base, tool: 'dism' }, 'zh-cn'), 'DISM RestoreHealth 已运行，但日志中没有给出结果。');
    assert.equal(storeHealthSentence({ ...base, tool: 'cbs', operation: 'check', corruptionFound: true }, 'en'), 'CBS marked the component store as corrupt; run DISM /RestoreHealth, then sfc /scannow.');
  });

  it('latest per tool and file', () => {
    const at = (file: number, line: number, tool: StoreHealth['tool']): StoreHealth => ({ ...base, file, tool, at: { file, line } });
    const list = [at(0, 5, 'sfc'), at(0, 50, 'sfc'), at(1, 7, 'sfc'), at(0, 20, 'dism'), at(0, 30, 'cbs')];
    assert.deepEqual(latestStoreHealth(list), [list[1], list[2], list[3], list[4]], 'a mark after the DISM check stays current');
  });
});

describe('analysis: store health is bounded and never throws', () => {
  it('caps items, lines and checks however much the log names', () => {
    const t = new StoreHealthTracker(0, 'cbs');
    let line = 0;
    const csi = (message: string): LogRecord => ({ line: line++, endLine: line - 1, component: 'CSI', message, messageColumn: 0, ...tokens('', 0) });
    t.push(csi('00000001 [SR] Verifying 100 components'));
    for (let i = 0; i < 20000; i++) t.push(csi(`00000002 [SR] Cannot repair member file [l:12]'f${i}.dll' of Contoso, version 1.0 in the store, hash mismatch`));
    for (let r = 0; r < HEALTH_LIMITS.checks + 50; r++) {
      t.push(csi('00000003 [SR] Verifying 100 components'));
      t.push(csi('00000004 [SR] Repairing 0 components'));
      t.push(csi('00000005 [SR] Repair complete'));
    }
    const out = t.finish();
    assert.equal(out.length, HEALTH_LIMITS.checks);
    for (const h of out) {
      assert.ok(h.items.length <= HEALTH_LIMITS.items);
      assert.ok(h.lines.length <= HEALTH_LIMITS.itemLines + HEALTH_LIMITS.keyLines);
    }
    assert.equal(out[out.length - 1].corruptionFound, false, 'the newest runs are the ones kept');
  });

  it('counts every distinct file of a huge run while remembering only a bounded number', () => {
    const t = new StoreHealthTracker(0, 'cbs');
    let line = 0;
    const csi = (message: string): LogRecord => ({ line: line++, endLine: line - 1, component: 'CSI', message, messageColumn: 0, ...tokens('', 0) });
    t.push(csi('00000001 [SR] Verifying 100 components'));
    for (let i = 0; i < 5000; i++) t.push(csi(`00000002 [SR] Repairing file \\??\\C:\\x\\\\g${i}.dll from store`));
    t.push(csi('00000003 [SR] Repairing 5000 components'));
    t.push(csi('00000004 [SR] Repair complete'));
    t.push(csi('00000005 [SR] Verify and Repair Transaction completed. All files and registry keys listed in this transaction  have been successfully repaired'));
    const [h] = t.finish();
    assert.equal(h.detected, 5000);
    assert.equal(h.repairedCount, 5000);
    assert.equal(h.repaired, true);
    assert.equal(h.items.length, HEALTH_LIMITS.items);
  });

  it('hostile records: no exception, plain results', () => {
    const next = rng(8);
    const pieces = ['[SR] ', 'Repairing file ', 'Cannot repair member file ', '(p)', '\t', 'Summary:', 'Total Detected Corruption:', 'Operation: ', '[l:', ']"', '"\\[', 'from store', ';', 'x'.repeat(3000), '\u0000', '𠀀', ' ', '0x'];
    const t = new StoreHealthTracker(0, 'dism');
    for (let i = 0; i < 3000; i++) {
      let message = '';
      const n = Math.floor(next() * 8);
      for (let k = 0; k < n; k++) message += pieces[Math.floor(next() * pieces.length)];
      const component = ['CSI', 'CBS', 'DISM', '', 'SXS'][Math.floor(next() * 5)];
      const cont = next() < 0.2 ? [message, '', 'Summary:', message] : undefined;
      t.push({ line: i, endLine: i + (cont ? 2 : 0), component, message: next() < 0.5 ? `0000001 ${message}` : message, messageColumn: 0, continuation: cont, ...tokens('', 0) });
    }
    const out = t.finish();
    assert.ok(Array.isArray(out));
    assert.doesNotThrow(() => JSON.stringify(out));
    for (const h of out) assert.doesNotThrow(() => storeHealthSentence(h, 'zh-cn', codeSpan));
  });
});

describe('corpus: store health of the real CBS and DISM logs', function () {
  this.timeout(120000);
  const corpus = path.join(SHARED, 'corpus');
  const results = new Map<string, StoreHealth[]>();
  before(function () {
    if (!fs.existsSync(path.join(corpus, 'cbs'))) {
      console.log(`    (skipped: corpus not found at ${corpus})`);
      this.skip();
    }
  });

  it('reads every CBS and DISM log without an exception and prints what each says', () => {
    for (const dir of ['cbs', 'dism']) {
      for (const name of fs.readdirSync(path.join(corpus, dir)).sort()) {
        const { out } = healthOf(fs.readFileSync(path.join(corpus, dir, name), 'utf8'), name);
        results.set(`${dir}/${name}`, out);
        const said = out.map((h) => `${h.at.line + 1} ${h.tool} ${h.operation} found=${h.corruptionFound} repaired=${h.repaired} detected=${h.detected} repairedCount=${h.repairedCount}`);
        console.log(`      ${dir}/${name}: ${said.length ? said.join('; ') : '-'}`);
        for (const h of out) {
          assert.ok(h.items.length <= HEALTH_LIMITS.items && h.lines.length <= HEALTH_LIMITS.itemLines + HEALTH_LIMITS.keyLines);
          assert.ok(storeHealthSentence(h, 'en').length > 0);
        }
      }
    }
    assert.ok(results.size >= 20);
  });

  const get = (rel: string): StoreHealth[] => {
    const r = results.get(rel);
    assert.ok(r, `${rel} was read`);
    return r;
  };

  it('romi1996: RestoreHealth found and repaired 9 CSI payload files', () => {
    const [h, ...rest] = get('cbs/romi1996-csi.log');
    assert.equal(rest.length, 0);
    assert.deepEqual([h.at.line + 1, h.tool, h.operation, h.corruptionFound, h.repaired, h.detected, h.repairedCount, h.items.length], [3346, 'dism', 'repair', true, true, 9, 9, 9]);
  });

  it('scarlaglen: SFC could not repair 174 files whose store copies are damaged', () => {
    const [h] = get('cbs/scarlaglen-cbslog.log');
    assert.deepEqual([h.at.line + 1, h.tool, h.corruptionFound, h.repaired, h.detected, h.repairedCount], [7400, 'sfc', true, false, 174, 0]);
  });

  it('infinito1977 (Windows 7): SFC could not repair two files', () => {
    const [h] = get('cbs/infinito1977-win7sp1-x86.log');
    assert.deepEqual([h.at.line + 1, h.repaired, h.detected], [10440, false, 2]);
    assert.deepEqual(h.items.map((x) => x.replace(/^.*\\/, '')), ['System.Design.dll', 'xpsservices.dll']);
  });

  it('adrianosalves: two SFC runs each repaired one file; the second is the latest', () => {
    const out = get('cbs/adrianosalves-cbs.log');
    assert.deepEqual(out.map((h) => [h.at.line + 1, h.repaired, h.detected]), [[12141, true, 1], [12805, true, 1]]);
    assert.deepEqual(latestStoreHealth(out), [out[1]]);
  });

  it('doomscourge416: RestoreHealth and SFC both clean', () => {
    assert.deepEqual(get('cbs/doomscourge416-ffs-annotated.log').map((h) => [h.at.line + 1, h.tool, h.corruptionFound]), [[5376, 'dism', false], [5990, 'sfc', false]]);
  });

  it('no DISM.log of the corpus ran a health check', () => {
    for (const [rel, out] of results) if (rel.startsWith('dism/')) assert.deepEqual(out, [], rel);
  });
});
