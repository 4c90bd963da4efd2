// Bundles as customers send them: a zip with nested folders, a nested zip, other files; the
// same failures as the files read from disk; 2,000 logs; the inventory at the top of the report.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../../src/core/analysis';
import type { Analysis } from '../../../src/core/analysis';
import { renderMarkdown, toJsonReport } from '../../../src/core/report';
import { PROJECT_ROOT } from '../../support';
import { forgeZip, type ForgeEntry } from './zipForge';

const FIX = path.join(PROJECT_ROOT, 'test', 'fixtures', 'analysis');
const fixture = (n: string): Buffer => fs.readFileSync(path.join(FIX, n));

/** (file name, line, code, phase) of each failure: what "the same failures" means across inputs. */
export function failureSet(a: Analysis): string[] {
  return a.failures.map((f) => `${a.files[f.at.file].path.replace(/^.*[\\/]/, '')}:${f.at.line}:${f.code.toString(16)}:${f.phase}`).sort();
}

describe('bundle: a zip as customers send it', function () {
  this.timeout(120000);
  let tmp = '';
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-bundle-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (name: string, entries: ForgeEntry[]): string => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, forgeZip(entries));
    return p;
  };

  it('reads logs in nested folders and a nested zip, lists the other files, gives the failures of the files read one by one', async () => {
    const inner = forgeZip([{ name: 'DISM/dism.log', data: fixture('dism-restorehealth.log') }]);
    const zip = write('bundle.zip', [
      { name: 'WindowsUpdate.log', data: fixture('wu10-install-fail.log') },
      { name: 'Windows/Logs/CBS/CBS.log', data: fixture('cbs-kb-fail.log') },
      { name: 'Windows/Logs/', data: '' },
      { name: 'more/inner.zip', data: inner, method: 0 },
      { name: 'evt/System.evtx', data: 'ElfFile\0binary' },
      { name: 'notes.docx', data: 'PK not a log' },
      { name: 'Windows\\Panther\\setupact.log', data: fixture('setupact-rollback-30018.log') },
    ]);
    const a = await analyzeFiles([zip]);
    const names = a.files.map((f) => f.path.replace(/^.*[\\/]/, ''));
    assert.deepEqual(names.sort(), ['CBS.log', 'WindowsUpdate.log', 'dism.log', 'setupact.log']);
    assert.ok(a.files.every((f) => f.path.startsWith(`${zip}!/`)), 'entries are named inside the archive');
    const b = a.bundle;
    assert.ok(b, 'bundle info');
    assert.deepEqual(b.sources.map((s) => [s.kind, s.logs]), [['zip', 3], ['zip', 1]]);
    assert.deepEqual(b.skipped.map((s) => [s.name.replace(/^.*!\//, ''), s.reason]), [['evt/System.evtx', 'notALog'], ['notes.docx', 'notALog']]);
    assert.ok(b.kinds.some((k) => k.kind === 'eventLog'), 'the event log is known to be there');
    assert.ok(!b.missingExpected.includes('eventLog') && !b.missingExpected.includes('cbs'));
    assert.ok(b.missingExpected.includes('reporting'));

    // The same failures as the same files read from disk, one by one.
    const one: string[] = [];
    for (const n of ['wu10-install-fail.log', 'cbs-kb-fail.log', 'dism-restorehealth.log', 'setupact-rollback-30018.log']) {
      const dest = path.join(tmp, 'one', n === 'wu10-install-fail.log' ? 'WindowsUpdate.log' : n === 'cbs-kb-fail.log' ? 'CBS.log' : n === 'dism-restorehealth.log' ? 'dism.log' : 'setupact.log');
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(path.join(FIX, n), dest);
      one.push(...failureSet(await analyzeFiles([dest])));
    }
    assert.deepEqual(failureSet(a), one.sort());
    assert.ok(a.failures.length >= 3);
  });

  it('the report starts with what the bundle held; the JSON carries it', async () => {
    const zip = write('report.zip', [
      { name: 'WindowsUpdate.log', data: fixture('wu10-install-fail.log') },
      { name: 'Logs/CBS/CBS.log', data: fixture('cbs-kb-fail.log') },
      { name: 'x/System.evtx', data: 'x' },
    ]);
    const a = await analyzeFiles([zip]);
    for (const lang of ['en', 'zh-cn'] as const) {
      const md = renderMarkdown(a, { lang });
      const lines = md.split('\n');
      assert.equal(lines[2], lang === 'en' ? '## What the bundle held' : '## 日志包内容');
      assert.match(md, lang === 'en' ? /Logs and the time each covers/ : /各日志及其覆盖的时间/);
      assert.match(md, /2024\/03\/05 09:00:00\.1000000/);
      assert.match(md, lang === 'en' ? /Update chains across logs/ : /跨日志的更新链/);
      assert.ok(!md.includes(os.tmpdir()), 'no local path');
    }
    const j = toJsonReport(a, 'en');
    assert.ok(j.bundle && j.bundle.sources[0].kind === 'zip');
    assert.ok(j.chains && j.chains.length >= 1);
    assert.equal(j.bundle.skipped[0].reason, 'notALog');
  });

  it('2,000 logs in one zip are all analysed; the 2,001st is listed as over the limit', async () => {
    const line = (i: number): string => `2024/03/05 09:${String(i % 60).padStart(2, '0')}:00.1000000 3100  3200  Agent           * START * Finding updates CallerId = UpdateOrchestrator  Id = ${i}\n`;
    const entries: ForgeEntry[] = [];
    for (let i = 0; i < 2001; i++) entries.push({ name: `machine/${Math.floor(i / 100)}/WindowsUpdate_${i}.log`, data: line(i) });
    const zip = write('many.zip', entries);
    const t0 = Date.now();
    const a = await analyzeFiles([zip]);
    assert.equal(a.files.length, 2000);
    assert.equal(a.bundle?.skipped.filter((s) => s.reason === 'tooManyFiles').length, 1);
    assert.ok(Date.now() - t0 < 60000, `${Date.now() - t0} ms`);
    const md = renderMarkdown(a, { lang: 'en' });
    assert.ok(md.length < 2_000_000, 'the report stays readable');
  });

  it('a folder is a bundle too: the files not taken are listed', async () => {
    const dir = path.join(tmp, 'folder');
    fs.mkdirSync(path.join(dir, 'Logs', 'CBS'), { recursive: true });
    fs.copyFileSync(path.join(FIX, 'wu10-install-fail.log'), path.join(dir, 'WindowsUpdate.log'));
    fs.copyFileSync(path.join(FIX, 'cbs-kb-fail.log'), path.join(dir, 'Logs', 'CBS', 'CBS.log'));
    fs.writeFileSync(path.join(dir, 'readme.pdf'), 'x');
    const a = await analyzeFiles([dir]);
    assert.equal(a.bundle?.sources[0].kind, 'folder');
    assert.deepEqual(a.bundle?.skipped.map((s) => path.basename(s.name)), ['readme.pdf']);
  });
});
