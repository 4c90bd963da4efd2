import * as assert from 'node:assert/strict';
import { parseExplainArgs, runExplain, formatHuman, toJsonRecord } from '../../../src/cli/explainCommand';
import { explainCode } from '../../../src/core/errors';
import { captureOutput } from '../../support';

/** Runs the command in-process with stdout/stderr captured. */
const run = (args: string[]) => captureOutput(() => runExplain(args));

describe('cli: wulog explain', () => {
  it('parses options', () => {
    const p = parseExplainArgs(['0x1', '--json', '--lang', 'zh-cn', '800f0988']);
    assert.ok(p.ok);
    if (p.ok) assert.deepEqual(p.args, { codes: ['0x1', '800f0988'], json: true, lang: 'zh-cn' });
    assert.equal(parseExplainArgs(['--lang=fr', '0x1']).ok, false);
    assert.equal(parseExplainArgs(['--lang']).ok, false);
    assert.equal(parseExplainArgs([]).ok, false);
    assert.equal(parseExplainArgs(['--bogus', '0x1']).ok, false);
  });

  it('prints JSON with code, name, facility, summary and confidence', async () => {
    const r = await run(['0x800706BE', '-2147024891', '0x8024A999', '--json']);
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    const rows = JSON.parse(r.out) as Array<Record<string, unknown>>;
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((x) => x.code), ['0x800706BE', '0x80070005', '0x8024A999']);
    assert.deepEqual(rows.map((x) => x.name), ['RPC_S_CALL_FAILED', 'E_ACCESSDENIED', null]);
    assert.deepEqual(rows.map((x) => x.facility), ['WIN32', 'WIN32', 'WINDOWSUPDATE']);
    for (const x of rows) {
      assert.equal(typeof x.summary, 'string');
      assert.ok(['header', 'documented', 'community', 'logged', 'derived'].includes(x.confidence as string));
    }
  });

  it('prints human text in Chinese', async () => {
    const r = await run(['800f0988', '--lang', 'zh-cn']);
    assert.equal(r.code, 0);
    assert.match(r.out, /0x800F0988 {2}PSFX_E_INVALID_DELTA_COMBINATION/);
    assert.match(r.out, /可信度: 仅社区来源/);
    assert.match(r.out, /后续步骤/);
  });

  it('exits 2 with a message on stderr for an unparsable code or bad option', async () => {
    const bad = await run(['0x800706BE', 'not-a-code']);
    assert.equal(bad.code, 2);
    assert.equal(bad.out, '');
    assert.match(bad.err, /not a code: "not-a-code"/);
    const none = await run([]);
    assert.equal(none.code, 2);
    assert.match(none.err, /no code given/);
    const lang = await run(['0x1', '--lang', 'de']);
    assert.equal(lang.code, 2);
  });

  it('formats every field it has', () => {
    const e = explainCode(0x800706be, 'en');
    const text = formatHuman(e);
    assert.match(text, /Facility: WIN32 \(7\)/);
    assert.match(text, /Win32 error: 1726/);
    assert.match(text, /Sources: mingw-w64 winerror\.h/);
    const j = toJsonRecord(e);
    assert.equal(j.win32, 1726);
  });
});
