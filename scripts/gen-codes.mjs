#!/usr/bin/env node
// Generates src/core/errors/data/codes.generated.json (value ↔ symbolic name facts) and
// codes.provenance.json from the public-domain mingw-w64 headers of the Debian package
// mingw-w64-common. Only numbers and names are taken, never comment text.
// Run with `npm run gen:codes` when the header package changes; CI uses the committed output.
//
//   node scripts/gen-codes.mjs [--include-dir /usr/share/mingw-w64/include] [--check]
//
// --check regenerates in memory and exits 1 when the committed files differ (no writes).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const includeDir = argValue('--include-dir') ?? '/usr/share/mingw-w64/include';
const checkOnly = args.includes('--check');
const outDir = join(root, 'src/core/errors/data');

function argValue(flag) {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * Headers read, in name-preference order (a value named by an earlier header keeps that name first).
 * `licence` is recorded in the provenance; winhttp.h is an LGPL file in mingw-w64: numbers and names only.
 */
const HEADERS = [
  { file: 'winerror.h', licence: 'public domain (mingw-w64)' },
  { file: 'wuerror.h', licence: 'public domain (mingw-w64)' },
  { file: 'wininet.h', licence: 'public domain (mingw-w64)' },
  { file: 'winhttp.h', licence: 'LGPL-2.1+ (Wine-derived file in mingw-w64): numbers and names only' },
  { file: 'bitsmsg.h', licence: 'public domain (mingw-w64)' },
  { file: 'dismapi.h', licence: 'public domain (mingw-w64)' },
  { file: 'ntstatus.h', licence: 'public domain (mingw-w64)' },
];

// Base macros some headers add offsets to: `(INTERNET_ERROR_BASE + 2)`.
const BASES = { INTERNET_ERROR_BASE: 12000, WINHTTP_ERROR_BASE: 12000, WSABASEERR: 10000 };

// `#define NAME <value>`; the value part is matched by the forms below, one line at a time.
const DEFINE = /^\s*#\s*define\s+([A-Z][A-Z0-9_]*)\s+(.+?)\s*$/;
const FORMS = [
  // _HRESULT_TYPEDEF_(0x80240001L), ((HRESULT)0x...), _NDIS_ERROR_TYPEDEF_(0x...), ((NTSTATUS)0x...)
  { re: /^\(?\s*(?:_HRESULT_TYPEDEF_|_NDIS_ERROR_TYPEDEF_|\(\s*HRESULT\s*\)|\(\s*NTSTATUS\s*\))\s*\(?\s*(0x[0-9A-Fa-f]{1,8})[uUlL]*\s*\)?\s*\)?$/, kind: 'hex' },
  // __MSABI_LONG(1603), __MSABI_LONG(0x80200001)
  { re: /^__MSABI_LONG\(\s*(0x[0-9A-Fa-f]{1,8}|\d+)[uUlL]*\s*\)$/, kind: 'num' },
  // (INTERNET_ERROR_BASE + 2)
  { re: /^\(\s*([A-Z_]+)\s*\+\s*(\d+)\s*\)$/, kind: 'base' },
  // plain 1603 / 0xc0040001 / 1603L
  { re: /^(0x[0-9A-Fa-f]{1,8}|\d+)[uUlL]*$/, kind: 'num' },
];

// Which plain-number names are codes at all (headers also define flags, sizes, facilities...).
const CODE_NAME = {
  'winerror.h': /^(ERROR_|RPC_S_|RPC_X_|EPT_S_|WSA|WAIT_|NO_ERROR$|OR_|OPLOCK_|SEC_E_|SEC_I_|E_|S_|CO_|RPC_E_|[A-Z0-9]+_[ESI]_)/,
  'wuerror.h': /^WU_[ES]_/,
  'wininet.h': /^ERROR_(INTERNET|HTTP|FTP|GOPHER)_/,
  'winhttp.h': /^ERROR_WINHTTP_/,
  'bitsmsg.h': /^BG_[ES]_/,
  'dismapi.h': /^DISMAPI_[ES]_/,
  'ntstatus.h': /^(STATUS_|DBG_|RPC_NT_|EPT_NT_)/,
};

// Headers whose small numbers are Win32 error codes; the few small HRESULTs among them are listed.
const WIN32_HEADERS = new Set(['winerror.h', 'wininet.h', 'winhttp.h']);
const SMALL_HRESULTS = new Set(['S_OK', 'S_FALSE', 'SEC_E_OK', 'NOERROR']);

function parseValue(text) {
  for (const f of FORMS) {
    const m = f.re.exec(text);
    if (!m) continue;
    if (f.kind === 'base') {
      const base = BASES[m[1]];
      return base === undefined ? undefined : base + Number(m[2]);
    }
    const v = m[1].toLowerCase().startsWith('0x') ? parseInt(m[1], 16) : Number(m[1]);
    return Number.isFinite(v) ? v >>> 0 : undefined;
  }
  return undefined;
}

const hex8 = (v) => (v >>> 0).toString(16).toUpperCase().padStart(8, '0');

/** Reads one header into rows {table, value, name}. */
function readHeader(file) {
  const text = readFileSync(join(includeDir, file), 'latin1');
  const rows = [];
  const facilities = [];
  for (const line of text.split(/\r?\n/)) {
    const m = DEFINE.exec(line);
    if (!m) continue;
    const [, name, rawValue] = m;
    const value = parseValue(rawValue);
    if (value === undefined) continue;
    if (file === 'winerror.h' && name.startsWith('FACILITY_') && value < 0x2000 && name !== 'FACILITY_NT_BIT') {
      facilities.push({ id: value, name });
      continue;
    }
    if (!CODE_NAME[file].test(name) || name.startsWith('SEVERITY_') || name.startsWith('FACILITY_')) continue;
    if (name.startsWith('ERROR_SEVERITY_') || name === 'WSABASEERR') continue; // masks and bases, not codes
    let table;
    if (file === 'ntstatus.h') table = 'ntstatus';
    else if (WIN32_HEADERS.has(file) && value < 0x10000 && !SMALL_HRESULTS.has(name)) table = 'win32';
    else table = 'hresult';
    rows.push({ table, value, name });
  }
  return { rows, facilities };
}

function version() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'mingw-w64-common'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function generate() {
  const tables = { win32: [], hresult: [], ntstatus: [] };
  const seen = new Set();
  const facilityNames = new Map();
  const counts = {};
  HEADERS.forEach((h, headerIndex) => {
    const path = join(includeDir, h.file);
    if (!existsSync(path)) throw new Error(`missing header ${path} (apt-get install mingw-w64-common)`);
    const { rows, facilities } = readHeader(h.file);
    const c = { win32: 0, hresult: 0, ntstatus: 0 };
    for (const r of rows) {
      const key = `${r.table}:${r.value}:${r.name}`;
      if (seen.has(key)) continue; // headers repeat defines under #ifdef branches
      seen.add(key);
      const v = r.table === 'win32' ? r.value : hex8(r.value);
      tables[r.table].push([v, r.name, headerIndex]);
      c[r.table]++;
    }
    for (const f of facilities) {
      const list = facilityNames.get(f.id) ?? [];
      if (!list.includes(f.name)) list.push(f.name);
      facilityNames.set(f.id, list);
    }
    counts[h.file] = c;
  });
  // Stable order: by value, then header order (the name-preference order), then name.
  const cmp = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2] || (a[1] < b[1] ? -1 : 1));
  for (const t of Object.values(tables)) t.sort(cmp);
  const facilities = Object.fromEntries(
    [...facilityNames.entries()].sort((a, b) => a[0] - b[0]).map(([id, names]) => [String(id), names.sort()]),
  );
  const pkg = `mingw-w64-common ${version()}`;
  const data = {
    $comment: 'Generated by scripts/gen-codes.mjs from mingw-w64 headers; do not edit. Rows: [value, name, header index]. win32 values are decimal Win32 codes (HRESULT 0x8007XXXX), hresult/ntstatus values are 8 hex digits. Facility = (value >> 16) & 0x1FFF.',
    source: pkg,
    headers: HEADERS.map((h) => h.file),
    facilities,
    win32: tables.win32,
    hresult: tables.hresult,
    ntstatus: tables.ntstatus,
  };
  const provenance = {
    generator: 'scripts/gen-codes.mjs',
    sourcePackage: pkg,
    includeDir,
    upstream: 'mingw-w64 (mingw-w64-headers/include), Debian package mingw-w64-common',
    taken: 'numeric values and symbolic names only (facts); no comment or message text',
    headers: HEADERS.map((h) => ({ file: h.file, licence: h.licence, rows: counts[h.file] })),
    totals: {
      win32: tables.win32.length,
      hresult: tables.hresult.length,
      ntstatus: tables.ntstatus.length,
      facilities: Object.keys(facilities).length,
    },
  };
  return { data, provenance };
}

// Compact JSON: one row per line keeps diffs readable and the file small.
function toJson(obj) {
  const parts = [];
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v) && Array.isArray(v[0])) {
      parts.push(`${JSON.stringify(k)}:[\n${v.map((r) => JSON.stringify(r)).join(',\n')}\n]`);
    } else {
      parts.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
    }
  }
  return `{\n${parts.join(',\n')}\n}\n`;
}

const { data, provenance } = generate();
const files = [
  [join(outDir, 'codes.generated.json'), toJson(data)],
  [join(outDir, 'codes.provenance.json'), `${JSON.stringify(provenance, null, 2)}\n`],
];
if (checkOnly) {
  const stale = files.filter(([p, text]) => !existsSync(p) || readFileSync(p, 'utf8') !== text).map(([p]) => p);
  if (stale.length) {
    console.error(`gen-codes: out of date: ${stale.join(', ')} (run npm run gen:codes)`);
    process.exitCode = 1;
  } else {
    console.log('gen-codes: committed files are up to date');
  }
} else {
  for (const [p, text] of files) writeFileSync(p, text);
  console.log(`gen-codes: ${provenance.sourcePackage}`);
  for (const h of provenance.headers) console.log(`  ${h.file}: ${JSON.stringify(h.rows)}`);
  console.log(`  totals: ${JSON.stringify(provenance.totals)}`);
}
