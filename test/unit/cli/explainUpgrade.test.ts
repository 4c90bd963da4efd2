// `wulog explain` on upgrade codes with their extend code: the forms a person types (quoted or
// not), the human text in both languages and the JSON `extended` record.
import * as assert from 'node:assert/strict';
import { joinUpgradeArgs, runExplain } from '../../../src/cli/explainCommand';
import { captureOutput } from '../../support';

/** Runs the command in-process with stdout/stderr captured. */
const run = (args: string[]) => captureOutput(() => runExplain(args));

describe('cli: wulog explain with extend codes', () => {
  it('joins a pair typed as separate arguments, and only then', () => {
    assert.deepEqual(joinUpgradeArgs(['0xC1900101', '-', '0x30018']), ['0xC1900101 - 0x30018']);
    assert.deepEqual(joinUpgradeArgs(['0xC1900101', '-0x30018', '0x80070005']), ['0xC1900101 -0x30018', '0x80070005']);
    assert.deepEqual(joinUpgradeArgs(['0x80070005', '-2147024891']), ['0x80070005', '-2147024891']);
    assert.deepEqual(joinUpgradeArgs(['0x80070005', '-']), ['0x80070005', '-']);
  });

  it('prints the code, then its extend code with phase, operation and next steps', async () => {
    const r = await run(['0xC1900101', '-', '0x30018', '--lang', 'en']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^0xC1900101 {2}/);
    assert.match(r.out, /\n {2}Extend code: 0x30018 - phase 3 FIRST_BOOT, operation 0x18 SYSPREP\n/);
    assert.match(r.out, /\n {2}Upgrade failure: Extend code 0x30018: .*A device driver stopped responding/);
    assert.match(r.out, /\n {4}1\. Read the rollback logs: `C:\\\$Windows\.~BT\\Sources\\Rollback\\setupact\.log`/);
  });

  it('prints Chinese text for the same pair', async () => {
    const r = await run(['0xC1900101-0x30018', '--lang', 'zh-cn']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /扩展代码: 0x30018 - 阶段 3 FIRST_BOOT, 操作 0x18 SYSPREP/);
    assert.match(r.out, /升级后续步骤:\n {4}1\. 查看回滚日志/);
  });

  it('puts the decoding into the JSON, null without an extend code', async () => {
    const r = await run(['--json', '[0x8007000D, 0x2000C]', 'Extended: [0x2000c]', '0x80070005']);
    assert.equal(r.code, 0, r.err);
    const rows = JSON.parse(r.out) as Array<Record<string, unknown>>;
    assert.equal(rows.length, 3);
    const [pair, alone, plain] = rows;
    assert.equal(pair.input, '[0x8007000D, 0x2000C]');
    assert.equal(pair.code, '0x8007000D');
    assert.equal(pair.name, 'ERROR_INVALID_DATA');
    const ext = pair.extended as Record<string, unknown>;
    assert.deepEqual({ ...ext, summary: undefined, nextSteps: undefined },
      { code: '0x2000C', value: 0x2000c, phase: 2, phaseName: 'SAFE_OS', operation: 0xc, operationName: 'APPLY_IMAGE', summary: undefined, nextSteps: undefined });
    assert.match(ext.summary as string, /installation media or the downloaded files are damaged/);
    assert.ok((ext.nextSteps as string[]).length >= 3);
    assert.equal(alone.code, undefined);
    assert.equal((alone.extended as Record<string, unknown>).phaseName, 'SAFE_OS');
    assert.equal(plain.code, '0x80070005');
    assert.equal(plain.extended, null);
  });

  it('refuses a pair whose second half is not an extend code', async () => {
    const r = await run(['0xC1900101-0x80070005']);
    assert.equal(r.code, 2);
    assert.match(r.err, /not a code: "0xC1900101-0x80070005"/);
  });
});
