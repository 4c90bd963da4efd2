// Golden table: one or more codes per decoding path, with the facts each must produce.
import * as assert from 'node:assert/strict';
import { explainCode, parseCode } from '../../../src/core/errors';
import type { CodeExplanation, DecodePath, Confidence } from '../../../src/core/errors';

interface Golden {
  input: string;
  code: string;
  name: string | null;
  decodedBy: DecodePath;
  confidence: Confidence;
  facility: string;
  component?: RegExp;
  win32?: number;
  source?: RegExp;
  loggedName?: string;
}

const GOLDEN: Golden[] = [
  // Win32 via HRESULT_FROM_WIN32
  { input: '0x800706BE', code: '0x800706BE', name: 'RPC_S_CALL_FAILED', decodedBy: 'win32', confidence: 'header', facility: 'WIN32', win32: 1726, component: /RPC/, source: /winerror\.h.*Win32 1726/ },
  { input: '0x80070643', code: '0x80070643', name: 'ERROR_INSTALL_FAILURE', decodedBy: 'win32', confidence: 'header', facility: 'WIN32', win32: 1603, component: /Installer/ },
  { input: '0x80073712', code: '0x80073712', name: 'ERROR_SXS_COMPONENT_STORE_CORRUPT', decodedBy: 'win32', confidence: 'header', facility: 'WIN32', win32: 14098 },
  { input: '0x80072EFD', code: '0x80072EFD', name: 'ERROR_INTERNET_CANNOT_CONNECT', decodedBy: 'win32', confidence: 'header', facility: 'WIN32', win32: 12029, component: /WinINet/ },
  // NTSTATUS_FROM_WIN32 as CBS prints it
  { input: '0xC0070002', code: '0xC0070002', name: 'ERROR_FILE_NOT_FOUND', decodedBy: 'win32', confidence: 'header', facility: 'WIN32', win32: 2, source: /NTSTATUS_FROM_WIN32/ },
  // exact: wuerror.h
  { input: '0x8024200B', code: '0x8024200B', name: 'WU_E_UH_INSTALLERFAILURE', decodedBy: 'exact', confidence: 'header', facility: 'WINDOWSUPDATE', component: /Update Handler/, source: /wuerror\.h/ },
  { input: '0x8024402C', code: '0x8024402C', name: 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', decodedBy: 'exact', confidence: 'header', facility: 'WINDOWSUPDATE', component: /Protocol Talker/ },
  { input: '0x80240FFF', code: '0x80240FFF', name: 'WU_E_UNEXPECTED', decodedBy: 'exact', confidence: 'header', facility: 'WINDOWSUPDATE', component: /General/ },
  // exact: winerror.h HRESULT, bitsmsg.h, dismapi.h
  { input: '0x80004005', code: '0x80004005', name: 'E_FAIL', decodedBy: 'exact', confidence: 'header', facility: 'NULL' },
  { input: '0x80200010', code: '0x80200010', name: 'BG_E_NETWORK_DISCONNECTED', decodedBy: 'exact', confidence: 'header', facility: 'BACKGROUNDCOPY', source: /bitsmsg\.h/ },
  { input: '0xC0040001', code: '0xC0040001', name: 'DISMAPI_E_DISMAPI_NOT_INITIALIZED', decodedBy: 'exact', confidence: 'header', facility: 'ITF', source: /dismapi\.h/ },
  { input: '0x80041010', code: '0x80041010', name: 'WBEM_E_INVALID_CLASS', decodedBy: 'exact', confidence: 'header', facility: 'ITF', source: /wbemcli\.h/ },
  // exact: curated, documented and community
  { input: '0x800F081F', code: '0x800F081F', name: 'CBS_E_SOURCE_MISSING', decodedBy: 'exact', confidence: 'documented', facility: 'SETUPAPI', component: /CBS/, source: /KB947821/ },
  { input: '0x800F0922', code: '0x800F0922', name: 'CBS_E_INSTALLERS_FAILED', decodedBy: 'exact', confidence: 'documented', facility: 'SETUPAPI' },
  { input: '0x800F0988', code: '0x800F0988', name: 'PSFX_E_INVALID_DELTA_COMBINATION', decodedBy: 'exact', confidence: 'community', facility: 'SETUPAPI', component: /PSFX/ },
  { input: '0x8024A10A', code: '0x8024A10A', name: 'USO_E_SERVICE_SHUTTING_DOWN', decodedBy: 'exact', confidence: 'documented', facility: 'WINDOWSUPDATE', component: /Orchestrator/ },
  { input: '0x8024402E', code: '0x8024402E', name: 'WU_E_PT_CLIENT_ENFORCED_LOAD_SHEDDING', decodedBy: 'exact', confidence: 'documented', facility: 'WINDOWSUPDATE', source: /SDK/ },
  { input: '0x80D03805', code: '0x80D03805', name: 'DO_E_BLOCKED_BY_NO_NETWORK', decodedBy: 'exact', confidence: 'documented', facility: 'DELIVERY_OPTIMIZATION', component: /Delivery Optimization/ },
  { input: '0xC1900208', code: '0xC1900208', name: 'MOSETUP_E_COMPAT_INSTALLREQ_BLOCK', decodedBy: 'exact', confidence: 'documented', facility: 'MOSETUP', component: /Windows Setup/ },
  // WU component ranges (unknown codes)
  { input: '0x8024A999', code: '0x8024A999', name: null, decodedBy: 'wuRange', confidence: 'derived', facility: 'WINDOWSUPDATE', component: /^Automatic Updates$/ },
  { input: '0x8024A1FE', code: '0x8024A1FE', name: null, decodedBy: 'wuRange', confidence: 'derived', facility: 'WINDOWSUPDATE', component: /Orchestrator/ },
  { input: '0x80244FFE', code: '0x80244FFE', name: null, decodedBy: 'wuRange', confidence: 'derived', facility: 'WINDOWSUPDATE', component: /Protocol Talker/ },
  { input: '0x8024EFFE', code: '0x8024EFFE', name: null, decodedBy: 'wuRange', confidence: 'derived', facility: 'WINDOWSUPDATE', component: /Expression evaluator/ },
  // servicing / setup ranges
  { input: '0x800F0850', code: '0x800F0850', name: null, decodedBy: 'servicingRange', confidence: 'derived', facility: 'SETUPAPI', component: /CBS/ },
  { input: '0x800F09F0', code: '0x800F09F0', name: null, decodedBy: 'servicingRange', confidence: 'derived', facility: 'SETUPAPI', component: /PSFX/ },
  { input: '0x800F03FE', code: '0x800F03FE', name: null, decodedBy: 'servicingRange', confidence: 'derived', facility: 'SETUPAPI', component: /Setup API/ },
  { input: '0xC1900101', code: '0xC1900101', name: null, decodedBy: 'servicingRange', confidence: 'documented', facility: 'MOSETUP', component: /feature update/ },
  { input: '0xC1800104', code: '0xC1800104', name: null, decodedBy: 'servicingRange', confidence: 'derived', facility: 'MOSETUP', component: /Setup host/ },
  // NTSTATUS, plain and HRESULT_FROM_NT
  { input: '0xC0000022', code: '0xC0000022', name: 'STATUS_ACCESS_DENIED', decodedBy: 'ntstatus', confidence: 'header', facility: 'NTSTATUS', source: /ntstatus\.h/ },
  { input: '0xD0000034', code: '0xD0000034', name: 'STATUS_OBJECT_NAME_NOT_FOUND', decodedBy: 'ntstatus', confidence: 'header', facility: 'NTSTATUS', source: /HRESULT_FROM_NT of NTSTATUS 0xC0000034/ },
  { input: '0xC000FFF0', code: '0xC000FFF0', name: null, decodedBy: 'ntstatus', confidence: 'derived', facility: 'NTSTATUS' },
  // newer headers, via codes.tsv (the Debian headers lack them): the source is recorded per row
  { input: '0x80070BC9', code: '0x80070BC9', name: 'ERROR_FAIL_REBOOT_REQUIRED', decodedBy: 'win32', confidence: 'header', facility: 'WIN32', win32: 3017, source: /^mingw-w64:winerror\.h \(value and name, via codes\.tsv\): Win32 3017/ },
  { input: '0x800F024B', code: '0x800F024B', name: 'SPAPI_E_FILE_HASH_NOT_IN_CATALOG', decodedBy: 'exact', confidence: 'header', facility: 'SETUPAPI', source: /^WinSDK-10\.0\.26100:winerror\.h \(value and name, via codes\.tsv\)$/ },
  // 0x8000xxxx in these logs is an HRESULT, never an NTSTATUS warning (0x8000000B is not STATUS_NO_INHERITANCE)
  { input: '0x8000000B', code: '0x8000000B', name: 'E_BOUNDS', decodedBy: 'exact', confidence: 'header', facility: 'NULL', source: /codes\.tsv/ },
  { input: '0x80000005', code: '0x80000005', name: null, decodedBy: 'generic', confidence: 'derived', facility: 'NULL' },
  { input: '0x80000026', code: '0x80000026', name: null, decodedBy: 'generic', confidence: 'derived', facility: 'NULL' },
  // ...while an NTSTATUS warning wrapped by HRESULT_FROM_NT (N bit) still decodes as one
  { input: '0x90000005', code: '0x90000005', name: 'STATUS_BUFFER_OVERFLOW', decodedBy: 'ntstatus', confidence: 'header', facility: 'NTSTATUS', source: /HRESULT_FROM_NT of NTSTATUS 0x80000005/ },
  // generic breakdown: a facility nobody tables, and one known only by number
  { input: '0x87650001', code: '0x87650001', name: null, decodedBy: 'generic', confidence: 'derived', facility: 'FACILITY_1893' },
  { input: '0x80310001', code: '0x80310001', name: null, decodedBy: 'generic', confidence: 'derived', facility: 'FVE' },
  // decimal and bare forms
  { input: '-2147024891', code: '0x80070005', name: 'E_ACCESSDENIED', decodedBy: 'exact', confidence: 'header', facility: 'WIN32', win32: 5 },
  { input: '2147942405', code: '0x80070005', name: 'E_ACCESSDENIED', decodedBy: 'exact', confidence: 'header', facility: 'WIN32', win32: 5 },
  { input: '-2145124341', code: '0x8024000B', name: 'WU_E_CALL_CANCELLED', decodedBy: 'exact', confidence: 'header', facility: 'WINDOWSUPDATE' },
  { input: '800f0988', code: '0x800F0988', name: 'PSFX_E_INVALID_DELTA_COMBINATION', decodedBy: 'exact', confidence: 'community', facility: 'SETUPAPI' },
  { input: '[800706BE]', code: '0x800706BE', name: 'RPC_S_CALL_FAILED', decodedBy: 'win32', confidence: 'header', facility: 'WIN32', win32: 1726 },
  { input: 'resultMapped=800F0988', code: '0x800F0988', name: 'PSFX_E_INVALID_DELTA_COMBINATION', decodedBy: 'exact', confidence: 'community', facility: 'SETUPAPI' },
  // logged-name fallback: tables lack a name, the log printed one
  { input: '0x800F0991', code: '0x800F0991', name: 'PSFX_E_MISSING_PAYLOAD_FILE', decodedBy: 'logged', confidence: 'logged', facility: 'SETUPAPI', component: /PSFX/, loggedName: 'PSFX_E_MISSING_PAYLOAD_FILE', source: /printed by the log/ },
  // ...but a table name wins over what the log says
  { input: '0x8024200B', code: '0x8024200B', name: 'WU_E_UH_INSTALLERFAILURE', decodedBy: 'exact', confidence: 'header', facility: 'WINDOWSUPDATE', loggedName: 'SOMETHING_ELSE' },
];

function check(g: Golden, e: CodeExplanation): void {
  const where = `${g.input}`;
  assert.equal(e.code, g.code, `${where}: code`);
  assert.equal(e.name, g.name, `${where}: name`);
  assert.equal(e.decodedBy, g.decodedBy, `${where}: decodedBy`);
  assert.equal(e.confidence, g.confidence, `${where}: confidence`);
  assert.equal(e.facility.name, g.facility, `${where}: facility`);
  if (g.component) assert.match(e.component ?? '', g.component, `${where}: component`);
  if (g.win32 !== undefined) assert.equal(e.win32, g.win32, `${where}: win32`);
  if (g.source) assert.ok(e.sources.some((s) => g.source!.test(s)), `${where}: sources ${JSON.stringify(e.sources)}`);
  assert.ok(e.sources.length > 0, `${where}: has sources`);
  assert.ok(e.text.summary.length > 10, `${where}: has a summary`);
  assert.ok(e.text.steps.length > 0, `${where}: has steps`);
}

describe('errors: golden decoding table', () => {
  for (const g of GOLDEN) {
    it(`${g.input} → ${g.name ?? '(unnamed)'} via ${g.decodedBy}`, () => {
      const value = parseCode(g.input);
      assert.notEqual(value, undefined, `parseCode(${g.input})`);
      check(g, explainCode(value!, 'en', { loggedName: g.loggedName }));
    });
  }

  it('gives Chinese range text and component for the same facts', () => {
    const en = explainCode(0x8024a999, 'en');
    const zh = explainCode(0x8024a999, 'zh-cn');
    assert.equal(zh.name, en.name);
    assert.equal(zh.lang, 'zh-cn');
    assert.match(zh.text.summary, /[\u4e00-\u9fff]/);
    assert.match(zh.component ?? '', /自动更新/);
    assert.notEqual(zh.text.summary, en.text.summary);
  });

  it('uses a written explanation when one exists and marks it specific', () => {
    const e = explainCode(0x80070005, 'en');
    assert.equal(e.specific, true);
    const generic = explainCode(0x8024a999, 'en');
    assert.equal(generic.specific, false);
  });

  it('ignores a logged name that is not an identifier', () => {
    const e = explainCode(0x800f0991, 'en', { loggedName: 'see <b>here</b>' });
    assert.equal(e.name, null);
    assert.equal(e.decodedBy, 'servicingRange');
  });

  it('explains every value class without throwing (sampled over the 32-bit space)', () => {
    for (let hi = 0; hi < 0x10000; hi += 0x0101) {
      for (const lo of [0x0000, 0x0001, 0x0643, 0xffff]) {
        const v = ((hi << 16) | lo) >>> 0;
        const e = explainCode(v, 'en');
        assert.equal(e.value, v);
        assert.match(e.code, /^0x[0-9A-F]{8}$/);
        assert.ok(e.facility.name.length > 0);
        assert.ok(e.text.summary.length > 0);
      }
    }
  });
});
