// What both file paths (local disk in files.ts, a virtual workspace in the VS Code layer) share:
// which names are servicing logs, sniffing a file head, and feeding one file into an Analyzer.
import type { FileInfo, Level } from '../model/types';
import { LogStream } from '../readers';
import type { Analyzer } from './analyzer';

/** Names that are servicing logs whatever their content looks like at first (ETL files are decoded, archives read). */
const KNOWN_NAME = /^(?:WindowsUpdate.*\.(?:log|txt)|CBS\.log|CbsPersist_.*\.log|dism.*\.log|setupact\.log|setuperr\.log|ReportingEvents\.log)$|\.(?:etl|zip|cab)$/i;
/** Other names worth sniffing (text logs under another name). */
const SNIFF_NAME = /\.(?:log|txt|bak)$/i;
/** How much of a file's head the sniff reads. */
export const SNIFF_BYTES = 64 * 1024;

/** How a folder walk treats a file name: take it, read its head first, or skip it. */
export function walkDecision(name: string): 'take' | 'sniff' | 'skip' {
  if (KNOWN_NAME.test(name)) return 'take';
  return SNIFF_NAME.test(name) ? 'sniff' : 'skip';
}

/** Folders a walk does not enter. */
export function skipFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** Whether the head of a file reads as one of our log formats. */
export function headLooksLikeLog(head: Uint8Array, fileName: string): boolean {
  const s = new LogStream(() => undefined, fileName);
  s.pushBytes(head.subarray(0, SNIFF_BYTES));
  return s.end().format !== 'unknown';
}

/** A stream that feeds one file's records into `a` as file `idx`; `end()` records its format. */
export interface FileFeed {
  pushBytes(chunk: Uint8Array): void;
  pushText(text: string): void;
  end(): FileInfo;
}

/**
 * `levelOf` (decoded ETL text): the level a record's line really has (its ETW level), given the
 * level the reader saw in the text. Such text is read whole (the gate judges by what the text shows).
 */
export function feedFile(a: Analyzer, idx: number, fileName: string, levelOf?: (line: number, level: Level | undefined) => Level | undefined): FileFeed {
  let known = false;
  const stream: LogStream = new LogStream((rec) => {
    if (levelOf) rec.level = levelOf(rec.line, rec.level);
    if (!known) {
      // The format is known once the first record is out: the analyzer reads records by format.
      a.setFormat(idx, stream.format);
      known = true;
    }
    a.push(idx, rec);
  }, fileName, levelOf ? undefined : (format) => a.gate(idx, format));
  return {
    pushBytes: (chunk) => stream.pushBytes(chunk),
    pushText: (text) => stream.pushText(text),
    end: () => {
      const info = stream.end();
      a.setFormat(idx, info.format);
      return info;
    },
  };
}
