// `npm run bench`: speed and memory of `wulog summarize --json` against `grep -c FAILED` and lnav,
// on logs made by repeating the real logs of ../shared/corpus (bench-logs.mjs): a WindowsUpdate.log
// and a CBS.log of about 100 MB and 1 GB. Each command runs --runs times (default 3) on a warm page
// cache; the table gives the median wall time, MB/s, the CPU time and peak RSS of that run, and the
// ratios of wulog to lnav and to grep. Figures are printed and written as JSON, never asserted.
//   node scripts/bench.mjs [--sizes 100,1024] [--families wu,cbs] [--runs 3] [--json FILE] [--readers]
// --readers adds a row for the readers alone (records made and dropped, no analysis), to see
// where the time goes. lnav (`apt-get install lnav`) reads the files with the format in
// bench/lnav; without lnav its rows say so and the rest still runs.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchDir, benchLog } from './bench-logs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.resolve(root, '..', 'shared', 'corpus');
const MB = 1024 * 1024;

// ---- child: the readers alone over one file (--readers) ------------------------------------------
if (process.argv[2] === '--readers-child') {
  const { LogStream } = await import(pathToFileURL(process.argv[3]).href);
  const s = new LogStream(() => undefined, path.basename(process.argv[4]));
  for await (const chunk of fs.createReadStream(process.argv[4], { highWaterMark: MB })) s.pushBytes(chunk);
  s.end();
  process.exit(0);
}

const opt = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : def;
};
const sizes = opt('--sizes', '100,1024').split(',').map(Number).filter((n) => n > 0);
const families = opt('--families', 'wu,cbs').split(',');
const runs = Math.max(1, Number(opt('--runs', 3)) || 3);
const jsonOut = path.resolve(opt('--json', path.join(benchDir, 'bench.json')));

if (!fs.existsSync(corpusDir)) {
  console.log(`bench: no corpus at ${corpusDir}: nothing to measure`);
  process.exit(0);
}
const cli = path.join(root, 'bin', 'wulog.js');
if (!fs.existsSync(path.join(root, 'dist', 'cli.js'))) {
  console.error('bench: dist/cli.js is missing: run `npm run build` (npm run bench does)');
  process.exit(1);
}
const has = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const gnuTime = has('/usr/bin/time', ['-f', '%e', 'true']);
const lnav = has('lnav', ['-V']) ? spawnSync('lnav', ['-V'], { encoding: 'utf8' }).stdout.trim() : undefined;
const lnavConfig = path.join(root, 'bench', 'lnav');
if (!lnav) console.log('bench: lnav is NOT installed (apt-get install -y lnav): its rows are empty and no ratio to lnav is given');
if (!gnuTime) console.log('bench: /usr/bin/time is missing: CPU time and peak RSS are given for wulog only');

let readersBundle;
if (process.argv.includes('--readers')) {
  readersBundle = path.join(benchDir, 'readers.mjs');
  await esbuild.build({
    stdin: { contents: "export { LogStream } from './src/core/readers';", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: readersBundle, logLevel: 'warning',
  });
}

// A node child measures itself (CPU, peak RSS) at exit, written to this file: no /usr/bin/time needed.
const preload = path.join(benchDir, 'rusage.cjs');
fs.mkdirSync(benchDir, { recursive: true });
fs.writeFileSync(preload, `process.on('exit', () => { const u = process.resourceUsage();
  require('fs').writeFileSync(process.env.WULOG_BENCH_RUSAGE, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rss: u.maxRSS * 1024 })); });\n`);
const rusageFile = path.join(benchDir, 'rusage.json');

/** One timed run; stdout goes to a pipe (grep -c then reads the whole file). */
function once(cmd, args, node, okStatus = [0]) {
  const timed = gnuTime && !node ? ['/usr/bin/time', ['-f', 'RUSAGE %e %U %S %M', cmd, ...args]] : [cmd, args];
  fs.rmSync(rusageFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(timed[0], timed[1], {
    encoding: 'utf8', maxBuffer: 1024 * MB, env: { ...process.env, WULOG_BENCH_RUSAGE: rusageFile, NODE_OPTIONS: node ? `--require ${preload}` : '' },
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!okStatus.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  if (node) {
    const u = JSON.parse(fs.readFileSync(rusageFile, 'utf8'));
    return { wall, cpu: u.cpu, rss: u.rss, out: r.stdout };
  }
  const m = /RUSAGE ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[2]) + Number(m[3]) : undefined, rss: m ? Number(m[4]) * 1024 : undefined, out: r.stdout };
}

/** The median run (by wall time) of `runs` runs. */
function measure(cmd, args, node = false, okStatus = [0]) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(once(cmd, args, node, okStatus));
  all.sort((a, b) => a.wall - b.wall);
  const med = all[(all.length - 1) >> 1];
  return { ...med, walls: all.map((x) => +x.wall.toFixed(3)) };
}

const rows = [];
for (const family of families) {
  for (const size of sizes) {
    const t0 = Date.now();
    const file = benchLog(corpusDir, family, size);
    if (!file) {
      console.log(`bench: no ${family} logs in the corpus`);
      continue;
    }
    const bytes = fs.statSync(file).size;
    console.log(`${family} ${size} MB: ${file} (${(bytes / MB).toFixed(0)} MiB, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] }); // warm the page cache
    const row = { family, sizeMB: size, file, bytes };
    // grep exits 1 when it counts nothing (a CBS.log writes `Failed`, not `FAILED`).
    const grep = measure('grep', ['-c', 'FAILED', file], false, [0, 1]);
    row.grep = { ...grep, count: Number(grep.out.trim()), out: undefined };
    if (lnav) {
      const format = spawnSync('lnav', ['-I', lnavConfig, '-n', '-c', ';SELECT log_format FROM all_logs LIMIT 1', file], { encoding: 'utf8' }).stdout.trim().split('\n').pop()?.trim();
      row.lnav = { ...measure('lnav', ['-I', lnavConfig, '-n', '-q', file]), format, out: undefined };
    }
    const w = measure(process.execPath, [cli, 'summarize', '--json', file], true);
    const report = JSON.parse(w.out);
    row.wulog = { ...w, failures: report.failures?.length, out: undefined };
    if (readersBundle) row.readers = { ...measure(process.execPath, [fileURLToPath(import.meta.url), '--readers-child', readersBundle, file], true), out: undefined };
    rows.push(row);
    printRow(row);
  }
}

function printRow(r) {
  const mbs = (m) => (m ? (r.bytes / MB / m.wall).toFixed(0) : '');
  const line = (name, m, extra = '') => console.log(
    `  ${name.padEnd(14)} ${m ? `${m.wall.toFixed(2).padStart(7)} s ${mbs(m).padStart(5)} MB/s  cpu ${m.cpu === undefined ? '   ?' : m.cpu.toFixed(2).padStart(6)} s  peak RSS ${m.rss === undefined ? '   ?' : (m.rss / MB).toFixed(0).padStart(5)} MB  runs ${m.walls.join(' ')}` : '(not installed)'} ${extra}`);
  line('grep -c FAILED', r.grep, `count ${r.grep.count}`);
  line('lnav -n', r.lnav, r.lnav ? `format ${r.lnav.format}` : '');
  line('wulog', r.wulog, `${r.wulog.failures} failures`);
  if (r.readers) line('readers only', r.readers);
}

console.log(`\nSummary (median of ${runs} runs, wall time; ratio = wulog time / other time):`);
const table = rows.map((r) => ({
  log: `${r.family} ${r.sizeMB >= 1024 ? `${r.sizeMB / 1024} GB` : `${r.sizeMB} MB`}`,
  'wulog s': +r.wulog.wall.toFixed(2),
  'wulog MB/s': Math.round(r.bytes / MB / r.wulog.wall),
  'wulog RSS MB': Math.round(r.wulog.rss / MB),
  'lnav s': r.lnav ? +r.lnav.wall.toFixed(2) : 'absent',
  'grep s': +r.grep.wall.toFixed(2),
  'x lnav': r.lnav ? +(r.wulog.wall / r.lnav.wall).toFixed(2) : 'n/a',
  'x grep': +(r.wulog.wall / r.grep.wall).toFixed(1),
  ...(r.readers ? { 'readers s': +r.readers.wall.toFixed(2) } : {}),
}));
console.table(table);
fs.writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), node: process.version, lnav: lnav ?? null, runs, table, rows }, null, 1));
console.log(`written: ${jsonOut}`);
