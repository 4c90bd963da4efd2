import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseSummarizeArgs, langFromEnv } from '../../../src/cli/summarizeArgs';

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'analysis');

function run(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'summarize', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: wulog summarize', function () {
  this.timeout(120000);
  let tmp = '';

  before(function () {
    if (!fs.existsSync(CLI)) {
      const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(b.status, 0, `build failed: ${b.stderr}`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-cli-'));
    // A folder as a customer sends it: logs under their usual names, plus unrelated files.
    fs.mkdirSync(path.join(tmp, 'Logs', 'CBS'), { recursive: true });
    fs.copyFileSync(path.join(FIX, 'wu10-install-fail.log'), path.join(tmp, 'WindowsUpdate.log'));
    fs.copyFileSync(path.join(FIX, 'cbs-kb-fail.log'), path.join(tmp, 'Logs', 'CBS', 'CBS.log'));
    fs.writeFileSync(path.join(tmp, 'notes.txt'), 'customer notes, not a log\n');
    fs.writeFileSync(path.join(tmp, 'app.log'), '2024-01-01 app started\n');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('argument parsing and language from the environment', () => {
    assert.deepEqual(parseSummarizeArgs(['a.log', '--json', '--lang', 'zh-cn']), { ok: true, args: { paths: ['a.log'], json: true, lang: 'zh-cn' } });
    assert.equal(parseSummarizeArgs(['a.log', '--lang=fr']).ok, false);
    assert.equal(parseSummarizeArgs(['--json']).ok, false);
    assert.equal(parseSummarizeArgs(['a.log', '--bogus']).ok, false);
    assert.equal(langFromEnv({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
    assert.equal(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }), 'en');
    assert.equal(langFromEnv({}), 'en');
  });

  it('--json prints one object with files, failures and updates (exit 0)', () => {
    const r = run([path.join(FIX, 'wu10-install-fail.log'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.files.map((f: { format: string; lines: number; encoding: string }) => [f.format, f.lines, f.encoding]), [['wu10', 25, 'utf8']]);
    assert.equal(j.failures.length, 1);
    const f = j.failures[0];
    for (const k of ['file', 'line', 'time', 'phase', 'code', 'name', 'updateId', 'revision', 'kb', 'title', 'call', 'evidence']) assert.ok(k in f, `failure has ${k}`);
    assert.equal(f.phase, 'install');
    assert.equal(f.code, '0x80070002');
    assert.equal(f.updateId, '7E57A1B2-1C2D-4E5F-8A9B-0C1D2E3F4A5B');
    assert.equal(f.call.startLine, 8);
    assert.ok(Array.isArray(j.updates) && j.updates.some((u: { outcome: string }) => u.outcome === 'failed'));
  });

  it('a folder: walks it, picks servicing logs by name and content, links CBS', () => {
    const r = run([tmp, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    const names = j.files.map((f: { path: string }) => path.relative(tmp, f.path)).sort();
    assert.deepEqual(names, [path.join('Logs', 'CBS', 'CBS.log'), 'WindowsUpdate.log']);
    const wu = j.failures.find((f: { file: string }) => f.file.endsWith('WindowsUpdate.log'));
    assert.deepEqual(wu.cbsSessions.map((s: { id: string }) => s.id), ['31100001_100000001']);
  });

  it('Markdown by default, language from --lang or LANG', () => {
    const en = run([path.join(FIX, 'wu10-scan-fail.log')], { LANG: 'en_US.UTF-8' });
    assert.equal(en.code, 0);
    assert.match(en.stdout, /# Windows Update log summary/);
    assert.match(en.stdout, /scan \(search\) failed with `0x8024402F/);
    const zh = run([path.join(FIX, 'wu10-scan-fail.log')], { LANG: 'zh_CN.UTF-8' });
    assert.match(zh.stdout, /# Windows 更新失败分析报告/);
    const forced = run([path.join(FIX, 'wu10-scan-fail.log'), '--lang', 'en'], { LANG: 'zh_CN.UTF-8' });
    assert.match(forced.stdout, /# Windows Update log summary/);
  });

  it('exit 2 for bad arguments, 1 for a missing file, with a message on stderr', () => {
    const bad = run([path.join(FIX, 'wu10-scan-fail.log'), '--frobnicate']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown option --frobnicate/);
    const none = run([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no file or folder given/);
    const lang = run([path.join(FIX, 'wu10-scan-fail.log'), '--lang', 'de']);
    assert.equal(lang.code, 2);
    assert.match(lang.stderr, /--lang must be en or zh-cn/);
    const missing = run([path.join(FIX, 'does-not-exist.log')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*does-not-exist\.log: no such file or folder/);
    assert.equal(missing.stdout, '');
  });

  it('an unreadable format is reported with how to get text, not as an error', () => {
    const etl = path.join(tmp, 'WindowsUpdate.20250101.000000.000.1.etl');
    fs.writeFileSync(etl, Buffer.concat([Buffer.from([0, 0x10, 0, 0, 0x03, 0, 0, 0]), Buffer.alloc(4096, 0)]));
    const r = run([etl]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Get-WindowsUpdateLog/);
    assert.match(r.stderr, /not readable as a log \(etl\)/);
    fs.rmSync(etl);
  });
});
