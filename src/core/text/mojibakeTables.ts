// Reverse tables for the two code pages whose mojibake we undo: for each character a Windows
// tool (or a WHATWG decoder) produces when it reads bytes as GBK (code page 936) or Shift-JIS
// (code page 932), the byte sequences that decode to it. Built once, on first use, by decoding
// every single byte and every lead/trail pair with iconv-lite (its tables follow the Windows
// code pages). Several byte pairs can decode to one character (the NEC and IBM rows of
// Shift-JIS, `€` at 0x80 and 0xA2E3 of GBK): all are kept, the repair tries each.
import * as iconv from 'iconv-lite';

export type MojibakeEncoding = 'gbk' | 'shift_jis';

export interface ReverseTable {
  encoding: MojibakeEncoding;
  /** UTF-16 code unit → byte sequences, each packed as `len << 16 | b0 << 8 | b1`. */
  bytes: Map<number, number[]>;
}

interface Layout {
  iconvName: string;
  isLead: (b: number) => boolean;
  isTrail: (b: number) => boolean;
}

const LAYOUTS: Record<MojibakeEncoding, Layout> = {
  gbk: { iconvName: 'gbk', isLead: (b) => b >= 0x81 && b <= 0xfe, isTrail: (b) => b >= 0x40 && b <= 0xfe && b !== 0x7f },
  shift_jis: {
    iconvName: 'cp932',
    isLead: (b) => (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc),
    isTrail: (b) => b >= 0x40 && b <= 0xfc && b !== 0x7f,
  },
};

const tables = new Map<MojibakeEncoding, ReverseTable>();

function add(map: Map<number, number[]>, ch: string, packed: number): void {
  if (ch.length !== 1 || ch === '\ufffd') return;
  const c = ch.charCodeAt(0);
  if (c < 0x80) return;
  const list = map.get(c);
  if (!list) map.set(c, [packed]);
  else if (!list.includes(packed)) list.push(packed);
}

function build(encoding: MojibakeEncoding): ReverseTable {
  const { iconvName, isLead, isTrail } = LAYOUTS[encoding];
  const map = new Map<number, number[]>();
  for (let b = 0x80; b <= 0xff; b++) {
    if (!isLead(b)) add(map, iconv.decode(Buffer.from([b]), iconvName), (1 << 16) | (b << 8));
  }
  // One row per lead byte, each pair followed by LF (never a trail byte), decoded at once.
  const row = Buffer.alloc(256 * 3);
  for (let lead = 0x80; lead <= 0xff; lead++) {
    if (!isLead(lead)) continue;
    const trails: number[] = [];
    let k = 0;
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (!isTrail(trail)) continue;
      trails.push(trail);
      row[k++] = lead;
      row[k++] = trail;
      row[k++] = 10;
    }
    const parts = iconv.decode(row.subarray(0, k), iconvName).split('\n');
    for (let i = 0; i < trails.length && i < parts.length; i++) add(map, parts[i], (2 << 16) | (lead << 8) | trails[i]);
  }
  return { encoding, bytes: map };
}

/** The reverse table of `encoding`, built on first use (about 30 ms). */
export function reverseTable(encoding: MojibakeEncoding): ReverseTable {
  let t = tables.get(encoding);
  if (!t) {
    t = build(encoding);
    tables.set(encoding, t);
  }
  return t;
}

/** The first byte pair (or byte) of `c` in the table, packed; undefined when it has none. */
export function firstBytes(t: ReverseTable, c: number): number | undefined {
  return t.bytes.get(c)?.[0];
}
