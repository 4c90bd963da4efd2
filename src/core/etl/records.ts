// The events of one ETW buffer. Every record starts with a 4-byte marker whose third byte is
// the header type and whose fourth byte carries the flags 0xC0 (TRACE_HEADER_FLAG |
// TRACE_HEADER_EVENT_TRACE) or 0x90 for WPP trace messages. EVENT_HEADER records (types 0x12 and
// 0x13, the layout of evntcons.h's EVENT_HEADER, 0x50 bytes) carry extended data items: the
// provider traits (type 12, the provider name) and the TraceLogging schema (type 11).
import { guid, u16, u32, utf16, utf16End, utf8, zEnd } from './bytes';

export const EXT_SCHEMA_TL = 11;
export const EXT_PROV_TRAITS = 12;
const EVENT_HEADER_SIZE = 0x50;
const MAX_EXT_ITEMS = 64;

/** A decoded EVENT_HEADER record (offsets into the buffer's bytes). */
export interface RawEvent {
  pid: number;
  tid: number;
  tsHi: number;
  tsLo: number;
  /** Offset of the provider GUID (read with `guid` when needed). */
  providerAt: number;
  providerName?: string;
  level: number;
  eventId: number;
  flags: number;
  /** TraceLogging metadata range, when present. */
  schemaStart: number;
  schemaEnd: number;
  dataStart: number;
  dataEnd: number;
}

export type RecordVisit =
  | { kind: 'event'; event: RawEvent }
  | { kind: 'wpp'; providerId?: string }
  | { kind: 'classic'; providerId?: string }
  | { kind: 'system'; housekeeping: boolean };

/** Size fields of the system and perfinfo headers sit after a version word, the others at the start. */
const SIZE_AT_4 = new Set([1, 2, 3, 4, 16, 17]);
/** Header types walk knows (see ntwmi.h's TRACE_HEADER_TYPE_*). */
const MIN_SIZE: Record<number, number> = { 1: 0x20, 2: 0x20, 3: 0x18, 4: 0x18, 10: 0x30, 11: 0x30, 16: 0x10, 17: 0x10, 18: EVENT_HEADER_SIZE, 19: EVENT_HEADER_SIZE, 20: 0x30, 21: 0x30 };

/**
 * Walks the records of the used part of a buffer, `[start, end)`. Returns undefined when the
 * walk reached the end cleanly, or the offset and reason where the records stopped making sense.
 */
export function walkBuffer(b: Uint8Array, start: number, end: number, visit: (r: RecordVisit) => void): { at: number; reason: string } | undefined {
  let p = start;
  while (p + 4 <= end) {
    const marker = u32(b, p);
    if (marker === 0xffffffff || marker === 0) return undefined; // padding after the last event
    const type = b[p + 2];
    const flags = b[p + 3];
    let size: number;
    if ((flags & 0xd0) === 0x90) {
      // WPP (TraceMessage): UINT16 size, marker, message number, option flags, then the optional fields.
      size = u16(b, p);
      if (size < 8 || p + size > end) return { at: p, reason: `WPP record size ${size} runs past the buffer` };
      visit({ kind: 'wpp', providerId: wppProvider(b, p, p + size) });
    } else if ((flags & 0xc0) === 0xc0 && MIN_SIZE[type] !== undefined) {
      if (p + 8 > end) return { at: p, reason: 'record header cut short' };
      size = SIZE_AT_4.has(type) ? u16(b, p + 4) : u16(b, p);
      if (size < MIN_SIZE[type] || p + size > end) return { at: p, reason: `record size ${size} impossible for header type ${type}` };
      if (type === 18 || type === 19) {
        const ev = readEvent(b, p, p + size);
        if (typeof ev === 'string') return { at: p, reason: ev };
        visit({ kind: 'event', event: ev });
      } else if (SIZE_AT_4.has(type)) {
        visit({ kind: 'system', housekeeping: b[p + 7] === 0 });
      } else {
        visit({ kind: 'classic', providerId: guid(b, p + 0x18) });
      }
    } else {
      return { at: p, reason: `unknown record marker 0x${marker.toString(16).padStart(8, '0')}` };
    }
    p += (size + 7) & ~7;
  }
  return undefined;
}

function wppProvider(b: Uint8Array, p: number, end: number): string | undefined {
  const opt = u16(b, p + 6);
  let q = p + 8;
  if (opt & 1) q += 4; // sequence number
  if (opt & 2 && q + 16 <= end) return guid(b, q);
  return undefined;
}

function readEvent(b: Uint8Array, p: number, end: number): RawEvent | string {
  const flags = u16(b, p + 4);
  const ev: RawEvent = {
    pid: u32(b, p + 12),
    tid: u32(b, p + 8),
    tsLo: u32(b, p + 16),
    tsHi: u32(b, p + 20),
    providerAt: p + 24,
    eventId: u16(b, p + 40),
    level: b[p + 44],
    flags,
    schemaStart: 0,
    schemaEnd: 0,
    dataStart: p + EVENT_HEADER_SIZE,
    dataEnd: end,
  };
  if (flags & 1) {
    let q = p + EVENT_HEADER_SIZE;
    for (let n = 0; ; n++) {
      if (n >= MAX_EXT_ITEMS) return 'too many extended data items';
      if (q + 8 > end) return 'extended data item cut short';
      const itemSize = u16(b, q);
      const extType = u16(b, q + 2);
      const linkage = u16(b, q + 4) & 1;
      const dataSize = u16(b, q + 6);
      if (itemSize < 8 + dataSize || q + itemSize > end) return `extended data item of size ${itemSize} does not fit`;
      const d = q + 8;
      if (extType === EXT_SCHEMA_TL) {
        ev.schemaStart = d;
        ev.schemaEnd = d + dataSize;
      } else if (extType === EXT_PROV_TRAITS && dataSize > 2) {
        const nameEnd = zEnd(b, d + 2, d + dataSize);
        if (nameEnd > d + 2) ev.providerName = utf8(b, d + 2, nameEnd);
      }
      q += (itemSize + 7) & ~7;
      if (!linkage) break;
    }
    ev.dataStart = Math.min(q, end);
  }
  return ev;
}

/** The text of a string-only event (EventWriteString): one NUL-terminated UTF-16 string. */
export function stringOnlyText(b: Uint8Array, start: number, end: number): string {
  const e = utf16End(b, start, end);
  return utf16(b, start, e < 0 ? end - ((end - start) & 1) : e);
}
