// What the core knows about an error/result code. Plain data: the VS Code layer renders it.
import type { Lang } from '../lang';

/** Where a fact comes from, strongest first. */
export type Confidence =
  | 'header' // a public header (mingw-w64 winerror.h, wuerror.h ...) defines value and name
  | 'documented' // Microsoft documentation states it
  | 'community' // community sources only (decompiled tables, forums): treat with care
  | 'logged' // the log itself printed the name next to the code
  | 'derived'; // decoded from the HRESULT structure / a documented range only

/** How the explanation was reached, in the decoding order. */
export type DecodePath = 'exact' | 'win32' | 'wuRange' | 'servicingRange' | 'ntstatus' | 'logged' | 'generic';

/** Text written for a code, in one language. */
export interface ExplanationText {
  /** One line: what the code means. */
  summary: string;
  /** What typically causes it in Windows Update / servicing. */
  cause?: string;
  /** Concrete next steps (commands, logs to read). */
  steps: string[];
  /** What to ask the customer for next. */
  collect?: string[];
}

export interface CodeExplanation {
  /** Unsigned 32-bit value. */
  value: number;
  /** `0x` + 8 upper-case hex digits. */
  code: string;
  /** Symbolic name, or null when no table (nor the log) names it. */
  name: string | null;
  /** Other names the tables give for the same value (e.g. DISMAPI_E_BUSY next to a CBS name). */
  aliases?: string[];
  severity: 'success' | 'error';
  facility: { id: number; name: string };
  /** Human label of the facility in the requested language ("Windows Update", "Win32"). */
  facilityLabel?: string;
  /** Sub-component for Windows Update codes (e.g. "Update Handler" for 0x80242xxx), or the servicing area. */
  component?: string;
  /** Win32 error number for facility 7 codes (0x8007XXXX → XXXX). */
  win32?: number;
  decodedBy: DecodePath;
  confidence: Confidence;
  /** Where the facts come from (e.g. "mingw-w64 winerror.h 10.0.0", "curated: Microsoft Learn, Windows Update error reference"). */
  sources: string[];
  /** Written explanation in the requested language; a generic range meaning when none is written. */
  text: ExplanationText;
  /** True when `text` was written for this exact code (false: generic text of its range/facility). */
  specific: boolean;
  lang: Lang;
}

/** `0xC1900101 - 0x30018`: phase (1 DOWNLEVEL .. 5 UNINSTALL) and operation (SP_EXECUTION_OP) of an upgrade failure. */
export interface ExtendedCode {
  /** The extend code itself (e.g. 0x30018). */
  code: number;
  phase: number;
  /** `DOWNLEVEL`, `SAFE_OS`, `FIRST_BOOT`, `OOBE_BOOT`, `UNINSTALL` (or `UNKNOWN`). */
  phaseName: string;
  operation: number;
  /** `APPLY_IMAGE`, `SYSPREP`, ... (undefined when not in the documented table). */
  operationName?: string;
}
