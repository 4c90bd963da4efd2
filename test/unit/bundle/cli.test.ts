// `wulog summarize bundle.zip`: the report (or JSON) of every log inside; a bundle without any
// log still says what it held (exit 1); a damaged archive is noted on stderr.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../support';
import { forgeZip } from './zipForge';

const CLI = path.join(PROJECT_ROOT, 'dist', 'cli.js');
const FIX = path.join(PROJECT_ROOT, 'test', 'fixtures', 'analysis');

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'summarize', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: wulog summarize on a bundle', function () {
  this.timeout(120000);
  let tmp = '';
  before(function () {
    if (!fs.existsSync(CLI)) {
      const b = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'build.mjs')], { cwd: PROJECT_ROOT, encoding: 'utf8' });
      assert.equal(b.status, 0, b.stderr);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-cli-bundle-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('summarizes every log inside a zip (Markdown and JSON)', () => {
    const zip = path.join(tmp, 'bundle.zip');
    fs.writeFileSync(zip, forgeZip([
      { name: 'WindowsUpdate.log', data: fs.readFileSync(path.join(FIX, 'wu10-install-fail.log')) },
      { name: 'Logs/CBS/CBS.log', data: fs.readFileSync(path.join(FIX, 'cbs-kb-fail.log')) },
    ]));
    const md = run([zip, '--lang', 'zh-cn']);
    assert.equal(md.code, 0, md.stderr);
    assert.ok(md.stdout.startsWith('# Windows 更新失败分析报告\n\n## 日志包内容'), md.stdout.slice(0, 80));
    const j = run([zip, '--json']);
    assert.equal(j.code, 0, j.stderr);
    const r = JSON.parse(j.stdout);
    assert.equal(r.files.length, 2);
    assert.equal(r.bundle.sources[0].kind, 'zip');
    assert.ok(r.chains.some((c: { kb: string }) => c.kb === '5035853'));
  });

  it('a bundle without any log: the report says what it held, exit 1; damage is noted on stderr', () => {
    const zip = path.join(tmp, 'nothing.zip');
    fs.writeFileSync(zip, forgeZip([{ name: 'photo.jpg', data: 'x' }, { name: 'evt/System.evtx', data: 'y' }], { corruptCentralAt: 1 }));
    const r = run([zip]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no servicing log found/);
    assert.match(r.stderr, /note: .*nothing\.zip: .*after 1 entries/);
    assert.match(r.stdout, /photo\.jpg/);
  });
});
