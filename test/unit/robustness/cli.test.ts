// The CLI on hostile files and arguments: exit 0 or 1 with a clear message for bad input,
// 2 for bad arguments; never a stack trace, never a hang (spawnSync's timeout turns one into a failure).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, rng } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'analysis');

interface Run { code: number | null; stdout: string; stderr: string }

function run(args: string[], asUser?: string): Run {
  const cmd = asUser ? 'runuser' : process.execPath;
  const argv = asUser ? ['-u', asUser, '--', process.execPath, CLI, ...args] : [CLI, ...args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 30000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 0 or 1, a message on stderr when 1, and no stack trace anywhere. */
function assertClean(r: Run, label: string, codes: number[] = [0, 1]): void {
  assert.ok(r.code !== null, `${label}: killed (hang?)`);
  assert.ok(codes.includes(r.code), `${label}: exit ${r.code}, stderr: ${r.stderr}`);
  if (r.code !== 0) assert.match(r.stderr, /^wulog/, `${label}: a message on stderr`);
  for (const s of [r.stderr, r.stdout]) {
    assert.doesNotMatch(s, /\n\s+at .+:\d+:\d+\)?\n|TypeError|RangeError|ReferenceError/, `${label}: stack trace: ${s.slice(0, 400)}`);
  }
}

describe('robustness: the CLI on hostile input', function () {
  this.timeout(180000);
  let tmp = '';

  before(function () {
    if (!fs.existsSync(CLI)) {
      const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(b.status, 0, `build failed: ${b.stderr}`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-hostile-'));
    fs.chmodSync(tmp, 0o755);
    const r = rng(3);
    const bin = Buffer.alloc(200000);
    for (let i = 0; i < bin.length; i++) bin[i] = Math.floor(r() * 256);
    fs.writeFileSync(path.join(tmp, 'WindowsUpdate.log'), bin);
    fs.writeFileSync(path.join(tmp, 'CBS.log'), '');
    fs.writeFileSync(path.join(tmp, 'DISM.log'), Buffer.from([0xef, 0xbb, 0xbf]));
    fs.writeFileSync(path.join(tmp, 'setupact.log'), Buffer.from([0xff, 0xfe]));
    // UTF-16BE with and without its BOM.
    const be = Buffer.from(fs.readFileSync(path.join(FIX, 'cbs-kb-fail.log'), 'utf8'), 'utf16le').swap16();
    fs.writeFileSync(path.join(tmp, 'CbsPersist_1.log'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    fs.writeFileSync(path.join(tmp, 'CbsPersist_2.log'), be);
    // Symlink loops inside the folder: a link to its parent and to itself.
    fs.mkdirSync(path.join(tmp, 'sub'));
    fs.copyFileSync(path.join(FIX, 'wu10-install-fail.log'), path.join(tmp, 'sub', 'WindowsUpdate.log'));
    fs.symlinkSync('..', path.join(tmp, 'sub', 'up'));
    fs.symlinkSync('.', path.join(tmp, 'sub', 'self'));
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a folder of hostile files, and each file on its own', () => {
    const all = run(['summarize', tmp]);
    assertClean(all, 'folder', [0]);
    assert.match(all.stdout, /CbsPersist_1\.log/, 'the UTF-16BE log is read');
    assertClean(run(['summarize', '--json', tmp]), 'folder --json', [0]);
    for (const name of fs.readdirSync(tmp)) assertClean(run(['summarize', path.join(tmp, name)]), name);
    for (const link of ['sub/up', 'sub/self', 'sub/self/self/up/sub']) assertClean(run(['summarize', path.join(tmp, link)]), link, [0]);
  });

  it('UTF-16BE logs are analysed, with or without a BOM', () => {
    for (const name of ['CbsPersist_1.log', 'CbsPersist_2.log']) {
      const r = run(['summarize', '--json', path.join(tmp, name)]);
      assertClean(r, name, [0]);
      const report = JSON.parse(r.stdout) as { failures: unknown[] };
      assert.ok(report.failures.length > 0, `${name}: the failure is found`);
    }
  });

  it('a FIFO or a device given as a path is refused, not read forever', function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(tmp, 'pipe.log');
    const mk = spawnSync('mkfifo', [fifo]);
    if (mk.status !== 0) this.skip();
    for (const p of [fifo, '/dev/zero']) {
      const r = run(['summarize', p]);
      assertClean(r, p, [1]);
      assert.match(r.stderr, /not a regular file/);
    }
    fs.rmSync(fifo);
  });

  it('a file without read permission', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-noperm-'));
    try {
      fs.chmodSync(dir, 0o755);
      const file = path.join(dir, 'CBS.log');
      fs.copyFileSync(path.join(FIX, 'cbs-kb-fail.log'), file);
      fs.chmodSync(file, 0);
      // Root reads anything: run as `nobody` when that is possible, else skip.
      let user: string | undefined;
      if (process.getuid?.() === 0) {
        if (run(['help'], 'nobody').code !== 0) this.skip();
        user = 'nobody';
      }
      for (const p of [file, dir]) {
        const r = run(['summarize', p], user);
        assertClean(r, `unreadable ${p}`, [1]);
        assert.match(r.stderr, /permission denied/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explain with garbage arguments exits 2 with a message', () => {
    const garbage = [[], ['zzz'], ['0x'], [''], ['0xFFFFFFFFF'], ['-99999999999999'], ['99999999999'], ['💥'], ['--lang'], ['--lang', 'xx', '0x1'],
      ['--bogus'], ['[]'], ['resultMapped='], ['0x-1'], ['\ud800'], ['9'.repeat(100000)], ['0x80070005', 'nope']];
    for (const args of garbage) {
      const r = run(['explain', ...args]);
      assertClean(r, `explain ${JSON.stringify(args).slice(0, 60)}`, [2]);
      assert.ok(r.stderr.length > 0 && r.stderr.length < 2000, 'a short message');
      assert.equal(r.stdout, '');
    }
  });
});
