// Reads a log file from disk through LogStream in 1 MB chunks (the CLI and files too large for the editor).
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import type { FileInfo, LogRecord } from '../model/types';
import { LogStream } from './stream';

export const FILE_CHUNK_BYTES = 1024 * 1024;

/** Streams `filePath` into `onRecord`; rejects only on I/O errors (missing file, no permission). */
export async function readFile(filePath: string, onRecord: (record: LogRecord) => void): Promise<FileInfo> {
  const stream = new LogStream(onRecord, path.basename(filePath));
  const input = createReadStream(filePath, { highWaterMark: FILE_CHUNK_BYTES });
  for await (const chunk of input) stream.pushBytes(chunk as Buffer);
  return stream.end();
}
