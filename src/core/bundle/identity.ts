// What each log says about its machine (OS build, servicing stack, WU client, OEM and model,
// computer name) and the time span it covers, gathered while the records stream past: literal
// gates first, a regex only on the few lines that carry such a fact, and the search stops once
// a file has told each fact (or after its first records).
import type { LogRecord } from '../model/types';
import type { MachineFact } from './types';

interface Rule {
  kind: MachineFact['kind'];
  gate: string;
  re: RegExp;
  /** Decode `%20`-style escapes (values taken from URLs). */
  url?: boolean;
}

const RULES: Rule[] = [
  { kind: 'osBuild', gate: 'OSVersion=', re: /OSVersion=(\d{1,2}\.\d{1,2}\.\d{3,5}(?:\.\d{1,6})?)/ },
  { kind: 'osBuild', gate: 'OS Version', re: /OS Version ?= ?(\d{1,2}\.\d{1,2}\.\d{3,5}(?:\.\d{1,6})?)/ },
  { kind: 'osBuild', gate: 'OS version', re: /OS version:? (\d{1,2}\.\d{1,2}\.\d{3,5}(?:\.\d{1,6})?)/ },
  { kind: 'servicingStack', gate: 'Servicing Stack v', re: /Loaded Servicing Stack v(\d{1,2}\.\d{1,2}\.\d{3,5}\.\d{1,6})/ },
  { kind: 'wuClient', gate: 'client version', re: /client version (\d{1,4}\.\d{1,4}\.\d{1,5}\.\d{1,6})/i },
  { kind: 'oem', gate: 'OEMName_Uncleaned=', re: /OEMName_Uncleaned=([^&\s]{1,80})/, url: true },
  { kind: 'model', gate: 'OEMModel=', re: /OEMModel=([^&\s]{1,80})/, url: true },
  { kind: 'computerName', gate: 'omputerName', re: /ComputerName\s*[=:]\s*([A-Za-z0-9][A-Za-z0-9._-]{0,62})\b/ },
];

const KINDS = new Set(RULES.map((r) => r.kind)).size;

export interface FileIdentity {
  facts: MachineFact[];
  firstTime?: number;
  lastTime?: number;
  firstTimeText?: string;
  lastTimeText?: string;
}

/** Lines of a file looked at for machine facts (they are stated near the start of a session). */
export const LOOK_LINES = 50_000;

/** The words a line must hold to state a machine fact (the line filter lets such lines through). */
export const IDENTITY_WORDS: readonly string[] = RULES.map((r) => r.gate);

/**
 * The earliest and latest timestamps of a file, over every record line, built or skipped by the
 * line filter. Only a reference to the line (or record) is kept; the timestamp's text is cut
 * when asked.
 */
export class TimeSpan {
  firstTime: number | undefined;
  lastTime: number | undefined;
  private firstSrc: string | LogRecord = '';
  private firstFrom = 0;
  private firstTo = 0;
  private lastSrc: string | LogRecord = '';
  private lastFrom = 0;
  private lastTo = 0;

  /** A line whose timestamp `time` is written at text[from, to) (a record: its own time text). */
  see(time: number, src: string | LogRecord, from: number, to: number): void {
    if (!Number.isFinite(time)) return;
    if (this.firstTime === undefined || time < this.firstTime) {
      this.firstTime = time;
      this.firstSrc = src;
      this.firstFrom = from;
      this.firstTo = to;
    }
    if (this.lastTime === undefined || time > this.lastTime) {
      this.lastTime = time;
      this.lastSrc = src;
      this.lastFrom = from;
      this.lastTo = to;
    }
  }

  seeRecord(rec: LogRecord): void {
    if (rec.time !== undefined && rec.timeText !== undefined) this.see(rec.time, rec, 0, Number.POSITIVE_INFINITY);
  }

  /** Takes another span's values (the span of the same file measured in another thread). */
  take(v: SpanValue): void {
    if (v.firstTime === undefined) return;
    this.firstTime = v.firstTime;
    this.lastTime = v.lastTime;
    this.firstSrc = v.firstTimeText ?? '';
    this.firstFrom = 0;
    this.firstTo = this.firstSrc.length;
    this.lastSrc = v.lastTimeText ?? '';
    this.lastFrom = 0;
    this.lastTo = this.lastSrc.length;
  }

  value(): SpanValue {
    if (this.firstTime === undefined || this.lastTime === undefined) return {};
    const cut = (src: string | LogRecord, from: number, to: number): string => {
      const text = typeof src === 'string' ? src : src.timeText ?? '';
      return text.slice(from, Math.min(to, from + 40));
    };
    return {
      firstTime: this.firstTime,
      firstTimeText: cut(this.firstSrc, this.firstFrom, this.firstTo),
      lastTime: this.lastTime,
      lastTimeText: cut(this.lastSrc, this.lastFrom, this.lastTo),
    };
  }
}

export type SpanValue = Pick<FileIdentity, 'firstTime' | 'firstTimeText' | 'lastTime' | 'lastTimeText'>;

/** Per file: machine facts and the first and last timestamps. */
export class IdentityTracker {
  private readonly seen = new Set<MachineFact['kind']>();
  readonly span = new TimeSpan();
  private readonly facts: MachineFact[] = [];
  /** A record line was seen (built or skipped): only then does the file have an identity. */
  used = false;

  constructor(private readonly file: number) {}

  get id(): FileIdentity {
    return { facts: this.facts, ...this.span.value() };
  }

  push(rec: LogRecord): void {
    this.used = true;
    this.span.seeRecord(rec);
    if (rec.line >= LOOK_LINES || this.seen.size === KINDS) return;
    const msg = rec.message.length > 4096 ? rec.message.slice(0, 4096) : rec.message;
    for (const r of RULES) {
      if (this.seen.has(r.kind) || msg.indexOf(r.gate) < 0) continue;
      const m = r.re.exec(msg);
      if (!m) continue;
      this.seen.add(r.kind);
      this.facts.push({ kind: r.kind, value: clean(r.url ? urlDecode(m[1]) : m[1]), at: { file: this.file, line: rec.line } });
    }
  }
}

function urlDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 80);
}
