// Events as WindowsUpdate.log lines, the text Get-WindowsUpdateLog writes:
// `2025/04/26 05:20:44.3907897 4336  4360  Shared          message`, in the client's own local
// time (the ETL header's time zone) or UTC. The decoded text states which, and ends with an
// account of each file: what was decoded, what was not and why.
import { formatInstant, type Instant, offsetText, type TimeZoneInfo, zoneOffsetAt } from './time';
import type { EtlEvent, EtlFileReport, ProviderCounts } from './types';

/** Component of the lines the decoder adds (statement of the time base, per-file account). */
export const NOTE_COMPONENT = 'WULogLens';

export interface EtlTextOptions {
  utc?: boolean;
}

/** One text line with the ETW level of its event (0 for the decoder's own lines). */
export type LineSink = (line: string, level: number) => void;

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
// Line breaks and other control characters (tab kept) would split or garble a line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f]+/g;

export function formatLine(time: string, pid: number, tid: number, component: string, message: string): string {
  return `${time} ${pad(String(pid), 5)} ${pad(String(tid), 5)} ${pad(component, 15)} ${message.replace(CONTROL, ' ')}`;
}

/** Offsets of one time zone, cached per year of transitions. */
class LocalZone {
  private lo = 0;
  private hi = -1;
  private bias = 0;

  constructor(private readonly tz: TimeZoneInfo) {}

  biasAt(ms: number): number {
    if (ms >= this.lo && ms < this.hi) return this.bias;
    const r = zoneOffsetAt(this.tz, ms);
    // Cache an hour around the instant (transitions are at least months apart).
    this.lo = ms - (ms % 3600000);
    this.hi = this.lo + 3600000;
    this.bias = r.bias;
    return r.bias;
  }
}

export function describeZone(tz: TimeZoneInfo): string {
  const std = offsetText(tz.bias + tz.standardBias);
  if (tz.daylightDate.month === 0 || tz.daylightBias === tz.standardBias) return std;
  return `${std}, ${offsetText(tz.bias + tz.daylightBias)} in daylight saving time`;
}

function counts(c: ProviderCounts): string {
  return Object.entries(c).map(([k, v]) => `${k}: ${v}`).join(', ');
}

const total = (c: ProviderCounts): number => Object.values(c).reduce((a, b) => a + b, 0);

/** Sentences about one file for the end of the decoded text (and for the CLI and the report). */
export function fileNotes(f: EtlFileReport): string[] {
  const notes: string[] = [];
  if (f.fatal) {
    notes.push(`no decodable event: ${f.fatal}.`);
    return notes;
  }
  const prov = counts(f.providers);
  notes.push(`${f.decoded} TraceLogging event${f.decoded === 1 ? '' : 's'} decoded${prov ? ` (${prov})` : ''} from ${f.buffers} buffers of ${f.bufferSize} bytes; Windows ${f.osVersion ?? '?'}, logger ${f.loggerName || '?'}, clock ${f.clock ?? '?'}.`);
  if (f.headerNotFinalised) notes.push('the logfile header was never finalised (no end time, no count of buffers written): the file was copied while its trace session was still writing it. Every buffer in the file was read anyway; events still in memory at the copy are missing.');
  const wpp = total(f.wpp);
  if (wpp) notes.push(`${wpp} WPP event${wpp === 1 ? '' : 's'} not decoded (${counts(f.wpp)}): WPP messages carry no schema; their text needs the provider's TMF/PDB format files (Windows Update used WPP before Windows 10 1709).`);
  const man = total(f.manifest);
  if (man) notes.push(`${man} manifest-based event${man === 1 ? '' : 's'} not decoded (${counts(f.manifest)}): their fields are described by the provider's manifest, not by the file.`);
  const cls = total(f.classic);
  if (cls) notes.push(`${cls} classic (MOF) event${cls === 1 ? '' : 's'} not decoded (${counts(f.classic)}).`);
  if (f.system) notes.push(`${f.system} kernel/system event${f.system === 1 ? '' : 's'} not decoded.`);
  if (f.badSchema) notes.push(`${f.badSchema} TraceLogging event${f.badSchema === 1 ? '' : 's'} with an unreadable schema skipped.`);
  if (f.badTime) notes.push(`${f.badTime} event${f.badTime === 1 ? '' : 's'} with a timestamp far outside the session (corrupt) skipped.`);
  if (f.incomplete) notes.push(`${f.incomplete} event${f.incomplete === 1 ? '' : 's'} with a payload shorter than its schema (message kept as far as it could be read).`);
  if (f.corruptBufferCount) {
    const list = f.corruptBuffers.map((c) => (c.offset >= 0 ? `buffer at byte ${c.offset}: ${c.reason}` : c.reason)).join('; ');
    notes.push(`${f.corruptBufferCount} corrupt buffer${f.corruptBufferCount === 1 ? '' : 's'}: the rest of ${f.corruptBufferCount === 1 ? 'it was' : 'each was'} skipped (${list}).`);
  }
  if (f.truncated) notes.push('the file ends inside its last buffer (an incomplete copy): events of the complete part were decoded.');
  if (f.eventsLost || f.buffersLost) notes.push(`the logger itself lost ${f.eventsLost} events and ${f.buffersLost} buffers while tracing.`);
  if (!f.decoded) {
    const why = wpp ? 'it holds only WPP events' : man || cls || f.system ? 'it holds no TraceLogging event' : f.corruptBufferCount ? 'its buffers are corrupt' : 'its buffers hold no events';
    notes.push(`no decodable event: ${why}.`);
  }
  return notes;
}

/** Writes the decoded text of one decoding (several files merged) line by line. */
export class EtlTextWriter {
  private zones: (LocalZone | undefined)[] = [];
  private lastTime: Instant | undefined;
  private firstTime: Instant | undefined;
  lines = 0;

  constructor(private readonly opts: EtlTextOptions, private readonly sink: LineSink) {}

  private note(t: Instant | undefined, bias: number, message: string): void {
    const time = t ? formatInstant(t, bias) : '1970/01/01 00:00:00.0000000';
    this.sink(formatLine(time, 0, 0, NOTE_COMPONENT, message), 0);
    this.lines++;
  }

  /** The first line: which files, and which time base. */
  begin(files: EtlFileReport[]): void {
    this.zones = files.map((f) => (this.opts.utc || !f.timeZone ? undefined : new LocalZone(f.timeZone)));
    const names = files.map((f) => f.name.replace(/^.*[\\/]/, ''));
    const list = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    const zoned = files.filter((f) => f.timeZone);
    let base: string;
    if (this.opts.utc) base = 'times are UTC';
    else if (!zoned.length) base = 'times are UTC (no file has a readable time zone)';
    else {
      const zones = [...new Set(zoned.map((f) => describeZone(f.timeZone as TimeZoneInfo)))];
      base = zones.length === 1
        ? `times are the client's local time, ${zones[0]} (time zone from the ETL header${zoned[0].timeZone?.standardName ? `: ${zoned[0].timeZone.standardName}` : ''})`
        : `times are each file's client local time (time zones from the ETL headers: ${zones.join(' / ')})`;
    }
    this.firstTime = files.map((f) => f.startTime).filter((t): t is Instant => !!t).sort((a, b) => a.ms - b.ms || a.sub - b.sub)[0];
    const t0 = this.firstTime;
    this.note(t0, t0 ? this.biasOf(0, t0) : 0, `Decoded by WU Log Lens from ${files.length} ETL file${files.length === 1 ? '' : 's'} (${list}); ${base}. Line numbers of reports point into this text.`);
  }

  private biasOf(file: number, t: Instant): number {
    const z = this.zones[file];
    return z ? z.biasAt(t.ms) : 0;
  }

  event(e: EtlEvent): void {
    const time = formatInstant(e.time, this.biasOf(e.file, e.time));
    this.sink(formatLine(time, e.pid, e.tid, e.name, e.message), e.level);
    this.lines++;
    this.lastTime = e.time;
  }

  /** The account of each file, after the last event. */
  end(files: EtlFileReport[]): void {
    const t = this.lastTime ?? this.firstTime;
    const bias = t ? this.biasOf(0, t) : 0;
    for (const f of files) for (const n of fileNotes(f)) this.note(t, bias, `${f.name.replace(/^.*[\\/]/, '')}: ${n}`);
  }
}
