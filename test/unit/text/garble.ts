// Makes mojibake the way the broken tools do, from our own text: UTF-8 bytes read as GBK (code
// page 936) or Shift-JIS (932). `windows` imitates MultiByteToWideChar: a lead byte takes the
// next byte whatever it is, and an undecodable pair becomes one marker (`?`, or `・`); `whatwg`
// imitates iconv-lite / browsers: U+FFFD, and an ASCII byte after the lead is read again.
// `expected` is what a perfect repair gives: every character whose bytes were lost is one
// U+FFFD; an ASCII byte swallowed with a lost one is a space before printable text.
import * as iconv from 'iconv-lite';

export type Codepage = 'gbk' | 'shift_jis';

const isLead = (cp: Codepage, b: number): boolean => (cp === 'gbk' ? b >= 0x81 && b <= 0xfe : (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc));
const iconvName = (cp: Codepage): string => (cp === 'gbk' ? 'gbk' : 'cp932');

export interface Garbled {
  garbled: string;
  expected: string;
}

/** Byte index → index of the character it belongs to. */
function charOfByte(text: string): { bytes: Buffer; owner: number[]; chars: string[] } {
  const chars = [...text];
  const owner: number[] = [];
  const parts: Buffer[] = [];
  chars.forEach((ch, i) => {
    const b = Buffer.from(ch, 'utf8');
    parts.push(b);
    for (let k = 0; k < b.length; k++) owner.push(i);
  });
  return { bytes: Buffer.concat(parts), owner, chars };
}

function expectedOf(chars: string[], lost: Set<number>): string {
  let out = '';
  chars.forEach((ch, i) => {
    if (!lost.has(i)) out += ch;
    else if (ch.charCodeAt(0) >= 0x80) out += '\ufffd';
    else if (/^[!-~]$/.test(chars[i + 1] ?? '')) out += ' ';
  });
  return out;
}

/** Windows-style garbling with `marker` for each pair that does not decode. */
export function garbleWindows(text: string, cp: Codepage, marker = '?'): Garbled {
  const { bytes, owner, chars } = charOfByte(text);
  const lost = new Set<number>();
  let garbled = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      garbled += String.fromCharCode(b);
      i++;
    } else if (!isLead(cp, b)) {
      const s = iconv.decode(bytes.subarray(i, i + 1), iconvName(cp));
      if (s === '\ufffd') {
        garbled += marker;
        lost.add(owner[i]);
      } else garbled += s;
      i++;
    } else {
      const s = i + 1 < bytes.length ? iconv.decode(bytes.subarray(i, i + 2), iconvName(cp)) : '\ufffd';
      if (s.length !== 1 || s === '\ufffd') {
        garbled += marker;
        lost.add(owner[i]);
        if (i + 1 < bytes.length) lost.add(owner[i + 1]);
      } else garbled += s;
      i += 2;
    }
  }
  return { garbled, expected: expectedOf(chars, lost) };
}

/** iconv-lite's own decoding: U+FFFD for what does not decode, ASCII read again. */
export function garbleWhatwg(text: string, cp: Codepage): string {
  return iconv.decode(Buffer.from(text, 'utf8'), iconvName(cp));
}
