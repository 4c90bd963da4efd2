// CAB archives (CbsPersist_*.cab) read through bsdtar: on disk and inside a zip, never extracted
// to disk; listed as skipped with the reason when no reader may run (untrusted workspace).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../../src/core/analysis';
import { findBsdtar } from '../../../src/core/bundle/cab';
import { renderMarkdown } from '../../../src/core/report';
import { PROJECT_ROOT } from '../../support';
import { forgeZip } from './zipForge';

const FIX = path.join(PROJECT_ROOT, 'test', 'fixtures', 'analysis');

describe('bundle: CAB archives', function () {
  this.timeout(60000);
  let tmp = '';
  let cab = '';
  before(async function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-cab-'));
    const gcab = spawnSync('gcab', ['--version'], { encoding: 'utf8' });
    if (gcab.status !== 0 || !(await findBsdtar())) {
      console.log('      (skipped: gcab and bsdtar are needed; bash scripts/setup.sh installs them)');
      this.skip();
    }
    // A CbsPersist cab as Windows writes it: one rotated CBS log inside (MSZIP compressed).
    const src = path.join(tmp, 'src');
    fs.mkdirSync(src);
    fs.copyFileSync(path.join(FIX, 'cbs-kb-fail.log'), path.join(src, 'CbsPersist_20240305091000.log'));
    cab = path.join(tmp, 'CbsPersist_20240305091000.cab');
    const r = spawnSync('gcab', ['-c', '-z', '-n', cab, 'CbsPersist_20240305091000.log'], { cwd: src, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reads a cab on disk, and a cab inside a zip, without extracting', async () => {
    const onDisk = await analyzeFiles([cab]);
    assert.deepEqual(onDisk.files.map((f) => f.format), ['cbs']);
    assert.ok(onDisk.files[0].path.endsWith('.cab!/CbsPersist_20240305091000.log'));
    assert.ok(onDisk.failures.some((f) => f.code === 0x800f081f));
    const zip = path.join(tmp, 'bundle.zip');
    fs.writeFileSync(zip, forgeZip([
      { name: 'Windows/Logs/CBS/CbsPersist_20240305091000.cab', data: fs.readFileSync(cab) },
      { name: 'WindowsUpdate.log', data: fs.readFileSync(path.join(FIX, 'wu10-install-fail.log')) },
    ]));
    const before = fs.readdirSync(tmp).sort();
    const inZip = await analyzeFiles([zip]);
    assert.deepEqual(inZip.files.map((f) => f.format).sort(), ['cbs', 'wu10']);
    assert.equal(inZip.bundle?.sources.map((s) => s.kind).join(), 'zip,cab');
    assert.deepEqual(fs.readdirSync(tmp).sort(), before, 'nothing written beside the bundle');
    // The WU install failure links to the CBS session of the rotated log.
    assert.ok(inZip.chains?.some((c) => c.steps.some((s) => s.kind === 'cbs')));
  });

  it('in an untrusted workspace (no external tools) the cab is listed with the reason', async () => {
    const a = await analyzeFiles([cab], { externalTools: false });
    assert.equal(a.files.length, 0);
    assert.equal(a.bundle?.skipped[0].reason, 'cabUntrusted');
    assert.match(renderMarkdown(a, { lang: 'en' }), /untrusted workspace/);
  });

  it('a damaged cab gives a clear message', async () => {
    const bad = path.join(tmp, 'bad.cab');
    fs.writeFileSync(bad, Buffer.concat([Buffer.from('MSCF'), Buffer.alloc(300, 7)]));
    const a = await analyzeFiles([bad]);
    const src = a.bundle?.sources.find((s) => s.kind === 'cab');
    assert.equal(src?.problem?.kind, 'notAnArchive');
    assert.ok((src?.problem?.detail ?? '').length > 0);
  });
});
