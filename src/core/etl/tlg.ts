// TraceLogging: the self-describing event schema (extended data item
// EVENT_HEADER_EXT_TYPE_EVENT_SCHEMA_TL) and the payload it describes. Metadata layout, as
// TraceLoggingProvider.h documents it: UINT16 size, tag bytes (0x80 chains the next), the event
// name (NUL-terminated UTF-8), then per field: name, in-type byte (0x80: an out-type byte
// follows, itself chaining field tags with 0x80; 0x20: a constant array count UINT16 follows;
// 0x40: the payload holds a UINT16 count; 0x60: custom schema), structs by in-type 24 with the
// member count in the out-type byte.
import { guid, hexBytes, i32, i64Text, u16, u32, u64, utf16, utf16End, utf8, zEnd } from './bytes';

export const enum In {
  Null = 0, UnicodeString = 1, AnsiString = 2, Int8 = 3, UInt8 = 4, Int16 = 5, UInt16 = 6, Int32 = 7, UInt32 = 8,
  Int64 = 9, UInt64 = 10, Float = 11, Double = 12, Bool32 = 13, Binary = 14, Guid = 15, FileTime = 17,
  SystemTime = 18, Sid = 19, HexInt32 = 20, HexInt64 = 21, CountedString = 22, CountedAnsiString = 23,
  Struct = 24, CountedBinary = 25,
}

export const enum Out {
  String = 2, Boolean = 3, Hex = 4, Win32Error = 13, NtStatus = 14, HResult = 15, Ipv4 = 8, Port = 7, Utf8 = 35,
}

export interface TlgField {
  name: string;
  inType: number;
  outType: number;
  /** 'const': `count` elements; 'var': UINT16 count in the payload; 'custom': UINT16 size + opaque bytes. */
  array: 'none' | 'const' | 'var' | 'custom';
  count: number;
  members?: TlgField[];
}

export interface TlgSchema {
  name: string;
  fields: TlgField[];
}

const MAX_FIELDS = 512;
const MAX_DEPTH = 8;
/** Values decoded per event at most (arrays of empty structs could otherwise multiply). */
const MAX_VALUES = 10000;

/** Parses TraceLogging event metadata; a string says why it cannot be read. */
export function parseSchema(b: Uint8Array, start: number, end: number): TlgSchema | string {
  if (end - start < 4) return 'schema too short';
  const size = u16(b, start);
  if (size < 4 || start + size > end) return 'schema size outside its item';
  const stop = start + size;
  let p = start + 2;
  for (let i = 0; i < 4 && p < stop; i++) if ((b[p++] & 0x80) === 0) break;
  const nameEnd = zEnd(b, p, stop);
  if (nameEnd < 0) return 'event name not terminated';
  const name = utf8(b, p, nameEnd);
  p = nameEnd + 1;
  const flat: TlgField[] = [];
  while (p < stop) {
    if (flat.length >= MAX_FIELDS) return 'too many fields';
    const fe = zEnd(b, p, stop);
    if (fe < 0 || fe + 1 >= stop) return 'field not terminated';
    const fname = utf8(b, p, fe);
    p = fe + 1;
    const inByte = b[p++];
    let outType = 0;
    if (inByte & 0x80) {
      if (p >= stop) return 'out-type missing';
      const outByte = b[p++];
      outType = outByte & 0x7f;
      if (outByte & 0x80) for (let i = 0; i < 4; i++) { if (p >= stop) return 'field tags cut short'; if ((b[p++] & 0x80) === 0) break; }
    }
    const flags = inByte & 0x60;
    const field: TlgField = { name: fname, inType: inByte & 0x1f, outType, array: 'none', count: 0 };
    if (flags === 0x20) {
      if (p + 2 > stop) return 'array count cut short';
      field.array = 'const';
      field.count = u16(b, p);
      p += 2;
    } else if (flags === 0x40) {
      field.array = 'var';
    } else if (flags === 0x60) {
      if (p + 2 > stop) return 'custom schema cut short';
      const n = u16(b, p);
      p += 2 + n;
      if (p > stop) return 'custom schema cut short';
      field.array = 'custom';
    }
    if (field.inType === In.Struct && field.array !== 'custom' && !(inByte & 0x80)) return 'struct without member count';
    flat.push(field);
  }
  const pos = { i: 0 };
  const fields: TlgField[] = [];
  while (pos.i < flat.length) {
    const f = nest(flat, pos, 0);
    if (typeof f === 'string') return f;
    fields.push(f);
  }
  return { name, fields };
}

/** Gathers a struct's members (the fields after it, as many as its out-type byte says). */
function nest(flat: TlgField[], pos: { i: number }, depth: number): TlgField | string {
  const f = flat[pos.i++];
  if (f.inType !== In.Struct || f.array === 'custom') return f;
  if (depth >= MAX_DEPTH) return 'structs nested too deep';
  const n = f.outType;
  f.outType = 0;
  f.members = [];
  for (let k = 0; k < n; k++) {
    if (pos.i >= flat.length) return 'struct has fewer members than it says';
    const m = nest(flat, pos, depth + 1);
    if (typeof m === 'string') return m;
    f.members.push(m);
  }
  return f;
}

/** Thrown inside the payload decoder when a value runs past the event's end. */
class Short extends Error {}

interface Cursor {
  b: Uint8Array;
  p: number;
  end: number;
  values: number;
}

function need(c: Cursor, n: number): number {
  const at = c.p;
  if (at + n > c.end) throw new Short();
  c.p += n;
  return at;
}

const hex32 = (v: number): string => `0x${(v >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

function fileTimeText(b: Uint8Array, o: number): string {
  const ft = (BigInt(u32(b, o + 4)) << 32n) | BigInt(u32(b, o));
  const ms = Number((ft - 116444736000000000n) / 10000n);
  return ms > -6e13 && ms < 2.5e14 ? new Date(ms).toISOString() : ft.toString();
}

function scalar(c: Cursor, f: TlgField): string {
  const b = c.b;
  const out = f.outType;
  switch (f.inType) {
    case In.Null: return '';
    case In.UnicodeString: {
      const e = utf16End(b, c.p, c.end);
      if (e < 0) throw new Short();
      const s = utf16(b, c.p, e);
      c.p = e + 2;
      return s;
    }
    case In.AnsiString: {
      const e = zEnd(b, c.p, c.end);
      if (e < 0) throw new Short();
      const s = utf8(b, c.p, e);
      c.p = e + 1;
      return s;
    }
    case In.Int8: { const v = b[need(c, 1)]; return String(v > 127 ? v - 256 : v); }
    case In.UInt8: {
      const v = b[need(c, 1)];
      return out === Out.Boolean ? String(v !== 0) : out === Out.Hex ? `0x${v.toString(16).toUpperCase()}` : out === Out.String ? String.fromCharCode(v) : String(v);
    }
    case In.Int16: { const v = u16(b, need(c, 2)); return String(v > 32767 ? v - 65536 : v); }
    case In.UInt16: {
      const o = need(c, 2);
      if (out === Out.Port) return String((b[o] << 8) | b[o + 1]);
      const v = u16(b, o);
      return out === Out.Hex ? `0x${v.toString(16).toUpperCase()}` : out === Out.String ? String.fromCharCode(v) : String(v);
    }
    case In.Int32: {
      const o = need(c, 4);
      if (out === Out.HResult || out === Out.NtStatus || out === Out.Win32Error || out === Out.Hex) return hex32(u32(b, o));
      return String(i32(b, o));
    }
    case In.UInt32: case In.HexInt32: {
      const o = need(c, 4);
      if (out === Out.Ipv4) return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
      if (out === Out.Boolean) return String(u32(b, o) !== 0);
      if (f.inType === In.HexInt32 || out === Out.Hex || out === Out.HResult || out === Out.NtStatus || out === Out.Win32Error) return hex32(u32(b, o));
      return String(u32(b, o));
    }
    case In.Int64: return i64Text(b, need(c, 8), true);
    case In.UInt64: case In.HexInt64: {
      const o = need(c, 8);
      if (f.inType === In.HexInt64 || out === Out.Hex) return `0x${(u64(b, o) < 2 ** 53 ? u64(b, o) : BigInt(i64Text(b, o, false))).toString(16).toUpperCase()}`;
      return i64Text(b, o, false);
    }
    case In.Float: return String(new DataView(b.buffer, b.byteOffset + need(c, 4), 4).getFloat32(0, true));
    case In.Double: return String(new DataView(b.buffer, b.byteOffset + need(c, 8), 8).getFloat64(0, true));
    case In.Bool32: return String(u32(b, need(c, 4)) !== 0);
    case In.Guid: return `{${guid(b, need(c, 16))}}`;
    case In.FileTime: return fileTimeText(b, need(c, 8));
    case In.SystemTime: {
      const o = need(c, 16);
      const v = (k: number): string => String(u16(b, o + k * 2)).padStart(2, '0');
      return `${u16(b, o)}-${v(1)}-${v(3)} ${v(4)}:${v(5)}:${v(6)}.${String(u16(b, o + 14)).padStart(3, '0')}`;
    }
    case In.Sid: {
      const o = need(c, 8);
      const n = b[o + 1];
      const subs = need(c, 4 * n);
      let auth = 0;
      for (let i = 2; i < 8; i++) auth = auth * 256 + b[o + i];
      let s = `S-${b[o]}-${auth}`;
      for (let i = 0; i < n; i++) s += `-${u32(b, subs + 4 * i)}`;
      return s;
    }
    case In.Binary: case In.CountedBinary: {
      const n = u16(b, need(c, 2));
      const o = need(c, n);
      return hexBytes(b, o, o + n);
    }
    case In.CountedString: {
      const n = u16(b, need(c, 2));
      const o = need(c, n);
      return utf16(b, o, o + (n & ~1));
    }
    case In.CountedAnsiString: {
      const n = u16(b, need(c, 2));
      const o = need(c, n);
      return utf8(b, o, o + n);
    }
    default:
      throw new Short();
  }
}

function one(c: Cursor, f: TlgField): string {
  if (++c.values > MAX_VALUES) throw new Short();
  if (f.members) return `{${f.members.map((m) => `${m.name}=${value(c, m)}`).join('; ')}}`;
  return scalar(c, f);
}

function value(c: Cursor, f: TlgField): string {
  if (f.array === 'none') return one(c, f);
  if (f.array === 'custom') {
    const n = u16(c.b, need(c, 2));
    const o = need(c, n);
    return hexBytes(c.b, o, o + n);
  }
  const n = f.array === 'const' ? f.count : u16(c.b, need(c, 2));
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(one(c, f));
  return `[${parts.join(', ')}]`;
}

const STRINGS = new Set<number>([In.UnicodeString, In.AnsiString, In.CountedString, In.CountedAnsiString]);

/** The message of an event: the value of its one string field, else `name=value; ...`. */
export function decodePayload(schema: TlgSchema, b: Uint8Array, start: number, end: number): { message: string; complete: boolean } {
  const c: Cursor = { b, p: start, end, values: 0 };
  const fs = schema.fields;
  if (fs.length === 1 && fs[0].array === 'none' && STRINGS.has(fs[0].inType)) {
    try {
      return { message: scalar(c, fs[0]), complete: true };
    } catch {
      return { message: '', complete: false };
    }
  }
  const parts: string[] = [];
  try {
    for (const f of fs) parts.push(`${f.name}=${value(c, f)}`);
  } catch {
    return { message: parts.join('; '), complete: false };
  }
  return { message: parts.join('; '), complete: true };
}
