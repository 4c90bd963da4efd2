// The committed generated table: shape, provenance, and agreement with the research cross-check
// table ../shared/errcodes/codes.tsv (read at run time; skipped when absent).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import generated from '../../../src/core/errors/data/codes.generated.json';
import provenance from '../../../src/core/errors/data/codes.provenance.json';
import { PROJECT_ROOT, SHARED } from '../../support';

type Row = [string | number, string, number];
const g = generated as unknown as { source: string; headers: string[]; win32: Row[]; hresult: Row[]; ntstatus: Row[]; facilities: Record<string, string[]> };

describe('errors: generated facts table', () => {
  it('has rows from every header and the key facts', () => {
    assert.ok(g.win32.length > 1500, `win32 rows ${g.win32.length}`);
    assert.ok(g.hresult.length > 1500, `hresult rows ${g.hresult.length}`);
    assert.ok(g.ntstatus.length > 1000, `ntstatus rows ${g.ntstatus.length}`);
    const has = (rows: Row[], v: string | number, name: string) => rows.some((r) => r[0] === v && r[1] === name);
    assert.ok(has(g.win32, 1603, 'ERROR_INSTALL_FAILURE'));
    assert.ok(has(g.win32, 1726, 'RPC_S_CALL_FAILED'));
    assert.ok(has(g.win32, 14098, 'ERROR_SXS_COMPONENT_STORE_CORRUPT'));
    assert.ok(has(g.win32, 12029, 'ERROR_INTERNET_CANNOT_CONNECT'));
    assert.ok(has(g.hresult, '8024200B', 'WU_E_UH_INSTALLERFAILURE'));
    assert.ok(has(g.hresult, '80200001', 'BG_E_NOT_FOUND'));
    assert.ok(has(g.ntstatus, 'C0000022', 'STATUS_ACCESS_DENIED'));
    assert.equal(g.facilities['36']?.[0], 'FACILITY_WINDOWSUPDATE');
  });

  it('keeps values well-formed and rows unique', () => {
    const seen = new Set<string>();
    for (const [table, rows] of Object.entries({ win32: g.win32, hresult: g.hresult, ntstatus: g.ntstatus })) {
      for (const [v, name, h] of rows) {
        if (table === 'win32') assert.ok(Number.isInteger(v) && (v as number) >= 0 && (v as number) < 0x10000, `${name}: ${v}`);
        else assert.match(String(v), /^[0-9A-F]{8}$/, name);
        assert.match(name, /^[A-Z][A-Z0-9_]*$/);
        assert.ok(g.headers[h], `${name}: header index ${h}`);
        const key = `${table}:${v}:${name}`;
        assert.ok(!seen.has(key), `duplicate ${key}`);
        seen.add(key);
      }
    }
  });

  it('has a provenance file whose counts match the data', () => {
    const p = provenance as unknown as { sourcePackage: string; headers: Array<{ file: string; rows: Record<string, number> }>; totals: Record<string, number> };
    assert.equal(p.sourcePackage, g.source);
    assert.match(p.sourcePackage, /^mingw-w64-common \S+/);
    assert.deepEqual(p.headers.map((h) => h.file), g.headers);
    assert.equal(p.totals.win32, g.win32.length);
    assert.equal(p.totals.hresult, g.hresult.length);
    assert.equal(p.totals.ntstatus, g.ntstatus.length);
    const perHeader = (t: 'win32' | 'hresult' | 'ntstatus') => p.headers.reduce((n, h) => n + (h.rows[t] ?? 0), 0);
    assert.equal(perHeader('win32'), g.win32.length);
    assert.equal(perHeader('hresult'), g.hresult.length);
  });

  it('takes the rows of newer headers from codes.tsv, with their source per row', () => {
    const p = provenance as unknown as { headers: Array<{ file: string; licence: string; rows?: Record<string, number> }>; codesTsv: { path: string; rows: number } };
    const headerOf = (rows: Row[], v: string | number, name: string) => g.headers[rows.find((r) => r[0] === v && r[1] === name)?.[2] ?? -1];
    assert.equal(headerOf(g.win32, 3017, 'ERROR_FAIL_REBOOT_REQUIRED'), 'codes.tsv mingw-w64:winerror.h');
    assert.equal(headerOf(g.hresult, '800F024B', 'SPAPI_E_FILE_HASH_NOT_IN_CATALOG'), 'codes.tsv WinSDK-10.0.26100:winerror.h');
    assert.equal(headerOf(g.hresult, '8000000B', 'E_BOUNDS'), 'codes.tsv mingw-w64:winerror.h');
    // Rows curated.json states (DO_E_*, the SDK-only WU codes) are not said twice.
    assert.equal(g.hresult.some((r) => r[1] === 'DO_E_BLOCKED_BY_NO_NETWORK'), false);
    const tsvHeaders = p.headers.filter((h) => h.file.startsWith('codes.tsv '));
    assert.ok(tsvHeaders.length >= 2, 'codes.tsv sources');
    for (const h of tsvHeaders) {
      assert.match(h.licence, /public domain|facts only/, h.file);
      assert.ok(Object.values(h.rows ?? {}).some((n) => n > 0), `${h.file} adds rows`);
    }
    const fromTsv = [...g.win32, ...g.hresult].filter((r) => g.headers[r[2]].startsWith('codes.tsv ')).length;
    assert.equal(p.codesTsv.rows, fromTsv);
    assert.equal(p.codesTsv.path, '../shared/errcodes/codes.tsv');
    assert.ok(fromTsv > 1500, `rows from codes.tsv: ${fromTsv}`);
  });

  it('reads every header macro form (gen-codes parseValue)', () => {
    const forms = ['_HRESULT_TYPEDEF_(0x80240001L)', '_HRESULT_TYPEDEF_(0x00240001)', '_NDIS_ERROR_TYPEDEF_(0xC0232000L)', '((HRESULT)0x80004005L)',
      '((NTSTATUS)0xC0000022L)', '__MSABI_LONG(1603)', '__MSABI_LONG(0x80200001)', '(INTERNET_ERROR_BASE + 2)', '(WINHTTP_ERROR_BASE + 2)',
      '(WSABASEERR + 4)', '0xc0040001', '1726L', 'SOMETHING_ELSE', '(UNKNOWN_BASE + 1)'];
    const script = pathToFileURL(path.join(PROJECT_ROOT, 'scripts/gen-codes.mjs')).href;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e',
      `import { parseValue } from ${JSON.stringify(script)}; console.log(JSON.stringify(${JSON.stringify(forms)}.map((f) => parseValue(f) ?? null)));`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [0x80240001, 0x00240001, 0xc0232000, 0x80004005, 0xc0000022, 1603, 0x80200001, 12002, 12002, 10004, 0xc0040001, 1726, null, null]);
  });

  it('is what scripts/gen-codes.mjs produces from the installed headers (--check)', function () {
    if (!fs.existsSync('/usr/share/mingw-w64/include/wuerror.h')) {
      console.log('      (skipped: mingw-w64-common headers are not installed; CI uses the committed file)');
      this.skip();
    }
    const installed = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'mingw-w64-common'], { encoding: 'utf8' }).trim();
    if (`mingw-w64-common ${installed}` !== g.source) {
      console.log(`      (skipped: installed mingw-w64-common ${installed} differs from the generated ${g.source})`);
      this.skip();
    }
    const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/gen-codes.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    if (!fs.existsSync(path.join(SHARED, 'errcodes', 'codes.tsv'))) assert.match(r.stdout, /codes\.tsv: .* is absent: the \d+ committed rows taken from it are kept/);
    // Without codes.tsv the committed rows taken from it are the truth, and the rest still checks.
    const without = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/gen-codes.mjs'), '--check', '--codes-tsv', path.join(PROJECT_ROOT, 'no-such-dir/codes.tsv')], { encoding: 'utf8' });
    assert.equal(without.status, 0, `${without.stdout}${without.stderr}`);
    assert.match(without.stdout, /is absent: the \d+ committed rows taken from it are kept as they are \(not checked\)/);
  });

  describe('consistency with ../shared/errcodes/codes.tsv', () => {
    const tsvPath = path.join(SHARED, 'errcodes', 'codes.tsv');
    const present = fs.existsSync(tsvPath);

    it('agrees on every (value, name) that codes.tsv has from mingw-w64', function () {
      if (!present) {
        console.log(`      (skipped: ${tsvPath} is absent)`);
        this.skip();
      }
      // codes.tsv: hex  name  facility  source; Win32 codes appear as 0x0000XXXX plus a derived 0x8007XXXX row.
      const byName = new Map<string, Set<number>>();
      let mingwRows = 0;
      for (const line of fs.readFileSync(tsvPath, 'utf8').split(/\r?\n/).slice(1)) {
        const [hex, name, , source] = line.split('\t');
        if (!hex || !source || !/mingw-w64/.test(source) || source.startsWith('derived')) continue;
        mingwRows++;
        const set = byName.get(name) ?? new Set<number>();
        set.add(parseInt(hex, 16) >>> 0);
        byName.set(name, set);
      }
      let compared = 0;
      let absent = 0;
      const conflicts: string[] = [];
      const ours = [...g.win32, ...g.hresult];
      for (const [v, name] of ours) {
        const value = typeof v === 'number' ? v : parseInt(v, 16) >>> 0;
        const theirs = byName.get(name);
        if (!theirs) {
          absent++;
          continue;
        }
        compared++;
        if (!theirs.has(value)) conflicts.push(`${name}: ours ${value.toString(16)}, codes.tsv ${[...theirs].map((x) => x.toString(16)).join('/')}`);
      }
      const covered = [...byName.keys()].filter((n) => ours.some((r) => r[1] === n)).length;
      console.log(`      codes.tsv mingw-w64 rows: ${mingwRows} (${byName.size} names); ours compared: ${compared}, not in codes.tsv: ${absent}; coverage of codes.tsv mingw names: ${covered}/${byName.size} (${((100 * covered) / byName.size).toFixed(1)}%)`);
      assert.deepEqual(conflicts.slice(0, 20), [], `${conflicts.length} conflicts`);
      assert.ok(compared > 3000, `compared only ${compared}`);
    });
  });
});
