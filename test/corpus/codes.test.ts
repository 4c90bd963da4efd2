// Every code that occurs in the real logs of ../shared/corpus decodes to at least a facility,
// with a summary and next steps. Uses the shared findCodes tokenizer. Skips when the corpus is absent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findCodes } from '../../src/core/tokens';
import { SHARED } from '../support';
import { explainCode, formatCode } from '../../src/core/errors';
import type { DecodePath } from '../../src/core/errors';

function logFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...logFiles(p));
    else if (/\.(log|txt)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Test-side decoding: UTF-16 by BOM (or NUL pattern), else UTF-8. */
function readText(file: string): string {
  const b = fs.readFileSync(file);
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  if (b.length > 4 && b[1] === 0 && b[3] === 0) return b.toString('utf16le');
  return b.toString('utf8');
}

describe('corpus: every code in the real logs is explained', function () {
  this.timeout(120000);
  const corpus = path.join(SHARED, 'corpus');

  it('decodes each distinct code to a facility, a summary and steps', function () {
    if (!fs.existsSync(corpus)) {
      console.log(`      (skipped: corpus ${corpus} is absent)`);
      this.skip();
    }
    const files = logFiles(corpus);
    assert.ok(files.length > 0, 'no log files in the corpus');
    const seen = new Map<number, { count: number; logged?: string }>();
    let refs = 0;
    for (const f of files) {
      for (const line of readText(f).split(/\r?\n|\r/)) {
        for (const ref of findCodes(line)) {
          refs++;
          const s = seen.get(ref.value) ?? { count: 0 };
          s.count++;
          if (ref.loggedName && !s.logged) s.logged = ref.loggedName;
          seen.set(ref.value, s);
        }
      }
    }
    const byPath: Partial<Record<DecodePath, number>> = {};
    let named = 0;
    let written = 0;
    const problems: string[] = [];
    for (const [value, s] of seen) {
      const e = explainCode(value, 'en', { loggedName: s.logged });
      const zh = explainCode(value, 'zh-cn', { loggedName: s.logged });
      byPath[e.decodedBy] = (byPath[e.decodedBy] ?? 0) + 1;
      if (e.name) named++;
      if (e.specific) written++;
      if (!e.facility.name || !e.text.summary || !e.text.steps.length || !zh.text.summary) problems.push(formatCode(value));
    }
    const unwritten = [...seen.entries()]
      .filter(([v, s]) => s.count >= 1 && !explainCode(v, 'en').specific && (v & 0x80000000) !== 0)
      .sort((a, b) => b[1].count - a[1].count)
      .slice(0, 15)
      .map(([v, s]) => `${formatCode(v)}×${s.count}`);
    console.log(`      ${files.length} files, ${refs} code occurrences, ${seen.size} distinct codes; named ${named}, written explanation ${written}; by path ${JSON.stringify(byPath)}`);
    if (unwritten.length) console.log(`      most frequent failure codes without a written explanation: ${unwritten.join(', ')}`);
    assert.deepEqual(problems, []);
    assert.ok(seen.size > 20, `only ${seen.size} distinct codes found`);
  });
});
