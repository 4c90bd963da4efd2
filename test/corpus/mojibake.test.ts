// Finds the garbled (GBK- or Shift-JIS-read UTF-8) text in ../shared/corpus and repairs it:
// every log line of every file goes through the repair, and the analysis of the files that hold
// garbled update titles must show them repaired (with the original kept). Lines that were fine
// (Traditional Chinese and Korean messages, Russian, German, ASCII) must come out untouched.
// Prints counts only, never log text. Skips when the corpus is absent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFile } from '../../src/core/readers';
import { analyzeFiles } from '../../src/core/analysis/files';
import { repairField } from '../../src/core/text/mojibake';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

/** Files known to hold garbled text: lines repaired, distinct update titles repaired. */
const GARBLED: Record<string, { lines: number; titles: number }> = {
  'wu10/zayrexdev-stuff.log': { lines: 15, titles: 3 },
};

function textFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? textFiles(p) : /\.(log|txt)$/i.test(e.name) ? [p] : [];
  });
}

const isCjk = (c: string): boolean => /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]/.test(c);

describe('corpus: garbled CJK text found and repaired', function () {
  this.timeout(300_000);
  if (!fs.existsSync(CORPUS)) {
    it(`skipped: corpus folder not found at ${CORPUS}`, function () {
      this.skip();
    });
    return;
  }
  const files = textFiles(CORPUS);
  const found: Record<string, { lines: number; nonAscii: number; lost: number }> = {};

  for (const full of files) {
    const rel = path.relative(CORPUS, full).replace(/\\/g, '/');
    it(`${rel}: ${GARBLED[rel] ? `${GARBLED[rel].lines} garbled lines repaired` : 'nothing repaired'}`, async () => {
      const stat = { lines: 0, nonAscii: 0, lost: 0 };
      await readFile(full, (r) => {
        for (const text of [r.message, ...(r.continuation ?? [])]) {
          if (!/[^\0-\x7f]/.test(text)) continue;
          stat.nonAscii++;
          const fixed = repairField(text);
          if (!fixed) continue;
          stat.lines++;
          stat.lost += fixed.lost;
          // What comes back is text: no garbling is left around the lost characters.
          const cjk = [...fixed.text].filter(isCjk);
          assert.ok(cjk.length >= 2, `${rel}:${r.line + 1}`);
        }
      });
      found[rel] = stat;
      assert.equal(stat.lines, GARBLED[rel]?.lines ?? 0, `${rel}: ${stat.lines} of ${stat.nonAscii} non-ASCII lines repaired`);
    });
  }

  for (const [rel, want] of Object.entries(GARBLED)) {
    it(`${rel}: the analysis shows ${want.titles} update titles repaired, originals kept`, async () => {
      const a = await analyzeFiles([path.join(CORPUS, rel)]);
      const repaired = a.updates.filter((u) => u.titleOriginal);
      const distinct = new Set(repaired.map((u) => u.title));
      assert.equal(distinct.size, want.titles);
      for (const u of repaired) {
        assert.ok(u.title && u.titleOriginal && u.title !== u.titleOriginal);
        assert.equal(repairField(u.titleOriginal)?.text, u.title);
        // The KB survives the repair.
        assert.ok(u.kb && u.title.includes(`KB${u.kb}`), u.kb);
      }
      assert.equal(a.files[0].mojibake, true);
      const lost = repaired.reduce((n, u) => n + [...(u.title ?? '')].filter((c) => c === '\ufffd').length, 0);
      console.log(`      ${rel}: ${repaired.length} updates, ${distinct.size} distinct titles repaired, ${lost} characters lost in them`);
    });
  }

  after(() => {
    const lines = Object.values(found).reduce((n, s) => n + s.lines, 0);
    const nonAscii = Object.values(found).reduce((n, s) => n + s.nonAscii, 0);
    const lost = Object.values(found).reduce((n, s) => n + s.lost, 0);
    console.log(`      ${files.length} files: ${nonAscii} lines with non-ASCII text, ${lines} repaired (${lost} characters lost), in ${Object.values(found).filter((s) => s.lines).length} file(s)`);
  });
});
