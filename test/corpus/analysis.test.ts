// Runs the analysis over every file of ../shared/corpus (real logs, read at run time, never
// copied) and pins the answers an engineer reads in a few of them by hand.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../../src/core/analysis/files';
import type { Analysis, Failure } from '../../src/core/analysis/types';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
const present = fs.existsSync(CORPUS);

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(p) : e.name.endsWith('.md') ? [] : [p];
  });
}

const cache = new Map<string, Analysis>();
async function analyse(rel: string): Promise<Analysis> {
  let a = cache.get(rel);
  if (!a) {
    a = await analyzeFiles([path.join(CORPUS, rel)]);
    cache.set(rel, a);
  }
  return a;
}
const line1 = (f: Failure): number => f.at.line + 1;

describe('corpus: analysis of real logs', function () {
  this.timeout(120000);
  before(function () {
    if (!present) {
      console.log(`    (skipped: corpus not found at ${CORPUS})`);
      this.skip();
    }
  });

  it('analyses every corpus file without an exception, with sane results', async () => {
    const files = allFiles(CORPUS);
    assert.ok(files.length > 50);
    for (const f of files) {
      const a = await analyzeFiles([f]);
      assert.equal(a.files.length, 1, f);
      for (const x of a.failures) {
        assert.ok(x.code > 0 && Number.isInteger(x.code), `${f}: code`);
        assert.ok(['scan', 'download', 'install', 'commit', 'unknown'].includes(x.phase), `${f}: phase`);
        assert.ok(x.evidence.length > 0, `${f}: evidence`);
        assert.ok(x.at.line < a.files[0].lines, `${f}: line in range`);
      }
      assert.ok(a.noise.length <= 2000);
    }
  });

  it('wu10/zayrexdev: the 24H2 feature update failed to install with 0x80070002; KB5048163 did not fail', async () => {
    const a = await analyse('wu10/zayrexdev-stuff.log');
    assert.equal(a.failures.length, 1);
    const f = a.failures[0];
    assert.equal(f.phase, 'install');
    assert.equal(f.code, 0x80070002);
    assert.equal(f.updateId, 'AD27E52B-9E18-408A-9DF2-8688E5273FBF');
    assert.equal(f.revision, 1);
    assert.equal(f.title, 'Windows 11, version 24H2');
    assert.equal(line1(f), 14100, 'Install complete ... Return code is 0x80070002');
    assert.equal(f.callErrorCode, 0x80240022);
    const call = a.calls.find((c) => c.key === f.callKey);
    assert.equal(call?.kind, 'install');
    assert.equal(call?.client, 'MoUpdateOrchestrator');
    assert.equal(call && call.startLine + 1, 12230);
    assert.deepEqual(call?.counts, { succeeded: 0, succeededWithErrors: 0, failed: 1, cancelled: 0, unaccounted: 0 });
    const kb = a.updates.find((u) => u.kb === '5048163');
    assert.ok(kb, 'KB5048163 is known from its title');
    assert.notEqual(kb.outcome, 'failed');
  });

  it('wu10/debajyati: scan failed with 0x8024402F; two updates failed to download (Delivery Optimization)', async () => {
    const a = await analyse('wu10/debajyati-logparsing-win11.log');
    const scan = a.failures.filter((f) => f.phase === 'scan');
    assert.equal(scan.length, 1);
    assert.equal(scan[0].code, 0x8024402f);
    assert.equal(line1(scan[0]), 4297);
    assert.equal(a.calls.find((c) => c.key === scan[0].callKey)?.kind, 'search');
    const dl = a.failures.filter((f) => f.phase === 'download');
    assert.equal(dl.length, 2);
    assert.ok(dl.every((f) => f.code === 0x80d03805 && f.updateId));
    assert.equal(new Set(dl.map((f) => f.updateId)).size, 2);
    assert.ok(dl.every((f) => a.calls.find((c) => c.key === f.callKey)?.counts?.failed === 2));
    assert.equal(a.failures.filter((f) => f.phase === 'install').length, 0);
  });

  it('wu10/findingsanity: download failed with 0x8020002B (KB4023057); resultMapped=80242014 is a pending restart', async () => {
    const a = await analyse('wu10/findingsanity-logs-17763.log');
    const bits = a.failures.find((f) => f.code === 0x8020002b);
    assert.equal(bits?.phase, 'download');
    assert.equal(bits?.updateId, 'E3766677-6547-4EC8-9097-4C7E37190DDA');
    assert.equal(bits?.kb, '4023057');
    assert.equal(bits && line1(bits), 2584);
    // Five concurrent Download calls without cV: the failed one is the call started on the thread
    // that logged the federated repeat of its counts.
    const call = a.calls.find((c) => c.key === bits?.callKey);
    assert.equal(call && call.startLine + 1, 1751);
    // The phase evidence names the same call start as the failure's call.
    for (const pe of bits?.phaseEvidence.filter((x) => x.fact === 'callStart') ?? []) assert.equal(pe.at && pe.at.line + 1, 1751);
    assert.equal(call?.endLine !== undefined && call.endLine + 1, 2599);
    assert.equal(bits?.callErrorCode, 0x80240022);
    assert.equal(a.failures.filter((f) => f.phase === 'download').length, 3);
    assert.ok(!a.failures.some((f) => f.code === 0x80242014));
    const p = a.pending?.find((x) => x.code === 0x80242014);
    assert.equal(p && p.at.line + 1, 3906);
    assert.equal(p?.kb, '4584642');
  });

  it('wu10/raja-fahad-2: 0x8024000B is a Windows Defender download call that was cancelled, not a failure', async () => {
    const a = await analyse('wu10/raja-fahad-wulogs-2-new.log');
    assert.ok(!a.failures.some((f) => f.code === 0x8024000b));
    const c = a.calls.find((x) => x.callErrorCode === 0x8024000b);
    assert.equal(c?.result, 'cancelled');
    assert.equal(c?.client, 'Windows Defender');
    assert.equal(c?.kind, 'download');
    assert.equal(c?.resultLine !== undefined && c.resultLine + 1, 3872);
  });

  it('cbs/ehsanhasani: CBS failed to download FOD payloads from WU (0x8024402C), not a scan', async () => {
    const a = await analyse('cbs/ehsanhasani-searchingincbs.log');
    assert.ok(a.failures.length >= 1);
    assert.ok(a.failures.every((f) => f.code === 0x8024402c && f.phase === 'download' && f.outcomeKind === 'cbsFailure'));
    const total = a.failures.reduce((n, f) => n + (f.occurrences ?? 1), 0);
    assert.ok(total >= 5, `the failed sessions are counted (${total})`);
    assert.ok(a.cbsSessions.length > 100);
    assert.ok(a.cbsSessions.some((s) => s.errors.some((e) => e.code === 0x8024402c)));
    // One failed session is one failure: its outcome (the session result) with the session's KB.
    assert.ok(a.failures.every((f) => f.kb), JSON.stringify(a.failures.map((f) => [line1(f), f.kb])));
    const keys = a.failures.flatMap((f) => f.cbsSessionKeys.slice(0, 1));
    assert.equal(new Set(keys).size, keys.length, 'no session gives two failures');
  });

  it('wu10: download job ids next to "for UpdateId" are not updates', async () => {
    for (const rel of ['wu10/debajyati-logparsing-win11.log', 'wu10/waca0895-wtrlabtest.log']) {
      const text = fs.readFileSync(path.join(CORPUS, rel), 'latin1');
      const jobs = [...text.matchAll(/New download job \{([0-9A-Fa-f-]{36})\} for UpdateId/g)].map((m) => m[1].toUpperCase());
      const a = await analyse(rel);
      const ids = new Set(a.updates.map((u) => u.updateId));
      if (!jobs.length) continue;
      assert.ok(jobs.every((j) => !ids.has(j)), `${rel}: a job id became an update`);
    }
  });

  it('wu7/rsasbeih: repeated scan failures 0x80072EE2 are one failure; a post-reboot failure is commit', async () => {
    const a = await analyse('wu7/rsasbeih-huffman-win7.log');
    const ee2 = a.failures.filter((f) => f.code === 0x80072ee2);
    assert.equal(ee2.length, 1);
    assert.equal(ee2[0].phase, 'scan');
    assert.ok((ee2[0].occurrences ?? 1) >= 50, `occurrences ${ee2[0].occurrences}`);
    const commit = a.failures.find((f) => f.phase === 'commit');
    assert.equal(commit?.code, 0x80242016);
    assert.equal(commit?.kb, '4462923');
    // Installs that waited for a restart and then reported success after it are succeeded.
    const waited = a.updates.filter((u) => u.results.some((r) => r.code === 0x80242014));
    assert.ok(waited.length >= 5);
    for (const u of waited) {
      const last = u.results.filter((r) => r.operation !== 'search' && r.operation !== 'download').pop();
      const expect = last && last.code === 0 ? 'succeeded' : last && last.code === 0x80242014 ? 'unknown' : 'failed';
      assert.equal(u.outcome, expect, `${u.kb}: ${u.results.map((r) => r.code.toString(16)).join(' ')}`);
    }
  });

  it('reporting/dcheva: detection failures are scan failures without an update', async () => {
    const a = await analyse('reporting/dcheva-nms2023-reportingevents.log');
    assert.equal(a.files[0].format, 'reporting');
    const f = a.failures.find((x) => x.code === 0x80072ee2);
    assert.equal(f?.phase, 'scan');
    assert.equal(f?.updateId, undefined);
  });

  it('other/*.etl: decoded (TraceLogging) and analysed as a WindowsUpdate.log, no deciding failure', async () => {
    const a = await analyse('other/eyeofparadox-WindowsUpdate.20250426.052044.386.1.etl');
    assert.equal(a.files[0].format, 'wu10');
    assert.equal(a.files[0].unreadable, undefined);
    assert.equal(a.files[0].etl?.events, 173);
    assert.equal(a.failures.length, 0);
    assert.ok(a.noise.some((n) => n.code === 0x8024402c), 'the 8024402C lines are intermediate failures');
  });
});
