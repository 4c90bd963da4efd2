// Reads one code the way people and logs write it: 0x800F0988, 800f0988, [800706BE],
// resultMapped=800F0988, signed decimal -2147024891, unsigned decimal 2147942405.

const MAX_INPUT = 64; // longer text is not a single code; refuse it without scanning

/** Unsigned 32-bit value, or undefined when `text` is not one code. */
export function parseCode(text: string): number | undefined {
  if (typeof text !== 'string' || text.length > MAX_INPUT) return undefined;
  let t = text.trim();
  let bracketed = false;
  const br = /^\[\s*([^\]]*?)\s*\]$/.exec(t);
  if (br) {
    t = br[1];
    bracketed = true;
  }
  const key = /^[A-Za-z][A-Za-z0-9_]*\s*[=:]\s*(.+)$/.exec(t); // resultMapped=800F0988, hr: 0x...
  let keyed = false;
  if (key) {
    t = key[1].trim();
    keyed = true;
  }
  const hex = /^0[xX]([0-9A-Fa-f]{1,8})$/.exec(t);
  if (hex) return parseInt(hex[1], 16) >>> 0;
  const signed = /^-(\d{1,10})$/.exec(t);
  if (signed) {
    const n = Number(signed[1]);
    return n <= 0x80000000 ? (-n >>> 0) : undefined;
  }
  if (/^\+?\d{9,10}$/.test(t)) {
    // 9+ decimal digits cannot be a WU bare-hex code (those are 8 digits): unsigned decimal.
    const n = Number(t.replace('+', ''));
    return n <= 0xffffffff ? n : undefined;
  }
  if (/^[0-9A-Fa-f]{8}$/.test(t)) return parseInt(t, 16) >>> 0; // WU logs omit the 0x
  if (/^[0-9A-Fa-f]{1,7}$/.test(t)) {
    // Short forms: hex when bracketed/keyed or holding a-f, else a decimal (Win32) code.
    if (bracketed || keyed || /[A-Fa-f]/.test(t)) return parseInt(t, 16) >>> 0;
    return Number(t);
  }
  return undefined;
}

/** `0x` + 8 upper-case hex digits. */
export function formatCode(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}
