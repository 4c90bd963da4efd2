// Mojibake: UTF-8 text that a tool decoded as GBK and wrote out again as UTF-8
// (`鐨勫畨鍏ㄦ櫤鑳芥洿鏂` for `的安全智能更新`). Re-encoding the characters as GBK gives back
// the original UTF-8 bytes; real Chinese text re-encoded that way is almost never valid UTF-8.

let gbkReverse: Map<number, number> | undefined;

/** UTF-16 code unit -> GBK double-byte value, built once from TextDecoder('gbk') on first use. */
function reverseMap(): Map<number, number> {
  if (gbkReverse) return gbkReverse;
  const map = new Map<number, number>();
  const decoder = new TextDecoder('gbk');
  // One row per lead byte: each pair followed by LF, so an invalid pair cannot shift the others.
  const row = new Uint8Array(190 * 3);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    let k = 0;
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      row[k++] = lead;
      row[k++] = trail;
      row[k++] = 10;
    }
    const parts = decoder.decode(row.subarray(0, k)).split('\n');
    let trail = 0x40;
    for (const part of parts) {
      if (trail === 0x7f) trail++;
      if (trail > 0xfe) break;
      if (part.length === 1 && part !== '\ufffd' && !map.has(part.charCodeAt(0))) map.set(part.charCodeAt(0), (lead << 8) | trail);
      trail++;
    }
  }
  gbkReverse = map;
  return map;
}

/** A run of characters from the CJK blocks GBK covers (and the odd symbols mojibake produces). */
const CJK_RUN = /[\u00A4-\u00FC\u0391-\u0451\u2010-\u2642\u2E80-\u9FFF\uE000-\uF8FF\uF900-\uFAFF\uFE30-\uFFEF]+[\uFFFD?]?/g;

/** The run ends with the writer's replacement for a byte it could not decode. */
function endsLost(run: string): boolean {
  const c = run.charCodeAt(run.length - 1);
  return c === 0xfffd || c === 63;
}

/** Re-encodes `s` as GBK; undefined when a character has no GBK form. */
function toGbkBytes(s: string): Uint8Array | undefined {
  const map = reverseMap();
  const out = new Uint8Array(s.length * 2);
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out[k++] = c;
      continue;
    }
    const b = map.get(c);
    if (b === undefined) return undefined;
    out[k++] = b >> 8;
    out[k++] = b & 0xff;
  }
  return out.subarray(0, k);
}

const utf8 = new TextDecoder('utf-8');

/**
 * The GBK bytes of a run decode as UTF-8 to mostly CJK text. Real logs lose bytes (a converter
 * replaced what it could not map), so a few U+FFFD are tolerated; genuine Chinese re-encoded
 * this way decodes to almost nothing but U+FFFD.
 */
function runIsMojibake(run: string): boolean {
  if (endsLost(run)) run = run.slice(0, -1);
  if (run.length < 2) return false;
  const bytes = toGbkBytes(run);
  if (!bytes) return false;
  const text = utf8.decode(bytes);
  let cjk = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c >= 0x3000 && c <= 0x9fff) cjk++;
  }
  return cjk >= 2 && cjk >= bad;
}

/** Counts the CJK runs of `s` that are GBK-read UTF-8 (`yes`) and those that are not (`no`). */
export function mojibakeRuns(s: string): { yes: number; no: number } {
  CJK_RUN.lastIndex = 0;
  let yes = 0;
  let no = 0;
  let m: RegExpExecArray | null;
  while ((m = CJK_RUN.exec(s)) !== null && yes + no < 50) {
    if (runIsMojibake(m[0])) yes++;
    else no++;
  }
  return { yes, no };
}

/** True when `s` holds CJK runs that are GBK-read UTF-8 (at least as many as genuine ones). */
export function hasMojibake(s: string): boolean {
  const r = mojibakeRuns(s);
  return r.yes > 0 && r.yes >= r.no;
}

/** A short run cut by a lost byte: its GBK bytes are the start of one UTF-8 sequence. */
function isCutPrefix(run: string): boolean {
  if (!endsLost(run)) return false;
  const bytes = toGbkBytes(run.slice(0, -1));
  if (!bytes || bytes.length === 0 || bytes.length > 3) return false;
  if (bytes[0] < 0xe0 || bytes[0] > 0xef) return false;
  for (let i = 1; i < bytes.length; i++) if ((bytes[i] & 0xc0) !== 0x80) return false;
  return true;
}

/**
 * Undoes GBK mojibake in `s`: each mojibake run is re-encoded to GBK and decoded as UTF-8.
 * Characters whose bytes were lost come out as U+FFFD. Undefined when nothing was repaired.
 */
export function repairMojibake(s: string): string | undefined {
  if (!hasMojibake(s)) return undefined;
  CJK_RUN.lastIndex = 0;
  return s.replace(CJK_RUN, (run) => {
    if (!runIsMojibake(run) && !isCutPrefix(run)) return run;
    // A trailing U+FFFD or `?` is the byte the writer lost: the cut sequence decodes to U+FFFD already.
    const lost = endsLost(run);
    const bytes = toGbkBytes(lost ? run.slice(0, -1) : run);
    if (!bytes) return run;
    const text = utf8.decode(bytes);
    return lost && !text.endsWith('\ufffd') ? text + '\ufffd' : text;
  });
}
