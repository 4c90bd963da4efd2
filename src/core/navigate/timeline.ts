// One timeline for a bundle: the lines of several logs merged in time order, each tagged with a
// short name of its log, with each log's clock moved onto the client's (clockOffset.ts). Each
// log keeps its own line order (a k-way merge by the time of each line's record); lines without
// a time of their own (continuation lines) follow their record. Plain data: the VS Code layer
// renders the document, its header and its links back.
import type { LogFormat, LogRecord } from '../model/types';
import { LogStream } from '../readers';
import { AnchorSet, detectOffset, type OffsetEvidence } from './clockOffset';

export type Clock = 'client' | 'decoder';

export interface TimelineInput {
  /** File name (shown in the header; the tag is made from it and the format). */
  name: string;
  text: string;
  /** Whose clock the times are in. Default: Get-WindowsUpdateLog text (`wu10`) the decoding machine's, the rest the client's. */
  clock?: Clock;
  /** Tag to use instead of the one of its format (`ETL` for decoded ETL text). */
  tag?: string;
}

export interface TimelineSource {
  name: string;
  tag: string;
  format: LogFormat;
  clock: Clock;
  /** Added to its times for the merge (the clock offset for decoder-clock logs, else 0). */
  shiftMs: number;
  lines: number;
  /** First and last logged time (as logged, before the shift), when any. */
  first?: number;
  last?: number;
  /** Not merged: no timestamped line in it (the reason for the header). */
  skipped?: 'noTime';
}

export type OffsetSource = 'setting' | 'detected' | 'none';

export interface TimelineOffset {
  /** Applied to decoder-clock logs. */
  ms: number;
  /** `setting`: the user's; `detected`: from matching events; `none`: not needed (one clock) or not found (then 0). */
  source: OffsetSource;
  /** Why there is no detected offset: only one clock among the logs, or no matching events. */
  reason?: 'oneClock' | 'noMatch';
  votes?: number;
  evidence?: Array<OffsetEvidence & { decoderSource: number }>;
}

export interface Timeline {
  sources: TimelineSource[];
  offset: TimelineOffset;
  /** Merged order: entry i is line `line[i]` of source `src[i]`. */
  src: Uint16Array;
  line: Uint32Array;
  length: number;
  /** More lines than `maxLines`: the rest were left out. */
  truncated: boolean;
  /** Width the tags are padded to. */
  tagWidth: number;
  /** The lines of each source. */
  texts: string[][];
}

export interface TimelineOptions {
  /** The user's offset (ms to add to decoder-clock times); undefined = detect. */
  offsetMs?: number;
  maxLines?: number;
}

export const TIMELINE_MAX_LINES = 1_000_000;

/** Splits text into lines as VS Code and the readers do (CRLF, LF, lone CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

const TAG_OF: Partial<Record<LogFormat, string>> = { wu10: 'WU', wu7: 'WU', cbs: 'CBS', dism: 'DISM', setup: 'SETUP', reporting: 'EVENTS' };

interface Prepared {
  source: TimelineSource;
  lines: string[];
  times: Float64Array;
  anchors: AnchorSet;
}

/** Lines of a log that go into the timeline: all but the empty line after a final line end. */
function mergedLines(lines: readonly string[]): number {
  return lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
}

function prepare(input: TimelineInput): Prepared {
  const lines = splitLines(input.text);
  const times = new Float64Array(lines.length).fill(Number.NaN);
  const anchors = new AnchorSet();
  let first: number | undefined;
  let last: number | undefined;
  const onRecord = (r: LogRecord): void => {
    const t = r.time;
    if (t === undefined || !Number.isFinite(t)) return;
    for (let l = r.line; l <= r.endLine && l < times.length; l++) times[l] = t;
    if (first === undefined || t < first) first = t;
    if (last === undefined || t > last) last = t;
    for (const k of r.kbs) anchors.add('kb', k.kb, t, r.line);
    const id = r.reporting?.updateId ?? r.updateIds[0]?.id;
    if (id) anchors.add('update', id, t, r.line);
    const cv = r.reporting?.cv ?? r.cvs[0]?.cv;
    if (cv) anchors.add('cv', cv, t, r.line);
  };
  let format: LogFormat = 'unknown';
  try {
    const stream = new LogStream(onRecord, input.name);
    stream.pushText(input.text);
    format = stream.end().format;
  } catch {
    // An unreadable text is simply a source without times.
  }
  const clock: Clock = input.clock ?? (format === 'wu10' ? 'decoder' : 'client');
  const source: TimelineSource = { name: input.name, tag: input.tag ?? TAG_OF[format] ?? 'LOG', format, clock, shiftMs: 0, lines: lines.length };
  if (first !== undefined) {
    source.first = first;
    source.last = last;
  } else source.skipped = 'noTime';
  // Lines without a time take the one before them (the first ones, the first time of the log).
  let prev = first ?? 0;
  for (let l = 0; l < times.length; l++) {
    if (Number.isNaN(times[l])) times[l] = prev;
    else prev = times[l];
  }
  return { source, lines, times, anchors };
}

/** `CBS`, `CBS2`, ...; setuperr.log is `SETERR`, decoded ETL text `ETL`. */
function assignTags(sources: TimelineSource[]): void {
  const used = new Map<string, number>();
  for (const s of sources) {
    let base = s.tag;
    if (s.format === 'setup' && /setuperr/i.test(s.name)) base = 'SETERR';
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    s.tag = n === 1 ? base : `${base}${n}`;
  }
}

/** Merges the logs into one time-ordered timeline. Never throws; logs without times are listed as skipped. */
export function mergeTimeline(inputs: readonly TimelineInput[], options: TimelineOptions = {}): Timeline {
  const prepared = inputs.map(prepare);
  const sources = prepared.map((p) => p.source);
  assignTags(sources);
  const offset = chooseOffset(prepared, options.offsetMs);
  for (const p of prepared) if (p.source.clock === 'decoder') p.source.shiftMs = offset.ms;
  const live = prepared.map((p, i) => ({ p, i, n: mergedLines(p.lines) })).filter((x) => !x.p.source.skipped);
  const total = live.reduce((n, x) => n + x.n, 0);
  const max = Math.max(0, Math.min(options.maxLines ?? TIMELINE_MAX_LINES, TIMELINE_MAX_LINES));
  const length = Math.min(total, max);
  const src = new Uint16Array(length);
  const line = new Uint32Array(length);
  const next = live.map(() => 0);
  for (let k = 0; k < length; k++) {
    let best = -1;
    let bestTime = Infinity;
    for (let j = 0; j < live.length; j++) {
      const { p, n } = live[j];
      const l = next[j];
      if (l >= n) continue;
      const t = p.times[l] + p.source.shiftMs;
      if (best < 0 || t < bestTime) {
        best = j;
        bestTime = t;
      }
    }
    if (best < 0) break;
    src[k] = live[best].i;
    line[k] = next[best]++;
  }
  const tagWidth = sources.reduce((w, s) => Math.max(w, s.tag.length), 0);
  return { sources, offset, src, line, length, truncated: total > length, tagWidth, texts: prepared.map((p) => p.lines) };
}

function chooseOffset(prepared: Prepared[], userMs: number | undefined): TimelineOffset {
  const timed = prepared.filter((p) => !p.source.skipped);
  const decoder = timed.filter((p) => p.source.clock === 'decoder');
  const clients = timed.filter((p) => p.source.clock === 'client');
  if (userMs !== undefined) return { ms: userMs, source: 'setting' };
  if (!decoder.length || !clients.length) return { ms: 0, source: 'none', reason: 'oneClock' };
  // Decoder-clock logs share one clock (one Get-WindowsUpdateLog run): the first that matches decides.
  const others = clients.map((c) => ({ source: prepared.indexOf(c), anchors: c.anchors }));
  for (const d of decoder) {
    const found = detectOffset(d.anchors, others);
    if (found) return { ms: found.ms, source: 'detected', votes: found.votes, evidence: found.evidence.map((e) => ({ ...e, decoderSource: prepared.indexOf(d) })) };
  }
  return { ms: 0, source: 'none', reason: 'noMatch' };
}

/** The text of merged entry `k` as the document shows it: the padded tag, a bar, the original line. */
export function timelineLine(t: Timeline, k: number): string {
  const s = t.src[k];
  return `${timelinePrefix(t.sources[s].tag, t.tagWidth)}${t.texts[s][t.line[k]] ?? ''}`;
}

/** What stands before the original text on a timeline line. */
export function timelinePrefix(tag: string, width: number): string {
  return `${tag.padEnd(width)} | `;
}
