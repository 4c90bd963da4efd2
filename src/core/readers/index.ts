// Public API of the readers. Editor path: readText(document text). File path: readFile(path).
// Both run the same LogStream (detection, decoding, line splitting, line readers).
import type { FileInfo, LogRecord } from '../model/types';
import { LogStream } from './stream';

export { LogStream, MAX_CONTINUATION_LINES, MAX_CONTINUATION_CHARS } from './stream';
export { readFile, FILE_CHUNK_BYTES } from './file';
export { parseWu10 } from './wu10';
export { parseWu7 } from './wu7';
export { parseCbs } from './cbs';
export { parseReporting } from './reporting';

/** Reads a whole document's text (the editor path): all records in order plus the file summary. */
export function readText(text: string, fileName?: string): { info: FileInfo; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const stream = new LogStream((r) => records.push(r), fileName);
  stream.pushText(text);
  return { info: stream.end(), records };
}
