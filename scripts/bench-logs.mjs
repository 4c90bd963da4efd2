// Large benchmark logs made by repeating the real logs of ../shared/corpus: every WindowsUpdate.log
// of Windows 10/11 (wu10/) for the WU log, every CBS.log (cbs/) for the CBS log. The files of one
// repetition are ordered by their first date; each repetition moves every line date on by the span
// of the whole set, so timestamps keep increasing. Bytes are copied as they are (line ends, text);
// only the leading `YYYY/MM/DD` or `YYYY-MM-DD` of a line changes, and BOMs are dropped (the
// result starts with none). The files are cached in the temp folder and rebuilt when the corpus
// or this generator changes.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const GENERATOR_VERSION = 1;
const DAY_MS = 86_400_000;

export const benchDir = path.join(os.tmpdir(), 'wulog-bench');

/** The corpus folder of each benchmark family. */
export const FAMILIES = { wu: 'wu10', cbs: 'cbs' };

/**
 * Path of the `family` log of about `sizeMB` MiB, written now unless an identical one is cached.
 * Returns undefined when the corpus has no such logs.
 */
export function benchLog(corpusDir, family, sizeMB) {
  const sources = sourceFiles(path.join(corpusDir, FAMILIES[family]));
  if (!sources.length) return undefined;
  const key = crypto.createHash('sha256').update(JSON.stringify({ GENERATOR_VERSION, sizeMB, sources: sources.map((s) => [path.basename(s), fs.statSync(s).size]) })).digest('hex').slice(0, 12);
  fs.mkdirSync(benchDir, { recursive: true });
  const file = path.join(benchDir, `${family}-${sizeMB}MB-${key}.log`);
  if (!fs.existsSync(file)) {
    for (const old of fs.readdirSync(benchDir)) if (old.startsWith(`${family}-${sizeMB}MB-`)) fs.rmSync(path.join(benchDir, old));
    write(file + '.part', sources, sizeMB * 1024 * 1024);
    fs.renameSync(file + '.part', file);
  }
  return file;
}

function sourceFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((n) => /\.log$/i.test(n)).sort().map((n) => path.join(dir, n));
}

/** A log's bytes without BOM, ending in a line end, with the offset and day of each dated line. */
function template(file) {
  let buf = fs.readFileSync(file);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
  const last = buf[buf.length - 1];
  if (last !== 10 && last !== 13) buf = Buffer.concat([buf, Buffer.from('\r\n')]);
  const at = [];
  const days = [];
  for (let p = 0; p < buf.length;) {
    const day = dayAt(buf, p);
    if (day !== undefined) {
      at.push(p);
      days.push(day);
    }
    let e = p;
    while (e < buf.length && buf[e] !== 10 && buf[e] !== 13) e++;
    if (buf[e] === 13 && buf[e + 1] === 10) e++;
    p = e + 1;
  }
  return { buf, at, days, first: days.length ? Math.min(...days) : 0, lastDay: days.length ? Math.max(...days) : 0 };
}

const isDigit = (c) => c >= 48 && c <= 57;

/** Days since 1970 of a `YYYY?MM?DD` (separator `/` or `-`) at `p`, else undefined. */
function dayAt(b, p) {
  const sep = b[p + 4];
  if ((sep !== 47 && sep !== 45) || b[p + 7] !== sep) return undefined;
  for (const k of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigit(b[p + k])) return undefined;
  const n = (i, len) => Number(b.toString('latin1', p + i, p + i + len));
  const ms = Date.UTC(n(0, 4), n(5, 2) - 1, n(8, 2));
  return Number.isNaN(ms) ? undefined : Math.round(ms / DAY_MS);
}

function dateText(day, sep) {
  const d = new Date(day * DAY_MS);
  const p2 = (v) => String(v).padStart(2, '0');
  return `${String(d.getUTCFullYear()).padStart(4, '0')}${sep}${p2(d.getUTCMonth() + 1)}${sep}${p2(d.getUTCDate())}`;
}

function write(file, sources, target) {
  const parts = sources.map(template).sort((a, b) => a.first - b.first);
  const span = Math.max(...parts.map((t) => t.lastDay)) - Math.min(...parts.map((t) => t.first)) + 1;
  const fd = fs.openSync(file, 'w');
  let written = 0;
  try {
    for (let rep = 0; written < target; rep++) {
      const shift = rep * span;
      const cache = new Map();
      for (const t of parts) {
        if (written >= target) break;
        const out = Buffer.from(t.buf);
        for (let i = 0; i < t.at.length; i++) {
          const p = t.at[i];
          const key = t.days[i] * 2 + (out[p + 4] === 47 ? 1 : 0);
          let text = cache.get(key);
          if (text === undefined) cache.set(key, (text = dateText(t.days[i] + shift, out[p + 4] === 47 ? '/' : '-')));
          out.write(text, p, 'latin1');
        }
        const head = lineBoundedHead(out, target - written);
        // Not even one more whole line fits: the file is as large as it gets.
        if (head.length === 0) return;
        written += fs.writeSync(fd, head);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The whole buffer, or its head up to the last line end within `room` bytes. */
function lineBoundedHead(buf, room) {
  if (buf.length <= room) return buf;
  let e = room;
  while (e > 0 && buf[e - 1] !== 10) e--;
  return buf.subarray(0, e);
}
