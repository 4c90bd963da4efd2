// Explains one code, in this order: exact match (header tables + curated servicing table),
// Win32 table for facility 7, Windows Update component ranges, setup/servicing ranges,
// NTSTATUS (0xC.../0xD...; a 0x8... value stays an HRESULT), then a generic severity/facility/code
// breakdown. No code is left unexplained.
import type { Lang } from '../lang';
import type { CodeExplanation, Confidence, DecodePath, ExplanationText } from './types';
import { tables, type CuratedFact, type HeaderFact } from './tables';
import { formatCode } from './parseCode';
import { facilityName, facilityFromSdkList } from './facilities';
import { FACILITY_LABELS, RANGE_TEXTS } from './rangeTexts';
import { writtenText } from './explanations';

export interface ExplainOptions {
  /** A symbolic name the log printed next to the code; used only when the tables have none. */
  loggedName?: string;
}

const LOGGED_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const FACILITY_WIN32 = 7;
const FACILITY_WINDOWSUPDATE = 36;
const NT_BIT = 0x10000000;

interface Decoded {
  name: string | null;
  aliases: string[];
  decodedBy: DecodePath;
  confidence: Confidence;
  sources: string[];
  rangeKey: string;
  win32?: number;
  /** Facility shown: setup results (0xC190xxxx/0xC180xxxx, named MOSETUP here: not a winerror.h facility) and NTSTATUS have their own. */
  facility?: { id: number; name: string };
}

/** Rows the generator took from codes.tsv (newer mingw-w64 or Windows SDK headers) name their header `codes.tsv <source>`. */
const TSV_HEADER = 'codes.tsv ';
const headerSource = (f: HeaderFact, pkg: string): string =>
  f.header.startsWith(TSV_HEADER) ? `${f.header.slice(TSV_HEADER.length)} (value and name, via codes.tsv)` : `mingw-w64 ${f.header} (${pkg})`;

/** WU component range key of a facility-0x24 value: wu0..wuF, uso for 0x8024A1xx. */
export function wuRangeKey(value: number): string {
  if ((value & 0x80000000) === 0) return 'wuSuccess';
  if (((value & 0xffffff00) >>> 0) === 0x8024a100) return 'uso';
  return `wu${((value >>> 12) & 0xf).toString(16).toUpperCase()}`;
}

/** Servicing/setup range key of a value, or undefined when it is in none of them. */
export function servicingRangeKey(value: number): string | undefined {
  const v = value >>> 0;
  const block = (v & 0xfffff000) >>> 0; // JS bit operators give signed results: back to unsigned
  if (block === 0xc1900000) return 'setupMo';
  if (block === 0xc1800000) return 'setupDlp';
  if (v >= 0x000f0800 && v <= 0x000f09ff) return 'cbsSuccess';
  if (v >= 0x800f0800 && v <= 0x800f097f) return 'cbs';
  if (v >= 0x800f0980 && v <= 0x800f09ff) return 'psfx';
  if ((v >= 0x800f0000 && v <= 0x800f03ff) || block === 0x800f1000) return 'spapi';
  return undefined;
}

function win32RangeKey(code: number): string {
  if (code >= 12000 && code <= 12999) return 'w32Net';
  if (code >= 1700 && code <= 1999) return 'w32Rpc';
  if (code >= 14000 && code <= 14999) return 'w32Sxs';
  if (code >= 1600 && code <= 1699) return 'w32Msi';
  return 'w32';
}

function facilityRangeKey(value: number, facility: number): string {
  if ((value & 0x80000000) === 0) return 'success';
  switch (facility) {
    case 0: return 'fNull';
    case 1: return 'fRpc';
    case 4: return 'fItf';
    case FACILITY_WIN32: return 'w32';
    case 9: return 'fSecurity';
    case 11: return 'fCert';
    case 32: return 'fBits';
    case 208: return 'fDo';
    case FACILITY_WINDOWSUPDATE: return wuRangeKey(value);
    default: return 'generic';
  }
}

function curatedSource(c: CuratedFact): string {
  return `curated: ${c.source}`;
}

/** Is it an NTSTATUS rather than an HRESULT? Only for values the HRESULT tables do not know. */
function ntstatusCandidate(value: number): number | undefined {
  if (value & NT_BIT) return (value & ~NT_BIT) >>> 0; // HRESULT_FROM_NT: 0xD... / 0x9...
  // Severity 10 (0x8xxxxxxx) is a failure HRESULT in these logs, never an NTSTATUS warning:
  // 0x8000000B is E_BOUNDS, not STATUS_NO_INHERITANCE.
  if (value >>> 30 === 2) return undefined;
  const facility = (value >>> 16) & 0x1fff;
  if (value >>> 30 === 3 && facility === 0) return value; // 0xC000xxxx
  if (tables().ntstatus.has(value)) return value; // 0xC0xxxxxx with facility, 0x4xxxxxxx informational
  return undefined;
}

function decode(value: number, facility: number, pkg: string): Decoded {
  const t = tables();
  const headerHits = t.hresult.get(value) ?? [];
  const curatedHits = t.curated.get(value) ?? [];
  const isError = (value & 0x80000000) !== 0;

  // 1. exact match: header tables first (strongest), then curated facts.
  if (headerHits.length || curatedHits.some((c) => c.name)) {
    const names = [...headerHits.map((h) => h.name), ...curatedHits.flatMap((c) => (c.name ? [c.name] : []))];
    const unique = [...new Set(names)];
    const confidence: Confidence = headerHits.length ? 'header' : curatedHits.some((c) => c.confidence === 'documented') ? 'documented' : 'community';
    const sources = [...headerHits.map((h) => headerSource(h, pkg)), ...curatedHits.map(curatedSource)];
    const win32 = facility === FACILITY_WIN32 && isError ? value & 0xffff : undefined;
    const sKey = servicingRangeKey(value);
    return {
      name: unique[0],
      aliases: unique.slice(1),
      decodedBy: 'exact',
      confidence,
      sources: [...new Set(sources)],
      rangeKey: sKey ?? (win32 !== undefined ? win32RangeKey(win32) : facilityRangeKey(value, facility)),
      win32,
      facility: sKey?.startsWith('setup') ? { id: facility, name: 'MOSETUP' } : undefined,
    };
  }
  // Small values are Win32 codes written in decimal ("Return code is 2").
  if (value > 0 && value < 0x10000) {
    const hits = t.win32.get(value) ?? [];
    return {
      name: hits[0]?.name ?? null,
      aliases: hits.slice(1).map((h) => h.name),
      decodedBy: 'win32',
      confidence: hits.length ? 'header' : 'derived',
      sources: hits.length ? [`${headerSource(hits[0], pkg)}: Win32 ${value}`] : [`Win32 error ${value} (not in the Win32 table)`],
      rangeKey: win32RangeKey(value),
      win32: value,
      facility: { id: FACILITY_WIN32, name: facilityName(FACILITY_WIN32) },
    };
  }
  // 2. facility 7: HRESULT_FROM_WIN32 (0x8007XXXX) and NTSTATUS_FROM_WIN32 (0xC007XXXX).
  if (facility === FACILITY_WIN32 && isError && (value & NT_BIT) === 0) {
    const code = value & 0xffff;
    const hits = t.win32.get(code) ?? [];
    const how = value >>> 30 === 3 ? 'NTSTATUS_FROM_WIN32' : 'HRESULT_FROM_WIN32';
    return {
      name: hits[0]?.name ?? null,
      aliases: hits.slice(1).map((h) => h.name),
      decodedBy: 'win32',
      confidence: hits.length ? 'header' : 'derived',
      sources: hits.length
        ? [`${headerSource(hits[0], pkg)}: Win32 ${code}, ${how}`]
        : [`${how} of Win32 error ${code} (not in the Win32 table)`],
      rangeKey: win32RangeKey(code),
      win32: code,
    };
  }
  // Curated entries without a name (documented setup results) still carry a source.
  const namelessCurated = curatedHits.map(curatedSource);
  const curatedConfidence: Confidence | undefined = curatedHits.length
    ? curatedHits.some((c) => c.confidence === 'documented') ? 'documented' : 'community'
    : undefined;
  // 3. Windows Update component ranges.
  if (facility === FACILITY_WINDOWSUPDATE) {
    return {
      name: null,
      aliases: [],
      decodedBy: 'wuRange',
      confidence: curatedConfidence ?? 'derived',
      sources: [...namelessCurated, 'range: Windows Update component sub-ranges of facility 0x24 (wuerror.h naming)'],
      rangeKey: wuRangeKey(value),
    };
  }
  // 4. setup/servicing ranges: facility 0xF (SPAPI, CBS, PSFX) and Windows Setup 0xC190/0xC180.
  const sKey = servicingRangeKey(value);
  if (sKey) {
    const community = sKey === 'cbs' || sKey === 'psfx' || sKey === 'cbsSuccess';
    return {
      name: null,
      aliases: [],
      decodedBy: 'servicingRange',
      confidence: curatedConfidence ?? 'derived',
      sources: [
        ...namelessCurated,
        community
          ? 'range: CBS/PSFX sub-ranges of facility 0xF (community data, cbs_psfx_community.tsv)'
          : sKey === 'spapi'
            ? 'range: SPAPI_E_* sub-range of facility 0xF (winerror.h)'
            : 'range: Windows Setup result codes (Microsoft Learn, Windows upgrade error codes)',
      ],
      rangeKey: sKey,
      facility: sKey.startsWith('setup') ? { id: facility, name: 'MOSETUP' } : undefined,
    };
  }
  // 5. NTSTATUS.
  const nt = ntstatusCandidate(value);
  if (nt !== undefined) {
    const hits = t.ntstatus.get(nt) ?? [];
    const wrapped = nt !== value;
    return {
      name: hits[0]?.name ?? null,
      aliases: hits.slice(1).map((h) => h.name),
      decodedBy: 'ntstatus',
      confidence: hits.length ? 'header' : 'derived',
      sources: [
        hits.length ? headerSource(hits[0], pkg) : 'NTSTATUS layout (severity bits 31-30, facility 0)',
        ...(wrapped ? [`HRESULT_FROM_NT of NTSTATUS ${formatCode(nt)}`] : []),
      ],
      rangeKey: 'ntstatus',
      facility: { id: (nt >>> 16) & 0xfff, name: 'NTSTATUS' },
    };
  }
  // 6. generic breakdown.
  return {
    name: null,
    aliases: [],
    decodedBy: 'generic',
    confidence: curatedConfidence ?? 'derived',
    sources: [
      ...namelessCurated,
      facilityFromSdkList(facility)
        ? 'HRESULT layout; facility name from the Windows SDK winerror.h facility list'
        : 'HRESULT layout (severity bit 31, facility bits 26-16, code bits 15-0)',
    ],
    rangeKey: facilityRangeKey(value, facility),
  };
}

/** Explains a code in the requested language. Never throws for any 32-bit value. */
export function explainCode(value: number, lang: Lang, opts: ExplainOptions = {}): CodeExplanation {
  const v = Number.isFinite(value) ? value >>> 0 : 0;
  const language: Lang = lang === 'zh-cn' ? 'zh-cn' : 'en';
  const t = tables();
  const facilityId = (v >>> 16) & 0x1fff;
  const d = decode(v, facilityId, t.source);

  let { name, decodedBy, confidence } = d;
  const sources = [...d.sources];
  const logged = opts.loggedName?.trim();
  if (!name && logged && LOGGED_NAME.test(logged) && logged.length <= 100) {
    name = logged;
    decodedBy = 'logged';
    confidence = 'logged';
    sources.unshift('name printed by the log next to the code');
  }

  const facility = d.facility ?? { id: facilityId, name: facilityName(facilityId) };
  const range = RANGE_TEXTS[d.rangeKey] ?? RANGE_TEXTS.generic;
  const written = writtenText(v, language);
  const text: ExplanationText = written ?? range.text[language];
  const component = d.rangeKey === 'generic' || d.rangeKey === 'success' ? undefined : range.component[language];
  const label = FACILITY_LABELS[facility.id]?.[language];

  const result: CodeExplanation = {
    value: v,
    code: formatCode(v),
    name,
    severity: v & 0x80000000 ? 'error' : 'success',
    facility,
    decodedBy,
    confidence,
    sources,
    text,
    specific: written !== undefined,
    lang: language,
  };
  if (d.aliases.length) result.aliases = d.aliases;
  if (label && facility.name !== 'NTSTATUS' && facility.name !== 'MOSETUP') result.facilityLabel = label;
  if (component) result.component = component;
  if (d.win32 !== undefined) result.win32 = d.win32;
  return result;
}
