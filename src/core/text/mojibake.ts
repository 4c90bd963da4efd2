// Mojibake: UTF-8 text that a tool read as GBK (Chinese Windows) or Shift-JIS (Japanese
// Windows) and wrote out again as UTF-8 (`鐨勫畨鍏ㄦ櫤鑳芥洿鏂` for `的安全智能更新`).
// Re-encoding the characters in that code page gives back the original UTF-8 bytes.
//
// The writer loses bytes where a code-page pair could not be decoded: a lead byte followed by
// an ASCII byte or at the end of an odd-length run. Windows writes `?` (or `・` for Shift-JIS)
// and swallows both bytes; WHATWG decoders write U+FFFD and keep the ASCII byte. A lost byte
// breaks only its own character: the repair recovers every other one and marks each lost
// character with U+FFFD, instead of giving up on the field.
//
// Text that was fine is never touched: a field is repaired only when every CJK run in it
// decodes as strict UTF-8 (real Chinese or Japanese re-encoded this way almost never does) and
// the result is common CJK text (GB2312 level 1, JIS level 1, kana, Hangul), clearly more
// common than the field as written.
import { firstBytes, reverseTable, type MojibakeEncoding, type ReverseTable } from './mojibakeTables';

export type { MojibakeEncoding } from './mojibakeTables';

export interface MojibakeRepair {
  /** The repaired text; lost characters are U+FFFD. */
  text: string;
  /** The code page the text had been read in. */
  encoding: MojibakeEncoding;
  /** Characters that could not be recovered. */
  lost: number;
  /** Runs of the field that were repaired. */
  runs: number;
}

const REPLACEMENT = 0xfffd;
const QUESTION = 0x3f;
const KATAKANA_DOT = 0x30fb;
/** A run: non-ASCII characters, `?` between them, and up to two `?` right after them (lost bytes). */
const RUN = /[^\0-\x7f](?:[^\0-\x7f]|\?+(?=[^\0-\x7f]))*\?{0,2}/g;
const ENCODINGS: MojibakeEncoding[] = ['gbk', 'shift_jis'];
/** Windows code-page bytes iconv-lite leaves undecoded (private-use mappings). */
const EXTRA: Record<MojibakeEncoding, [number, number][]> = {
  gbk: [[0xf8f5, 0xff]],
  shift_jis: [[0x80, 0x80], [0xf8f0, 0xa0], [0xf8f1, 0xfd], [0xf8f2, 0xfe], [0xf8f3, 0xff]],
};

interface Token {
  /** Byte sequences the character may stand for (packed `len << 16 | b0 << 8 | b1`). */
  options: number[];
  /** A character a writer puts for lost bytes. */
  marker: boolean;
}

function tokenize(run: string, t: ReverseTable): Token[] | undefined {
  const out: Token[] = [];
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c === REPLACEMENT) out.push({ options: [], marker: true });
    else if (c === QUESTION) out.push({ options: [(1 << 16) | (QUESTION << 8)], marker: true });
    else {
      const extra = EXTRA[t.encoding].find(([u]) => u === c);
      const options = t.bytes.get(c) ?? (extra ? [(1 << 16) | (extra[1] << 8)] : c === KATAKANA_DOT ? [] : undefined);
      if (!options) return undefined;
      out.push({ options, marker: c === KATAKANA_DOT });
    }
  }
  return out;
}

/** UTF-8 decoder state: continuation bytes still needed, the range of the next one, orphan mode. */
interface State {
  need: number;
  lo: number;
  hi: number;
  /** After a lost marker: continuation bytes of a character whose lead was lost are skipped. */
  orphan: boolean;
}

const START: State = { need: 0, lo: 0x80, hi: 0xbf, orphan: false };

/** One byte through the strict decoder; undefined when it cannot follow. */
function step(s: State, b: number): State | undefined {
  if (s.orphan) {
    if (b >= 0x80 && b <= 0xbf) return s;
    s = START;
  }
  if (s.need > 0) return b >= s.lo && b <= s.hi ? { need: s.need - 1, lo: 0x80, hi: 0xbf, orphan: false } : undefined;
  if (b < 0x80) return START;
  if (b >= 0xc2 && b <= 0xdf) return { need: 1, lo: 0x80, hi: 0xbf, orphan: false };
  if (b >= 0xe0 && b <= 0xef) return { need: 2, lo: b === 0xe0 ? 0xa0 : 0x80, hi: b === 0xed ? 0x9f : 0xbf, orphan: false };
  if (b >= 0xf0 && b <= 0xf4) return { need: 3, lo: b === 0xf0 ? 0x90 : 0x80, hi: b === 0xf4 ? 0x8f : 0xbf, orphan: false };
  return undefined;
}

function stepAll(s: State, packed: number): State | undefined {
  const len = packed >> 16;
  let r: State | undefined = step(s, (packed >> 8) & 0xff);
  if (r && len === 2) r = step(r, packed & 0xff);
  return r;
}

const LOST_OPTION = -1;
const key = (i: number, s: State): string => `${i}:${s.need}:${s.lo}:${s.hi}:${s.orphan ? 1 : 0}`;

/** Chooses one option per token so that the run decodes; a marker may stand for lost bytes. */
function solve(tokens: Token[]): number[] | undefined {
  const failed = new Set<string>();
  const choice: number[] = new Array<number>(tokens.length);
  let budget = 20_000;
  const go = (i: number, s: State): boolean => {
    if (i === tokens.length) return true;
    if (--budget < 0) return false;
    const k = key(i, s);
    if (failed.has(k)) return false;
    const tk = tokens[i];
    // After an unfinished character a marker is far more likely lost bytes than a real `・`.
    if (tk.marker && (s.need > 0 || s.orphan) && tk.options.length && go(i + 1, { ...START, orphan: true })) {
      choice[i] = LOST_OPTION;
      return true;
    }
    for (const o of tk.options) {
      const next = stepAll(s, o);
      if (next && go(i + 1, next)) {
        choice[i] = o;
        return true;
      }
    }
    if (tk.marker && go(i + 1, { ...START, orphan: true })) {
      choice[i] = LOST_OPTION;
      return true;
    }
    failed.add(k);
    return false;
  };
  return go(0, START) ? choice : undefined;
}

/** Bytes of the run with the chosen options; a lost marker is -1 (and remembers its character). */
function bytesOf(tokens: Token[], choice: number[]): number[] {
  const out: number[] = [];
  tokens.forEach((_, i) => {
    const o = choice[i];
    if (o === LOST_OPTION) out.push(-1);
    else {
      out.push((o >> 8) & 0xff);
      if (o >> 16 === 2) out.push(o & 0xff);
    }
  });
  return out;
}

interface Decoded {
  text: string;
  lost: number;
}

/** Decodes the chosen bytes; lost characters become U+FFFD. `after` is the text after the run. */
function decode(bytes: number[], markers: string[], after: string): Decoded {
  let text = '';
  let lost = 0;
  let i = 0;
  let m = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === -1) {
      // A marker between characters: the lost bytes began a character (its rest is skipped).
      m++;
      let j = i + 1;
      while (j < bytes.length && bytes[j] >= 0x80 && bytes[j] <= 0xbf) j++;
      text += '\ufffd';
      lost++;
      i = j;
      continue;
    }
    const len = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    let cp = len === 1 ? b : len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
    let j = i + 1;
    while (j < i + len && j < bytes.length && bytes[j] !== -1) cp = (cp << 6) | (bytes[j++] & 0x3f);
    if (j < i + len) {
      // Cut short by a lost marker (or the end of the run): one lost character.
      text += '\ufffd';
      lost++;
      const rest = i + len - j;
      if (j < bytes.length && bytes[j] === -1) {
        const marker = markers[m++];
        let k = j + 1;
        while (k < bytes.length && bytes[k] >= 0x80 && bytes[k] <= 0xbf) k++;
        const orphans = k - j - 1;
        if (orphans > rest - 1) {
          // More continuation bytes than the cut character can take: the next one lost its lead.
          text += '\ufffd';
          lost++;
        } else if (rest === 1 && orphans === 0 && marker !== '\ufffd' && k === bytes.length && /^[!-~]/.test(after)) {
          // Windows swallowed the byte after the lost one; between CJK and Latin it is a space.
          text += ' ';
        }
        j = k;
      }
      i = j;
      continue;
    }
    text += String.fromCodePoint(cp);
    i = j;
  }
  return { text, lost };
}

/** True for characters that real CJK text is made of (and the result of a repair must be). */
function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff);
}

/** A character a repaired title may hold besides CJK: Latin-1, Greek, Cyrillic, punctuation, full-width forms. */
function isPlausible(c: number): boolean {
  return c < 0x80 || (c >= 0xa0 && c <= 0x24f) || (c >= 0x370 && c <= 0x4ff) || (c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xffef) || c === REPLACEMENT || isCjk(c);
}

/** Common CJK: kana, Hangul, GB2312 level-1 hanzi or JIS level-1 kanji. */
function isCommon(c: number): boolean {
  if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7a3)) return true;
  const g = firstBytes(reverseTable('gbk'), c);
  if (g !== undefined && g >> 16 === 2 && ((g >> 8) & 0xff) >= 0xb0 && ((g >> 8) & 0xff) <= 0xd7 && (g & 0xff) >= 0xa1) return true;
  const j = firstBytes(reverseTable('shift_jis'), c);
  return j !== undefined && j >> 16 === 2 && (j & 0xffff) >= 0x889f && (j & 0xffff) <= 0x9872;
}

/** CJK characters of `s` and how many of them are common. */
function commonness(s: string): { cjk: number; common: number } {
  let cjk = 0;
  let common = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (!isCjk(c)) continue;
    cjk++;
    if (isCommon(c)) common++;
  }
  return { cjk, common };
}

interface RunResult {
  start: number;
  end: number;
  decoded?: Decoded;
  cjk: boolean;
}

/** Each run of `s` decoded in one code page (`decoded` unset when it does not decode). */
function decodeRuns(s: string, enc: MojibakeEncoding): RunResult[] {
  const t = reverseTable(enc);
  const out: RunResult[] = [];
  RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RUN.exec(s)) !== null && out.length < 64) {
    const run = m[0];
    const r: RunResult = { start: m.index, end: m.index + run.length, cjk: /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(run) };
    out.push(r);
    const tokens = tokenize(run, t);
    const choice = tokens && solve(tokens);
    if (!tokens || !choice) continue;
    const markers = tokens.map((_, i) => run[i]).filter((_, i) => choice[i] === LOST_OPTION);
    const d = decode(bytesOf(tokens, choice), markers, s.slice(r.end, r.end + 1));
    if (d.text === run || ![...d.text].every((ch) => isPlausible(ch.codePointAt(0) as number))) continue;
    r.decoded = d;
  }
  return out;
}

/** The repair of `s` in one code page, when it holds up. */
function repairIn(s: string, enc: MojibakeEncoding): MojibakeRepair | undefined {
  const runs = decodeRuns(s, enc);
  // A CJK run that does not decode is real text: the field was fine.
  if (!runs.length || runs.some((r) => r.cjk && !r.decoded)) return undefined;
  let text = '';
  let pos = 0;
  let lost = 0;
  let repaired = 0;
  let before = '';
  for (const r of runs) {
    if (!r.decoded) continue;
    text += s.slice(pos, r.start) + r.decoded.text;
    before += s.slice(r.start, r.end);
    pos = r.end;
    lost += r.decoded.lost;
    repaired++;
  }
  if (!repaired) return undefined;
  text += s.slice(pos);
  // Swallowed bytes were put back as spaces before Latin text: never two in a row.
  text = text.replace(/\ufffd {2}/g, '\ufffd ');
  const after = commonness(text);
  const was = commonness(before);
  if (after.cjk < 2 || after.common < 0.75 * after.cjk) return undefined;
  if (was.cjk && after.common / after.cjk < was.common / was.cjk + 0.25) return undefined;
  return { text, encoding: enc, lost, runs: repaired };
}

/**
 * Repairs GBK- or Shift-JIS-read UTF-8 in one field (a title, a message). Undefined when the
 * field is not mojibake (plain ASCII, real CJK text, accented Latin ...).
 */
export function repairField(s: string): MojibakeRepair | undefined {
  if (!/[^\0-\x7f]/.test(s)) return undefined;
  let best: MojibakeRepair | undefined;
  for (const enc of ENCODINGS) {
    const r = repairIn(s, enc);
    if (r && (!best || r.lost < best.lost)) best = r;
  }
  return best;
}

/** The repaired text of `s`, or undefined when nothing was repaired. */
export function repairMojibake(s: string): string | undefined {
  return repairField(s)?.text;
}

/** Counts the CJK runs of `s` that are mojibake (`yes`) and those that are real text (`no`). */
export function mojibakeRuns(s: string): { yes: number; no: number } {
  const r = repairField(s);
  if (r) return { yes: r.runs, no: 0 };
  RUN.lastIndex = 0;
  let no = 0;
  let m: RegExpExecArray | null;
  while ((m = RUN.exec(s)) !== null && no < 50) if (/[\u2e80-\u9fff\uac00-\ud7af]/.test(m[0])) no++;
  return { yes: 0, no };
}

/** True when `s` holds GBK- or Shift-JIS-read UTF-8 that can be repaired. */
export function hasMojibake(s: string): boolean {
  return repairField(s) !== undefined;
}
