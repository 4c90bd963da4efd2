// Hover on upgrade results: a code paired with its extend code in the same line shows the extend
// code's phase and operation in one short line near the top, and the upgrade advice below.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeAt, explanationMarkdown, extendedHoverMarkdown, extendedMarkdown, hoverMarkdown, hoverTargetAt } from '../../../src/hover/hoverModel';
import { LABELS } from './labels';
import { decodeExtended, describeExtended, explainCode } from '../../../src/core/errors';
import { PROJECT_ROOT } from '../../support';


const at = (line: string, needle: string, delta = 2) => line.indexOf(needle) + delta;

describe('hover: upgrade extend codes', () => {
  const post = '2025-03-11 10:20:05, Info                  MOUPG  SetupHost: Reporting post reboot event -> [0xC1900101, 0x30018]';
  const diag = 'SetupDiag: Error = 0x8007000D-0x2000C';
  const exit = '2025-03-11 09:02:40, Info                  MOUPG  ImageExit: Initializing Extended:    [0x2000c]';

  it('pairs the code under the cursor with the extend code after it, from either half', () => {
    for (const needle of ['0xC1900101', '0x30018']) {
      const t = hoverTargetAt(post, at(post, needle));
      assert.equal(t?.code, 0xc1900101, needle);
      assert.equal(t?.extended?.code, 0x30018);
      assert.equal(post.slice(t!.span.start, t!.span.end), '0xC1900101, 0x30018');
      assert.equal(t?.ref?.text, '0xC1900101, 0x30018');
    }
  });

  it('finds a dash pair the code tokenizer alone does not see', () => {
    assert.equal(codeAt(diag, at(diag, '0x8007000D')), undefined);
    const t = hoverTargetAt(diag, at(diag, '0x8007000D'));
    assert.equal(t?.code, 0x8007000d);
    assert.equal(t?.extended?.phaseName, 'SAFE_OS');
    assert.equal(diag.slice(t!.span.start, t!.span.end), '0x8007000D-0x2000C');
  });

  it('explains a labelled extend code alone, and a plain code as before', () => {
    const t = hoverTargetAt(exit, at(exit, '0x2000c'));
    assert.equal(t?.code, undefined);
    assert.equal(t?.extended?.code, 0x2000c);
    assert.equal(exit.slice(t!.span.start, t!.span.end), '0x2000c');
    const cbs = '2015-02-23 10:00:00, Info                  CBS    Failed [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]';
    const p = hoverTargetAt(cbs, at(cbs, '0x800f0831'));
    assert.equal(p?.code, 0x800f0831);
    assert.equal(p?.extended, undefined);
    assert.equal(p?.ref?.loggedName, 'CBS_E_STORE_CORRUPTION');
    assert.equal(hoverTargetAt(post, 3), undefined);
  });

  it('keeps the first lines short: title, then one extend-code line, the upgrade meaning and its first step', () => {
    const x = decodeExtended(0x30018);
    const upgrade = { extended: x, ...describeExtended(x, 'en', 0xc1900101) };
    const md = hoverMarkdown(explainCode(0xc1900101, 'en'), LABELS, upgrade, '[More…](command:x)');
    const blocks = md.split('\n\n');
    const [title, ext] = blocks[0].split('  \n');
    assert.match(title, /^\*\*0xC1900101\*\* — /);
    assert.equal(ext, 'Extend code: **0x30018** — FIRST\\_BOOT · SYSPREP');
    assert.ok(title.length < 80 && ext.length < 80);
    // The meaning is the pair's (escaped, `\:`); the next step is the upgrade's first.
    assert.match(blocks[1], /^Extend code 0x30018\\: .*stopped responding/);
    assert.match(blocks[2], /^\*\*Next step:\*\* Read the rollback logs\\: `C:\\\$Windows\.~BT\\Sources\\Rollback\\setupact\.log`/);
    assert.equal(blocks.length, 4);
    assert.match(blocks[3], /· \[More…\]\(command:x\)$/);
    // The full explanation keeps the upgrade advice after the code's own meaning.
    const full = explanationMarkdown(explainCode(0xc1900101, 'en'), undefined, LABELS, upgrade);
    assert.match(full, /\*\*Upgrade steps:\*\*\n\n1\. Read the rollback logs/);
    assert.ok(full.indexOf('**Meaning:**') < full.indexOf('**Upgrade failure:**'));
  });

  it('renders a lone extend code in Chinese', () => {
    const x = decodeExtended(0x2000c);
    const md = extendedMarkdown({ extended: x, ...describeExtended(x, 'zh-cn') }, { ...LABELS, extendCode: '扩展代码', upgradeMeaning: '升级失败' });
    assert.match(md, /^扩展代码: \*\*0x2000C\*\* — SAFE\\_OS · APPLY\\_IMAGE\n\n\*\*升级失败:\*\* 扩展代码 0x2000C：失败发生在安全操作系统阶段/);
    const hover = extendedHoverMarkdown({ extended: x, ...describeExtended(x, 'zh-cn') }, { ...LABELS, extendCode: '扩展代码', nextStep: '下一步' });
    assert.match(hover, /^扩展代码: \*\*0x2000C\*\* — SAFE\\_OS · APPLY\\_IMAGE\n\n扩展代码 0x2000C：失败发生在安全操作系统阶段.*\n\n\*\*下一步:\*\* /);
  });

  it('has every hover string in both l10n bundles', () => {
    const dir = path.join(PROJECT_ROOT, 'src/hover');
    const keys = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/\btr\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g)) keys.add(m[2].replace(/\\(.)/g, '$1'));
    }
    assert.ok(keys.has('Extend code') && keys.size > 20, `found ${keys.size}`);
    for (const name of ['bundle.l10n.json', 'bundle.l10n.zh-cn.json']) {
      const b = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'l10n', name), 'utf8')) as Record<string, string>;
      assert.deepEqual([...keys].filter((k) => typeof b[k] !== 'string'), [], name);
    }
  });
});
