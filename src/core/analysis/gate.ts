// The filter before record building (readers/head.ts) for the two logs that get large: most lines
// of a WindowsUpdate.log or a CBS.log change nothing in the analysis, and the reader builds no
// record for them. A line passes when it may matter to any family module: each module lists the
// words its rules need (WU_RECORD_WORDS, CBS_WORDS ...), so a rule that reads a new phrase must add
// it there. A WindowsUpdate.log line that passes only because it names an update is light: only
// `mentions` reads it, never wuRecord, so a wuRecord rule needs a word or mark of its own. The test is conservative (a line that passes may still do nothing) and depends on the
// lines alone, not on the analysis (so it can run apart from it); a skipped line only moves the
// file's last line and the open CBS session's end (skippedLine). `gate.test.ts` checks, on every
// corpus log, that the analysis is the same with and without it.
import type { LogFormat } from '../model/types';
import type { LineFilter, LineHead } from '../readers/head';
import { markerLevel } from '../readers/fields';
import type { FileState } from './context';
import { WU7_ERROR_WORDS } from './evidence';
import { CBS_WORDS } from './cbs';
import { CHECK_WORDS, HEALTH_WORDS } from './storeHealth';
import { COUNTS_WORD, DOWNLOAD_COMPONENT_NAMES, INSTALLING_WORD, JOB_WORDS, SERVICE_WORDS, WU_RECORD_WORDS } from './wu/record';
import { RESULT_WORDS } from './patterns';
import { BUNDLES_WORD, MENTION_WORDS } from './wu/updates';
import { IDENTITY_WORDS, LOOK_LINES } from '../bundle/identity';
import { anyOf } from '../text/regexp';

/**
 * Finds whether one of a few words lies in a line, for line after line of one text: the next
 * position of any word is remembered, so the text is searched once, not once per line (one
 * regex of the words scans once where a search per word would scan the text once per word).
 */
export class Words {
  private readonly re: RegExp | undefined;
  private next = -1;
  private text: string | undefined;
  private last = 0;

  private readonly words: readonly string[];

  constructor(words: readonly string[]) {
    // A word holding another is found through it: fewer alternatives scan much faster (V8's regex
    // engine slows down sharply with some sets of words).
    this.words = words.filter((w, i) => !words.some((v, k) => k !== i && w.includes(v) && (v !== w || k < i)));
    if (this.words.length > 1) this.re = anyOf(this.words, 'g');
  }

  /** One of the words starts in `text` at `from` or later, before `to` (a line end or the end of `text`). */
  in(text: string, from: number, to: number): boolean {
    return this.first(text, from) < to;
  }

  /** Where the first word starts at `from` or later (`text.length` when nowhere). */
  first(text: string, from: number): number {
    // The position holds for one text, read forwards: another text, or going back, starts over.
    if (text !== this.text || from < this.last) {
      this.text = text;
      this.next = -1;
    }
    this.last = from;
    if (this.next < from) {
      let at: number;
      if (this.re) {
        this.re.lastIndex = from;
        at = this.re.exec(text)?.index ?? -1;
      } else {
        at = text.indexOf(this.words[0], from);
      }
      this.next = at < 0 ? text.length : at;
    }
    return this.next;
  }
}

/**
 * A filter's words, and the words of machine facts while a line may still state one (identity.ts
 * looks at lines below LOOK_LINES). `next()` is called once per line asked: the k-th line asked
 * has a line number of k or more, so after LOOK_LINES lines the facts' words are dropped (a
 * shorter list scans faster).
 */
class FilterWords {
  private asked = 0;
  private readonly early: Words;
  private readonly late: Words;

  constructor(words: readonly string[]) {
    this.early = new Words([...words, ...IDENTITY_WORDS]);
    this.late = new Words(words);
  }

  next(): Words {
    return this.asked++ < LOOK_LINES ? this.early : this.late;
  }
}

const NONE = 0;
const OTHER_GUID = 1;
const UPDATE_GUID = 2;

/**
 * Whether the message holds a GUID (`8-4-4-4-12` hex) and whether one may be an update id: with a
 * revision after it (`.`) or the word `update` shortly before it (`UpdateId = `, `idUpdate=`,
 * `update {`), a superset of what `updateIdsOf` keeps.
 */
function guids(text: string, from: number, to: number, dashes: Words): number {
  let found = NONE;
  // A GUID's first dash is its 9th character.
  for (let d = from + 8; d < to && (d = dashes.first(text, d)) < to;) {
    const s = d - 8;
    if (s >= from && text.charCodeAt(d + 5) === 45 && isGuid(text, s)) {
      let e = s + 36;
      if (text.charCodeAt(e) === 125) e++;
      if (text.charCodeAt(e) === 46 || hasUpdateBefore(text, Math.max(from, s - 26), s)) return UPDATE_GUID;
      found = OTHER_GUID;
      d = s + 36 + 8;
    } else {
      d++;
    }
  }
  return found;
}

/** `update` in any case in text[from, to). */
function hasUpdateBefore(text: string, from: number, to: number): boolean {
  for (let i = from; i + 6 <= to; i++) {
    if ((text.charCodeAt(i) | 32) === 117 && (text.charCodeAt(i + 1) | 32) === 112 && (text.charCodeAt(i + 2) | 32) === 100 &&
      (text.charCodeAt(i + 3) | 32) === 97 && (text.charCodeAt(i + 4) | 32) === 116 && (text.charCodeAt(i + 5) | 32) === 101) return true;
  }
  return false;
}

function isGuid(text: string, s: number): boolean {
  for (let k = 0; k < 36; k++) {
    const c = text.charCodeAt(s + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) {
      return false;
    }
  }
  return true;
}

/** text[start, end) is one of `names`. */
function isOneOf(text: string, start: number, end: number, names: readonly string[]): boolean {
  for (const n of names) if (n.length === end - start && text.startsWith(n, start)) return true;
  return false;
}

/** `[\s*{]*` then 8 hex digits and `-` at `m`: the shape of a bundled id's line (wu/updates.ts `bundles`). */
function bundledIdAt(text: string, m: number): boolean {
  let p = m;
  // A superset of `\s` (any control or space character, and all of Unicode past U+1680): wider only
  // keeps a thread's lines a little longer.
  for (let c = text.charCodeAt(p); c <= 32 || c === 42 || c === 123 || c === 160 || c >= 0x1680; c = text.charCodeAt(++p));
  for (let k = 0; k < 8; k++, p++) {
    const c = text.charCodeAt(p);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
  }
  return text.charCodeAt(p) === 45;
}

/**
 * WindowsUpdate.log (Windows 10/11 and 7): wu/record.ts, wu/updates.ts, evidence.ts. What the
 * analysis remembers per thread between lines (counts waiting for the thread's next line, the
 * list of a bundle) the filter follows itself, more widely: it keeps no reference to the analysis.
 */
export class WuFilter implements LineFilter {
  private readonly words: FilterWords;
  private readonly counts = new Words([COUNTS_WORD]);
  private readonly bundles = new Words([BUNDLES_WORD]);
  private readonly jobs = new Words(JOB_WORDS);
  private readonly service = new Words(SERVICE_WORDS);
  private readonly dashes = new Words(['-']);
  /** The last line wanted only names update ids: wuRecord does nothing with it (see `wants`). */
  light = false;
  /** Threads whose next line (of this PID) decides what their counts were: TID → PID. */
  private readonly countsWaiting = new Map<number, number>();
  /** Threads listing a bundle's ids. */
  private readonly bundleThreads = new Set<number>();

  constructor(private readonly format: LogFormat) {
    // Result lines name their update, but also pass by their words, so that a line passing only
    // by an update id is light (one scan of more words costs less than a second scan).
    this.words = new FilterWords([
      ...WU_RECORD_WORDS, ...MENTION_WORDS, COUNTS_WORD, BUNDLES_WORD, ...RESULT_WORDS, INSTALLING_WORD,
      ...(format === 'wu7' ? WU7_ERROR_WORDS : []),
    ]);
  }

  wants(text: string, h: LineHead, end: number): boolean {
    const m = h.msg;
    const words = this.words.next();
    let want = false;
    this.light = false;
    if (this.countsWaiting.size !== 0) {
      const pid = this.countsWaiting.get(h.tid);
      if (pid !== undefined) {
        want = true;
        if (pid === h.pid) this.countsWaiting.delete(h.tid);
      }
    }
    if (this.bundleThreads.size !== 0 && this.bundleThreads.has(h.tid)) {
      want = true;
      if (!bundledIdAt(text, m)) this.bundleThreads.delete(h.tid);
    }
    if (words.in(text, m, end)) {
      // Which words: counts and bundle headers mark their thread (rare lines: looked for only here).
      if (this.counts.in(text, m, end)) this.countsWaiting.set(h.tid, h.pid);
      if (this.bundles.in(text, m, end)) this.bundleThreads.add(h.tid);
      return true;
    }
    if (want) return true;
    const c = text.charCodeAt(m);
    // `*`, `#`, `-`: call brackets (`* START *`, `## END ##`, `-- START --`) and `*FAILED*`.
    if (c === 42 || c === 35 || c === 45) return true;
    if ((c === 87 || c === 70) && markerLevel(text, m) !== 'info') return true;
    const g = guids(text, m, end, this.dashes);
    if (g === NONE) return false;
    // The service a search asks (serviceOf); download jobs (downloadJob): a Windows 7 component is a
    // tab field, compared trimmed: not here.
    const rules = this.service.in(text, m, end) ||
      ((this.format === 'wu7' || isOneOf(text, h.compStart, h.compEnd, DOWNLOAD_COMPONENT_NAMES)) && this.jobs.in(text, m, end));
    if (g === OTHER_GUID) return rules;
    // An update id, and none of the words or marks wuRecord acts on (those returned above), nor a
    // service's or a download job's: only `mentions` reads it.
    this.light = !rules;
    return true;
  }
}

/** CBS.log: cbs.ts, storeHealth.ts (a DISM check's summary words too: they are rare), and update ids (wu/updates.ts). */
export class CbsFilter implements LineFilter {
  private readonly words = new FilterWords([...CBS_WORDS, ...HEALTH_WORDS, ...CHECK_WORDS]);
  private readonly dashes = new Words(['-']);

  wants(text: string, h: LineHead, end: number): boolean {
    const words = this.words.next();
    const n = h.levelEnd - h.levelStart;
    if (n === 5 && (text.startsWith('Error', h.levelStart) || text.startsWith('Fatal', h.levelStart))) return true;
    const m = h.msg;
    return words.in(text, m, end) || guids(text, m, end, this.dashes) === UPDATE_GUID;
  }
}

/** The filter of a format, for the logs that get large (others are read whole). */
export function lineFilter(format: LogFormat): LineFilter | undefined {
  if (format === 'wu10' || format === 'wu7') return new WuFilter(format);
  if (format === 'cbs') return new CbsFilter();
  return undefined;
}

/**
 * What the analysis does with a record line the filter skipped: it moves the file's last line
 * and, in a CBS.log, the end of the open session (cbsRecord's `sessionFacts`).
 */
export function skippedLine(f: FileState, line: number, time: number): void {
  f.lastLine = line;
  const s = f.format === 'cbs' ? f.cbsCurrent : undefined;
  if (s) {
    s.endLine = line;
    s.endTime = time;
  }
}
