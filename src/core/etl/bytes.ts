// Little-endian reads over a byte array, bounds-checked by the callers (every reader here
// knows the end of the structure it walks). 64-bit values come back as two 32-bit halves
// or as a double that is exact below 2^53.
const UTF16 = new TextDecoder('utf-16le');
const UTF8 = new TextDecoder('utf-8');

export function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

export function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}

export function i32(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
}

/** An unsigned 64-bit value as a double (exact below 2^53). */
export function u64(b: Uint8Array, o: number): number {
  return u32(b, o + 4) * 0x100000000 + u32(b, o);
}

/** A signed 64-bit value as a double (exact within ±2^53). */
export function i64(b: Uint8Array, o: number): number {
  return i32(b, o + 4) * 0x100000000 + u32(b, o);
}

/** A signed 64-bit value as text, exact. */
export function i64Text(b: Uint8Array, o: number, signed: boolean): string {
  const lo = BigInt(u32(b, o));
  const hi = BigInt(signed ? i32(b, o + 4) : u32(b, o + 4));
  return ((hi << 32n) + lo).toString();
}

const hex2 = (n: number): string => (n < 16 ? '0' : '') + n.toString(16);

/** A GUID in registry form, upper case, without braces. */
export function guid(b: Uint8Array, o: number): string {
  const d1 = u32(b, o).toString(16).padStart(8, '0');
  const d2 = u16(b, o + 4).toString(16).padStart(4, '0');
  const d3 = u16(b, o + 6).toString(16).padStart(4, '0');
  let d4 = '';
  for (let i = 8; i < 16; i++) d4 += (i === 10 ? '-' : '') + hex2(b[o + i]);
  return `${d1}-${d2}-${d3}-${d4}`.toUpperCase();
}

export function hexBytes(b: Uint8Array, start: number, end: number, max = 256): string {
  let s = '';
  const stop = Math.min(end, start + max);
  for (let i = start; i < stop; i++) s += hex2(b[i]);
  return (end > stop ? `${s}...` : s).toUpperCase();
}

/** End of a NUL-terminated UTF-16 string starting at `o` (the NUL's offset), or -1 before `end`. */
export function utf16End(b: Uint8Array, o: number, end: number): number {
  for (let i = o; i + 1 < end; i += 2) if (b[i] === 0 && b[i + 1] === 0) return i;
  return -1;
}

export function utf16(b: Uint8Array, start: number, end: number): string {
  return end > start ? UTF16.decode(b.subarray(start, end)) : '';
}

/** End of a NUL-terminated byte string (the NUL's offset), or -1 before `end`. */
export function zEnd(b: Uint8Array, o: number, end: number): number {
  const i = b.indexOf(0, o);
  return i < 0 || i >= end ? -1 : i;
}

export function utf8(b: Uint8Array, start: number, end: number): string {
  if (end <= start) return '';
  // Short ASCII (names): built directly, cheaper than a decoder call.
  if (end - start <= 64) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = b[i];
      if (c >= 0x80) return UTF8.decode(b.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return UTF8.decode(b.subarray(start, end));
}
