// The WindowsUpdate ETL files of ../shared/corpus/other decoded and compared with the reference
// decoding beside them (UTC, PID, TID, event name, level, message; see MANIFEST.md). Skips when
// the corpus is absent. Nothing of the corpus is copied into the repository.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../src/core/analysis';
import { decodeEtl, fileSource, formatInstant, type EtlEvent, type EtlFileReport } from '../../src/core/etl';

const OTHER = path.resolve(__dirname, '../../../../shared/corpus/other');
const FIRST = 'eyeofparadox-WindowsUpdate.20250426.052044.386.1';
const SECOND = 'eyeofparadox-WindowsUpdate.20250426.052353.702.1';
/** The reference carries microseconds, rounded with some noise of its own: our times are exact to 100 ns. */
const TIME_TOLERANCE_100NS = 50;
/**
 * Reference lines whose message is cut (it shows only the tail of the string; the event's bytes
 * hold the whole string, which we print). Found by this test; listed so any other difference fails.
 */
const REFERENCE_CUT_LINES = [88, 90, 118, 120];

async function decode(files: string[]): Promise<{ events: EtlEvent[]; reports: EtlFileReport[] }> {
  const events: EtlEvent[] = [];
  const sources = await Promise.all(files.map((f) => fileSource(f)));
  const reports = await decodeEtl(sources, { onEvent: (e) => events.push(e) });
  return { events, reports };
}

const REF = /^(\S+ \S+) (\d+) +(\d+) +(\S+) +L(\d) (.*)$/;

function ticks(t: string): number {
  const m = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{7})$/.exec(t);
  if (!m) throw new Error(`bad time ${t}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) * 10000 + +m[7];
}

describe('corpus: WindowsUpdate ETL files', function () {
  this.timeout(120_000);
  before(function () {
    if (!fs.existsSync(path.join(OTHER, `${FIRST}.etl`))) {
      console.log(`    (skipped: ${OTHER} is absent)`);
      this.skip();
    }
  });

  it('reproduces the reference decoding line for line (UTC)', async () => {
    const { events, reports } = await decode([path.join(OTHER, `${FIRST}.etl`)]);
    const ref = fs.readFileSync(path.join(OTHER, `${FIRST}.reference.txt`), 'utf8').split(/\r?\n/).filter((l) => l);
    assert.equal(reports[0].decoded, 173);
    assert.equal(events.length, ref.length);
    const cut: number[] = [];
    let worst = 0;
    ref.forEach((line, i) => {
      const m = REF.exec(line);
      assert.ok(m, `reference line ${i + 1} unreadable`);
      const e = events[i];
      const where = `line ${i + 1}: ${line}`;
      assert.equal(e.pid, +m[2], where);
      assert.equal(e.tid, +m[3], where);
      assert.equal(e.name, m[4], where);
      assert.equal(e.level, +m[5], where);
      const d = Math.abs(ticks(formatInstant(e.time, 0)) - ticks(m[1]));
      worst = Math.max(worst, d);
      assert.ok(d <= TIME_TOLERANCE_100NS, `${where}: ours ${formatInstant(e.time, 0)}`);
      if (e.message !== m[6]) {
        assert.ok(e.message.endsWith(m[6]) && e.message.length > m[6].length, `${where}\n ours: ${e.message}`);
        cut.push(i + 1);
      }
    });
    assert.deepEqual(cut, REFERENCE_CUT_LINES);
    console.log(`    173 events match; largest time difference ${worst / 10} µs; reference lines with a cut message: ${cut.join(', ')}`);
  });

  it('reads the second file although its header was never finalised, and says so', async () => {
    const { events, reports } = await decode([path.join(OTHER, `${SECOND}.etl`)]);
    const r = reports[0];
    assert.equal(r.headerNotFinalised, true);
    assert.equal(r.endTime, undefined);
    assert.equal(r.buffers, 12);
    assert.equal(r.decoded, 127);
    assert.equal(r.corruptBufferCount, 0);
    assert.equal(events[0].message, '* START * Service startup');
    assert.equal(formatInstant(events[0].time, 0).slice(0, 19), '2025/04/26 12:23:53');
  });

  it('summarize on the folder of ETL files gives the same analysis as on the decoded text', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-etl-corpus-'));
    try {
      for (const f of [FIRST, SECOND]) fs.copyFileSync(path.join(OTHER, `${f}.etl`), path.join(tmp, `${f}.etl`));
      const fromEtl = await analyzeFiles([tmp]);
      assert.equal(fromEtl.files.length, 1);
      assert.equal(fromEtl.files[0].etl?.events, 300);
      // The same text as a WindowsUpdate.log (what `wulog decode` prints).
      const lines: string[] = [];
      const { decodeEtlText } = await import('../../src/core/etl');
      const sources = await Promise.all([FIRST, SECOND].map((f) => fileSource(path.join(tmp, `${f}.etl`))));
      await decodeEtlText(sources, {}, (l) => lines.push(l));
      const text = path.join(tmp, 'text', 'WindowsUpdate.log');
      fs.mkdirSync(path.dirname(text));
      fs.writeFileSync(text, `${lines.join('\r\n')}\r\n`);
      const fromText = await analyzeFiles([text]);
      const shape = (a: typeof fromEtl): unknown => ({
        failures: a.failures.map((f) => [f.code, f.phase, f.at.line, f.updateId]),
        calls: a.calls.map((c) => [c.kind, c.startLine, c.endLine, c.result]),
        noise: a.noise.map((n) => [n.at.line, n.code, n.kind]),
      });
      assert.deepEqual(shape(fromEtl), shape(fromText));
      assert.ok(fromEtl.calls.length > 0 && fromEtl.noise.length > 0);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
