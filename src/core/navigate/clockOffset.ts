// Clock differences between the logs of one bundle. Get-WindowsUpdateLog writes WindowsUpdate.log
// in the local time of the machine that ran it; CBS.log, DISM.log, setup logs and
// ReportingEvents.log carry the client's own local time. The offset is found from events both
// sides log at the same moment: a ReportingEvents event and the WindowsUpdate.log lines of the
// same update or correlation vector; CBS lines and WindowsUpdate.log lines that name the same KB. Each
// key votes for the differences of its pairs rounded to a quarter hour (time zones are whole quarter hours);
// the clear winner is the offset. Or the user sets it.

export const QUARTER_HOUR_MS = 15 * 60 * 1000;
/** Farthest a time zone offset goes (UTC-12 to UTC+14), with room for one on each side. */
const MAX_OFFSET_MS = 26 * 3600 * 1000;
/** How far a pair may sit from its quarter hour and still vote (the two sides log within seconds). */
const TOLERANCE_MS = 2 * 60 * 1000;
/** Times kept per key and side: the first ones and a rolling window of the latest. */
const FIRST_TIMES = 32;
const LAST_TIMES = 32;
const MAX_KEYS = 20_000;

/** What ties an event of one clock to the other: a KB, an update id, a correlation vector. */
export type AnchorKind = 'kb' | 'update' | 'cv';

interface Times {
  first: number[];
  last: number[];
  next: number;
  line: number;
}

/** Times of events on one clock, by the key that ties them to the other clock. */
export class AnchorSet {
  private readonly keys = new Map<string, Times>();

  add(kind: AnchorKind, value: string, time: number, line: number): void {
    if (!Number.isFinite(time)) return;
    const key = `${kind}:${value}`;
    let t = this.keys.get(key);
    if (!t) {
      if (this.keys.size >= MAX_KEYS) return;
      t = { first: [], last: [], next: 0, line };
      this.keys.set(key, t);
    }
    if (t.first.length < FIRST_TIMES) t.first.push(time);
    else if (t.last.length < LAST_TIMES) t.last.push(time);
    else t.last[t.next++ % LAST_TIMES] = time;
  }

  /** Each key with its kept times and the line of its first event. */
  *entries(): IterableIterator<{ key: string; times: number[]; line: number }> {
    for (const [key, t] of this.keys) yield { key, times: t.first.concat(t.last), line: t.line };
  }

  get(key: string): { times: number[]; line: number } | undefined {
    const t = this.keys.get(key);
    return t && { times: t.first.concat(t.last), line: t.line };
  }
}

export interface OffsetEvidence {
  kind: AnchorKind;
  /** The KB digits, the update id or the correlation vector. */
  value: string;
  /** Line of the decoder-clock side (WindowsUpdate.log) and of the client side, 0-based. */
  decoderLine: number;
  clientSource: number;
  clientLine: number;
}

export interface DetectedOffset {
  /** Add to the decoder-clock times to get the client's. */
  ms: number;
  /** Pairs that voted for it. */
  votes: number;
  evidence: OffsetEvidence[];
}

/**
 * The offset from `decoder` (WindowsUpdate.log) to the client's clock, or undefined when no pair
 * of events ties them or the votes do not agree. `clients[i]` are the anchors of client source i.
 */
export function detectOffset(decoder: AnchorSet, clients: ReadonlyArray<{ source: number; anchors: AnchorSet }>): DetectedOffset | undefined {
  const votes = new Map<number, { n: number; evidence: OffsetEvidence[] }>();
  const vote = (quarter: number, weight: number, ev: OffsetEvidence): void => {
    const v = votes.get(quarter) ?? { n: 0, evidence: [] };
    v.n += weight;
    if (v.evidence.length < 5 && !v.evidence.some((e) => e.kind === ev.kind && e.value === ev.value)) v.evidence.push(ev);
    votes.set(quarter, v);
  };
  for (const { source, anchors } of clients) {
    for (const { key, times, line } of anchors.entries()) {
      const mine = decoder.get(key);
      if (!mine) continue;
      const colon = key.indexOf(':');
      const ev: OffsetEvidence = { kind: key.slice(0, colon) as AnchorKind, value: key.slice(colon + 1), decoderLine: mine.line, clientSource: source, clientLine: line };
      // One vote per key and quarter: an update logged a hundred times must not outvote the rest.
      const seen = new Set<number>();
      for (const tc of times) {
        for (const td of mine.times) {
          const q = quarterOf(tc - td, TOLERANCE_MS);
          if (q === undefined || seen.has(q)) continue;
          seen.add(q);
          vote(q, 1, ev);
        }
      }
    }
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1].n - a[1].n || Math.abs(a[0]) - Math.abs(b[0]));
  if (!ranked.length) return undefined;
  const [best, second] = ranked;
  // A clear winner: two keys at least, and twice the runner-up.
  if (best[1].n < 2 || (second && best[1].n < 2 * second[1].n)) return undefined;
  return { ms: best[0] * QUARTER_HOUR_MS, votes: best[1].n, evidence: best[1].evidence };
}

/** The quarter hour a difference sits on (within `tolerance`), or undefined. */
function quarterOf(diff: number, tolerance: number): number | undefined {
  if (!Number.isFinite(diff) || Math.abs(diff) > MAX_OFFSET_MS) return undefined;
  const q = Math.round(diff / QUARTER_HOUR_MS);
  return Math.abs(diff - q * QUARTER_HOUR_MS) <= tolerance ? q : undefined;
}

/**
 * The offset as a user writes it: `+8`, `-5:30`, `+05:45`, `0`, `UTC+8` (hours and minutes; the
 * client is that much ahead of the machine that ran Get-WindowsUpdateLog). `auto` or empty →
 * 'auto'; anything else → undefined (invalid).
 */
export function parseClockOffset(text: string): number | 'auto' | undefined {
  const t = text.trim();
  if (!t || /^auto$/i.test(t)) return 'auto';
  const m = /^(?:UTC|GMT)?\s*(?:([+-])\s*)?(\d{1,2})(?::?(\d{2}))?\s*h?$/i.exec(t);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] ? Number(m[3]) : 0;
  if (hours > 26 || minutes >= 60) return undefined;
  const ms = (hours * 60 + minutes) * 60_000;
  return m[1] === '-' ? -ms : ms;
}

/** `+8:00`, `-5:30`, `0:00`. */
export function formatClockOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.round(Math.abs(ms) / 60_000);
  const body = `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  return ms === 0 ? '0:00' : `${sign}${body}`;
}

/** A logged wall-clock time (ms read as UTC) as `2025-03-10 08:03:09`; '' when unknown. */
export function formatWallClock(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
