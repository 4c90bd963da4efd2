// Test support: writes small ETL files with known content (our own bytes, never corpus bytes):
// a first buffer with the logfile header (clock, time zone), then EVENT_HEADER records with
// TraceLogging schemas, string-only and manifest events, and WPP trace messages, packed into
// buffers of a chosen size.

export type FieldSpec =
  | { name: string; type: 'string' | 'ansi' | 'countedString'; value: string }
  | { name: string; type: 'int32' | 'uint32' | 'hex32' | 'hresult' | 'bool' | 'uint8' | 'int16'; value: number }
  | { name: string; type: 'int64' | 'uint64'; value: bigint }
  | { name: string; type: 'double'; value: number }
  | { name: string; type: 'guid'; value: string }
  | { name: string; type: 'filetime'; value: bigint }
  | { name: string; type: 'binary'; value: number[] }
  | { name: string; type: 'uint16Array'; value: number[] }
  | { name: string; type: 'int32Fixed'; value: number[] }
  | { name: string; type: 'struct'; value: FieldSpec[] };

export interface TlEvent {
  kind?: 'tl';
  /** 100-ns units after the file's start time. */
  t: number;
  pid: number;
  tid: number;
  level: number;
  name: string;
  fields: FieldSpec[];
  provider?: string;
}

export type WriterEvent =
  | TlEvent
  | { kind: 'string'; t: number; pid: number; tid: number; level: number; text: string }
  | { kind: 'manifest'; t: number; pid: number; tid: number; level: number }
  | { kind: 'wpp'; t: number; pid: number; tid: number; guid: string }
  | { kind: 'flush' };

export interface WriterOptions {
  bufferSize?: number;
  /** FILETIME of the session start. */
  startFileTime?: bigint;
  perfFreq?: number;
  /** Raw clock value at the start. */
  qpcAtStart?: number;
  /** Time zone bias (minutes, UTC = local + bias); daylight rule: US style when `dst`. */
  bias?: number;
  dst?: boolean;
  finalised?: boolean;
  pointerSize?: 4 | 8;
}

const PROVIDER_GUID = '0B7A6F19-47C4-454E-8C5C-E868D637E4D8';

class Bytes {
  private a: number[] = [];
  get length(): number { return this.a.length; }
  u8(v: number): this { this.a.push(v & 0xff); return this; }
  u16(v: number): this { return this.u8(v).u8(v >> 8); }
  u32(v: number): this { return this.u16(v & 0xffff).u16((v >>> 16) & 0xffff); }
  u64(v: bigint): this { return this.u32(Number(v & 0xffffffffn)).u32(Number((v >> 32n) & 0xffffffffn)); }
  raw(b: ArrayLike<number>): this { for (let i = 0; i < b.length; i++) this.a.push(b[i] & 0xff); return this; }
  utf8z(s: string): this { return this.raw(Buffer.from(s, 'utf8')).u8(0); }
  utf16z(s: string): this { return this.raw(Buffer.from(s, 'utf16le')).u16(0); }
  guid(g: string): this {
    const h = g.replace(/[{}-]/g, '');
    this.u32(parseInt(h.slice(0, 8), 16)).u16(parseInt(h.slice(8, 12), 16)).u16(parseInt(h.slice(12, 16), 16));
    for (let i = 16; i < 32; i += 2) this.u8(parseInt(h.slice(i, i + 2), 16));
    return this;
  }
  pad(n: number): this { while (this.a.length % n) this.a.push(0); return this; }
  zeros(n: number): this { for (let i = 0; i < n; i++) this.a.push(0); return this; }
  bytes(): number[] { return this.a; }
}

function fieldMeta(m: Bytes, f: FieldSpec): void {
  m.utf8z(f.name);
  switch (f.type) {
    case 'string': m.u8(1); break;
    case 'ansi': m.u8(2); break;
    case 'countedString': m.u8(22); break;
    case 'int32': m.u8(7); break;
    case 'uint32': m.u8(8); break;
    case 'hex32': m.u8(20); break;
    case 'hresult': m.u8(0x80 | 7).u8(15); break;
    case 'bool': m.u8(13); break;
    case 'uint8': m.u8(4); break;
    case 'int16': m.u8(5); break;
    case 'int64': m.u8(9); break;
    case 'uint64': m.u8(10); break;
    case 'double': m.u8(12); break;
    case 'guid': m.u8(15); break;
    case 'filetime': m.u8(17); break;
    case 'binary': m.u8(14); break;
    case 'uint16Array': m.u8(0x40 | 6); break;
    case 'int32Fixed': m.u8(0x20 | 7).u16(f.value.length); break;
    case 'struct':
      m.u8(0x80 | 24).u8(f.value.length);
      for (const x of f.value) fieldMeta(m, x);
      break;
  }
}

function fieldData(d: Bytes, f: FieldSpec): void {
  switch (f.type) {
    case 'string': d.utf16z(f.value); break;
    case 'ansi': d.utf8z(f.value); break;
    case 'countedString': { const b = Buffer.from(f.value, 'utf16le'); d.u16(b.length).raw(b); break; }
    case 'int32': case 'uint32': case 'hex32': case 'hresult': d.u32(f.value >>> 0); break;
    case 'bool': d.u32(f.value ? 1 : 0); break;
    case 'uint8': d.u8(f.value); break;
    case 'int16': d.u16(f.value & 0xffff); break;
    case 'int64': case 'uint64': d.u64(BigInt.asUintN(64, f.value)); break;
    case 'double': { const b = Buffer.alloc(8); b.writeDoubleLE(f.value); d.raw(b); break; }
    case 'guid': d.guid(f.value); break;
    case 'filetime': d.u64(f.value); break;
    case 'binary': d.u16(f.value.length).raw(f.value); break;
    case 'uint16Array': d.u16(f.value.length); for (const v of f.value) d.u16(v); break;
    case 'int32Fixed': for (const v of f.value) d.u32(v >>> 0); break;
    case 'struct': for (const x of f.value) fieldData(d, x); break;
  }
}

export class EtlWriter {
  private readonly events: WriterEvent[] = [];
  readonly bufferSize: number;
  readonly start: bigint;
  readonly freq: number;
  readonly qpc0: number;

  constructor(private readonly o: WriterOptions = {}) {
    this.bufferSize = o.bufferSize ?? 4096;
    this.start = o.startFileTime ?? 133901604443901846n; // 2025-04-26 12:20:44.3901846 UTC
    this.freq = o.perfFreq ?? 10_000_000;
    this.qpc0 = o.qpcAtStart ?? 144452450;
  }

  add(...e: WriterEvent[]): this {
    this.events.push(...e);
    return this;
  }

  private raw(t: number): bigint {
    return BigInt(this.qpc0) + BigInt(Math.round((t * this.freq) / 1e7));
  }

  private record(e: WriterEvent): number[] {
    if (e.kind === 'flush') return [];
    if (e.kind === 'wpp') {
      const r = new Bytes().u16(0).u8(0).u8(0x90).u16(7).u16(0x2a).guid(e.guid).u64(this.raw(e.t)).u32(e.tid).u32(e.pid).u32(42);
      const b = r.bytes();
      b[0] = b.length & 0xff;
      b[1] = b.length >> 8;
      return b;
    }
    const ext = new Bytes();
    let flags = 0;
    let data = new Bytes();
    if (e.kind === 'string') {
      flags = 4;
      data.utf16z(e.text);
    } else if (e.kind === 'manifest') {
      data.u32(1234);
    } else {
      flags = 1;
      const provider = e.provider ?? 'WUTraceLogging';
      const traits = new Bytes().u16(2 + Buffer.byteLength(provider) + 1).utf8z(provider).bytes();
      ext.u16(8 + traits.length + ((8 - ((8 + traits.length) % 8)) % 8)).u16(12).u16(1).u16(traits.length).raw(traits).pad(8);
      const meta = new Bytes().u16(0).u8(0).utf8z(e.name);
      for (const f of e.fields) fieldMeta(meta, f);
      const mb = meta.bytes();
      mb[0] = mb.length & 0xff;
      mb[1] = mb.length >> 8;
      ext.u16(8 + mb.length + ((8 - ((8 + mb.length) % 8)) % 8)).u16(11).u16(0).u16(mb.length).raw(mb).pad(8);
      data = new Bytes();
      for (const f of e.fields) fieldData(data, f);
    }
    const r = new Bytes().u16(0).u8(0x13).u8(0xc0).u16(flags).u16(0).u32(e.tid).u32(e.pid).u64(this.raw(e.t))
      .guid(PROVIDER_GUID).u16(0).u8(0).u8(11).u8(e.level).u8(0).u16(0).u64(0x800n).u64(0n).zeros(16)
      .raw(ext.bytes()).raw(data.bytes());
    const b = r.bytes();
    b[0] = b.length & 0xff;
    b[1] = b.length >> 8;
    return b;
  }

  private bufferHeader(b: Bytes, used: number, seq: number, flags: number, type: number): void {
    b.u32(this.bufferSize).u32(used).u32(used).u32(0).u64(0n).u64(BigInt(seq)).u64(0n).u8(0).u8(0).u16(0x23).u32(3).u32(used).u16(flags).u16(type).zeros(16);
  }

  private firstBuffer(): number[] {
    const ptr = this.o.pointerSize ?? 8;
    const lh = new Bytes().u32(this.bufferSize).u8(10).u8(0).u8(1).u8(5).u32(26100).u32(1)
      .u64(this.o.finalised === false ? 0n : this.start + 100000000n).u32(156250).u32(128).u32(0x11002009)
      .u32(this.o.finalised === false ? 0 : 99).u32(1).u32(ptr).u32(0).u32(3294);
    if (ptr === 8) lh.u64(9n).u64(6n); else lh.u32(9).u32(6);
    // TIME_ZONE_INFORMATION
    lh.u32(this.o.bias ?? 480).raw(Buffer.from('Test Standard Time'.padEnd(32, '\0'), 'utf16le'));
    if (this.o.dst ?? true) lh.u16(0).u16(11).u16(0).u16(1).u16(2).u16(0).u16(0).u16(0); else lh.zeros(16);
    lh.u32(0).raw(Buffer.from('Test Daylight Time'.padEnd(32, '\0'), 'utf16le'));
    if (this.o.dst ?? true) lh.u16(0).u16(3).u16(0).u16(2).u16(2).u16(0).u16(0).u16(0); else lh.zeros(16);
    lh.u32(this.o.dst ?? true ? -60 >>> 0 : 0);
    lh.pad(8).u64(this.start - 140000000n).u64(BigInt(this.freq)).u64(this.start).u32(1).u32(0).utf16z('WindowsUpdate_trace_log').utf16z('C:\\test.etl');
    const body = new Bytes().u16(2).u8(2).u8(0xc0).u16(0x20 + lh.length).u16(0).u32(1).u32(2).u64(BigInt(this.qpc0)).u32(0).u32(0).raw(lh.bytes()).pad(8);
    const b = new Bytes();
    this.bufferHeader(b, 0x48 + body.length, 0, 0x21, 4);
    b.raw(body.bytes()).pad(8);
    while (b.length < this.bufferSize) b.u32(0xffffffff);
    return b.bytes();
  }

  toBytes(): Uint8Array {
    const out: number[] = [...this.firstBuffer()];
    let cur: number[][] = [];
    let used = 0x48;
    let seq = 1;
    const flush = (): void => {
      if (!cur.length) return;
      const b = new Bytes();
      this.bufferHeader(b, used, seq++, 0x20, 0);
      for (const r of cur) b.raw(r).pad(8);
      while (b.length < this.bufferSize) b.u8(0xff);
      out.push(...b.bytes());
      cur = [];
      used = 0x48;
    };
    for (const e of this.events) {
      if (e.kind === 'flush') { flush(); continue; }
      const r = this.record(e);
      const size = (r.length + 7) & ~7;
      if (used + size > this.bufferSize) flush();
      if (0x48 + size > this.bufferSize) throw new Error('event larger than a buffer');
      cur.push(r);
      used += size;
    }
    flush();
    return Uint8Array.from(out);
  }
}

/** FILETIME of a UTC date. */
export function fileTimeOf(iso: string): bigint {
  return BigInt(Date.parse(iso)) * 10000n + 116444736000000000n;
}

/** A WU-style event (the `Info` string field, as WUTraceLogging writes it). */
export function wu(t: number, pid: number, tid: number, component: string, message: string, level = 4): TlEvent {
  return { t, pid, tid, level, name: component, fields: [{ name: 'Info', type: 'string', value: message }] };
}
