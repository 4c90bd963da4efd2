// Done-when of issue 12: a zip bundle of real corpus logs, built here at test time (never
// committed), laid out as a log collector does (nested folders, a nested zip, other files),
// gives one report with the update chains across logs, the missing-logs advice, and the same
// failures as the files read one by one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../src/core/analysis/files';
import type { Analysis } from '../../src/core/analysis/types';
import { renderMarkdown, toJsonReport } from '../../src/core/report';
import { forgeZip, type ForgeEntry } from '../unit/bundle/zipForge';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
const present = fs.existsSync(CORPUS);

/** Where a log collector puts each corpus folder's logs inside the bundle. */
const PLACE: Record<string, string> = {
  wu10: 'Logs/WindowsUpdate', wu7: 'Logs/WindowsUpdate7', cbs: 'Windows/Logs/CBS', dism: 'Windows/Logs/DISM',
  reporting: 'Windows/SoftwareDistribution', panther: 'Panther', sccm: 'ConfigMgr', other: 'Windows/Logs/WindowsUpdate',
};

const key = (a: Analysis): string[] => a.failures.map((f) => {
  const file = a.files[f.at.file].path;
  // An ETL group is named after its folder: the same group read alone has the same lines.
  const name = file.includes('*.etl') ? 'etl-group' : file.replace(/^.*[\\/]/, '');
  return `${name}:${f.at.line}:${f.code.toString(16)}:${f.phase}`;
}).sort();

describe('corpus: a zip bundle of real logs', function () {
  this.timeout(300000);
  let tmp = '';
  before(function () {
    if (!present) {
      console.log(`    (skipped: corpus not found at ${CORPUS})`);
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-corpus-bundle-'));
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('one report with chains across logs, what to ask for next, and the failures of the files read one by one', async () => {
    const entries: ForgeEntry[] = [];
    const panther: ForgeEntry[] = [];
    const single: string[][] = [];
    for (const dir of fs.readdirSync(CORPUS).filter((d) => fs.statSync(path.join(CORPUS, d)).isDirectory()).sort()) {
      const files = fs.readdirSync(path.join(CORPUS, dir)).filter((f) => !f.endsWith('.txt') && !f.endsWith('.md')).sort();
      for (const f of files) {
        // Panther logs of several runs share names: each goes in its own folder (as collectors number them).
        const e: ForgeEntry = { name: `${PLACE[dir] ?? dir}/${dir === 'panther' ? `${f.replace(/\.log$/, '')}/` : ''}${f}`, data: fs.readFileSync(path.join(CORPUS, dir, f)) };
        if (dir === 'panther') panther.push({ ...e, name: e.name.replace(/^Panther\//, '') });
        else entries.push(e);
      }
      const etl = files.filter((f) => f.endsWith('.etl')).map((f) => path.join(CORPUS, dir, f));
      if (etl.length) single.push(etl);
      for (const f of files.filter((x) => !x.endsWith('.etl'))) single.push([path.join(CORPUS, dir, f)]);
    }
    entries.push({ name: 'Panther.zip', data: forgeZip(panther) });
    entries.push({ name: 'EventLogs/System.evtx', data: 'ElfFile\0' }, { name: 'collector-readme.html', data: '<html>' });
    const zip = path.join(tmp, 'customer-bundle.zip');
    fs.writeFileSync(zip, forgeZip(entries));

    const a = await analyzeFiles([zip]);
    const alone: string[] = [];
    for (const group of single) alone.push(...key(await analyzeFiles(group)));
    assert.deepEqual(key(a), alone.sort(), 'the same failures as the files read one by one');
    assert.ok(a.failures.length > 20, `${a.failures.length} failures`);

    const b = a.bundle;
    assert.ok(b);
    assert.deepEqual(b.sources.map((s) => s.kind), ['zip', 'zip']);
    assert.ok(b.skipped.some((s) => s.name.endsWith('System.evtx')) && b.skipped.some((s) => s.name.endsWith('collector-readme.html')));
    assert.ok(b.machine.some((m) => m.kind === 'osBuild'), 'the OS build is stated');
    assert.ok(b.severalMachines, 'the corpus comes from many machines, and the report says so');
    assert.ok(b.missing.length > 0, 'what to ask for next');
    assert.ok((a.chains ?? []).length > 0, 'chains across logs');
    const md = renderMarkdown(a, { lang: 'en' });
    assert.equal(md.split('\n')[2], '## What the bundle held');
    for (const h of ['## Update chains across logs', '## What to ask the customer for next', '**Logs and the time each covers**']) assert.ok(md.includes(h), h);
    assert.ok(renderMarkdown(a, { lang: 'zh-cn' }).includes('## 接下来请客户提供'));
    const j = toJsonReport(a);
    assert.ok(j.bundle && j.chains);
    console.log(`      bundle of ${entries.length + panther.length - 1} corpus files: ${a.files.length} logs analysed, ${b.skippedCount} skipped, ${a.failures.length} failures (same as one by one), ${a.chains?.length} chains, ${b.missing.length} requests for the next log`);
  });
});
