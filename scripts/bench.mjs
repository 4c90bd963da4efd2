// `npm run bench`: throughput and memory of the full streaming analysis (readers + analyzer)
// on synthetic logs written from our own templates: a WindowsUpdate.log and a CBS.log of
// at least 100 MB together, then the same at twice the size. Each measurement runs in a
// fresh process (peak RSS is its own): the readers alone, then readers + analysis, so the
// analysis's own cost is the CPU-time difference. Prints MB/s, overhead and peak RSS.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(os.tmpdir(), 'wulog-bench');
const MB = 1024 * 1024;

// ---- child: one pass over the given files, report time and memory ---------------------------
// `readers`: the LogStream alone (records dropped); `full`: readers + Analyzer (analyzeFiles).
// CPU time (user + system) is what we compare: other processes may load the machine.
if (process.argv[2] === '--run') {
  const mode = process.argv[3];
  const { analyzeFiles, LogStream } = await import(pathToUrl(process.argv[4]));
  const files = process.argv.slice(5);
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let a;
  let records = 0;
  if (mode === 'readers') {
    for (const file of files) {
      const s = new LogStream(() => { records++; }, path.basename(file));
      for await (const chunk of fs.createReadStream(file, { highWaterMark: MB })) s.pushBytes(chunk);
      s.end();
    }
  } else {
    a = await analyzeFiles(files);
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cu = process.cpuUsage(c0);
  const cpu = (cu.user + cu.system) / 1e6;
  const peak = process.resourceUsage().maxRSS * 1024;
  // What the analysis keeps (calls, updates, sessions, failures): heap after a full GC.
  globalThis.gc?.();
  const retained = process.memoryUsage().heapUsed;
  process.stdout.write(JSON.stringify(a ? {
    bytes, secs, cpu, peak, retained, lines: a.files.reduce((n, f) => n + f.lines, 0), failures: a.failures.length,
    calls: a.calls.length, updates: a.updates.length, sessions: a.cbsSessions.length,
    noise: a.noiseCounts, phases: a.failures.map((f) => `${f.phase}:0x${f.code.toString(16).toUpperCase()}x${f.occurrences ?? 1}`),
  } : { bytes, secs, cpu, peak, retained, records }));
  process.exit(0);
}

function pathToUrl(p) {
  return new URL(`file://${path.resolve(p)}`).href;
}

// ---- synthetic logs -------------------------------------------------------------------------
const pad = (n, w) => String(n).padStart(w, '0');
function stamp(ms, style) {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1, 2)}/${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  if (style === 'cbs') return `${date.replace(/\//g, '-')} ${time}`;
  return `${date} ${time}.${pad((ms % 1000) * 10000, 7)}`;
}
const guid = (i) => `${pad((i * 2654435761 >>> 0).toString(16), 8)}-${pad((i & 0xffff).toString(16), 4)}-4${pad((i % 0xfff).toString(16), 3)}-8${pad(((i * 7) % 0xfff).toString(16), 3)}-${pad((i * 40503).toString(16), 12).slice(-12)}`.toUpperCase();
const cvOf = (i) => `Bench${pad(i.toString(36), 11)}`.slice(0, 16);

class Writer {
  constructor(file) {
    this.fd = fs.openSync(file, 'w');
    this.buf = [];
    this.size = 0;
    this.written = 0;
  }
  line(s) {
    this.buf.push(s);
    this.size += s.length + 2;
    if (this.size > 4 * MB) this.flush();
  }
  flush() {
    const text = this.buf.join('\r\n') + '\r\n';
    fs.writeSync(this.fd, text);
    this.written += Buffer.byteLength(text);
    this.buf = [];
    this.size = 0;
  }
  close() {
    this.flush();
    fs.closeSync(this.fd);
    return this.written;
  }
}

function wuLine(w, ms, pid, tid, comp, msg) {
  w.line(`${stamp(ms, 'wu')} ${String(pid).padEnd(5)} ${String(tid).padEnd(5)} ${comp.padEnd(15)} ${msg}`);
}

/** One cycle: a scan with *FAILED* noise, a download and an install; every `failEvery` cycles one fails. */
function writeWu(file, targetBytes) {
  const w = new Writer(file);
  let ms = Date.UTC(2024, 2, 1, 8, 0, 0);
  for (let i = 0; w.written + w.size < targetBytes; i++) {
    const cv = cvOf(i);
    const up = guid(i % 5000);
    const kb = 5030000 + (i % 5000);
    const tick = () => (ms += 37);
    wuLine(w, tick(), 3100, 4000 + (i % 50), 'ComApi', `* START *   Search ClientId = UpdateOrchestrator, ServiceId = 8B24B027-1DEE-BABB-9A95-3517DFB9C552, Flags: 0X40000010 (cV = ${cv}.1.0)`);
    wuLine(w, tick(), 900, 5000 + (i % 40), 'Agent', `* START * Finding updates CallerId = UpdateOrchestrator  Id = ${i} (cV = ${cv}.1.0.1)`);
    for (let k = 0; k < 6; k++) {
      wuLine(w, tick(), 900, 5000 + (i % 40), 'ProtocolTalker', `SyncUpdates round trips: ${k}, updates synced ${k * 13}; ${'x'.repeat(40)}`);
      wuLine(w, tick(), 900, 5000 + (i % 40), 'Agent', `*FAILED* [80070032] Evaluate Installed rule, updateId = {{${guid(i * 7 + k)}}.1}`);
    }
    wuLine(w, tick(), 900, 5000 + (i % 40), 'Misc', '*FAILED* [80248007] Method failed [CSLSClient::GetEndpoint:120]');
    const scanFails = i % 997 === 500;
    wuLine(w, tick(), 900, 5000 + (i % 40), 'Agent', `* END * Finding updates CallerId = UpdateOrchestrator, Id = ${i}, Exit code = ${scanFails ? '0x8024402F' : '0x00000000'} (cV = ${cv}.1.0.1)`);
    wuLine(w, tick(), 3100, 4100 + (i % 50), 'ComApi', `Title=2024-03 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB${kb}), ProductName=(null), UpdateId=${up}.200, DeploymentAction=Install`);
    wuLine(w, tick(), 3100, 4100 + (i % 50), 'ComApi', `* END *   Search ClientId = UpdateOrchestrator, Updates found = 1, ServiceId = 8B24B027-1DEE-BABB-9A95-3517DFB9C552 (cV = ${cv}.1.0)`);
    // Download
    wuLine(w, tick(), 3100, 4200 + (i % 50), 'ComApi', '* START *   Download ClientId = UpdateOrchestrator');
    for (let k = 0; k < 4; k++) wuLine(w, tick(), 900, 6000, 'DownloadManager', `Update ${up}.200 progress ${k * 25}% bytes ${k * 1048576}`);
    wuLine(w, tick(), 3100, 4300 + (i % 50), 'ComApi', 'Download call complete (succeeded = 1, succeeded with errors = 0, failed = 0, cancelled = 0, unaccounted = 0)');
    wuLine(w, tick(), 3100, 4300 + (i % 50), 'ComApi', '* END *   Download ClientId = UpdateOrchestrator');
    // Install
    const fails = i % 1999 === 1000;
    wuLine(w, tick(), 3100, 4400 + (i % 50), 'ComApi', `* START *   Install ClientId = UpdateOrchestrator, Flags: 0X120 (cV: ${cv}.2.0.0)`);
    wuLine(w, tick(), 950, 7000, 'Handler', `Preparing to Install update ID: ${up}.200`);
    for (let k = 0; k < 5; k++) wuLine(w, tick(), 950, 7000, 'Handler', `CBS called Progress with state=${k}, ticks=${k * 200}, total=1000`);
    if (fails) wuLine(w, tick(), 950, 7000, 'Handler', '*FAILED* [800F0922] Method failed [CCbsInstaller::Commit:811]');
    wuLine(w, tick(), 950, 7000, 'Handler', `Install complete for update ID: ${up}.200 Return code is ${fails ? '0x800F0922' : '0x00000000'}. Requires Reboot:No`);
    wuLine(w, tick(), 900, 5100, 'Agent', `LogHistory called for Caller=UpdateOrchestrator, idUpdate=${up}.200, operation = Install, resultMapped=${fails ? '800F0922' : '0'}, resultUnMapped=0`);
    wuLine(w, tick(), 3100, 4500 + (i % 50), 'ComApi', ` Install ClientId = UpdateOrchestrator`);
    wuLine(w, tick(), 3100, 4500 + (i % 50), 'ComApi', `Install call complete (succeeded = ${fails ? 0 : 1}, succeeded with errors = 0, failed = ${fails ? 1 : 0}, cancelled = 0, unaccounted = 0`);
    if (fails) wuLine(w, tick(), 3100, 4500 + (i % 50), 'ComApi', 'Call error code = 0x80240022');
    wuLine(w, tick(), 3100, 4500 + (i % 50), 'ComApi', '* END *   Install ClientId = UpdateOrchestrator');
    ms += 60_000;
  }
  return w.close();
}

function writeCbs(file, targetBytes) {
  const w = new Writer(file);
  let ms = Date.UTC(2024, 2, 1, 8, 0, 0);
  const cbs = (level, msg) => w.line(`${stamp(ms, 'cbs')}, ${level.padEnd(22)}CBS    ${msg}`);
  for (let i = 0; w.written + w.size < targetBytes; i++) {
    ms += 61_000;
    const kb = 5030000 + (i % 5000);
    cbs('Info', `Session: 31${pad(i, 6)}_${pad(i * 7, 9)} initialized by client WindowsUpdateAgent, external staging directory: (null), external registry directory: (null)`);
    for (let k = 0; k < 12; k++) cbs('Info', `Appl: Evaluating package applicability for package Package_for_KB${kb}~31bf3856ad364e35~amd64~~22621.3296.1.${k}, applicable state: Installed`);
    cbs('Info', 'Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]');
    w.line('    continuation detail line without a timestamp');
    w.line('    another continuation line');
    if (i % 1999 === 1000) {
      cbs('Error', `Failed to process single phase execution. [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]`);
      cbs('Info', `Exec: Processing complete.  Session: 31${pad(i, 6)}_${pad(i * 7, 9)}, Package: Package_for_KB${kb}~31bf3856ad364e35~amd64~~22621.3296.1.10 [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]`);
    }
    cbs('Info', `Session: 31${pad(i, 6)}_${pad(i * 7, 9)} finalized. Reboot required: no [HRESULT = 0x00000000 - S_OK]`);
  }
  return w.close();
}

// ---- parent ---------------------------------------------------------------------------------
fs.mkdirSync(dir, { recursive: true });
const bundle = path.join(dir, 'analysis.bundle.mjs');
await esbuild.build({
  stdin: {
    contents: "export { analyzeFiles } from './src/core/analysis/files'; export { LogStream } from './src/core/readers';",
    resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts',
  },
  bundle: true, platform: 'node', format: 'esm', target: 'node18', outfile: bundle, logLevel: 'warning',
});

// `--scale 0.1` for a quick look; the default is the real benchmark (110 MB, then 220 MB).
// `--repeat N` runs each measurement N times and keeps the fastest (CPU time).
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) || def : def;
};
const scale = arg('--scale', 1);
const repeat = Math.max(1, Math.floor(arg('--repeat', 1)));
const runs = [
  { name: '1x', wu: 80 * MB * scale, cbs: 30 * MB * scale },
  { name: '2x', wu: 160 * MB * scale, cbs: 60 * MB * scale },
];
const self = fileURLToPath(import.meta.url);
const mbs = (bytes, secs) => (bytes / MB / secs).toFixed(0);
const mb = (n) => (n / MB).toFixed(0);

function measure(mode, files) {
  let best;
  for (let i = 0; i < repeat; i++) {
    const child = spawnSync(process.execPath, ['--expose-gc', self, '--run', mode, bundle, ...files], { encoding: 'utf8', maxBuffer: 16 * MB });
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exit(1);
    }
    const m = JSON.parse(child.stdout);
    if (!best || m.cpu < best.cpu) best = { ...m, peak: Math.max(m.peak, best?.peak ?? 0) };
  }
  return best;
}

const results = [];
for (const r of runs) {
  const wu = path.join(dir, `WindowsUpdate-${r.name}.log`);
  const cbs = path.join(dir, `CBS-${r.name}.log`);
  const t0 = Date.now();
  const total = writeWu(wu, r.wu) + writeCbs(cbs, r.cbs);
  console.log(`${r.name}: generated ${mb(total)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s (${wu}, ${cbs})`);
  const rd = measure('readers', [wu, cbs]);
  const m = measure('full', [wu, cbs]);
  const over = Math.max(m.cpu - rd.cpu, 1e-3);
  console.log(`${r.name}: ${mb(m.bytes)} MB, ${m.lines} lines`);
  console.log(`    total (readers + analysis): ${mbs(m.bytes, m.cpu)} MB/s CPU (${m.cpu.toFixed(2)} s), ${mbs(m.bytes, m.secs)} MB/s wall`);
  console.log(`    readers only:               ${mbs(rd.bytes, rd.cpu)} MB/s CPU (${rd.cpu.toFixed(2)} s), ${mbs(rd.bytes, rd.secs)} MB/s wall`);
  console.log(`    analysis overhead:          ${over.toFixed(2)} s CPU = ${mbs(m.bytes, over)} MB/s on its own (${((over / m.cpu) * 100).toFixed(0)}% of the total)`);
  console.log(`    peak RSS ${mb(m.peak)} MB (readers only ${mb(rd.peak)} MB), heap kept after GC ${mb(m.retained)} MB`);
  console.log(`    ${m.calls} calls, ${m.updates} updates, ${m.sessions} CBS sessions, ${m.failures} failures [${summarise(m.phases)}], noise ${JSON.stringify(m.noise)}`);
  results.push(m);
  if (!process.argv.includes('--keep')) {
    fs.rmSync(wu);
    fs.rmSync(cbs);
  }
}
const [one, two] = results;
console.log(`RSS at 1x vs 2x: peak ${mb(one.peak)} MB vs ${mb(two.peak)} MB (${(two.peak / one.peak).toFixed(2)}x for 2x the input); heap kept ${mb(one.retained)} vs ${mb(two.retained)} MB`);

/** `install:0x800F0922x1` repeated 15 times reads better as `15 × install:0x800F0922x1`. */
function summarise(list) {
  const n = new Map();
  for (const p of list) n.set(p, (n.get(p) ?? 0) + 1);
  return [...n].map(([p, k]) => (k > 1 ? `${k} × ${p}` : p)).join(', ');
}
