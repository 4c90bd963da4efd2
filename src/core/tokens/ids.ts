// Update ids (GUIDs with optional revision), KB numbers and correlation vectors in one line.
import type { CvRef, KbRef, UpdateIdRef } from '../model/types';

// Empty results are one shared frozen array each: records are read-only, and most lines have no tokens.
const NO_IDS: readonly UpdateIdRef[] = Object.freeze([]);
const NO_KBS: readonly KbRef[] = Object.freeze([]);
const NO_CVS: readonly CvRef[] = Object.freeze([]);

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isWordOrDash(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** A GUID (8-4-4-4-12 hex) starts at `s`: 0 when not, 1 when upper case already, 2 when it has lower-case digits. */
function guidAt(line: string, s: number): number {
  let lower = false;
  for (let k = 0; k < 36; k++) {
    const c = line.charCodeAt(s + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return 0;
    } else if (!isHex(c)) {
      return 0;
    } else if (c >= 97) {
      lower = true;
    }
  }
  return lower ? 2 : 1;
}

/**
 * Every GUID in the line (update ids, service ids, event ids ...): `{GUID}.rev`, `GUID.rev`,
 * `{GUID}`, `GUID`; upper case, with revision when written. The nil GUID is skipped.
 * Found from each `-` (its first dash sits 8 characters after the GUID's start): no regex scan.
 */
export function findUpdateIds(line: string, from = 0): UpdateIdRef[] {
  let out: UpdateIdRef[] | undefined;
  let d = line.indexOf('-', from + 8);
  while (d >= 0) {
    const s = d - 8;
    const kind = s >= from && line.charCodeAt(d + 5) === 45 ? guidAt(line, s) : 0;
    if (kind !== 0 && !isWordOrDash(line.charCodeAt(s - 1)) && !isWordOrDash(line.charCodeAt(s + 36))) {
      const id = kind === 2 ? line.slice(s, s + 36).toUpperCase() : line.slice(s, s + 36);
      let start = s;
      let end = s + 36;
      if (line.charCodeAt(s - 1) === 123 && line.charCodeAt(end) === 125) {
        start--;
        end++;
      }
      let revision: number | undefined;
      if (line.charCodeAt(end) === 46) {
        let e = end + 1;
        while (e < end + 10 && line.charCodeAt(e) >= 48 && line.charCodeAt(e) <= 57) e++;
        const c = line.charCodeAt(e);
        const wordAfter = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
        if (e > end + 1 && !wordAfter) {
          revision = Number(line.slice(end + 1, e));
          end = e;
        }
      }
      if (id !== ZERO_GUID) {
        const ref: UpdateIdRef = { id, span: { start, end } };
        if (revision !== undefined) ref.revision = revision;
        (out ??= []).push(ref);
      }
      d = line.indexOf('-', s + 36);
    } else {
      d = line.indexOf('-', d + 1);
    }
  }
  return out ?? (NO_IDS as UpdateIdRef[]);
}

/**
 * `line` holds `first` followed by the character `second` at `from` or later. Searching for one
 * character natively and checking its neighbour is much cheaper than a two-character search.
 */
function hasPair(line: string, from: number, first: string, second: number): boolean {
  let i = line.indexOf(first, from);
  while (i >= 0) {
    if (line.charCodeAt(i + 1) === second) return true;
    i = line.indexOf(first, i + 1);
  }
  return false;
}

/** Index of the next `cV` at `from` or later (found from the rarer `V`), or -1. */
function nextCv(line: string, from: number): number {
  let i = line.indexOf('V', from + 1);
  while (i >= 0) {
    if (line.charCodeAt(i - 1) === 99) return i - 1;
    i = line.indexOf('V', i + 1);
  }
  return -1;
}

const KB = /(?<![A-Za-z0-9])[Kk][Bb](\d{6,8})(?!\d)/g;

/** `KB5016623`, `(KB5016623)`, `Package_for_KB5016623~`, `windows10.0-kb5016623-x64.msu`. */
export function findKbs(line: string, from = 0): KbRef[] {
  // `K` is rare, so one-character searches from it are cheap; `k` is common in words (`package`): one two-character search.
  if (!hasPair(line, from, 'K', 66) && line.indexOf('kb', from) < 0) return NO_KBS as KbRef[];
  const out: KbRef[] = [];
  KB.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = KB.exec(line)) !== null) out.push({ kb: m[1], span: { start: m.index, end: m.index + m[0].length } });
  return out.length ? out : (NO_KBS as KbRef[]);
}

/** `cV = K5bdL23idEavHjyw.2.1`, `(cV: ...)`, `cV=...`: the span covers the vector only. */
const CV_AT = /cV ?[=:] ?[A-Za-z0-9+/]{16,24}(?:\.\d+)*(?![A-Za-z0-9+/])/y;

/** Found from each `cV` (native search); the sticky regex runs only there. */
export function findCvs(line: string, from = 0): CvRef[] {
  let k = nextCv(line, from);
  if (k < 0) return NO_CVS as CvRef[];
  let out: CvRef[] | undefined;
  while (k >= 0) {
    // `\b` before `cV`: no letter, digit or `_` right before it.
    const p = k > 0 ? line.charCodeAt(k - 1) : 32;
    const word = (p >= 48 && p <= 57) || (p >= 65 && p <= 90) || (p >= 97 && p <= 122) || p === 95;
    CV_AT.lastIndex = k;
    const m = word ? null : CV_AT.exec(line);
    if (m) {
      // No capture group (a cheaper match array): the vector starts after `cV`, ` ?`, `=`/`:`, ` ?`.
      let start = k + 2;
      if (line.charCodeAt(start) === 32) start++;
      start++;
      if (line.charCodeAt(start) === 32) start++;
      const end = k + m[0].length;
      (out ??= []).push({ cv: line.slice(start, end), span: { start, end } });
      k = nextCv(line, end);
    } else {
      k = nextCv(line, k + 2);
    }
  }
  return out ?? (NO_CVS as CvRef[]);
}
