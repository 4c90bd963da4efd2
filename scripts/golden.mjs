// Golden comparison of the whole analysis: `wulog summarize --json` over every file of the shared
// corpus (../shared/corpus), one run per file, plus one run per family folder and one over the
// whole corpus (links between logs), and over two logs made of our own fixtures repeated (a few
// MB with thousands of failures: what the finishing steps do with many). An optimisation must
// leave every output byte-identical.
//   node scripts/golden.mjs --write FILE   record the outputs (FILE stays outside the repository:
//                                          it holds corpus text)
//   node scripts/golden.mjs --check FILE   compare; prints each difference, exit 1 when any
//   --cli PATH                             another build of `wulog` (default bin/wulog.js)
// Runs dist/cli.js: build first (`npm run build`).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.resolve(root, '..', 'shared', 'corpus');
const [mode, file] = process.argv.slice(2);
const cliAt = process.argv.indexOf('--cli');
if ((mode !== '--write' && mode !== '--check') || !file) {
  console.error('usage: node scripts/golden.mjs --write|--check FILE');
  process.exit(2);
}
if (!fs.existsSync(corpusDir)) {
  console.error(`no corpus at ${corpusDir}`);
  process.exit(2);
}
if (path.resolve(file).startsWith(root + path.sep)) {
  console.error('the golden file holds corpus text: keep it outside the repository');
  process.exit(2);
}

/** Every corpus file (relative to the corpus folder), sorted; the manifest is not a log. */
function corpusFiles() {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(corpusDir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (!/\.md$/i.test(e.name)) out.push(p);
    }
  };
  walk('');
  return out.sort();
}

/** Our own fixture logs of one family, concatenated and repeated to about `bytes` (no corpus text). */
function repeated(name, pattern, bytes) {
  const dir = path.join(root, 'test', 'fixtures', 'analysis');
  const unit = fs.readdirSync(dir).filter((n) => pattern.test(n)).sort()
    .map((n) => fs.readFileSync(path.join(dir, n), 'latin1').replace(/^\uFEFF/, '').replace(/\s+$/, '')).join('\r\n') + '\r\n';
  const out = path.join(os.tmpdir(), 'wulog-golden-synthetic', name);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, unit.repeat(Math.ceil(bytes / unit.length)), 'latin1');
  return out;
}

const files = corpusFiles();
const folders = [...new Set(files.map((f) => f.split('/')[0]))].sort();
const synthetic = [repeated('WindowsUpdate.log', /^wu10-/, 4e6), repeated('CBS.log', /^cbs-/, 4e6)];
const inputs = [...files, ...folders, '.', ...synthetic];
const cli = cliAt > 0 ? path.resolve(process.argv[cliAt + 1]) : path.join(root, 'bin', 'wulog.js');
const outputs = {};
for (const input of inputs) {
  const r = spawnSync(process.execPath, [cli, 'summarize', '--json', input], { cwd: corpusDir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  // A synthetic log's temp path is not part of the answer.
  const key = synthetic.includes(input) ? `synthetic/${path.basename(input)}` : input;
  outputs[key] = { status: r.status, stdout: r.stdout.split(input).join(key), stderr: r.stderr.split(input).join(key) };
}

if (mode === '--write') {
  fs.writeFileSync(file, JSON.stringify(outputs));
  console.log(`golden written: ${file} (${inputs.length} runs: ${files.length} files, ${folders.length} folders, the whole corpus, ${synthetic.length} synthetic)`);
} else {
  const golden = JSON.parse(fs.readFileSync(file, 'utf8'));
  let diffs = 0;
  for (const input of new Set([...Object.keys(golden), ...Object.keys(outputs)])) {
    const a = golden[input];
    const b = outputs[input];
    if (a && b && a.status === b.status && a.stdout === b.stdout && a.stderr === b.stderr) continue;
    diffs++;
    console.log(`DIFF ${input}: ${describe(a, b)}`);
  }
  console.log(diffs ? `golden: ${diffs} of ${inputs.length} runs differ` : `golden: ${inputs.length} runs identical (${files.length} files, ${folders.length} folders, the whole corpus, ${synthetic.length} synthetic)`);
  process.exitCode = diffs ? 1 : 0;
}

/** Where two runs first differ: exit status, stderr, or the first differing line of the JSON. */
function describe(a, b) {
  if (!a || !b) return a ? 'no longer run' : 'new input';
  if (a.status !== b.status) return `exit ${a.status} -> ${b.status}`;
  for (const k of ['stdout', 'stderr']) {
    if (a[k] === b[k]) continue;
    const x = a[k].split('\n');
    const y = b[k].split('\n');
    let i = 0;
    while (i < x.length && x[i] === y[i]) i++;
    return `${k} line ${i + 1}: ${JSON.stringify((x[i] ?? '').slice(0, 160))} -> ${JSON.stringify((y[i] ?? '').slice(0, 160))}`;
  }
  return 'differs';
}
