// A small zip writer for the tests: ordinary archives, and archives that fight back (names with
// `../`, encrypted flags, lying sizes, shared data, a damaged central directory), which no
// well-behaved zip library will write.
import * as zlib from 'node:zlib';

export interface ForgeEntry {
  name: string;
  data?: Uint8Array | string;
  /** Deflate (default) or store. */
  method?: 0 | 8 | number;
  /** Overrides, for hostile archives. */
  encrypted?: boolean;
  declaredSize?: number;
  /** Reuse the data (and local header) of an earlier entry: its index. */
  sameDataAs?: number;
  /** The name as raw bytes (e.g. backslashes, invalid UTF-8). */
  rawName?: Uint8Array;
}

export interface ForgeOptions {
  /** Write garbage over the central directory record of this entry (0-based). */
  corruptCentralAt?: number;
  /** Announce more entries than written. */
  extraCount?: number;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n & 0xffff);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

export function forgeZip(entries: ForgeEntry[], opts: ForgeOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const placed: { offset: number; crc: number; csize: number; size: number; method: number }[] = [];
  let offset = 0;
  for (const [i, e] of entries.entries()) {
    const name = e.rawName ? Buffer.from(e.rawName) : Buffer.from(e.name, 'utf8');
    const flags = (e.encrypted ? 1 : 0) | (e.rawName ? 0 : 0x800);
    let at: (typeof placed)[number];
    if (e.sameDataAs !== undefined) {
      at = placed[e.sameDataAs];
    } else {
      const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data ?? new Uint8Array(0));
      const method = e.method ?? 8;
      const body = method === 8 ? zlib.deflateRawSync(raw) : raw;
      const crc = zlib.crc32(raw);
      const size = e.declaredSize ?? raw.length;
      const local = Buffer.concat([u32(0x04034b50), u16(20), u16(flags), u16(method), u16(0), u16(0), u32(crc), u32(body.length), u32(size), u16(name.length), u16(0), name, body]);
      at = { offset, crc, csize: body.length, size, method };
      locals.push(local);
      offset += local.length;
    }
    placed.push(at);
    let rec = Buffer.concat([
      u32(0x02014b50), u16(20), u16(20), u16(flags), u16(at.method), u16(0), u16(0), u32(at.crc), u32(at.csize), u32(at.size),
      u16(name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(at.offset), name,
    ]);
    if (opts.corruptCentralAt === i) rec = Buffer.from(rec.map((b, k) => (k < 4 ? 0x55 : b)));
    central.push(rec);
  }
  const cd = Buffer.concat(central);
  const count = entries.length + (opts.extraCount ?? 0);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(cd.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, cd, end]);
}
