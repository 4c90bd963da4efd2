// Streaming byte -> text decoding. TextDecoder in stream mode keeps multi-byte characters
// (UTF-8 sequences, UTF-16 code units and surrogate pairs) that a chunk boundary splits.
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

/** Decodes chunks of one file in order; `end()` flushes a dangling partial character. */
export class ChunkDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private bomToSkip: number;

  constructor(sniff: ByteSniff) {
    this.decoder = new TextDecoder(label(sniff.encoding), { ignoreBOM: true });
    this.bomToSkip = sniff.bomLength;
  }

  push(chunk: Uint8Array): string {
    if (this.bomToSkip > 0) {
      const skip = Math.min(this.bomToSkip, chunk.length);
      this.bomToSkip -= skip;
      chunk = chunk.subarray(skip);
    }
    return chunk.length ? this.decoder.decode(chunk, { stream: true }) : '';
  }

  end(): string {
    return this.decoder.decode();
  }
}
