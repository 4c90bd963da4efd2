// Every bundle of text has its Simplified Chinese: the manifest (package.nls), the UI bundles
// (l10n/), the report's sentences, the reasons, judgements, store health and DISM advice, the
// code explanations, the upgrade and range texts and the CLI labels. A Chinese text fails when it
// is missing, when it holds no Chinese, when English prose was left in it, or when it equals the
// English one without a reason listed below.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../support';
import { reportTexts } from '../../../src/core/report/texts';
import { judgementTexts } from '../../../src/core/report/judgement';
import { REASON_TEXTS } from '../../../src/core/report/reasons';
import { STORE_HEALTH_TEXTS } from '../../../src/core/report/storeHealth';
import { DISM_ADVICE_TEXTS } from '../../../src/core/report/dismAdvice';
import { FACILITY_LABELS, RANGE_TEXTS } from '../../../src/core/errors/rangeTexts';
import { OPERATION_HINTS, PAIR_TEXTS, PHASE_TEXTS, SETUPDIAG_STEP } from '../../../src/core/errors/extendedTexts';
import { EXPLANATION_FILES } from '../../../src/core/errors/explanations';
import { CONFIDENCE, LABELS } from '../../../src/cli/explainCommand';
import { CLI_TEXTS } from '../../../src/cli/cliTexts';

/** Chinese texts allowed to read exactly like the English, and why. */
const SAME_AS_ENGLISH: Record<string, string> = {
  'WU Log Lens': 'product name',
  Markdown: 'a file format name, kept as is',
  Win32: 'name of the error family, the same in Chinese documentation',
  Windows: 'product name',
  'RPC / COM': 'technical names, untranslated in Chinese documentation',
  'COM / RPC': 'technical names, untranslated in Chinese documentation',
  HTTP: 'protocol name',
  BITS: 'service name',
  Internet: 'facility name (FACILITY_INTERNET), untranslated',
  'Windows Installer': 'product name; Chinese Windows keeps it',
  'CBS.log': 'file name',
  'DISM.log': 'file name',
  'ReportingEvents.log': 'file name',
  '\u2026 {0} more': 'never reached: the Chinese text has its own wording',
};

/** Parts of a Chinese text that are not prose: code spans, quoted names, paths, commands. */
function prose(s: string): string {
  return s
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"|“[^”]*”|「[^」]*」/g, ' ')
    .replace(/[A-Za-z]:\\[^\s，。；）)]*|%\w+%\\[^\s，。；）)]*|\\\\?[\w$.~-]+(?:\\[\w$.*~ -]+)+/g, ' ')
    .replace(/\b(?:DISM|sfc|netsh|bitsadmin|wusa|reagentc|chkdsk|certutil|winmgmt|Get-\w+|Invoke-\w+|UsoClient|SetupDiag)\b[^，。；（）]*/g, ' ');
}

/** English prose: two or more function words in a row outside names and code. */
const ENGLISH = /\b(?:the|and|of|to|is|are|was|with|for|from|that|this|when|not|or|a|an|in|on|by|it|be)\s+(?:the|and|of|to|is|are|was|with|for|from|that|this|when|not|or|a|an|in|on|by|it|be|\w+)\s+(?:the|and|of|to|is|are|was|with|for|from|that|this|not|or|a|an|in|on|by|it)\b/i;
const HAN = /[\u3400-\u9fff]/;

interface Problem {
  where: string;
  problem: string;
  zh: string;
}

function checkPair(where: string, en: string, zh: string | undefined, out: Problem[]): void {
  if (zh === undefined) {
    out.push({ where, problem: 'missing', zh: '' });
    return;
  }
  if (zh === en) {
    // Allowed: a listed reason, or a text that is only a path, a command or a name in code.
    if (!(en in SAME_AS_ENGLISH) && !HAN.test(zh) && /[A-Za-z]{2,}/.test(prose(zh))) out.push({ where, problem: 'same as English', zh });
    return;
  }
  if (!HAN.test(zh) && !/^[\s\d{}()（）:：,，./\\|–…-]*$/.test(zh)) {
    // A text without Chinese is English left in, unless it is only names and punctuation.
    if (/[a-z]{3,}\s+[a-z]{3,}/.test(zh)) out.push({ where, problem: 'no Chinese', zh });
    return;
  }
  const m = ENGLISH.exec(prose(zh));
  if (m) out.push({ where, problem: `English prose left in: "${m[0]}"`, zh });
}

/** Sample arguments for the text functions: numbers and names, a list, a store-health case. */
function call(fn: (...a: unknown[]) => unknown, where: string): string {
  if (/summaryLine$/.test(where)) return String(fn('KB5034441', [{ phase: 'P', code: '0x1', where: 'f:1', meaning: 'M', time: 't' }, { phase: 'P', code: '0x2', where: 'f:2', meaning: 'M' }]));
  if (/atLines$/.test(where)) return String(fn([3, 4, 5], 'f'));
  if (/^storeHealth/.test(where)) return String(fn({ tool: 'DISM', n: 2, u: 1, list: 'a.dll' }));
  // Names first (operations, kinds, clients), then numbers.
  try {
    return String(fn(...Array.from({ length: fn.length }, (_, i) => (i % 2 ? 3 : 'install'))));
  } catch {
    return String(fn(...Array.from({ length: fn.length }, (_, i) => (i % 2 ? 'X' : 3))));
  }
}

/** Walks two parallel structures (objects, arrays, strings, functions) and checks each leaf. */
function walk(where: string, en: unknown, zh: unknown, out: Problem[]): void {
  if (typeof en === 'string') {
    checkPair(where, en, typeof zh === 'string' ? zh : undefined, out);
  } else if (typeof en === 'function') {
    if (typeof zh !== 'function') out.push({ where, problem: 'missing', zh: '' });
    else checkPair(where, call(en as (...a: unknown[]) => unknown, where), call(zh as (...a: unknown[]) => unknown, where), out);
  } else if (Array.isArray(en)) {
    if (!Array.isArray(zh)) out.push({ where, problem: 'missing', zh: '' });
    else if (zh.length !== en.length) out.push({ where, problem: `${zh.length} items, English has ${en.length}`, zh: JSON.stringify(zh).slice(0, 80) });
    else en.forEach((x, i) => walk(`${where}[${i}]`, x, zh[i], out));
  } else if (en && typeof en === 'object') {
    if (!zh || typeof zh !== 'object') out.push({ where, problem: 'missing', zh: '' });
    else for (const k of Object.keys(en)) walk(`${where}.${k}`, (en as Record<string, unknown>)[k], (zh as Record<string, unknown>)[k], out);
  }
}

function report(out: Problem[]): string {
  return `${out.length} problem(s):\n${out.slice(0, 40).map((p) => `  ${p.where}: ${p.problem}${p.zh ? ` — ${p.zh.slice(0, 120)}` : ''}`).join('\n')}`;
}

const json = (rel: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(PROJECT_ROOT, rel), 'utf8')) as Record<string, unknown>;

/** String literals localised in the VS Code layer: `t('...')`, `l10n.t('...')`, `tr('...'`. */
function uiKeys(): string[] {
  const out = new Set<string>();
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'core' && name !== 'cli') visit(p);
      } else if (name.endsWith('.ts')) {
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(/\b(?:t|tr|l10n\.t)\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
      }
    }
  };
  visit(path.join(PROJECT_ROOT, 'src'));
  return [...out];
}

describe('Simplified Chinese everywhere (completeness of every bundle)', () => {
  it('the manifest strings (package.nls)', () => {
    const out: Problem[] = [];
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');
    walk('package.nls', en, zh, out);
    assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'keys only in zh-cn');
    // Every %key% of package.json has its text.
    const manifest = readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8');
    for (const m of manifest.matchAll(/"%([\w.-]+)%"/g)) if (!(m[1] in en)) out.push({ where: `package.json %${m[1]}%`, problem: 'missing', zh: '' });
    assert.equal(out.length, 0, report(out));
  });

  it('the UI bundles (l10n/) hold every string the sources localise, with the same placeholders', () => {
    const out: Problem[] = [];
    const en = json('l10n/bundle.l10n.json');
    const zh = json('l10n/bundle.l10n.zh-cn.json');
    const keys = uiKeys();
    assert.ok(keys.length > 100, `only ${keys.length} strings found in the sources`);
    for (const k of keys) {
      if (!(k in en)) out.push({ where: `l10n "${k}"`, problem: 'missing in bundle.l10n.json', zh: '' });
      const z = zh[k];
      if (typeof z === 'string' && (z.match(/\{\d+\}/g) ?? []).sort().join() !== (k.match(/\{\d+\}/g) ?? []).sort().join()) out.push({ where: `l10n "${k}"`, problem: 'placeholders differ', zh: z });
    }
    walk('l10n', en, zh, out);
    assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'keys only in zh-cn');
    assert.equal(out.length, 0, report(out));
  });

  it("the report's own sentences (texts, reasons, judgement, store health, DISM advice)", () => {
    const out: Problem[] = [];
    walk('report', reportTexts('en'), reportTexts('zh-cn'), out);
    walk('reasons', REASON_TEXTS.en, REASON_TEXTS['zh-cn'], out);
    walk('judgement', judgementTexts('en'), judgementTexts('zh-cn'), out);
    walk('storeHealth', STORE_HEALTH_TEXTS.en, STORE_HEALTH_TEXTS['zh-cn'], out);
    walk('dismAdvice', DISM_ADVICE_TEXTS.en, DISM_ADVICE_TEXTS['zh-cn'], out);
    assert.equal(out.length, 0, report(out));
  });

  it('the code explanations, range texts, facility labels and upgrade texts', () => {
    const out: Problem[] = [];
    for (const [file, data] of Object.entries(EXPLANATION_FILES)) {
      for (const [code, entry] of Object.entries(data as Record<string, Record<string, unknown>>)) {
        if (code.startsWith('$')) continue;
        walk(`${file} ${code}`, entry.en, entry['zh-cn'], out);
      }
    }
    for (const [k, r] of Object.entries(RANGE_TEXTS)) {
      walk(`range ${k}.component`, r.component.en, r.component['zh-cn'], out);
      walk(`range ${k}`, r.text.en, r.text['zh-cn'], out);
    }
    for (const [k, l] of Object.entries(FACILITY_LABELS)) walk(`facility ${k}`, l.en, l['zh-cn'], out);
    for (const [k, p] of Object.entries(PHASE_TEXTS)) walk(`upgrade phase ${k}`, p.en, p['zh-cn'], out);
    for (const [k, p] of Object.entries(PAIR_TEXTS)) walk(`upgrade ${k}`, p.en, p['zh-cn'], out);
    for (const [k, h] of Object.entries(OPERATION_HINTS)) walk(`upgrade operation ${k}`, h.en, h['zh-cn'], out);
    walk('SetupDiag step', SETUPDIAG_STEP.en, SETUPDIAG_STEP['zh-cn'], out);
    assert.equal(out.length, 0, report(out));
  });

  it("the CLI's labels and messages (wulog explain / summarize --lang zh-cn)", () => {
    const out: Problem[] = [];
    walk('cli labels', LABELS.en, LABELS['zh-cn'], out);
    walk('cli confidence', CONFIDENCE.en, CONFIDENCE['zh-cn'], out);
    walk('cli messages', CLI_TEXTS.en, CLI_TEXTS['zh-cn'], out);
    assert.equal(out.length, 0, report(out));
  });

  it('fails on a missing key, English left in, and a copy of the English', () => {
    const out: Problem[] = [];
    walk('t', { a: 'Open', b: 'Install failed: {0}', c: 'Windows', d: 'x', e: ['a b c'] }, { b: 'Install failed: {0}', c: 'Windows', d: '安装 the update of the system 失败', e: [] }, out);
    assert.deepEqual(out.map((p) => `${p.where}: ${p.problem.replace(/:.*/, '')}`), ['t.a: missing', 't.b: same as English', 't.d: English prose left in', 't.e: 0 items, English has 1']);
  });
});
