// Benchmark of the core readers: generates a synthetic WindowsUpdate.log and CBS.log (>= 100 MB
// together) in the temp folder from our own templates, reads them through readFile (1 MB chunks,
// detection, decoding, line splitting, parsing, tokens) and prints MB/s and peak RSS. When the
// shared corpus (../shared/corpus) is present, its text logs are read too, as one group.
// The reading runs in a child process, so its peak RSS is the reader's alone. MB/s (cpu) is the
// figure to compare: other processes on the machine inflate wall time.
// Usage: node scripts/bench-readers.mjs [sizeMB=120] [--golden FILE]
//   --golden FILE: hashes every record and FileInfo of the corpus and the synthetic logs; writes
//   FILE when it does not exist, else compares with it and exits 1 on a difference (an optimisation
//   must not change output).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.resolve(root, '..', 'shared', 'corpus');

/** Text logs of the corpus (ETL traces are binary and skipped), sorted. */
function corpusFiles() {
  if (!fs.existsSync(corpusDir)) return [];
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.(md|etl)$/i.test(e.name)) out.push(p);
    }
  };
  walk(corpusDir);
  return out.sort();
}

if (process.argv[2] === '--child') {
  // Child: read the given files twice (cold, then warm) and print the figures as JSON.
  const readers = createRequire(import.meta.url)(process.argv[3]);
  const files = process.argv.slice(4);
  const corpus = corpusFiles();
  const rows = [];
  for (const pass of ['cold', 'warm']) {
    for (const file of files) rows.push({ ...(await measure(readers, [file])), pass });
    if (corpus.length) rows.push({ ...(await measure(readers, corpus)), file: `corpus (${corpus.length} files)`, pass });
  }
  console.log(JSON.stringify({ rows, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
}

const args = process.argv.slice(2);
const goldenAt = args.indexOf('--golden');
const goldenFile = goldenAt >= 0 ? args[goldenAt + 1] : undefined;
if (goldenAt >= 0) args.splice(goldenAt, 2);
const sizeMB = Number(args[0] ?? 120);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-bench-'));

// Bundle the readers and tokens on the fly so the benchmark does not depend on another build step.
const bundle = path.join(dir, 'readers.cjs');
await esbuild.build({
  stdin: { contents: "export * from './src/core/readers/index.ts'; export * as tokens from './src/core/tokens/index.ts';", resolveDir: root, loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'error',
});
const readers = createRequire(import.meta.url)(bundle);

const pad = (n, w) => String(n).padStart(w, '0');
const hex = (n) => n.toString(16).toUpperCase().padStart(8, '0');
const guid = (i) => `${hex(0x3c1f5e2a + i)}-7B44-4D0E-9F3A-${hex(i * 7919).slice(0, 4)}${hex(i * 104729)}`;

function wu10Line(i) {
  const t = i * 37;
  const ts = `2024/03/${pad(1 + ((t / 86_400_000) | 0) % 28, 2)} ${pad(((t / 3_600_000) | 0) % 24, 2)}:${pad(((t / 60_000) | 0) % 60, 2)}:${pad(((t / 1000) | 0) % 60, 2)}.${pad((i * 7) % 10_000_000, 7)}`;
  switch (i % 10) {
    case 0:
      return `${ts} 4792  12396 Agent           * START * Installing updates CallerId = UpdateOrchestrator  Id = ${i} (cV = Qx7pLm2RtYv0AbCd.${i % 50}.1)`;
    case 1:
      return `${ts} 4792  12396 Agent           *FAILED* [8024000E] file = onecore\\enduser\\windowsupdate\\client\\engine\\handler\\cbs\\cbshandler.cpp, line = ${i % 4000}`;
    case 2:
      return `${ts} 4792  8808  DownloadManager PurgeContentForPatchUpdate::Deleting update content at C:\\Windows\\SoftwareDistribution\\Download\\2b8dfb822b129f1b8fe8ec04650587a1.`;
    case 3:
      return `${ts} 4792  12396 Agent           LogHistory called...idUpdate={${guid(i % 500)}}.200, resultMapped=800F0922, resultUnMapped=800F0922, updateState=1`;
    case 4:
      return `${ts} 4792  12396 Handler         Title = 2024-03 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB50${pad(i % 100_000, 5)})`;
    case 5:
      return `${ts} 4792  12396 Agent           * END * Installing updates CallerId = UpdateOrchestrator, Id = ${i}, Exit code = 0x00000000 (cV = Qx7pLm2RtYv0AbCd.${i % 50}.1)`;
    case 6:
      return `${ts} 1980  4940  ComApi          Install call complete (succeeded = 0, succeeded with errors = 0, failed = 1, cancelled = 0, unaccounted = 0)`;
    case 7:
      return `${ts} 1980  4940  SLS             Get response for service 855E8A7C-ECB4-4CA3-B045-1DFA50104289 - forceExpire[False] asyncRefreshOnExpiry[False]`;
    case 8:
      return `${ts} 1980  4940  Misc            Got service 855E8A7C-ECB4-4CA3-B045-1DFA50104289 plugin Client/Server auth token of type 0x00000001`;
    default:
      return `${ts} 1980  4940  IdleTimer       WU operation (CSearchCall::Init ID ${i}) started; operation # ${i * 3}; does not use network; is at background priority`;
  }
}

function cbsLine(i) {
  const t = i * 11;
  const ts = `2024-03-${pad(1 + ((t / 86_400) | 0) % 28, 2)} ${pad(((t / 3600) | 0) % 24, 2)}:${pad(((t / 60) | 0) % 60, 2)}:${pad(t % 60, 2)}`;
  switch (i % 8) {
    case 0:
      return `${ts}, Info                  CBS    Exec: Processing package Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.${i % 4000}.1.9 (KB50${pad(i % 100_000, 5)})`;
    case 1:
      return `${ts}, Info                  CSI    0000${pad(i % 10000, 4)} Hashes for file member \\SystemRoot\\WinSxS\\amd64_example_31bf3856ad364e35_10.0.22621.1_none_0a1b2c3d4e5f6071\\x.dll do not match`;
    case 2:
      return '  Found: {l:32 b:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCd=} Expected: {l:32 b:ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210+/ZyXw=}';
    case 3:
      return `${ts}, Error                 CBS    Failed to resolve package 'Package_${i}' [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]`;
    case 4:
      return `${ts}, Info                  CBS    Session: 31012345_${i} initialized by client WindowsUpdateAgent, external staging directory: (null)`;
    case 5:
      return `${ts}, Warning               CBS    Failed to get next package to re-evaluate [HRESULT = 0x80004005 - Unknown Error]`;
    case 6:
      return `${ts}, Info                  CBS    Appl: detect Parent, Package: Microsoft-Windows-Example-Package~31bf3856ad364e35~amd64~~10.0.22621.${i % 3000}, Parent: Package_for_KB50${pad(i % 100_000, 5)}`;
    default:
      return `${ts}, Info                  CSI    00000${pad(i % 1000, 3)}@2024/3/1:10:00:00.123 CSI Transaction @0x1f2e3d4c5b60 initialized for deployment engine {d16d444c-56d8-11d5-882d-0080c847b195} with flags 00000002 and context 000001F2E3D4C5B6`;
  }
}

function generate(file, lineFn, targetBytes, bom) {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let i = 0;
  if (bom) written += fs.writeSync(fd, '\ufeff');
  while (written < targetBytes) {
    const parts = [];
    for (let k = 0; k < 5000; k++) parts.push(lineFn(i++));
    written += fs.writeSync(fd, parts.join('\r\n') + '\r\n');
  }
  fs.closeSync(fd);
  return written;
}

async function measure(readers, files) {
  let bytes = 0;
  let records = 0;
  let codes = 0;
  let lines = 0;
  let format = '';
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const file of files) {
    bytes += fs.statSync(file).size;
    const info = await readers.readFile(file, (r) => {
      records++;
      codes += r.codes.length;
    });
    lines += info.lines;
    format = files.length === 1 ? info.format : 'mixed';
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  return {
    file: path.basename(files[0]),
    format,
    MB: +(bytes / 1e6).toFixed(1),
    seconds: +s.toFixed(2),
    'MB/s (wall)': Math.round(bytes / 1e6 / s),
    'MB/s (cpu)': Math.round(bytes / 1e6 / cpu),
    lines,
    records,
    codes,
  };
}

/** Short hash of every record and the FileInfo of `file` (the output an optimisation must keep). */
async function outputHash(readers, file) {
  const h = crypto.createHash('sha256');
  let n = 0;
  const info = await readers.readFile(file, (r) => {
    h.update(JSON.stringify(r));
    h.update('\n');
    n++;
  });
  h.update(JSON.stringify(info));
  return `${n} ${h.digest('hex').slice(0, 24)}`;
}

const wu = path.join(dir, 'WindowsUpdate.log');
const cbs = path.join(dir, 'CBS.log');
console.log(`generating ~${sizeMB} MB in ${dir} ...`);
generate(wu, wu10Line, (sizeMB * 1e6) / 2, false);
generate(cbs, cbsLine, (sizeMB * 1e6) / 2, true);

if (goldenFile) {
  const hashes = {};
  for (const file of [...corpusFiles(), wu, cbs]) hashes[file.startsWith(dir) ? path.basename(file) : path.relative(corpusDir, file)] = await outputHash(readers, file);
  if (!fs.existsSync(goldenFile)) {
    fs.writeFileSync(goldenFile, JSON.stringify({ sizeMB, hashes }, null, 1));
    console.log(`golden written: ${goldenFile} (${Object.keys(hashes).length} files)`);
  } else {
    const golden = JSON.parse(fs.readFileSync(goldenFile, 'utf8'));
    if (golden.sizeMB !== sizeMB) console.log(`golden was made with sizeMB=${golden.sizeMB}: the synthetic logs differ`);
    const diff = Object.keys({ ...golden.hashes, ...hashes }).filter((k) => golden.hashes[k] !== hashes[k]);
    for (const k of diff) console.log(`DIFF ${k}: ${golden.hashes[k]} -> ${hashes[k]}`);
    console.log(diff.length ? `golden: ${diff.length} files differ` : `golden: ${Object.keys(hashes).length} files identical`);
    if (diff.length) process.exitCode = 1;
  }
}

const child = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', bundle, wu, cbs], { encoding: 'utf8', maxBuffer: 1 << 20 }));
console.table(child.rows);
console.log(`peak RSS of the reading process: ${child.peakRssMB} MB (files read: ${child.rows.filter((r) => r.pass === 'cold').reduce((a, r) => a + r.MB, 0).toFixed(0)} MB, each twice)`);

// Pathological lines: 1 MB of digits / hex / brackets must be scanned in milliseconds.
const t = readers.tokens;
const patho = [];
for (const unit of ['1', 'f', '[', '0x', '[8', '-1', '{a-', 'KB1', 'cV = ', '0x8024000E ']) {
  const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
  const t0 = process.hrtime.bigint();
  const n = t.findCodes(line).length + t.findUpdateIds(line).length + t.findKbs(line).length + t.findCvs(line).length;
  patho.push({ line: `${JSON.stringify(unit)} x ${line.length}`, found: n, ms: +(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1) });
}
console.table(patho);
if (process.env.WULOG_BENCH_KEEP) console.log(`kept ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
