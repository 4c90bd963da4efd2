// Upgrade extend codes: the documented phase and operation tables, every written form, and the
// advice per phase and per documented pair, in both languages.
import * as assert from 'node:assert/strict';
import { decodeExtended, describeExtended, findUpgradeCodes, parseUpgradeCode, UPGRADE_OPERATIONS, UPGRADE_PHASES } from '../../../src/core/errors/extended';
import { PAIR_TEXTS } from '../../../src/core/errors/extendedTexts';

const CJK = /[\u4e00-\u9fff]/;

describe('errors: upgrade extend codes', () => {
  it('has the documented phase and SP_EXECUTION_OP tables', () => {
    assert.deepEqual([...UPGRADE_PHASES], ['UNKNOWN', 'DOWNLEVEL', 'SAFE_OS', 'FIRST_BOOT', 'OOBE_BOOT', 'UNINSTALL']);
    assert.equal(UPGRADE_OPERATIONS.length, 0x21);
    const spot: Array<[number, string]> = [[0x0, 'UNKNOWN'], [0x1, 'COPY_PAYLOAD'], [0x4, 'INSTALL_RECOVERY_ENVIRONMENT'], [0x7, 'INSTALL_DRVIERS'],
      [0x9, 'PREPARE_ROLLBACK'], [0xc, 'APPLY_IMAGE'], [0xd, 'MIGRATE_DATA'], [0xf, 'ADD_UNATTEND'], [0x10, 'ADD_DRIVER'], [0x13, 'REGISTER_ASYNC_PROCESS'],
      [0x17, 'BOOT'], [0x18, 'SYSPREP'], [0x1a, 'BEGIN_FIRST_BOOT'], [0x1d, 'END_OOBE_BOOT'], [0x1e, 'PRE_OOBE'], [0x1f, 'POST_OOBE'], [0x20, 'ADD_PROVISIONING_PACKAGE']];
    for (const [op, name] of spot) assert.equal(UPGRADE_OPERATIONS[op], name, `op 0x${op.toString(16)}`);
  });

  it('decodes phase and operation', () => {
    assert.deepEqual(decodeExtended(0x30018), { code: 0x30018, phase: 3, phaseName: 'FIRST_BOOT', operation: 0x18, operationName: 'SYSPREP' });
    assert.deepEqual(decodeExtended(0x4000d), { code: 0x4000d, phase: 4, phaseName: 'OOBE_BOOT', operation: 0xd, operationName: 'MIGRATE_DATA' });
    assert.deepEqual(decodeExtended(0x20007), { code: 0x20007, phase: 2, phaseName: 'SAFE_OS', operation: 7, operationName: 'INSTALL_DRVIERS' });
    assert.deepEqual(decodeExtended(0x10020), { code: 0x10020, phase: 1, phaseName: 'DOWNLEVEL', operation: 0x20, operationName: 'ADD_PROVISIONING_PACKAGE' });
    assert.deepEqual(decodeExtended(0x50013), { code: 0x50013, phase: 5, phaseName: 'UNINSTALL', operation: 0x13, operationName: 'REGISTER_ASYNC_PROCESS' });
    // Outside the documented tables: no invented names.
    assert.deepEqual(decodeExtended(0x20021), { code: 0x20021, phase: 2, phaseName: 'SAFE_OS', operation: 0x21 });
    assert.equal(decodeExtended(0x70001).phaseName, 'UNKNOWN');
    assert.equal(decodeExtended(Number.NaN).code, 0);
  });

  it('reads every form people and logs write', () => {
    const x30018 = decodeExtended(0x30018);
    const x2000c = decodeExtended(0x2000c);
    assert.deepEqual(parseUpgradeCode('0xC1900101 - 0x30018'), { code: 0xc1900101, extended: x30018 });
    assert.deepEqual(parseUpgradeCode('0xC1900101-0x30018'), { code: 0xc1900101, extended: x30018 });
    assert.deepEqual(parseUpgradeCode('0xc1900101 \u2013 0x30018'), { code: 0xc1900101, extended: x30018 });
    assert.deepEqual(parseUpgradeCode('C1900101-30018'), { code: 0xc1900101, extended: x30018 });
    assert.deepEqual(parseUpgradeCode('[0x8007000D, 0x2000C]'), { code: 0x8007000d, extended: x2000c });
    assert.deepEqual(parseUpgradeCode('Error = 0x8007000D-0x2000C'), { code: 0x8007000d, extended: x2000c });
    assert.deepEqual(parseUpgradeCode('Extended: [0x2000c]'), { extended: x2000c });
    // Plain codes and other pairs are not upgrade codes.
    for (const t of ['0x30018', '0xC1900101', '-2147024891', '0x80070005-1', '[0x800704D3, 0x800704C7]', 'Result: [0x2000c]', '0x00000005-0x30018', 'x'.repeat(200)]) {
      assert.equal(parseUpgradeCode(t), undefined, t);
    }
  });

  it('finds extend codes in log lines with exact spans', () => {
    const cases: Array<[string, number | undefined, number, string]> = [
      ['2025-03-11 10:20:05, Info                  MOUPG  SetupHost: Reporting post reboot event -> [0xC1900101, 0x30018]', 0xc1900101, 0x30018, '0x30018'],
      ['2025-03-11 10:20:05, Info                  MOUPG  ImageExit: Initializing Extended:    [0x2000c]', undefined, 0x2000c, '0x2000c'],
      ['Tracing Data [DWORD] -> [Setup360Extended]=[0x4000D] [abc][][][0x1]', undefined, 0x4000d, '0x4000D'],
      ['SetupDiag: Error = 0x8007000D-0x2000C', 0x8007000d, 0x2000c, '0x2000C'],
      ['the upgrade failed with 0xC1900101 - 0x40017 again', 0xc1900101, 0x40017, '0x40017'],
    ];
    for (const [line, code, ext, extText] of cases) {
      const found = findUpgradeCodes(line);
      assert.equal(found.length, 1, line);
      assert.equal(found[0].code, code, line);
      assert.equal(found[0].extended, ext, line);
      assert.equal(line.slice(found[0].extSpan.start, found[0].extSpan.end), extText);
      if (code !== undefined) assert.equal(parseInt(line.slice(found[0].codeSpan!.start, found[0].codeSpan!.end), 16) >>> 0, code);
    }
    // A result with its mapped form, a GUID-like run, flags: none of them.
    for (const line of ['SetupHost: Reporting error event -> [0x800704D3, 0x800704C7]', 'Flags = [0x800], Mode = [0x8]', 'id 0x12345678-0x30018x', 'Error = 0x8007000D-0x2000C5']) {
      assert.deepEqual(findUpgradeCodes(line), [], line);
    }
  });

  it('gives the documented next steps for 0xC1900101 - 0x30018 in both languages', () => {
    const en = describeExtended(decodeExtended(0x30018), 'en', 0xc1900101);
    assert.match(en.summary, /^Extend code 0x30018: .*FIRST_BOOT phase.*SYSPREP operation\. A device driver stopped responding/);
    assert.match(en.nextSteps.join('\n'), /Rollback\\setupapi\\setupapi\.dev\.log/);
    assert.match(en.nextSteps.join('\n'), /Rollback\\setupact\.log/);
    assert.match(en.nextSteps.join('\n'), /Disconnect every peripheral/);
    assert.match(en.nextSteps[en.nextSteps.length - 1], /SetupDiag/);
    const zh = describeExtended(decodeExtended(0x30018), 'zh-cn', 0xc1900101);
    assert.match(zh.summary, /扩展代码 0x30018：.*首次启动阶段.*回滚/);
    assert.match(zh.nextSteps.join('\n'), /驱动/);
    assert.match(zh.nextSteps.join('\n'), /setupapi\.dev\.log/);
    assert.equal(zh.nextSteps.length, en.nextSteps.length);
  });

  it('falls back to the phase with a hint for the operation', () => {
    const down = describeExtended(decodeExtended(0x1000c), 'en');
    assert.match(down.summary, /DOWNLEVEL phase .*before the first restart/);
    assert.match(down.nextSteps[0], /Panther\\setupact\.log/);
    assert.match(down.nextSteps[1], /applies the Windows image/);
    const drv = describeExtended(decodeExtended(0x30007), 'zh-cn', 0x80070103);
    assert.match(drv.summary, /首次启动阶段/);
    assert.match(drv.nextSteps[1], /安装驱动/);
    const odd = describeExtended(decodeExtended(0x20021), 'en');
    assert.match(odd.summary, /operation 0x21 \(not in the documented table\)/);
    // A pair of another result code is not the documented 0xC1900101 one.
    assert.doesNotMatch(describeExtended(decodeExtended(0x30018), 'en', 0x80070005).summary, /stopped responding/);
  });

  it('has a specific text for every pair named in the brief', () => {
    const pairs: Array<[number, number, RegExp]> = [
      [0xc1900101, 0x20004, /recovery environment/], [0xc1900101, 0x2000c, /applied/], [0xc1900101, 0x20017, /illegal/],
      [0xc1900101, 0x30018, /stopped responding/], [0xc1900101, 0x3000d, /display driver/], [0xc1900101, 0x4000d, /second boot/],
      [0xc1900101, 0x40017, /second restart/], [0x8007000d, 0x2000c, /media/], [0xc1900101, 0x30017, /failed to start/],
    ];
    for (const [code, ext, re] of pairs) {
      const en = describeExtended(decodeExtended(ext), 'en', code);
      const zh = describeExtended(decodeExtended(ext), 'zh-cn', code);
      assert.match(en.summary, re, `${code.toString(16)}-${ext.toString(16)}`);
      assert.match(zh.summary, CJK);
      assert.ok(en.nextSteps.length >= 2);
    }
    for (const [key, t] of Object.entries(PAIR_TEXTS)) {
      assert.match(key, /^[0-9A-F]{8}-[0-9A-F]{5}$/, key);
      assert.ok(t.en.steps.length > 0 && t.en.steps.length === t['zh-cn'].steps.length, key);
      assert.match(t['zh-cn'].summary, CJK, key);
      assert.doesNotMatch(t.en.summary, CJK, key);
    }
  });
});
