// The ETL file's structure above the events: WMI_BUFFER_HEADER (0x48 bytes) at the start of
// every buffer, and the TRACE_LOGFILE_HEADER carried by the first event of the first buffer
// (a system trace header, hook 0x0000): buffer size, clock, start time, time zone.
import { i32, u16, u32, utf16, utf16End } from './bytes';
import { Clock, type ClockKind, instantOfFileTime, type Instant, type TimeZoneInfo, type TransitionRule } from './time';

export const BUFFER_HEADER_SIZE = 0x48;
/** Sizes an ETW buffer can have (the logger's limit is far below the upper bound). */
export const MIN_BUFFER_SIZE = 0x100;
export const MAX_BUFFER_SIZE = 64 * 1024 * 1024;

export interface BufferHeader {
  bufferSize: number;
  /** End of the used part of the buffer (SavedOffset). */
  savedOffset: number;
  sequence: number;
  processor: number;
  flags: number;
  bufferType: number;
}

/** Reads a WMI_BUFFER_HEADER, or says why it is not one. */
export function readBufferHeader(b: Uint8Array, o: number, available: number): BufferHeader | string {
  if (available < BUFFER_HEADER_SIZE) return 'shorter than a buffer header';
  const bufferSize = u32(b, o);
  const savedOffset = u32(b, o + 4);
  if (bufferSize < MIN_BUFFER_SIZE || bufferSize > MAX_BUFFER_SIZE || bufferSize % 8 !== 0) return `impossible buffer size ${bufferSize}`;
  if (savedOffset < BUFFER_HEADER_SIZE || savedOffset > bufferSize) return `used size ${savedOffset} outside the buffer`;
  return {
    bufferSize,
    savedOffset,
    sequence: u32(b, o + 0x18),
    processor: b[o + 0x28],
    flags: u16(b, o + 0x34),
    bufferType: u16(b, o + 0x36),
  };
}

export interface LogfileHeader {
  bufferSize: number;
  /** Windows version of the client (major.minor.build). */
  osVersion: string;
  endTime?: Instant;
  startTime?: Instant;
  bootTime?: Instant;
  buffersWritten: number;
  eventsLost: number;
  buffersLost: number;
  pointerSize: number;
  clock: Clock;
  clockKind: ClockKind;
  perfFreq: number;
  timeZone: TimeZoneInfo;
  loggerName: string;
  logFileName: string;
  logFileMode: number;
}

function readRule(b: Uint8Array, o: number): TransitionRule {
  return { year: u16(b, o), month: u16(b, o + 2), dayOfWeek: u16(b, o + 4), day: u16(b, o + 6), hour: u16(b, o + 8), minute: u16(b, o + 10), second: u16(b, o + 12) };
}

function wideName(b: Uint8Array, o: number, chars: number): string {
  const end = utf16End(b, o, o + chars * 2);
  return utf16(b, o, end < 0 ? o + chars * 2 : end);
}

function fileTime(b: Uint8Array, o: number): bigint {
  return (BigInt(u32(b, o + 4)) << 32n) | BigInt(u32(b, o));
}

/**
 * Reads the logfile header from the first buffer (`b` holds it from offset 0, `end` is its
 * used size). Returns a reason when the first event is not that header.
 */
export function readLogfileHeader(b: Uint8Array, end: number): LogfileHeader | string {
  const p = BUFFER_HEADER_SIZE;
  if (end < p + 0x20) return 'the first buffer holds no event';
  const type = b[p + 2];
  const marker = b[p + 3];
  if ((marker & 0xc0) !== 0xc0 || (type !== 1 && type !== 2)) return 'the first event is not a trace logfile header';
  const size = u16(b, p + 4);
  const hook = u16(b, p + 6);
  if (hook !== 0) return 'the first event is not a trace logfile header';
  // SYSTEM_TRACE_HEADER: 0x20 bytes in both the 32- and 64-bit forms.
  const h = p + 0x20;
  const recEnd = Math.min(end, p + size);
  const pointerSize = u32(b, h + 0x2c);
  if (pointerSize !== 4 && pointerSize !== 8) return `the logfile header has an impossible pointer size (${pointerSize})`;
  const tz = h + 0x38 + 2 * pointerSize;
  const after = tz + 172;
  const boot = after + ((8 - (after % 8)) % 8);
  if (boot + 0x20 > recEnd) return 'the logfile header is cut short';
  const rawTimestampLo = u32(b, p + 0x10);
  const rawTimestampHi = u32(b, p + 0x14);
  const perfFreqBig = fileTime(b, boot + 8);
  const perfFreq = Number(perfFreqBig);
  const start = fileTime(b, boot + 16);
  const reserved = u32(b, boot + 24);
  const cpuMHz = u32(b, h + 0x34);
  let clockKind: ClockKind = reserved === 2 ? 'systemTime' : reserved === 3 ? 'cpuCycles' : 'qpc';
  let ticks = clockKind === 'cpuCycles' ? cpuMHz * 1e6 : perfFreq;
  if (clockKind !== 'systemTime' && !(ticks > 0 && ticks < 1e13)) {
    if (clockKind === 'qpc' && perfFreq === 0) {
      clockKind = 'systemTime';
      ticks = 1e7;
    } else return `the logfile header has an impossible clock frequency (${clockKind === 'cpuCycles' ? `${cpuMHz} MHz` : perfFreq})`;
  }
  if (start <= 0n) return 'the logfile header has no start time';
  // The header event's own stamp is the raw clock value at StartTime (system time: StartTime itself).
  const refLo = clockKind === 'systemTime' ? Number(start & 0xffffffffn) : rawTimestampLo;
  const refHi = clockKind === 'systemTime' ? Number(start >> 32n) : rawTimestampHi;
  const clock = new Clock(clockKind, refHi, refLo, start, ticks);
  const timeZone: TimeZoneInfo = {
    bias: i32(b, tz),
    standardName: wideName(b, tz + 4, 32),
    standardDate: readRule(b, tz + 68),
    standardBias: i32(b, tz + 84),
    daylightName: wideName(b, tz + 88, 32),
    daylightDate: readRule(b, tz + 152),
    daylightBias: i32(b, tz + 168),
  };
  if (Math.abs(timeZone.bias) > 24 * 60 || Math.abs(timeZone.standardBias) > 24 * 60 || Math.abs(timeZone.daylightBias) > 24 * 60) {
    timeZone.bias = 0;
    timeZone.standardBias = 0;
    timeZone.daylightBias = 0;
    timeZone.daylightDate.month = 0;
  }
  // The logger and file names follow the fixed part, when present.
  let q = boot + 0x20;
  let loggerName = '';
  let logFileName = '';
  const ln = utf16End(b, q, recEnd);
  if (ln >= 0) {
    loggerName = utf16(b, q, ln);
    q = ln + 2;
    const fn = utf16End(b, q, recEnd);
    if (fn >= 0) logFileName = utf16(b, q, fn);
  }
  const endTime = fileTime(b, h + 0x10);
  return {
    bufferSize: u32(b, h),
    osVersion: `${b[h + 4]}.${b[h + 5]}.${u32(b, h + 8)}`,
    endTime: instantOfFileTime(endTime),
    startTime: instantOfFileTime(start),
    bootTime: instantOfFileTime(fileTime(b, boot)),
    buffersWritten: u32(b, h + 0x24),
    eventsLost: u32(b, h + 0x30),
    buffersLost: u32(b, boot + 28),
    pointerSize,
    clock,
    clockKind,
    perfFreq,
    timeZone,
    loggerName,
    logFileName,
    logFileMode: u32(b, h + 0x20),
  };
}
