// `npm run bench:etl`: decode speed of the ETL decoder on a large synthetic WindowsUpdate ETL
// written by the test writer (our own events, never corpus bytes), and on the corpus ETL files
// when ../shared/corpus is present. Prints MB/s (CPU time) and peak RSS for: decoding to events,
// decoding to text, and the full `summarize` analysis of the decoded text.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wulog-bench-etl-'));
const MB = 1024 * 1024;
const targetMB = Number(process.argv[2] ?? 100);

const entry = path.join(dir, 'entry.ts');
fs.writeFileSync(entry, `export * from ${JSON.stringify(path.join(root, 'src/core/etl/index.ts'))};
export { analyzeFiles } from ${JSON.stringify(path.join(root, 'src/core/analysis/index.ts'))};
export { EtlWriter, wu, fileTimeOf } from ${JSON.stringify(path.join(root, 'test/unit/etl/etlWriter.ts'))};
`);
const bundle = path.join(dir, 'bundle.cjs');
await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
const m = await import(pathToFileURL(bundle).href);

// ---- a large file: one writer's buffers repeated with their clock shifted -----------------------
const messages = [
  ['Agent', '* START * Finding updates CallerId = UpdateOrchestrator  Id = 7 (cV = AbCdEfGh12345678.1.0.1)'],
  ['ComApi', 'Exit code = 0x00000000, Result code = 2 (cV = AbCdEfGh12345678.1.0)'],
  ['DownloadManager', 'New download job {0A1B2C3D-0000-4000-8000-00000000AAAA} for update {0A1B2C3D-0000-4000-8000-00000000BBBB}.200'],
  ['Agent', '*FAILED* [80248007] Method failed [CSomething::GetThing:101]'],
  ['Misc', 'UUS: Session=wu.proxystubs.wups, Module=wupscore.dll, Version=1308.2408.1052.0, Path=C:\\WINDOWS\\uus\\AMD64\\wupscore.dll'],
];
const w = new m.EtlWriter({ bufferSize: 65536 });
for (let i = 0; i < 8000; i++) {
  const [c, msg] = messages[i % messages.length];
  w.add(m.wu(i * 1000, 4336, 4360 + (i % 4), c, msg, i % 9 === 0 ? 2 : 4));
}
const one = w.toBytes();
const bs = 65536;
const data = one.subarray(bs);
const big = path.join(dir, 'WindowsUpdate.big.etl');
const fd = fs.openSync(big, 'w');
fs.writeSync(fd, one.subarray(0, bs));
let written = bs;
for (let k = 0; written < targetMB * MB; k++) {
  const copy = Uint8Array.from(data);
  // Shift each event's raw timestamp so the copies follow each other in time.
  for (let b = 0; b < copy.length; b += bs) {
    const used = copy[b + 4] | (copy[b + 5] << 8) | (copy[b + 6] << 16);
    let p = b + 0x48;
    while (p < b + used) {
      const size = copy[p] | (copy[p + 1] << 8);
      const dv = new DataView(copy.buffer, p + 16, 8);
      dv.setBigUint64(0, dv.getBigUint64(0, true) + BigInt(k) * 8_000_000_000n, true);
      p += (size + 7) & ~7;
    }
  }
  fs.writeSync(fd, copy);
  written += copy.length;
}
fs.closeSync(fd);

async function measure(label, files, run) {
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const extra = await run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(`${label.padEnd(44)} ${(bytes / MB).toFixed(1).padStart(7)} MB  ${(bytes / MB / cpuS).toFixed(1).padStart(7)} MB/s CPU  ${(bytes / MB / (wall / 1000)).toFixed(1).padStart(7)} MB/s wall  peak RSS ${(peak / MB).toFixed(0)} MB  ${extra}`);
}

const events = async (files) => {
  let n = 0;
  await m.decodeEtl(await Promise.all(files.map((f) => m.fileSource(f))), { onEvent: () => { n++; } });
  return `${n} events`;
};
const text = async (files) => {
  let chars = 0;
  const r = await m.decodeEtlText(await Promise.all(files.map((f) => m.fileSource(f))), {}, (l) => { chars += l.length + 1; });
  return `${r.lines} lines, ${(chars / MB).toFixed(0)} M chars`;
};
const summarize = async (files) => {
  const a = await m.analyzeFiles(files);
  return `${a.files[0].etl?.events ?? 0} events analysed`;
};

console.log(`node ${process.version}, ${os.cpus().length} CPUs`);
await measure('synthetic: decode to events', [big], () => events([big]));
await measure('synthetic: decode to text', [big], () => text([big]));
await measure('synthetic: summarize (decode + analysis)', [big], () => summarize([big]));
const corpus = path.resolve(root, '../shared/corpus/other');
if (fs.existsSync(corpus)) {
  const etls = fs.readdirSync(corpus).filter((f) => f.endsWith('.etl')).map((f) => path.join(corpus, f));
  // Small files: repeat to get a measurable time.
  await measure('corpus ETL x200: decode to text', Array(200).fill(etls).flat(), async () => { let r = ''; for (let i = 0; i < 200; i++) r = await text(etls); return `(x200) ${r}`; });
}
if (!process.env.KEEP) fs.rmSync(dir, { recursive: true, force: true }); else console.log(dir);
