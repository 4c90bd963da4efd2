// Byte-level sniffing: which text encoding a file uses, or whether it is binary (ETL or other).
import type { TextEncoding } from '../model/types';

export interface ByteSniff {
  encoding: TextEncoding;
  /** Bytes of BOM to skip (0, 2 or 3). */
  bomLength: number;
  /** The bytes look like an ETL trace buffer (binary Windows event trace). */
  etl: boolean;
}

/** ETL files start with a WMI buffer header: buffer size (multiple of 1 KB), then a system trace header marker (0x02 0xC0) at 0x4A. */
export function looksLikeEtl(head: Uint8Array, fileName?: string): boolean {
  if (head.length >= 0x4c) {
    const size = head[0] | (head[1] << 8) | (head[2] << 16) | (head[3] << 24);
    if (size >= 1024 && size <= 0x4000000 && size % 1024 === 0 && head[0x4a] === 0x02 && head[0x4b] === 0xc0) return true;
  }
  return !!fileName && /\.etl$/i.test(fileName) && countNul(head, 4096) > 0;
}

function countNul(b: Uint8Array, limit: number): number {
  let n = 0;
  const end = Math.min(b.length, limit);
  for (let i = 0; i < end; i++) if (b[i] === 0) n++;
  return n;
}

/**
 * Decides the encoding from the first bytes. BOMs win; without a BOM, text where most odd bytes
 * are NUL and even bytes are not is UTF-16LE (ASCII-range text saved as "Unicode" by Windows tools);
 * other NULs mean binary.
 */
export function sniffBytes(head: Uint8Array, fileName?: string): ByteSniff {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8bom', bomLength: 3, etl: false };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2, etl: false };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bomLength: 2, etl: false };
  const end = Math.min(head.length, 8192) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < end; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = end / 2;
  if (evenNul === 0 && oddNul === 0) return { encoding: 'utf8', bomLength: 0, etl: false };
  if (looksLikeEtl(head, fileName)) return { encoding: 'binary', bomLength: 0, etl: true };
  if (pairs >= 2 && oddNul >= pairs * 0.6 && evenNul <= pairs * 0.02) return { encoding: 'utf16le', bomLength: 0, etl: false };
  if (pairs >= 2 && evenNul >= pairs * 0.6 && oddNul <= pairs * 0.02) return { encoding: 'utf16be', bomLength: 0, etl: false };
  return { encoding: 'binary', bomLength: 0, etl: false };
}
