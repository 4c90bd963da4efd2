// Times of an ETL file: event timestamps in the file's clock (QPC, system time or CPU cycles,
// TRACE_LOGFILE_HEADER.ReservedFlags) converted to UTC with the header's StartTime and
// PerfFreq, and UTC converted to the client's local time with the header's
// TIME_ZONE_INFORMATION (standard/daylight rules), as Get-WindowsUpdateLog prints them.

/** A UTC instant: milliseconds since 1970 plus 100-ns units inside that millisecond. */
export interface Instant {
  ms: number;
  sub: number;
}

/** 100-ns intervals between 1601-01-01 and 1970-01-01. */
const EPOCH_DIFF = 116444736000000000n;

export type ClockKind = 'qpc' | 'systemTime' | 'cpuCycles';

/** Converts raw event timestamps (given as two 32-bit halves) to UTC. */
export class Clock {
  private readonly baseMs: number;
  private readonly baseSub: number;

  constructor(
    readonly kind: ClockKind,
    /** The raw timestamp that corresponds to `startFileTime` (the logfile header event's own stamp). */
    private readonly refHi: number,
    private readonly refLo: number,
    startFileTime: bigint,
    /** Ticks per second (QPC frequency, or CPU MHz × 1e6). */
    private readonly ticksPerSecond: number,
  ) {
    const unix100 = startFileTime - EPOCH_DIFF;
    this.baseMs = Number(unix100 / 10000n);
    this.baseSub = Number(unix100 % 10000n);
    if (this.baseSub < 0) {
      this.baseSub += 10000;
      this.baseMs -= 1;
    }
  }

  /** UTC of a raw timestamp. Differences stay exact (doubles) up to 2^53 ticks. */
  toInstant(hi: number, lo: number): Instant {
    const deltaTicks = (hi - this.refHi) * 0x100000000 + (lo - this.refLo);
    let d100: number;
    if (this.kind === 'systemTime' || this.ticksPerSecond === 10_000_000) d100 = deltaTicks;
    else d100 = Math.floor((deltaTicks / this.ticksPerSecond) * 1e7);
    if (!Number.isFinite(d100)) d100 = 0;
    const total = this.baseSub + d100;
    const ms = this.baseMs + Math.floor(total / 10000);
    const sub = total - Math.floor(total / 10000) * 10000;
    return { ms, sub };
  }
}

export function instantOfFileTime(ft: bigint): Instant | undefined {
  if (ft <= 0n) return undefined;
  const unix100 = ft - EPOCH_DIFF;
  const ms = Number(unix100 / 10000n);
  let sub = Number(unix100 % 10000n);
  let m = ms;
  if (sub < 0) {
    sub += 10000;
    m -= 1;
  }
  return { ms: m, sub };
}

/** SYSTEMTIME as used by TIME_ZONE_INFORMATION for its transition rules. */
export interface TransitionRule {
  year: number;
  month: number;
  dayOfWeek: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface TimeZoneInfo {
  /** Minutes: UTC = local + bias. */
  bias: number;
  standardName: string;
  standardBias: number;
  standardDate: TransitionRule;
  daylightName: string;
  daylightBias: number;
  daylightDate: TransitionRule;
}

/** Local wall-clock milliseconds of a transition rule in `year` (rule time, not yet shifted). */
function transitionLocal(rule: TransitionRule, year: number): number | undefined {
  if (rule.month < 1 || rule.month > 12) return undefined;
  const time = ((rule.hour * 60 + rule.minute) * 60 + rule.second) * 1000;
  if (rule.year !== 0) {
    // An absolute date applies to that year only.
    return rule.year === year ? Date.UTC(year, rule.month - 1, rule.day) + time : undefined;
  }
  // Day-in-month form: the `day`-th (5 = last) `dayOfWeek` of the month.
  const first = new Date(Date.UTC(year, rule.month - 1, 1)).getUTCDay();
  let dom = 1 + ((rule.dayOfWeek - first + 7) % 7) + (Math.min(Math.max(rule.day, 1), 5) - 1) * 7;
  const daysInMonth = new Date(Date.UTC(year, rule.month, 0)).getUTCDate();
  while (dom > daysInMonth) dom -= 7;
  return Date.UTC(year, rule.month - 1, dom) + time;
}

/** The offset (minutes, UTC = local + offset) in force at a UTC instant, and whether it is daylight time. */
export function zoneOffsetAt(tz: TimeZoneInfo, utcMs: number): { bias: number; daylight: boolean } {
  const standard = { bias: tz.bias + tz.standardBias, daylight: false };
  if (tz.daylightDate.month === 0 || tz.standardDate.month === 0) return standard;
  const year = new Date(utcMs - standard.bias * 60000).getUTCFullYear();
  const dstStartLocal = transitionLocal(tz.daylightDate, year);
  const dstEndLocal = transitionLocal(tz.standardDate, year);
  if (dstStartLocal === undefined || dstEndLocal === undefined) return standard;
  // The start is given in standard local time, the end in daylight local time.
  const start = dstStartLocal + (tz.bias + tz.standardBias) * 60000;
  const end = dstEndLocal + (tz.bias + tz.daylightBias) * 60000;
  const inDst = start < end ? utcMs >= start && utcMs < end : !(utcMs >= end && utcMs < start);
  return inDst ? { bias: tz.bias + tz.daylightBias, daylight: true } : standard;
}

/** `+08:00` style text of a bias in minutes (UTC = local + bias). */
export function offsetText(bias: number): string {
  const east = -bias;
  const sign = east < 0 ? '-' : '+';
  const a = Math.abs(east);
  return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

const p2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** `2025/04/26 12:20:44.3907897` (Get-WindowsUpdateLog's form) of an instant shifted by `biasMinutes`. */
export function formatInstant(t: Instant, biasMinutes: number): string {
  let ms = t.ms - biasMinutes * 60000;
  // A corrupt stamp far outside the calendar still prints as a date (the year says it is wrong).
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) ms = 0;
  const d = new Date(ms);
  const msPart = ms - Math.floor(ms / 1000) * 1000;
  const frac = String(msPart * 10000 + t.sub).padStart(7, '0');
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${frac}`;
}

export function compareInstants(a: Instant, b: Instant): number {
  return a.ms - b.ms || a.sub - b.sub;
}
