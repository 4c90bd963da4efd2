// Finds error/result codes in one line of log text, with exact spans (hover relies on them).
// Candidates are located with one-character indexOf searches (native, much cheaper than a JS
// loop or a two-character search) and a bare-value scan that reads every 8th character; the few
// regexes run on short slices or from a fixed position, and have no nested quantifiers.
import type { CodeRef } from '../model/types';

/** Text right before a code that says what it is (NOT_CODE_BEFORE). Checked on at most LOOKBACK chars, end-anchored. */
const LOOKBACK = 40;
/**
 * ROLE_BEFORE's longest alternative is 23 characters (`unmapped result code = `), so 24 give it
 * the same matches as 40 (its `\b` still sees a real character): the end-anchored regex is tried
 * at every start, and fewer starts make it cheaper.
 */
const ROLE_LOOKBACK = 24;
const ROLE_BEFORE =
  /(?:\b(?:resultMapped|resultUnMapped)=|\bExit code ?[=:] ?|\bCall error code ?[=:] ?|\bReturn code(?: ?[=:] ?| is )|\bHRESULT ?[=:] ?|\bhr ?[=:]? ?|\bgle ?= ?|\bLast Error ?[=:] ?|\berror code(?: ?[=:] ?| )|\b(?:(?:mapped |unmapped )?result(?: code)?) ?[=:] ?|\berror ?[=:]? ?|\bstatus ?[=:]? ?|\*FAILED\* \[|\[)$/i;

/** Hex after these words is a flag set, handle, count or URL parameter, not a result code. */
const NOT_CODE_BEFORE = /(?:flags|mask|handle|handler|type|size|offset|address|attributes|version|props|&\w+=|\?\w+=|\d \(|\[\d+ \/)\s*[=:]?\s*$/i;

/** `[0x0601c1]` message-id column of Panther logs: right after the padded level of a dated line. */
const SETUP_ID_COLUMN = /^\uFEFF?\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}, [A-Za-z]+ +$/;

/** `... 0x800f0831 - CBS_E_STORE_CORRUPTION]`: the name the log printed itself (may contain spaces). */
const LOGGED_NAME = / - ([A-Za-z][A-Za-z0-9_ ]{0,79})\]/y;

/**
 * A bare value is a whole token of exactly 8 hex digits, or 9/10 decimal digits (optionally
 * after `-`), right after a space, `=` or `:`; whether a result/error keyword precedes it is
 * checked afterwards on a short slice (ROLE_BEFORE). Every such token holds a run of at least
 * 8 hex digits, so the scan probes every 8th character and looks closer only around hex digits.
 */
function scanBareValues(line: string, from: number, out: CodeRef[]): void {
  const n = line.length;
  // Invariant: every run of 8+ hex digits starting at j - 7 or later is still to be found.
  let j = (from > 0 ? from : 1) + 7;
  while (j < n) {
    if (HEX[line.charCodeAt(j)] === 0) {
      j += 8;
      continue;
    }
    // A non-hex character among the 7 before j: no 8-run can hold both it and j.
    let q = j - 1;
    while (q > j - 8 && HEX[line.charCodeAt(q)] === 1) q--;
    if (q > j - 8) {
      j = q + 8;
      continue;
    }
    // The maximal run of hex digits around j: [a, b).
    let a = j - 7;
    while (a > 0 && HEX[line.charCodeAt(a - 1)] === 1) a--;
    let b = j + 1;
    while (b < n && HEX[line.charCodeAt(b)] === 1) b++;
    const len = b - a;
    if (len >= 8 && len <= 10 && !valueBadAfter(line.charCodeAt(b))) {
      const p = line.charCodeAt(a - 1);
      let start = -1;
      if (p === 9) {
        // 4. A bare 8-hex failure code as a whole tab-separated field (ReportingEvents / REPORT EVENT).
        if (len === 8 && a >= from && (b === n || line.charCodeAt(b) === 9)) {
          const text = line.slice(a, b);
          const value = parseInt(text, 16);
          if (value >= 0x80000000) out.push({ value, text, form: 'bare', span: { start: a, end: b }, role: 'reportedError' });
        }
      } else if (p === 32 || p === 61 || p === 58) {
        if (a >= from && (len === 8 || allDigits(line, a, b))) start = a;
      } else if (p === 45 && len >= 9 && a - 1 >= from) {
        const q = line.charCodeAt(a - 2);
        if ((q === 32 || q === 61 || q === 58) && allDigits(line, a, b)) start = a - 1;
      }
      if (start >= 0) {
        const ref = classifyKeyword(line, start, b, line.slice(start, b));
        if (ref) out.push(ref);
      }
    }
    j = b + 8;
  }
}

/** What may not follow a bare value: letters, digits, `_`, `-`, `}`. */
function valueBadAfter(c: number): boolean {
  return isWordChar(c) || c === 45 || c === 125;
}

function allDigits(line: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The role of the ROLE_BEFORE match starting at `at` of `pre`. The regex has no capture groups
 * (building a 14-group match array cost more than the match): the winning alternative is the
 * first one, in the regex's order, whose keyword the matched text starts with.
 */
function roleAt(pre: string, at: number): string {
  const t = pre.slice(at).toLowerCase();
  if (t.startsWith('resultunmapped')) return 'resultUnMapped';
  if (t.startsWith('resultmapped')) return 'resultMapped';
  if (t.startsWith('exit code')) return 'exitCode';
  if (t.startsWith('call error code')) return 'callError';
  if (t.startsWith('return code')) return 'returnCode';
  if (t.startsWith('hr')) return 'hresult';
  if (t.startsWith('gle') || t.startsWith('last error')) return 'lastError';
  if (t.startsWith('error code')) return 'error';
  if (t.startsWith('unmapped')) return 'resultUnMapped';
  if (t.startsWith('mapped')) return 'resultMapped';
  if (t.startsWith('result')) return 'result';
  if (t.startsWith('error')) return 'error';
  if (t.startsWith('status')) return 'status';
  if (t.startsWith('*failed*')) return 'failedMarker';
  return 'bracket';
}

/** Role named right before `start`, or undefined. */
function roleBefore(line: string, start: number): string | undefined {
  const pre = roleText(line, start);
  const at = pre.search(ROLE_BEFORE);
  return at < 0 ? undefined : roleAt(pre, at);
}

function isHexChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** 1 for the hex digits, by UTF-16 code unit (a table lookup beats three range tests in the hot scan). */
const HEX = new Uint8Array(65536);
for (let c = 0; c < 128; c++) if (isHexChar(c)) HEX[c] = 1;

/** Letters, digits and `_`: a code must not be glued to a word. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Characters that may not touch a code on its left: words, `@` (addresses), GUID and path punctuation. */
function badBefore(c: number): boolean {
  return isWordChar(c) || c === 64 || c === 123 || c === 125 || c === 46 || c === 45 || c === 92 || c === 47 || c === 36;
}

/** Characters that may not follow a code: words, `-` (GUID part), `}`. */
function badAfter(c: number): boolean {
  return isWordChar(c) || c === 45 || c === 125;
}

function hexRun(line: string, i: number, max: number): number {
  let n = 0;
  while (n <= max && isHexChar(line.charCodeAt(i + n))) n++;
  return n;
}

/**
 * Codes in `line` from column `from` on, in order. Kept: every `0x` code except addresses, flags
 * and the setup message-id column; bare 8-hex in `[..]` (failure codes), after a result/error
 * keyword, or as a whole tab-separated field (ReportingEvents / REPORT EVENT); decimal only
 * after such a keyword and in the HRESULT failure range.
 */
export function findCodes(line: string, from = 0): CodeRef[] {
  const out = scratch;
  // Empty on entry (handed over below); checked so that a throw cannot leak codes into the next line.
  if (out.length !== 0) out.length = 0;
  findInto(line, from, out);
  if (out.length === 0) return NO_CODES as CodeRef[];
  // The filled array becomes the result; a fresh one collects the next line's codes.
  scratch = [];
  return out;
}

/** The shared empty result (records are read-only: one frozen array spares an allocation per line). */
const NO_CODES: readonly CodeRef[] = Object.freeze([]);
/** Reused collection array: most lines have no code, so no array is allocated for them. */
let scratch: CodeRef[] = [];

/** `0x`/`0X` codes (`x` is 120 or 88): found from the letter, a one-character search that is much cheaper than a two-character one. */
function scanHexPrefix(line: string, from: number, x: string, out: CodeRef[]): void {
  let j = line.indexOf(x, from + 1);
  while (j >= 0) {
    if (line.charCodeAt(j - 1) === 48) {
      const i = j - 1;
      const n = hexRun(line, j + 1, 8);
      if (n >= 1 && n <= 8 && !badBefore(line.charCodeAt(i - 1)) && !badAfter(line.charCodeAt(j + 1 + n))) {
        const ref = classifyHex(line, i, j + 1 + n);
        if (ref) out.push(ref);
      }
    }
    j = line.indexOf(x, j + 1);
  }
}

function findInto(line: string, from: number, out: CodeRef[]): void {
  // 1. 0x / 0X codes.
  scanHexPrefix(line, from, 'x', out);
  scanHexPrefix(line, from, 'X', out);
  // 2. `[80070005]`.
  let b = line.indexOf('[', from);
  while (b >= 0) {
    if (line.charCodeAt(b + 9) === 93 && hexRun(line, b + 1, 8) === 8) {
      const ref = classifyBracket(line, b + 1, b + 9);
      if (ref) out.push(ref);
    }
    b = line.indexOf('[', b + 1);
  }
  // 3. Bare or decimal values right after a keyword, and tab-separated fields.
  scanBareValues(line, from, out);
  // `resultMapped=0`: shorter values after `Mapped=` (found from the `=`: one-character search).
  let k = line.indexOf('=', from + 6);
  while (k >= 0) {
    if (line.charCodeAt(k - 1) === 100 && isMapped(line, k - 6)) {
      // `resultMapped=0`, `resultUnMapped=240006`: a whole token of 1..7 hex digits (8 were taken above).
      const n = hexRun(line, k + 1, 8);
      if (n >= 1 && n < 8 && !valueBadAfter(line.charCodeAt(k + 1 + n))) {
        const ref = classifyKeyword(line, k + 1, k + 1 + n, line.slice(k + 1, k + 1 + n));
        if (ref) out.push(ref);
      }
    }
    k = line.indexOf('=', k + 1);
  }
  // The passes above each push in order; mixed passes are merged by position.
  if (out.length > 1 && !inOrder(out)) out.sort((x, y) => x.span.start - y.span.start);
}

/** `Mapped` at `i` (character tests: cheaper than startsWith on a sliced line). */
function isMapped(line: string, i: number): boolean {
  return line.charCodeAt(i) === 77 && line.charCodeAt(i + 1) === 97 && line.charCodeAt(i + 2) === 112 && line.charCodeAt(i + 3) === 112 && line.charCodeAt(i + 4) === 101;
}

function inOrder(out: CodeRef[]): boolean {
  for (let i = 1; i < out.length; i++) if (out[i].span.start < out[i - 1].span.start) return false;
  return true;
}

function before(line: string, start: number): string {
  return line.slice(Math.max(0, start - LOOKBACK), start);
}

function roleText(line: string, start: number): string {
  return line.slice(Math.max(0, start - ROLE_LOOKBACK), start);
}

/** Value of the hex digits [from, to) (at most 8, checked by the caller). */
function hexValue(line: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    v = v * 16 + (c <= 57 ? c - 48 : (c | 32) - 87);
  }
  return v;
}

function classifyHex(line: string, start: number, end: number): CodeRef | undefined {
  if (line.charCodeAt(start - 1) === 91 /* [ */ && line.charCodeAt(end) === 93 && SETUP_ID_COLUMN.test(line.slice(0, start - 1))) return undefined;
  const role = roleBefore(line, start);
  if (!role && NOT_CODE_BEFORE.test(before(line, start))) return undefined;
  return finish(line, { value: hexValue(line, start + 2, end), text: line.slice(start, end), form: 'hex', span: { start, end } }, role);
}

function classifyBracket(line: string, start: number, end: number): CodeRef | undefined {
  // `{[...` or `-[...`: part of a GUID-like token, not a bracketed code.
  const c = line.charCodeAt(start - 2);
  if (c === 45 || c === 123) return undefined;
  const text = line.slice(start, end);
  const value = parseInt(text, 16) >>> 0;
  const failed = line.charCodeAt(start - 3) === 42 && line.endsWith('*FAILED* ', start - 1);
  // Only failure codes in brackets (hashes like `[d:D781D795]` never reach here).
  if (!failed && value < 0x80000000) return undefined;
  return finish(line, { value, text, form: 'bare', span: { start, end } }, failed ? 'failedMarker' : 'bracket');
}

function classifyKeyword(line: string, start: number, end: number, text: string): CodeRef | undefined {
  const role = roleBefore(line, start);
  if (!role) return undefined;
  let c = text.charCodeAt(0);
  const decimal = text.length >= 9 && (c === 45 || isAllDigits(text));
  if (decimal) {
    const n = Number(text);
    if (n < 0 ? n < -0x80000000 || n > -0x10000000 : n < 0x80000000 || n > 0xffffffff) return undefined;
    return finish(line, { value: (n < 0 ? n + 0x100000000 : n) >>> 0, text, form: 'decimal', span: { start, end } }, role);
  }
  c = line.charCodeAt(start - 1);
  if (c === 45 || c === 123) return undefined;
  return finish(line, { value: parseInt(text, 16) >>> 0, text, form: 'bare', span: { start, end } }, role);
}

function isAllDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function finish(line: string, ref: CodeRef, role: string | undefined): CodeRef {
  if (role) ref.role = role;
  const end = ref.span.end;
  if (line.charCodeAt(end) === 32 && line.charCodeAt(end + 1) === 45) {
    LOGGED_NAME.lastIndex = end;
    const nm = LOGGED_NAME.exec(line);
    if (nm) ref.loggedName = nm[1].trim();
  }
  return ref;
}
