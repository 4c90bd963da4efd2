// The text of a whole log file's bytes (UTF-8 with or without BOM, UTF-16 LE/BE), as the
// readers decode it; undefined for binary files (ETL and others).
import { ChunkDecoder } from '../text/decode';
import { sniffBytes } from '../text/encoding';

const SNIFF = 64 * 1024;

export function textOfBytes(bytes: Uint8Array, fileName?: string): string | undefined {
  const sniff = sniffBytes(bytes.subarray(0, SNIFF), fileName);
  if (sniff.etl || sniff.encoding === 'binary') return undefined;
  const decoder = new ChunkDecoder(sniff);
  return decoder.push(bytes) + decoder.end();
}
