// Message building of the Problems panel, on our own fixtures (the same files the integration test opens).
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../src/core/analysis';
import type { Analysis, Failure } from '../../../src/core/analysis/types';
import { explainCode } from '../../../src/core/errors';
import {
  codeDescription, failureMessage, formatPlaceholders, noiseMessage, noiseReason, relatedLines, spanFor,
  unreadableMessage, updateLabel, type Translate,
} from '../../../src/diagnostics/messages';

const ROOT = path.resolve(__dirname, '../../../..');
const WORKSPACE = path.join(ROOT, 'test/integration/workspace/diagnostics');
const english: Translate = (key, ...args) => formatPlaceholders(key, args);
const zhBundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const chinese: Translate = (key, ...args) => {
  const v = zhBundle[key];
  assert.ok(typeof v === 'string', `missing zh-cn entry for ${JSON.stringify(key)}`);
  return formatPlaceholders(v, args);
};

function load(name: string): { text: string; lines: string[]; analysis: Analysis } {
  const text = readFileSync(path.join(WORKSPACE, name), 'utf8');
  return { text, lines: text.split(/\r?\n/), analysis: analyzeText(text, name) };
}

function onlyFailure(a: Analysis): Failure {
  assert.equal(a.failures.length, 1, 'the fixture has exactly one deciding failure');
  return a.failures[0];
}

describe('diagnostics messages', () => {
  describe('failureMessage', () => {
    it('names the operation, the update, the code, its name and meaning (WindowsUpdate.log)', () => {
      const { analysis } = load('WindowsUpdate.log');
      const f = onlyFailure(analysis);
      const summary = explainCode(0x800f0988, 'en').text.summary;
      assert.ok(summary.length > 10);
      assert.equal(
        failureMessage(f, 'en', english),
        'Install failed for 2024-05 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5037771): '
          + `0x800F0988 PSFX_E_INVALID_DELTA_COMBINATION — ${summary.replace(/\s+/g, ' ').trim()} Still failing at the end of the log.`,
      );
    });

    it('speaks Chinese with the zh-cn bundle and the zh-cn explanation', () => {
      const { analysis } = load('WindowsUpdate.log');
      const msg = failureMessage(onlyFailure(analysis), 'zh-cn', chinese);
      const summary = explainCode(0x800f0988, 'zh-cn').text.summary.replace(/\s+/g, ' ').trim();
      assert.notEqual(summary, explainCode(0x800f0988, 'en').text.summary.trim());
      assert.equal(msg, `2024-05 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5037771) 安装失败：0x800F0988 PSFX_E_INVALID_DELTA_COMBINATION — ${summary} 截至日志末尾仍未成功。`);
    });

    it('uses the name CBS printed and the KB when there is no title (CBS.log)', () => {
      const { analysis } = load('CBS.log');
      const f = onlyFailure(analysis);
      const msg = failureMessage(f, 'en', english);
      assert.match(msg, /^Install failed for KB5037771: 0x800F081F CBS_E_SOURCE_MISSING — \S/);
    });

    it('says how often a merged failure was seen, and works without an update', () => {
      const f: Failure = {
        key: '0:1', at: { file: 0, line: 1 }, phase: 'download', phaseEvidence: [], code: 0x80246007,
        outcomeKind: 'callResult', evidence: [], cbsSessionKeys: [], occurrences: 3,
      };
      assert.match(failureMessage(f, 'en', english), /^Download failed: 0x80246007 \S+ — .+ \(seen 3 times\) Still failing at the end of the log\.$/);
      assert.match(failureMessage(f, 'zh-cn', chinese), /^下载失败：0x80246007 .+（出现 3 次） 截至日志末尾仍未成功。$/);
      const healed: Failure = { ...f, recovered: { file: 0, line: 41 } };
      assert.match(failureMessage(healed, 'en', english), /Recovered later: the same update or operation succeeded at line 42\.$/);
      assert.match(failureMessage(healed, 'zh-cn', chinese), /之后已恢复：同一更新或操作在第 42 行成功。$/);
    });
  });

  describe('updateLabel / codeDescription', () => {
    it('adds the KB to a title only when it lacks it, and falls back to KB or id', () => {
      assert.equal(updateLabel({ title: 'Some driver update', kb: '123' }), 'Some driver update (KB123)');
      assert.equal(updateLabel({ title: 'Cumulative (KB123)', kb: '123' }), 'Cumulative (KB123)');
      assert.equal(updateLabel({ kb: '123' }), 'KB123');
      assert.equal(updateLabel({ updateId: 'ABC', revision: 200 }), 'ABC.200');
      assert.equal(updateLabel({}), undefined);
      assert.equal(updateLabel({ title: 'a\r\nb   c' }), 'a b c');
    });

    it('falls back to the logged name when the tables have none', () => {
      const d = codeDescription(0x8fff1234, 'en', 'MY_E_SOMETHING');
      assert.match(d, /^0x8FFF1234 MY_E_SOMETHING( — .+)?$/);
    });
  });

  describe('relatedLines', () => {
    it('labels call start, root cause, evidence, call result and outcome in line order', () => {
      const { analysis, lines } = load('WindowsUpdate.log');
      const f = onlyFailure(analysis);
      const rel = relatedLines(f, analysis, english);
      const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle));
      const at = (line: number): string | undefined => rel.find((r) => r.line === line)?.label;
      assert.equal(at(lineOf('* START *   Install ClientId')), 'install call started (UpdateOrchestrator)');
      assert.equal(at(lineOf('CCbsInstaller::InstallPackages')), 'root cause');
      assert.equal(at(lineOf('LogHistory called')), 'outcome');
      assert.equal(at(lineOf('Leave deployment handler')), 'evidence');
      assert.deepEqual(rel.map((r) => r.line), [...rel.map((r) => r.line)].sort((a, b) => a - b));
      assert.equal(new Set(rel.map((r) => r.line)).size, rel.length, 'each line once');
      const zh = relatedLines(f, analysis, chinese);
      assert.equal(zh.find((r) => r.line === lineOf('* START *   Install ClientId'))?.label, '安装调用开始（UpdateOrchestrator）');
      assert.equal(zh.find((r) => r.line === f.at.line)?.label, '最终结果');
    });

    it('links the CBS session that belongs to a CBS failure', () => {
      const { analysis, lines } = load('CBS.log');
      const rel = relatedLines(onlyFailure(analysis), analysis, english);
      const session = lines.findIndex((l) => l.includes('initialized by client WindowsUpdateAgent'));
      assert.equal(rel.find((r) => r.line === session)?.label, 'CBS session 31110555_400000004 started (WindowsUpdateAgent)');
      assert.equal(rel.find((r) => r.line === lines.findIndex((l) => l.includes('Failed to resolve package')))?.label, 'root cause');
    });

    it('leaves out lines of other files', () => {
      const { analysis } = load('WindowsUpdate.log');
      const f = onlyFailure(analysis);
      assert.deepEqual(relatedLines({ ...f, at: { file: 1, line: f.at.line }, rootCause: undefined, callKey: undefined, phaseEvidence: [], evidence: [{ file: 1, line: 3 }] }, analysis, english), []);
    });
  });

  describe('noise', () => {
    it('recognises every reason the core gives on our fixtures and the analysis fixtures', () => {
      const dirs = [WORKSPACE, path.join(ROOT, 'test/fixtures/analysis')];
      let seen = 0;
      for (const dir of dirs) {
        for (const name of readdirSync(dir)) {
          const a = analyzeText(readFileSync(path.join(dir, name), 'utf8'), name);
          for (const n of a.noise) {
            seen++;
            assert.ok(noiseReason(n, english).known, `unknown noise reason in ${name}: ${n.reason}`);
            assert.match(noiseReason(n, chinese).text, /[\u4e00-\u9fff]/, `no Chinese for: ${n.reason}`);
          }
        }
      }
      assert.ok(seen >= 10, `only ${seen} noise lines looked at`);
    });

    it('phrases an intermediate line with its code and reason', () => {
      const { analysis, lines } = load('WindowsUpdate.log');
      const line = lines.findIndex((l) => l.includes('Evaluate Installed rule'));
      const n = analysis.noise.find((x) => x.at.line === line);
      assert.ok(n);
      const search = lines.findIndex((l) => l.includes('* START * Finding updates'));
      assert.equal(noiseMessage(n, english), `Intermediate failure 0x80070032, not the outcome: the search call it belongs to (line ${search + 1}) later succeeded`);
      assert.equal(noiseMessage(n, chinese), `中间报错 0x80070032，不是最终结果：所属的搜索调用（第 ${search + 1} 行）之后成功了`);
      assert.equal(noiseMessage({ at: n.at, kind: 'benign', reason: 'something new' }, english), 'Intermediate failure, not the outcome: judged harmless');
    });
  });

  describe('unreadableMessage', () => {
    it('explains how to get readable text for undecoded and ETL files, nothing for empty ones', () => {
      const { analysis } = load('WindowsUpdate-undecoded.log');
      const m = unreadableMessage(analysis.files[0].unreadable, english);
      assert.ok(m?.warning);
      assert.match(m.text, /Get-WindowsUpdateLog/);
      assert.match(unreadableMessage('etl', chinese)?.text ?? '', /Get-WindowsUpdateLog.*可读/);
      assert.equal(unreadableMessage('unknownFormat', english)?.warning, false);
      assert.equal(unreadableMessage('empty', english), undefined);
      assert.equal(unreadableMessage(undefined, english), undefined);
    });
  });

  describe('spanFor', () => {
    it('finds the deciding code on the outcome line, bare or 0x', () => {
      const wu = load('WindowsUpdate.log');
      const f = onlyFailure(wu.analysis);
      const line = wu.lines[f.at.line];
      const s = spanFor(line, f.code);
      assert.equal(line.slice(s.start, s.end), '800F0988');
      const cbs = load('CBS.log');
      const c = onlyFailure(cbs.analysis);
      const cl = cbs.lines[c.at.line];
      const cs = spanFor(cl, c.code);
      assert.equal(cl.slice(cs.start, cs.end), '0x800f081f');
    });

    it('falls back to the snippet, then to the line without its indent', () => {
      assert.deepEqual(spanFor('  hello world  ', 0x80070005), { start: 2, end: 13 });
      const line = '2024/05/20 14:31:45.6 1 2 ComApi  Install call complete (failed = 1';
      const s = spanFor(line, 0x80240022, 'Install call complete (failed = 1');
      assert.equal(line.slice(s.start, s.end), 'Install call complete (failed = 1');
      assert.deepEqual(spanFor('', undefined), { start: 0, end: 0 });
    });
  });

  it('has an en and zh-cn bundle entry for every key it uses', () => {
    const src = readFileSync(path.join(ROOT, 'src/diagnostics/messages.ts'), 'utf8');
    const keys = [...src.matchAll(/\bt\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'"));
    assert.ok(keys.length > 30);
    const en = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.json'), 'utf8')) as Record<string, string>;
    for (const k of keys) {
      assert.equal(en[k], k, `en bundle: ${k}`);
      assert.equal(typeof zhBundle[k], 'string', `zh-cn bundle: ${k}`);
      assert.equal((zhBundle[k].match(/\{\d\}/g) ?? []).sort().join(), (k.match(/\{\d\}/g) ?? []).sort().join(), `placeholders of ${k}`);
    }
  });
});
