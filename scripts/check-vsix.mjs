// Builds dist/wu-log-lens.vsix (`npm run package`) and checks what it ships: everything a user
// needs, nothing of the sources, tests or tooling. Prints the file list; exit 1 on a problem.
//   node scripts/check-vsix.mjs [--no-package]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(new URL('.', import.meta.url).pathname, '..');
const vsix = path.join(root, 'dist', 'wu-log-lens.vsix');

/** Entry names of a zip file, read from its central directory. */
export function zipEntries(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt central directory');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const REQUIRED = [
  'extension/package.json', 'extension/package.nls.json', 'extension/package.nls.zh-cn.json',
  'extension/dist/extension.js', 'extension/dist/cli.js', 'extension/dist/wulog.js', 'extension/dist/scanWorker.js', 'extension/bin/wulog.js',
  'extension/language-configuration.json', 'extension/readme.md', 'extension/changelog.md',
  'extension/LICENSE.txt', 'extension/l10n/bundle.l10n.json', 'extension/l10n/bundle.l10n.zh-cn.json',
  'extension/syntaxes/wulog.tmLanguage.json', 'extension/syntaxes/cbslog.tmLanguage.json',
  'extension/syntaxes/wureport.tmLanguage.json', 'extension/syntaxes/wutimeline.tmLanguage.json',
  'extension/media/reportView.js', 'extension/media/reportView.css',
];
const FORBIDDEN = [/^extension\/(src|test|out|node_modules|scripts|samples|\.ci|\.vscode|\.team)\//, /\.map$/, /\.ts$/, /\.vsix$/, /tsconfig|eslint|\.vscode-test/];

if (!process.argv.includes('--no-package')) {
  const r = spawnSync('npm', ['run', '-s', 'package'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('npm run package failed');
    process.exit(1);
  }
}
const names = zipEntries(fs.readFileSync(vsix));
const problems = [
  ...REQUIRED.filter((f) => !names.includes(f)).map((f) => `missing: ${f}`),
  ...names.filter((n) => FORBIDDEN.some((re) => re.test(n))).map((n) => `should not ship: ${n}`),
];
console.log(`${path.relative(root, vsix)} (${fs.statSync(vsix).size} bytes):`);
for (const n of names) console.log(`  ${n}`);
for (const p of problems) console.log(`  PROBLEM ${p}`);
process.exitCode = problems.length ? 1 : 0;
