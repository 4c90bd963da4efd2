// Streaming byte -> text decoding. TextDecoder in stream mode keeps multi-byte characters
// (UTF-8 sequences, UTF-16 code units and surrogate pairs) that a chunk boundary splits.
import { Buffer, isAscii } from 'node:buffer';
import type { TextEncoding } from '../model/types';
import type { ByteSniff } from './encoding';

function label(encoding: TextEncoding): string {
  switch (encoding) {
    case 'utf16le':
      return 'utf-16le';
    case 'utf16be':
      return 'utf-16be';
    default:
      return 'utf-8';
  }
}

/** Decodes a complete head sample (detection only; a cut last character becomes U+FFFD). */
export function decodeHead(bytes: Uint8Array, sniff: ByteSniff): string {
  return new TextDecoder(label(sniff.encoding), { ignoreBOM: true }).decode(bytes.subarray(sniff.bomLength));
}

/** The chunk ends on a UTF-8 character boundary (no partial sequence left in a decoder). */
function endsOnBoundary(chunk: Uint8Array): boolean {
  const n = chunk.length;
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = chunk[n - back];
    if (b < 0x80) return true;
    if (b >= 0xc0) return back === (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2);
  }
  return false;
}

/** Decodes chunks of one file in order; `end()` flushes a dangling partial character. */
export class ChunkDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private bomToSkip: number;
  private readonly utf8: boolean;
  /** The TextDecoder holds no partial character: an ASCII chunk may bypass it. */
  private idle = true;
  /** Every chunk so far was ASCII (then no decoded text can hold anything beyond U+007F). */
  allAscii = true;

  constructor(sniff: ByteSniff) {
    this.decoder = new TextDecoder(label(sniff.encoding), { ignoreBOM: true });
    this.bomToSkip = sniff.bomLength;
    this.utf8 = sniff.encoding === 'utf8' || sniff.encoding === 'utf8bom';
  }

  push(chunk: Uint8Array): string {
    if (this.bomToSkip > 0) {
      const skip = Math.min(this.bomToSkip, chunk.length);
      this.bomToSkip -= skip;
      chunk = chunk.subarray(skip);
    }
    if (chunk.length === 0) return '';
    if (this.utf8) {
      // Most logs are ASCII: a one-byte copy is ten times faster than UTF-8 decoding.
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (this.idle && isAscii(buf)) return buf.toString('latin1');
      this.idle = endsOnBoundary(chunk);
    }
    this.allAscii = false;
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    return this.decoder.decode();
  }
}
