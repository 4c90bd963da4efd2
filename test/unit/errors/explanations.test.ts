// The two written-explanation files: schema, both languages for every entry, no unknown keys,
// enough entries, and that the merge the decoder uses sees all of them.
import * as assert from 'node:assert/strict';
import { EXPLANATION_FILES, explanations, mergeExplanations } from '../../../src/core/errors/explanations';
import { explainCode } from '../../../src/core/errors';

const LANGS = ['en', 'zh-cn'] as const;
const TEXT_KEYS = new Set(['summary', 'cause', 'steps', 'collect']);
const MIN_TOTAL = 200;

function schemaProblems(file: string, data: unknown): string[] {
  const problems: string[] = [];
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [`${file}: not an object`];
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const at = `${file} ${key}`;
    if (!/^0x[0-9A-F]{8}$/i.test(key)) problems.push(`${at}: key is not 0x + 8 hex digits`);
    if (!entry || typeof entry !== 'object') {
      problems.push(`${at}: entry is not an object`);
      continue;
    }
    const langs = Object.keys(entry);
    for (const k of langs) if (!(LANGS as readonly string[]).includes(k)) problems.push(`${at}: unknown language key "${k}"`);
    for (const lang of LANGS) {
      const t = (entry as Record<string, unknown>)[lang] as Record<string, unknown> | undefined;
      if (!t || typeof t !== 'object') {
        problems.push(`${at}: missing ${lang}`);
        continue;
      }
      for (const k of Object.keys(t)) if (!TEXT_KEYS.has(k)) problems.push(`${at} ${lang}: unknown key "${k}"`);
      if (typeof t.summary !== 'string' || t.summary.trim().length < 5) problems.push(`${at} ${lang}: summary missing or empty`);
      if (t.cause !== undefined && (typeof t.cause !== 'string' || !t.cause.trim())) problems.push(`${at} ${lang}: cause not a non-empty string`);
      if (!Array.isArray(t.steps) || t.steps.length === 0 || t.steps.some((s) => typeof s !== 'string' || !s.trim())) problems.push(`${at} ${lang}: steps must be non-empty strings`);
      if (t.collect !== undefined && (!Array.isArray(t.collect) || t.collect.some((s) => typeof s !== 'string' || !s.trim()))) problems.push(`${at} ${lang}: collect must be strings`);
      if (lang === 'zh-cn' && typeof t.summary === 'string' && !/[\u4e00-\u9fff]/.test(t.summary)) problems.push(`${at} zh-cn: summary has no Chinese text`);
    }
  }
  return problems;
}

describe('errors: written explanations (explanations-wu.json + explanations-system.json)', () => {
  for (const [file, data] of Object.entries(EXPLANATION_FILES)) {
    it(`${file}: every entry follows the schema in both languages`, () => {
      const problems = schemaProblems(file, data);
      assert.deepEqual(problems.slice(0, 25), [], `${problems.length} problems`);
    });
  }

  it(`has at least ${MIN_TOTAL} explained codes in total`, () => {
    const idx = explanations();
    console.log(`      merged explanations: ${idx.byValue.size} (${Object.entries(EXPLANATION_FILES).map(([f, d]) => `${f}: ${Object.keys(d as object).length}`).join(', ')}; duplicates: ${idx.duplicates.length})`);
    assert.ok(idx.byValue.size >= MIN_TOTAL, `only ${idx.byValue.size} explained codes`);
  });

  it('has no code explained in both files', () => {
    assert.deepEqual(explanations().duplicates, []);
  });

  it('the decoder returns the written text, in the requested language, for every entry', () => {
    for (const [value, entry] of explanations().byValue) {
      for (const lang of LANGS) {
        const e = explainCode(value, lang);
        assert.equal(e.specific, true, `${e.code} ${lang}`);
        assert.equal(e.text.summary, entry[lang].summary, `${e.code} ${lang}`);
      }
    }
  });

  it('merges files, keeps the first of duplicates and reports bad keys', () => {
    const t = { summary: 'first text', steps: ['a'] };
    const m = mergeExplanations({
      a: { '0x80070005': { en: t, 'zh-cn': t }, nonsense: { en: t, 'zh-cn': t } },
      b: { '0x80070005': { en: { ...t, summary: 'second' }, 'zh-cn': t }, '0x80240022': { en: t, 'zh-cn': t } },
    });
    assert.equal(m.byValue.size, 2);
    assert.equal(m.byValue.get(0x80070005)?.en.summary, 'first text');
    assert.deepEqual(m.duplicates, ['0x80070005']);
    assert.deepEqual(m.badKeys, ['nonsense']);
  });
});
