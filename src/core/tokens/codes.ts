// Finds error/result codes in one line of log text, with exact spans (hover relies on them).
// Every regex here is linear: fixed-width or single-class runs, no nested quantifiers.
import type { CodeForm, CodeRef } from '../model/types';

/**
 * Candidates: `0x` + 1..8 hex, a bare run of exactly 8 hex, or a 9/10-digit decimal (maybe signed).
 * The lookbehind/lookahead keep parts of GUIDs (`-`, `{`), paths, identifiers and addresses (`@0x`) out.
 */
const CANDIDATE = /(?<![0-9A-Za-z_@{}.\-\\/$])(?:(?<=result(?:Un)?Mapped=)[0-9A-Fa-f]{1,8}|0[xX][0-9A-Fa-f]{1,8}|[0-9A-Fa-f]{8}|-?\d{9,10})(?![0-9A-Za-z_\-}])/g;

/** Text right before a code that says what it is. Checked on at most LOOKBACK chars, end-anchored. */
const LOOKBACK = 40;
const ROLE_BEFORE =
  /(?:\b(resultMapped|resultUnMapped)=|\b(Exit code) ?[=:] ?|\b(Call error code) ?[=:] ?|\b(Return code)(?: ?[=:] ?| is )|\b(HRESULT) ?[=:] ?|\b(hr) ?[=:]? ?|\b(gle) ?= ?|\b(Last Error) ?[=:] ?|\b(error code)(?: ?[=:] ?| )|\b((?:mapped |unmapped )?result(?: code)?) ?[=:] ?|\b(error) ?[=:]? ?|\b(status) ?[=:]? ?|(\*FAILED\* \[)|(\[))$/i;

/** Hex after these words is a flag set, handle, count or URL parameter, not a result code. */
const NOT_CODE_BEFORE = /(?:flags|mask|handle|handler|type|size|offset|address|attributes|version|props|&\w+=|\?\w+=|\d \(|\[\d+ \/)\s*[=:]?\s*$/i;

/** `[0x0601c1]` message-id column of Panther logs: right after the padded level of a dated line. */
const SETUP_ID_COLUMN = /^\uFEFF?\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}, [A-Za-z]+ +$/;

/** `... 0x800f0831 - CBS_E_STORE_CORRUPTION]`: the name the log printed itself (may contain spaces). */
const LOGGED_NAME = /^ - ([A-Za-z][A-Za-z0-9_ ]{0,79})\]/;

function roleOf(m: RegExpExecArray): string {
  if (m[1]) return m[1].toLowerCase() === 'resultunmapped' ? 'resultUnMapped' : 'resultMapped';
  if (m[2]) return 'exitCode';
  if (m[3]) return 'callError';
  if (m[4]) return 'returnCode';
  if (m[5] || m[6]) return 'hresult';
  if (m[7] || m[8]) return 'lastError';
  if (m[9]) return 'error';
  if (m[10]) return m[10].toLowerCase().startsWith('unmapped') ? 'resultUnMapped' : m[10].toLowerCase().startsWith('mapped') ? 'resultMapped' : 'result';
  if (m[11]) return 'error';
  if (m[12]) return 'status';
  if (m[13]) return 'failedMarker';
  return 'bracket';
}

/** Quick test: could this part of the line hold a code at all? */
function mayHoldCode(line: string, from: number): boolean {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * Codes in `line` from column `from` on. Kept: every `0x` code except addresses, flags and the
 * setup message-id column; bare 8-hex only in `[..]`, after a result/error keyword or as a whole
 * tab-separated field (ReportingEvents / REPORT EVENT); decimal only after such a keyword.
 */
export function findCodes(line: string, from = 0): CodeRef[] {
  const out: CodeRef[] = [];
  if (!mayHoldCode(line, from)) return out;
  CANDIDATE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(line)) !== null) {
    const start = m.index;
    const text = m[0];
    const end = start + text.length;
    const ref = classify(line, start, end, text);
    if (ref) out.push(ref);
  }
  return out;
}

function classify(line: string, start: number, end: number, text: string): CodeRef | undefined {
  const c1 = text.charCodeAt(1);
  const isHex = text.charCodeAt(0) === 48 && (c1 === 120 || c1 === 88);
  const before = line.slice(Math.max(0, start - LOOKBACK), start);
  let form: CodeForm;
  let value: number;
  let role: string | undefined;
  const rm = ROLE_BEFORE.exec(before);
  if (isHex) {
    if (line.charCodeAt(start - 1) === 91 /* [ */ && line.charCodeAt(end) === 93 && SETUP_ID_COLUMN.test(line.slice(0, start - 1))) return undefined;
    if (!rm && NOT_CODE_BEFORE.test(before)) return undefined;
    form = 'hex';
    value = parseInt(text.slice(2), 16);
    if (rm) role = roleOf(rm);
  } else if (isHexBare(text) || (rm && rm[1] && text.length <= 8 && /^[0-9A-Fa-f]+$/.test(text))) {
    value = parseInt(text, 16);
    if (rm) {
      role = roleOf(rm);
      if (role === 'bracket') {
        // `[80070005]`: only a failure code in brackets (hashes like `[d:D781D795]` never reach here).
        if (line.charCodeAt(end) !== 93 || value < 0x80000000) return undefined;
      } else if (role === 'failedMarker' && line.charCodeAt(end) !== 93) return undefined;
    } else if (line.charCodeAt(start - 1) === 9 && (end === line.length || line.charCodeAt(end) === 9) && value >= 0x80000000) {
      role = 'reportedError';
    } else {
      return undefined;
    }
    form = 'bare';
  } else {
    // Decimal: only right after a result/error keyword, and only in the HRESULT failure range.
    if (!rm || rm[13] || rm[14]) return undefined;
    const n = Number(text);
    if (n < 0 ? n < -0x80000000 || n > -0x10000000 : n < 0x80000000 || n > 0xffffffff) return undefined;
    form = 'decimal';
    value = n < 0 ? n + 0x100000000 : n;
    role = roleOf(rm);
  }
  const ref: CodeRef = { value: value >>> 0, text, form, span: { start, end } };
  if (role) ref.role = role;
  const nm = line.charCodeAt(end) === 32 && line.charCodeAt(end + 1) === 45 ? LOGGED_NAME.exec(line.slice(end, end + 84)) : null;
  if (nm) ref.loggedName = nm[1].trim();
  return ref;
}

function isHexBare(text: string): boolean {
  if (text.length !== 8) return false;
  for (let i = 0; i < 8; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
