// Display width of text in a monospaced terminal or editor: East Asian wide and full-width
// characters (hanzi, kana, Hangul, full-width punctuation) take two columns, combining marks
// none. Used to align plain-text tables and to cut labels by what they take on screen.

/** [start, end] code point ranges of wide (W) and full-width (F) characters. */
const WIDE: [number, number][] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf],
  [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff], [0x20000, 0x3fffd],
];

function isWide(c: number): boolean {
  if (c < 0x1100) return false;
  for (const [a, b] of WIDE) {
    if (c < a) return false;
    if (c <= b) return true;
  }
  return false;
}

const isZeroWidth = (c: number): boolean => (c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || (c >= 0xfe00 && c <= 0xfe0f);

/** Columns one character (code point) takes. */
export function charWidth(c: number): number {
  return isZeroWidth(c) ? 0 : isWide(c) ? 2 : 1;
}

/** Columns `s` takes. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0) as number);
  return w;
}

/** `s` padded with spaces to `width` columns. */
export function padToWidth(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

/** `s` cut to at most `width` columns (whole characters), with `…` when cut. */
export function truncateToWidth(s: string, width: number): string {
  if (s.length <= width / 2) return s;
  let w = 0;
  let out = '';
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0) as number);
    if (w + cw > width - 1) {
      // Cut only when the rest does not fit either.
      return displayWidth(s) <= width ? s : `${out}…`;
    }
    w += cw;
    out += ch;
  }
  return s;
}
