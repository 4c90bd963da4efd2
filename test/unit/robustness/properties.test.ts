// Property-based tests (fast-check) over the readers, the analysis, the ETL decoder, the bundle
// reader and the report, with hostile input: random bytes, real-format lines mutated (truncated,
// fields deleted, repeated or swapped, NUL bytes, lone surrogates, invalid UTF-8, mixed line
// ends, BOMs), 1 MB lines, damaged zips and ETL files, hostile names and titles. Nothing may
// throw, hang or point outside the input; the Markdown never lets log text become a link or HTML.
// The number of generated cases is printed (FC_SEED / FC_SCALE change the seed and the counts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Analyzer, analyzeText, feedFile } from '../../../src/core/analysis';
import type { Analysis, LineRef } from '../../../src/core/analysis';
import { BundleReader } from '../../../src/core/bundle/reader';
import { attachBundle } from '../../../src/core/bundle/inventory';
import { LogStream } from '../../../src/core/readers';
import { codeSpan, escapeMarkdown, renderMarkdown, toJsonReport } from '../../../src/core/report';
import { decodeBytes } from '../etl/helpers';
import { EtlWriter, fileTimeOf, wu, type WriterEvent } from '../etl/etlWriter';
import { forgeZip } from '../bundle/zipForge';
import { ROOT, checkMarkdownSafe } from './helpers';

const SEED = Number(process.env.FC_SEED) || 20261201;
const SCALE = Number(process.env.FC_SCALE) || 1;
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
let cases = 0;

/** Lines of our own fixtures (real formats, no corpus text). */
function fixtureLines(): string[] {
  const out: string[] = [];
  for (const dir of ['test/fixtures/analysis', 'test/fixtures/logs']) {
    for (const name of fs.readdirSync(path.join(ROOT, dir))) {
      const b = fs.readFileSync(path.join(ROOT, dir, name));
      const text = b[0] === 0xff && b[1] === 0xfe ? b.subarray(2).toString('utf16le') : b.toString('utf8');
      out.push(...text.split(/\r\n|\r|\n/).filter((l) => l.length > 0 && l.length < 1000));
    }
  }
  return out;
}

const NAMES = ['WindowsUpdate.log', 'CBS.log', 'dism.log', 'setupact.log', 'ReportingEvents.log', 'notes.txt'];
const LONE = ['\ud800', '\udfff', '\udbff\u0041', '\u0000', '\ufeff', '\u202e', '\u2028'];

type Mutation = { kind: number; at: number; arg: number; piece: string };

/** Applies a mutation to a line: truncate, delete/repeat/swap a field, insert a hostile piece. */
function mutateLine(line: string, m: Mutation): string {
  const fields = line.split(/(\s+)/);
  const i = fields.length ? m.at % fields.length : 0;
  const j = fields.length ? m.arg % fields.length : 0;
  switch (m.kind) {
    case 0: return line.slice(0, m.at % (line.length + 1));
    case 1: return fields.filter((_, k) => k !== i).join('');
    case 2: return fields.slice(0, i + 1).concat(fields.slice(i)).join('');
    case 3: { const f = fields.slice(); [f[i], f[j]] = [f[j], f[i]]; return f.join(''); }
    case 4: { const p = m.at % (line.length + 1); return line.slice(0, p) + m.piece + line.slice(p); }
    case 5: return line.replace(/\d/g, (d, k: number) => (k % 3 === m.arg % 3 ? String((Number(d) + m.at) % 10) : d));
    default: return line;
  }
}

function lineCount(text: string): number {
  return (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

function checkAnalysis(a: Analysis, maxLines: (file: number) => number, label: string): void {
  const ok = (r: LineRef | undefined | null): void => {
    if (!r) return;
    assert.ok(r.file >= 0 && r.file < a.files.length, `${label}: file ${r.file}`);
    assert.ok(Number.isInteger(r.line) && r.line >= 0 && r.line < maxLines(r.file), `${label}: line ${r.line} of ${maxLines(r.file)}`);
  };
  for (const f of a.failures.concat(a.lowConfidence ?? [])) {
    ok(f.at);
    ok(f.rootCause);
    ok(f.recovered);
    f.evidence.forEach(ok);
    assert.ok(Number.isInteger(f.code) && f.code >= 0 && f.code <= 0xffffffff, `${label}: code ${f.code}`);
  }
  for (const c of a.chains ?? []) {
    c.steps.forEach((s) => ok(s.at));
    for (const l of c.links) {
      ok(l.fromLine);
      ok(l.toLine);
      assert.ok(l.from < c.steps.length && l.to < c.steps.length, `${label}: link inside its chain`);
    }
  }
  a.noise.forEach((n) => ok(n.at));
}

function checkReports(a: Analysis, label: string): void {
  for (const lang of ['en', 'zh-cn'] as const) {
    checkMarkdownSafe(renderMarkdown(a, { lang }), `${label} ${lang}`);
    JSON.parse(JSON.stringify(toJsonReport(a, lang)));
  }
}

describe('robustness: property-based tests (fast-check)', function () {
  this.timeout(180000);
  const pool = fixtureLines();
  const piece = fc.oneof(
    fc.constantFrom(...LONE),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
    fc.constantFrom('*FAILED* [800F0922]', 'Exit code = 0xFFFFFFFF', '[HRESULT = 0x800f081f - X]', '(KB5035853)', 'Package_for_KB5035853~', '<img src=x>', '[a](command:x)', '`', '\t', '{7E57A1B2-1C2D-4E5F-8A9B-0C1D2E3F4A5B}.200'),
  );
  const mutation = fc.record({ kind: fc.integer({ min: 0, max: 6 }), at: fc.nat(400), arg: fc.nat(400), piece });
  const mutatedLog = fc.record({
    lines: fc.array(fc.record({ line: fc.constantFrom(...pool), muts: fc.array(mutation, { maxLength: 3 }) }), { minLength: 1, maxLength: 30 }),
    ends: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
    name: fc.constantFrom(...NAMES),
    bom: fc.boolean(),
  }).map((r) => ({
    name: r.name,
    text: (r.bom ? '\ufeff' : '') + r.lines.map((l, i) => l.muts.reduce(mutateLine, l.line) + r.ends[i % r.ends.length]).join(''),
  }));

  after(() => {
    console.log(`      property tests: ${cases} generated cases (seed ${SEED})`);
  });

  it('readers: random bytes in random chunks never throw and keep records inside the file', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(3000), { maxLength: 5 }), fc.constantFrom(...NAMES), (bytes, cuts, name) => {
      cases++;
      const recs: { line: number; endLine: number }[] = [];
      const s = new LogStream((r) => recs.push({ line: r.line, endLine: r.endLine }), name);
      let last = 0;
      for (const c of cuts.map((x) => x % (bytes.length + 1)).sort((x, y) => x - y)) {
        s.pushBytes(bytes.subarray(last, c));
        last = c;
      }
      s.pushBytes(bytes.subarray(last));
      const info = s.end();
      for (const r of recs) assert.ok(r.line <= r.endLine && r.endLine < Math.max(1, info.lines));
    }), { numRuns: runs(2500), seed: SEED });
  });

  it('analysis and reports: mutated real-format lines (truncated, fields deleted/repeated/swapped, NUL, lone surrogates, mixed line ends)', () => {
    fc.assert(fc.property(mutatedLog, ({ name, text }) => {
      cases++;
      const a = analyzeText(text, name);
      checkAnalysis(a, () => lineCount(text), name);
      checkReports(a, name);
    }), { numRuns: runs(2600), seed: SEED });
  });

  it('analysis: several mutated logs as bytes with invalid UTF-8, analysed together (cross-log chains)', () => {
    const invalid = fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x00]);
    fc.assert(fc.property(fc.array(fc.tuple(mutatedLog, fc.array(fc.tuple(fc.nat(5000), invalid), { maxLength: 4 })), { minLength: 1, maxLength: 4 }), (logs) => {
      cases++;
      const an = new Analyzer();
      const infos = [];
      const counts: number[] = [];
      for (const [{ name, text }, bad] of logs) {
        let bytes = Buffer.from(text, 'utf8');
        for (const [at, b] of bad) {
          const p = at % (bytes.length + 1);
          bytes = Buffer.concat([bytes.subarray(0, p), Buffer.from(b), bytes.subarray(p)]);
        }
        const idx = an.addFile(`bundle/${name}`, 'unknown');
        const feed = feedFile(an, idx, name);
        feed.pushBytes(bytes);
        infos[idx] = feed.end();
        counts[idx] = Math.max(1, infos[idx].lines);
      }
      const a = an.finish(infos);
      checkAnalysis(a, (f) => counts[f], 'multi');
      checkReports(a, 'multi');
    }), { numRuns: runs(1200), seed: SEED });
  });

  it('ETL decoder: damaged and random files never throw; every line keeps the WindowsUpdate.log shape', async () => {
    const ev: WriterEvent[] = [];
    for (let i = 0; i < 30; i++) ev.push(wu(i * 100, 1, 2, 'Agent', `message ${i} *FAILED* [80070002] ${'.'.repeat(i % 7)}`));
    const base = new EtlWriter({ startFileTime: fileTimeOf('2025-04-26T00:00:00Z'), bufferSize: 1024 }).add(...ev).toBytes();
    const WU10 = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{7} \d+ +\d+ +\S+ {0,15} ?[^\r\n]*$/;
    const damaged = fc.oneof(
      fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 }).map((flips) => {
        const b = Uint8Array.from(base);
        for (const [at, v] of flips) b[at] = v;
        return b;
      }),
      fc.nat(base.length).map((n) => base.subarray(0, n)),
      fc.uint8Array({ minLength: 0, maxLength: 4096 }),
      fc.uint8Array({ maxLength: 2048 }).map((tail) => Uint8Array.from([...base.subarray(0, 1024), ...tail])),
    );
    await fc.assert(fc.asyncProperty(damaged, async (bytes) => {
      cases++;
      const d = await decodeBytes(bytes);
      for (const l of d.lines) assert.match(l, WU10);
    }), { numRuns: runs(1800), seed: SEED });
  });

  it('bundle reader: damaged zips never throw, never leave the bundle, and the analysis finishes', async () => {
    const good = forgeZip([
      { name: 'WindowsUpdate.log', data: pool.filter((l) => /^\d{4}\/\d\d/.test(l)).slice(0, 40).join('\r\n') },
      { name: 'Logs/CBS/CBS.log', data: pool.filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d, /.test(l)).slice(0, 40).join('\n') },
      { name: 'inner.zip', data: forgeZip([{ name: 'dism.log', data: 'x' }]), method: 0 },
      { name: '../x.log', data: 'y' },
    ]);
    const damaged = fc.oneof(
      fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => {
        const b = Buffer.from(good);
        for (const [at, v] of flips) b[at] = v;
        return b;
      }),
      fc.nat(good.length).map((n) => good.subarray(0, n)),
      fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
    );
    await fc.assert(fc.asyncProperty(damaged, async (bytes) => {
      cases++;
      const an = new Analyzer();
      const infos: ReturnType<ReturnType<typeof feedFile>['end']>[] = [];
      const reader = new BundleReader(an, infos, { externalTools: false });
      await reader.readArchiveBytes('case.zip', bytes);
      await reader.finishEtl();
      const a = attachBundle(an.finish(infos), reader, { folders: [], paths: 1 });
      for (const f of a.files) assert.ok(f.path.startsWith('case.zip!/') && !f.path.includes('/../'), f.path);
      checkReports(a, 'zip');
    }), { numRuns: runs(1200), seed: SEED });
  });

  it('report: hostile text in every field it prints is escaped', () => {
    const hostile = fc.string({ unit: fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom('`', '[', ']', '(', ')', '<', '>', '!', '|', '\n', '\\', '*', '_', 'command:', 'http://')), maxLength: 80 });
    fc.assert(fc.property(hostile, hostile, hostile, (title, name, value) => {
      cases++;
      for (const s of [codeSpan(title), escapeMarkdown(name)]) checkMarkdownSafe(s, 'escape');
      const text = `2024/03/05 09:12:00.4000000 900   920   Agent           LogHistory called for Caller=UpdateOrchestrator, idUpdate=7E57A1B2-1C2D-4E5F-8A9B-0C1D2E3F4A5B.200, operation = Install, resultMapped=80070002, resultUnMapped=0\n` +
        `2024/03/05 09:00:02.6000000 3100  3300  ComApi          Title=${title.replace(/[\r\n]/g, ' ')} (KB5035853), UpdateId=7E57A1B2-1C2D-4E5F-8A9B-0C1D2E3F4A5B.200\n`;
      const a = analyzeText(text, `${name.replace(/[\\/]/g, '_')}WindowsUpdate.log`);
      a.bundle = {
        sources: [{ path: name, kind: 'zip', entries: 1, logs: 1, problem: { kind: 'corruptDirectory', detail: value } }],
        skipped: [{ name: `${name}!/${value}`, reason: 'unsafeName', detail: value }], skippedCount: 1, kinds: [],
        machine: [{ kind: 'model', value, at: { file: 0, line: 0 } }], missingExpected: [], missing: [],
      };
      checkReports(a, 'hostile fields');
    }), { numRuns: runs(1000), seed: SEED });
  });

  it('1 MB lines of hostile runs after real headers (a hang shows as the timeout)', () => {
    const MB = 1024 * 1024;
    const header = fc.constantFrom('', '2024/03/05 09:00:00.1000000 3100  3200  Agent           *FAILED* ', '2024-03-05 09:11:40, Error                 CBS    Failed ', '2019-01-07\t08:15:20:101\t 512\t1a4\tAgent\t');
    const unit = fc.constantFrom('1234567890', 'DEADBEEF', ' ', '*', '[', '{', '0x', 'KB', '(cV = ', '`', '<', 'Package_for_KB1~', '\ud800', '\u0000', '\t');
    fc.assert(fc.property(header, unit, (h, u) => {
      cases++;
      const text = `${h}${u.repeat(Math.ceil(MB / u.length)).slice(0, MB)}\n`;
      const a = analyzeText(text, 'WindowsUpdate.log');
      checkAnalysis(a, () => 2, '1 MB');
      checkReports(a, '1 MB');
    }), { numRuns: runs(12), seed: SEED });
    assert.ok(cases >= 10000 * Math.min(1, SCALE), `only ${cases} generated cases`);
  });
});
