// The same failures from a WindowsUpdate.log and from ETL files holding the same events;
// ETW levels kept; `wulog decode` on the command line.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../../src/core/analysis';
import { PROJECT_ROOT } from '../../support';
import { EtlWriter, fileTimeOf, wu, type TlEvent } from './etlWriter';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/analysis');
const LINE = /^(\d{4})[/-](\d\d)[/-](\d\d) (\d\d):(\d\d):(\d\d)\.(\d{7}) +(\d+) +(\d+) +(\S+) +(.*)$/;

/** The events of a Get-WindowsUpdateLog text, as WUTraceLogging would have logged them. */
function eventsOf(text: string): { start: bigint; events: TlEvent[] } {
  const rows = text.split(/\r?\n/).filter((l) => l.trim()).map((l) => {
    const m = LINE.exec(l);
    if (!m) throw new Error(`fixture line not in WU10 form: ${l}`);
    const ft = fileTimeOf(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) + BigInt(m[7]);
    return { ft, pid: +m[8], tid: +m[9], component: m[10], message: m[11] };
  });
  const start = rows[0].ft - 10_000n;
  return { start, events: rows.map((r) => wu(Number(r.ft - start), r.pid, r.tid, r.component, r.message)) };
}

describe('ETL in the analysis', () => {
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-etl-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const name of ['wu10-install-fail.log', 'wu10-download-fail.log', 'wu10-scan-fail.log', 'wu10-pending-reboot.log']) {
    it(`finds the same failures in ETL files as in the text (${name}), lines shifted by the decoder's first line`, async () => {
      const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
      const { start, events } = eventsOf(text);
      // Split over two rotated files in one folder, with small buffers: the merge must restore the order.
      const dir = fs.mkdtempSync(path.join(tmp, 'f-'));
      const half = Math.ceil(events.length / 2);
      const opts = { startFileTime: start, bias: 0, dst: false, bufferSize: 1024 };
      fs.writeFileSync(path.join(dir, 'WindowsUpdate.1.etl'), new EtlWriter(opts).add(...events.slice(0, half)).toBytes());
      fs.writeFileSync(path.join(dir, 'WindowsUpdate.2.etl'), new EtlWriter(opts).add(...events.slice(half)).toBytes());
      const fromText = await analyzeFiles([path.join(FIXTURES, name)]);
      const fromEtl = await analyzeFiles([dir]);
      assert.equal(fromEtl.files.length, 1);
      assert.equal(fromEtl.files[0].format, 'wu10');
      assert.deepEqual(fromEtl.files[0].etl?.files, ['WindowsUpdate.1.etl', 'WindowsUpdate.2.etl']);
      const shape = (a: typeof fromText, shift: number): unknown => a.failures.map((f) => ({
        code: f.code, phase: f.phase, update: f.updateId, kb: f.kb, line: f.at.line - shift, evidence: f.evidence.map((e) => e.line - shift),
      }));
      assert.deepEqual(shape(fromEtl, 1), shape(fromText, 0));
      assert.deepEqual(fromEtl.updates.map((u) => [u.updateId, u.outcome]), fromText.updates.map((u) => [u.updateId, u.outcome]));
      if (name !== 'wu10-pending-reboot.log') assert.ok(fromText.failures.length > 0);
    });
  }

  it('keeps the ETW level: an error event with a code is an error line even without *FAILED*', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'lv-'));
    const e = (level: number): TlEvent => wu(1000, 10, 20, 'Agent', 'Download job ended with 0x80246007 for the update', level);
    fs.writeFileSync(path.join(dir, 'info.etl'), new EtlWriter({ startFileTime: fileTimeOf('2025-01-01T00:00:00Z') }).add(e(4)).toBytes());
    fs.mkdirSync(path.join(dir, 'err'));
    fs.writeFileSync(path.join(dir, 'err', 'error.etl'), new EtlWriter({ startFileTime: fileTimeOf('2025-01-01T00:00:00Z') }).add(e(2)).toBytes());
    const info = await analyzeFiles([path.join(dir, 'info.etl')]);
    const err = await analyzeFiles([path.join(dir, 'err', 'error.etl')]);
    assert.equal(info.noise.length, 0);
    assert.equal(err.noise.length, 1);
    assert.equal(err.noise[0].code, 0x80246007);
  });

  it('an ETL file with no decodable event is explained, not analysed', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'wpp-'));
    const f = path.join(dir, 'old.etl');
    fs.writeFileSync(f, new EtlWriter().add({ kind: 'wpp', t: 1, pid: 1, tid: 1, guid: '11111111-2222-3333-4444-555555555555' }).toBytes());
    const a = await analyzeFiles([f]);
    assert.equal(a.files[0].unreadable, 'etl');
    assert.match(a.files[0].etl?.notes.join(' ') ?? '', /1 WPP event not decoded/);
  });

  describe('wulog decode', () => {
    const cli = path.join(PROJECT_ROOT, 'bin/wulog.js');
    const run = (args: string[]): { code: number | null; stdout: string; stderr: string } => {
      const r = spawnSync(process.execPath, [cli, 'decode', ...args], { encoding: 'utf8' });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    before(function () {
      if (!fs.existsSync(path.join(PROJECT_ROOT, 'dist/cli.js'))) this.skip();
    });

    it('prints the text in UTC or local time, notes on stderr, exit 0', () => {
      const f = path.join(tmp, 'WindowsUpdate.cli.etl');
      fs.writeFileSync(f, new EtlWriter({ startFileTime: fileTimeOf('2025-04-26T12:00:00Z') }).add(wu(5, 1, 2, 'Agent', 'hello')).toBytes());
      const utc = run([f, '--utc']);
      assert.equal(utc.code, 0, utc.stderr);
      assert.match(utc.stdout, /^2025\/04\/26 12:00:00\.0000005 1 {5}2 {5}Agent {11}hello$/m);
      assert.match(utc.stderr, /1 TraceLogging event decoded/);
      const local = run([tmp]);
      assert.match(local.stdout, /^2025\/04\/26 05:00:00\.0000005 1 {5}2 {5}Agent {11}hello$/m);
      const json = run([f, '--json']);
      assert.deepEqual(JSON.parse(json.stdout.trim()), { time: '2025-04-26T12:00:00.0000005Z', pid: 1, tid: 2, level: 4, provider: 'WUTraceLogging', event: 'Agent', message: 'hello', file: f });
    });

    it('exits 1 with a reason for a file with nothing decodable, 2 for bad arguments', () => {
      const f = path.join(tmp, 'bad.etl');
      fs.writeFileSync(f, Buffer.from('not an etl at all, just text\n'.repeat(10)));
      const r = run([f]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /bad\.etl: no decodable event: not an ETL file/);
      assert.equal(run(['--nope']).code, 2);
      assert.equal(run([path.join(tmp, 'missing.etl')]).code, 1);
    });
  });
});
