// Zips that fight back: each hostile entry gets a clear reason, the work and memory stay
// bounded, and the good log beside it is still analysed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../../src/core/analysis';
import type { Analysis } from '../../../src/core/analysis';
import { renderMarkdown } from '../../../src/core/report';
import { checkMarkdownSafe } from '../robustness/helpers';
import { PROJECT_ROOT } from '../../support';
import { forgeZip, type ForgeEntry } from './zipForge';

const GOOD = fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'analysis', 'wu10-install-fail.log'));
const good: ForgeEntry = { name: 'ok/WindowsUpdate.log', data: GOOD };

describe('bundle: zips that fight back', function () {
  this.timeout(120000);
  let tmp = '';
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-hostile-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** Analyses a zip; checks that the good log was analysed, the report is safe; returns the analysis and the cost. */
  async function run(name: string, bytes: Buffer, extra: string[] = []): Promise<{ a: Analysis; ms: number; heapMb: number }> {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, bytes);
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = Date.now();
    const a = await analyzeFiles([p, ...extra]);
    const ms = Date.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 1048576;
    for (const lang of ['en', 'zh-cn'] as const) checkMarkdownSafe(renderMarkdown(a, { lang }), `${name} ${lang}`);
    return { a, ms, heapMb };
  }
  const goodAnalysed = (a: Analysis): boolean => a.files.some((f) => f.path.endsWith('WindowsUpdate.log') && f.format === 'wu10') && a.failures.some((f) => f.code === 0x80070002);
  const reasons = (a: Analysis): string[] => (a.bundle?.skipped ?? []).map((s) => `${s.name.replace(/^.*?!\//, '')}=${s.reason}`);

  it('a zip bomb (huge expansion ratio) is not inflated', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const { a, ms, heapMb } = await run('bomb.zip', forgeZip([{ name: 'CBS.log', data: zeros }, good]));
    assert.deepEqual(reasons(a), ['CBS.log=bomb']);
    assert.match(a.bundle?.skipped[0].detail ?? '', /expand to 67108864/);
    assert.ok(goodAnalysed(a));
    assert.ok(ms < 5000, `${ms} ms`);
    assert.ok(heapMb < 64, `${heapMb} MB`);
  });

  it('an entry that holds more than it declares stops at the declared size', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 0x41);
    const { a } = await run('liar.zip', forgeZip([{ name: 'WindowsUpdate_liar.log', data: big, declaredSize: 1000 }, good]));
    assert.deepEqual(reasons(a), ['WindowsUpdate_liar.log=corrupt']);
    assert.match(a.bundle?.skipped[0].detail ?? '', /too many bytes/);
    assert.ok(goodAnalysed(a));
  });

  it('entries that share their data (a non-recursive bomb) are read once', async () => {
    const entries: ForgeEntry[] = [{ name: 'a/CBS.log', data: 'x'.repeat(1000) }];
    for (let i = 1; i < 200; i++) entries.push({ name: `a/CBS_${i}.log`, sameDataAs: 0 });
    entries.push(good);
    const { a } = await run('overlap.zip', forgeZip(entries));
    assert.equal(a.bundle?.skipped.filter((s) => s.reason === 'bomb').length, 199);
    assert.match(a.bundle?.skipped[0].detail ?? '', /overlaps/);
    assert.ok(goodAnalysed(a));
  });

  it('../ and absolute names are not read (nothing is written anywhere)', async () => {
    const before = fs.readdirSync(tmp).sort();
    const { a } = await run('traversal.zip', forgeZip([
      { name: '../../evil/WindowsUpdate.log', data: GOOD },
      { name: '/etc/CBS.log', data: 'x' },
      { name: 'C:/Windows/Logs/CBS/CBS.log', data: 'x' },
      { name: 'x', rawName: Buffer.from('..\\..\\win\\dism.log') },
      good,
    ]));
    assert.deepEqual(reasons(a).map((r) => r.replace(/^.*=/, '')), ['unsafeName', 'unsafeName', 'unsafeName', 'unsafeName']);
    assert.deepEqual(a.bundle?.skipped.map((s) => s.detail), ['path leads outside the bundle (..)', 'absolute path', 'absolute path', 'path leads outside the bundle (..)']);
    assert.ok(goodAnalysed(a));
    assert.equal(a.files.length, 1);
    assert.deepEqual(fs.readdirSync(tmp).sort(), before.concat('traversal.zip').sort());
    assert.ok(!fs.existsSync(path.join(tmp, '..', 'evil')));
  });

  it('thousands of tiny entries: bounded work, the listing is capped, the log is found', async () => {
    const entries: ForgeEntry[] = [];
    for (let i = 0; i < 20000; i++) entries.push({ name: `junk/${i}.bin`, data: 'x', method: 0 });
    entries.push(good);
    const { a, ms } = await run('tiny.zip', forgeZip(entries));
    assert.equal(a.bundle?.skippedCount, 20000);
    assert.equal(a.bundle?.skipped.length, 500);
    assert.ok(goodAnalysed(a));
    assert.ok(ms < 20000, `${ms} ms`);
    const md = renderMarkdown(a, { lang: 'en' });
    assert.match(md, /Not analysed \(20000\)/);
    assert.match(md, /… and 19970 more/);
  });

  it('a corrupt central directory: the entries before the damage are read, with a clear message', async () => {
    const { a } = await run('corrupt.zip', forgeZip([good, { name: 'CBS.log', data: 'x' }, { name: 'dism.log', data: 'y' }], { corruptCentralAt: 1 }));
    const zip = a.bundle?.sources.find((s) => s.kind === 'zip');
    assert.equal(zip?.problem?.kind, 'corruptDirectory');
    assert.match(zip?.problem?.detail ?? '', /after 1 entries/);
    assert.ok(goodAnalysed(a));
    assert.match(renderMarkdown(a, { lang: 'en' }), /central directory is damaged/);
    assert.match(renderMarkdown(a, { lang: 'zh-cn' }), /中央目录已损坏/);
  });

  it('not a zip at all: said so, and the other files given are still analysed', async () => {
    const other = path.join(tmp, 'WindowsUpdate.log');
    fs.writeFileSync(other, GOOD);
    const { a } = await run('random.zip', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) & 0xff)), [other]);
    assert.equal(a.bundle?.sources.find((s) => s.kind === 'zip')?.problem?.kind, 'corruptDirectory');
    assert.ok(goodAnalysed(a));
  });

  it('an encrypted entry and an unsupported method are listed with the reason', async () => {
    const { a } = await run('locked.zip', forgeZip([
      { name: 'Logs/CBS/CBS.log', data: 'secret', encrypted: true },
      { name: 'Logs/DISM/dism.log', data: 'bzip2', method: 12 },
      good,
    ]));
    assert.deepEqual(reasons(a), ['Logs/CBS/CBS.log=encrypted', 'Logs/DISM/dism.log=unsupportedMethod']);
    assert.ok(goodAnalysed(a));
    assert.match(renderMarkdown(a, { lang: 'en' }), /encrypted \(password-protected\)/);
  });

  it('a zip inside a nested zip is not opened (one level deep)', async () => {
    const deepest = forgeZip([{ name: 'WindowsUpdate.log', data: GOOD }]);
    const middle = forgeZip([{ name: 'deeper.zip', data: deepest }]);
    const { a } = await run('nested.zip', forgeZip([{ name: 'middle.zip', data: middle }, good]));
    assert.deepEqual(reasons(a), ['middle.zip!/deeper.zip=nestedTooDeep']);
    assert.equal(a.files.length, 1);
  });

  it('hostile names are shown escaped in the report', async () => {
    const { a } = await run('names.zip', forgeZip([
      { name: 'evil/[x](command:workbench.action.terminal.new)<img src=x>`.bin', data: 'x' },
      { name: 'evil/\u202e\u0000.bin', data: 'x' },
      good,
    ]));
    assert.equal(a.bundle?.skipped.length, 2);
    const md = renderMarkdown(a, { lang: 'en' });
    // Log text stays inside code spans (checked by checkMarkdownSafe); NUL never reaches the report.
    assert.ok(!md.includes('\u0000'));
  });
});
