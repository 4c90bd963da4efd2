// Hostile records: structurally valid log lines (taken from our own fixtures) with adversarial
// content, mutated by a seeded PRNG. The analysis and both reports must never throw, must stay
// JSON-serialisable, point only at lines that exist, and never let log text become HTML or a link.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../src/core/analysis';
import type { Analysis, LineRef } from '../../../src/core/analysis';
import { renderMarkdown, toJsonReport } from '../../../src/core/report';
import { ROOT, checkMarkdownSafe, rng } from './helpers';

/** Our own fixtures, decoded (UTF-16 ones by their BOM, the rest as UTF-8). */
function loadFixtures(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        const b = fs.readFileSync(full);
        let text: string;
        if (b[0] === 0xff && b[1] === 0xfe) text = b.subarray(2).toString('utf16le');
        else if (b[0] === 0xfe && b[1] === 0xff) text = Buffer.from(b.subarray(2)).swap16().toString('utf16le');
        else text = b.toString('utf8');
        out.push({ name: path.relative(ROOT, full), text });
      }
    }
  };
  walk(path.join(ROOT, 'test', 'fixtures'));
  walk(path.join(ROOT, 'test', 'integration', 'workspace'));
  return out;
}

/** Adversarial pieces a hostile line may carry. */
const HOSTILE: ((r: () => number) => string)[] = [
  () => 'failed = 99999999999',
  () => 'Exit code = 0xFFFFFFFF',
  () => 'Exit code = 0x00000000',
  () => 'hr = -2147024894',
  () => 'result = -1',
  () => '[HRESULT = 0x800f081fA]',
  () => 'Exit code = 0x123456789',
  () => `updateId = {${'0A1B2C3D-0000-4000-8000-00000000AAAA'}.${'9'.repeat(1000)}}`,
  () => `UpdateId=7E57A1B2-1C2D-4E5F-8A9B-0C1D2E3F4A5B.${'1'.repeat(1000)}`,
  () => `Package_for_KB${'7'.repeat(10000)}~31bf3856ad364e35~amd64~~1.0`,
  () => `(KB${'5'.repeat(10000)})`,
  () => `(cV = ${'A'.repeat(100 * 1024)}.1.0)`,
  () => 'Title=<script>alert(1)</script> <img src=x onerror=alert(1)> (KB5035853)',
  () => 'Title=[click](command:workbench.action.terminal.new) [x](javascript:alert(1)) (KB5035853)',
  () => 'Title=```` `code` ``` **bold** _em_ ~~s~~ | cell | &amp; &#60;b&#62; https://evil.example www.evil.example a@b.c',
  () => 'Title=\u0000\u0000 NUL and \ud800 lone \udfff surrogates \u202e RTL (KB5035853)',
  () => '\ufeff',
  () => 'Title=# heading\n> quote\n- list',
  (r) => `Title=${String.fromCharCode(...Array.from({ length: 40 }, () => Math.floor(r() * 0x10000)))}`,
];

const BAD_DATES = ['9999/99/99 99:99:99.9999999', '0000/00/00 00:00:00.0000000', '9999-99-99 99:99:99', '0000-00-00 00:00:00', '2024/02/30 25:61:61.0000000'];

function mutate(lines: string[], pool: string[], r: () => number): string[] {
  const out = lines.slice();
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const at = (): number => Math.floor(r() * Math.max(1, out.length));
  const steps = 1 + Math.floor(r() * 12);
  for (let s = 0; s < steps; s++) {
    const i = at();
    const line = out[i] ?? '';
    switch (Math.floor(r() * 12)) {
      case 0: { const j = at(); [out[i], out[j]] = [out[j] ?? '', line]; break; }
      case 1: out.splice(i, 0, line); break;
      case 2: out.splice(i, 1); break;
      case 3: out[i] = line.slice(0, Math.floor(r() * line.length)); break;
      case 4: { // message replaced by random pieces of other messages
        const keep = Math.floor(r() * Math.min(line.length, 80));
        const other = pick(pool);
        const a = Math.floor(r() * other.length);
        out[i] = line.slice(0, keep) + other.slice(a, a + Math.floor(r() * 200)) + pick(pool).slice(Math.floor(r() * 40));
        break;
      }
      case 5: out.splice(i, 0, pick(pool.filter((l) => /START/.test(l))) ?? line); break;
      case 6: out.splice(i, 0, pick(pool.filter((l) => /END/.test(l))) ?? line); break;
      case 7: { // a hostile piece inserted in the message
        const p = Math.floor(r() * line.length);
        out[i] = line.slice(0, p) + ' ' + pick(HOSTILE)(r) + ' ' + line.slice(p);
        break;
      }
      case 8: out[i] = line.replace(/\d{4}[/-]\d{2}[/-]\d{2}[ \t]+[\d:.]+/, pick(BAD_DATES)); break;
      case 9: out[i] = line.replace(/0x[0-9A-Fa-f]{8}|\[[0-9A-Fa-f]{8}\]|[0-9A-Fa-f]{8}/, pick(['0xFFFFFFFF', '0x00000000', '-2147024894', '0x123456789', '[FFFFFFFF]', '[00000000]', '99999999999'])); break;
      case 10: out[i] = line.replace(/\d+/g, (m) => (r() < 0.3 ? '9'.repeat(1 + Math.floor(r() * 30)) : m)); break;
      default: out[i] = '\ufeff' + line; break;
    }
  }
  return out;
}

function joinLines(lines: string[], r: () => number): string {
  const ends = ['\n', '\r\n', '\r'];
  const mode = Math.floor(r() * 4);
  return lines.map((l) => l + (mode < 3 ? ends[mode] : ends[Math.floor(r() * 3)])).join('');
}

/** Upper bound of the line count of a text (any of CRLF, LF, CR ends a line). */
function lineCount(text: string): number {
  return (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

function checkAnalysis(a: Analysis, text: string, label: string): void {
  const max = lineCount(text);
  const inDoc = (ref: LineRef | undefined, what: string): void => {
    if (!ref) return;
    assert.equal(ref.file, 0, `${label}: ${what} in file 0`);
    assert.ok(Number.isInteger(ref.line) && ref.line >= 0 && ref.line < max, `${label}: ${what} line ${ref.line} within ${max} lines`);
    assert.ok(ref.line < a.files[0].lines || a.files[0].lines === 0, `${label}: ${what} line ${ref.line} within the reader's ${a.files[0].lines} lines`);
  };
  for (const f of a.failures) {
    inDoc(f.at, 'failure');
    inDoc(f.rootCause, 'root cause');
    for (const e of f.evidence) inDoc(e, 'evidence');
    for (const e of f.repeats ?? []) inDoc(e, 'repeat');
    for (const s of f.snippets ?? []) inDoc(s.at, 'snippet');
    assert.ok(Number.isInteger(f.code) && f.code >= 0 && f.code <= 0xffffffff, `${label}: code ${f.code} is unsigned 32-bit`);
  }
  for (const n of a.noise) inDoc(n.at, 'noise');
}

function runAll(text: string, label: string): number {
  let a: Analysis;
  try {
    a = analyzeText(text, 'WindowsUpdate.log');
  } catch (err) {
    assert.fail(`${label}: analyzeText threw ${(err as Error)?.stack ?? String(err)}`);
  }
  checkAnalysis(a, text, label);
  assert.doesNotThrow(() => JSON.stringify(a), `${label}: analysis serialisable`);
  for (const lang of ['en', 'zh-cn'] as const) {
    const md = renderMarkdown(a, { lang });
    checkMarkdownSafe(md, `${label} (${lang})`);
    const json = toJsonReport(a, lang);
    const s = JSON.stringify(json);
    assert.deepEqual(typeof JSON.parse(s), 'object', `${label}: JSON report round-trips`);
  }
  return a.failures.length;
}

describe('robustness: hostile records through analysis and reports', function () {
  this.timeout(120000);
  const fixtures = loadFixtures();
  const pool = fixtures.flatMap((f) => f.text.split(/\r\n|\r|\n/)).filter((l) => l.length > 0 && l.length < 2000);

  it('finds fixtures to mutate', () => {
    assert.ok(fixtures.length >= 10, `only ${fixtures.length} fixtures found`);
    assert.ok(pool.length > 100);
  });

  it('every fixture as is', () => {
    for (const f of fixtures) runAll(f.text, f.name);
  });

  it('mutated fixtures (seeded)', () => {
    // FUZZ_SEED / FUZZ_ROUNDS widen a local search; the suite runs the fixed seed.
    const r = rng(Number(process.env.FUZZ_SEED) || 20261124);
    const rounds = Number(process.env.FUZZ_ROUNDS) || 300;
    let failures = 0;
    for (let round = 0; round < rounds; round++) {
      const f = fixtures[Math.floor(r() * fixtures.length)];
      const lines = f.text.split(/\r\n|\r|\n/);
      const text = joinLines(mutate(lines, pool, r), r);
      failures += runAll(text, `round ${round} (${f.name})`);
    }
    // The mutations must still reach the failure paths, or the checks above test nothing.
    if (process.env.FUZZ_ROUNDS) console.log(`${failures} failures in ${rounds} rounds`);
    assert.ok(failures > rounds / 4, `only ${failures} failures in ${rounds} rounds`);
  });

  it('every hostile piece in every fixture line kind', () => {
    const r = rng(99);
    const kinds = fixtures.map((f) => f.text.split(/\r\n|\r|\n/).filter((l) => l.length > 20).slice(0, 40));
    for (const [h, make] of HOSTILE.entries()) {
      for (const [k, lines] of kinds.entries()) {
        if (!lines.length) continue;
        const withPiece = lines.map((l) => (r() < 0.5 ? `${l} ${make(r)}` : l));
        runAll(withPiece.join('\n'), `hostile ${h} in ${fixtures[k].name}`);
      }
    }
  });

  describe('1 MB single lines (a hang shows as the mocha timeout)', () => {
    const MB = 1024 * 1024;
    const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    const kinds: Record<string, string> = {
      digits: fill('1234567890'),
      hex: fill('DEADBEEF'),
      spaces: fill(' '),
      stars: fill('*'),
      brackets: fill('['),
      braces: fill('{'),
      '0x': fill('0x'),
      KB: fill('KB'),
      'cV=': fill('cV='),
      'cV = ': fill('(cV = '),
      backticks: fill('`'),
      lt: fill('<'),
      'Package_for_KB': fill('Package_for_KB1~'),
      guidish: fill('{0A1B2C3D-0000-4000-8000-'),
      'START': fill('* START * '),
    };
    const prefixes = [
      '',
      '2024/03/05 09:00:00.1000000 3100  3200  Agent           *FAILED* ',
      '2024-03-05 09:11:40, Error                 CBS    Failed ',
      '2019-01-07\t08:15:20:101\t 512\t1a4\tAgent\t',
    ];
    for (const [name, body] of Object.entries(kinds)) {
      it(name, () => {
        for (const p of prefixes) runAll(`${p}${body}\n`, `1 MB ${name} after "${p.slice(0, 20)}"`);
      });
    }
  });
});
